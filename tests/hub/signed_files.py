"""A component PDF signed by the test CA's clerk, as a station sends one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from station.pades.keys import Pkcs12Key, open_session
from station.pades.sign import Stamp, sign_pdf
from tests.station.pades.conftest import component_pdf
from tests.station.pades.support import CLERK, PASSWORD, CaBundle, pkcs12_file


def signed_component_pdf(folder: Path, ca: CaBundle, pages: int = 1) -> Path:
    path = folder / "c.pdf"
    path.write_bytes(component_pdf(pages))
    key = Pkcs12Key(pkcs12_file(folder, ca.clerk, ca), PASSWORD.encode())
    with open_session(key) as session:
        sign_pdf(path, session, Stamp(CLERK, datetime.now(UTC)))
    return path
