"""File names for component PDFs: dossier code + "." + order number (Thông tư 02/2019/TT-BNV)."""

from __future__ import annotations

import re

# Characters Windows refuses in file names, and control characters.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# Device names Windows reserves, whatever extension follows them ("CON.1.pdf" too).
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(10)}


def component_file_name(dossier_code: str, order: int) -> str:
    """'<dossier code>.<order>.pdf'; only characters Windows refuses are replaced, by '_'.

    Spaces around the code are dropped: they come from copying it, not from the code itself.
    """
    if isinstance(order, bool) or order < 1:
        raise ValueError(f"order numbers start at 1, not {order}")
    if not dossier_code.strip():
        raise ValueError("a dossier code is required for the file name")
    code = _ILLEGAL.sub("_", dossier_code.strip())
    if code.split(".")[0].strip().upper() in _RESERVED:
        code = "_" + code
    return f"{code}.{order}.pdf"
