"""Station data is the citizens' papers: folders 0700 and files 0600, readable by the clerk's
account alone. The store creates them so; this finds what is wider (data from an older
version, a copy made by hand) and narrows it.

On Windows mode bits mean little: `restrict_folder_acl` gives the data folder an ACL of its own
(the user and Administrators, nothing inherited) with icacls, and the scan finds nothing.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077


@dataclass(frozen=True)
class WidePermission:
    """A path others than its owner may use: `mode` as found, `allowed` at most."""

    path: Path
    mode: int
    allowed: int

    @property
    def extra(self) -> int:
        """The bits beyond what is allowed (group and others)."""
        return self.mode & ~self.allowed


def set_private_umask() -> int:
    """Files and folders made from now on by this process (SQLite's journal, a library's
    temporary file) are the owner's alone. Returns the previous umask. Call once at start."""
    return os.umask(PRIVATE_UMASK)


def find_wide_permissions(home: Path) -> list[WidePermission]:
    """Every folder and file under `home` (itself included) wider than 0700 / 0600; symlinks
    are not followed. Empty on Windows (see `restrict_folder_acl`)."""
    if os.name == "nt" or not home.exists():
        return []
    found = _check(home)
    for root, folders, files in os.walk(home):
        for name in [*folders, *files]:
            found += _check(Path(root) / name)
    return found


def _check(path: Path) -> list[WidePermission]:
    try:
        info = path.lstat()
    except OSError:  # gone meanwhile
        return []
    if stat.S_ISLNK(info.st_mode):
        return []
    allowed = PRIVATE_DIR if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
    mode = stat.S_IMODE(info.st_mode)
    return [WidePermission(path, mode, allowed)] if mode & ~allowed else []


def narrow_permissions(findings: list[WidePermission]) -> list[WidePermission]:
    """Take the extra bits away; returns the findings that could not be changed."""
    failed = []
    for finding in findings:
        try:
            os.chmod(finding.path, finding.mode & finding.allowed, follow_symlinks=False)
        except (OSError, NotImplementedError):
            failed.append(finding)
    return failed


@dataclass(frozen=True)
class DataFolderCheck:
    """What a frontend finds when it starts on the data folder (`check_data_folder`)."""

    wide: list[WidePermission]  # POSIX: wider than 0700 / 0600
    acl_failed: bool  # Windows: icacls could not restrict the folder's ACL


def protect_data_folder(home: Path) -> bool:
    """At start, once the data folder exists: on Windows its ACL is restricted
    (`restrict_folder_acl`); elsewhere the umask and the modes do the job and this does
    nothing. False only on Windows when that failed: the caller warns, the next start retries."""
    if os.name != "nt":
        return True
    return restrict_folder_acl(home)


def check_data_folder(home: Path) -> DataFolderCheck:
    """Protect the folder, then look for what is still wide open (`sohoa check` lists it)."""
    acl_failed = not protect_data_folder(home)
    return DataFolderCheck(find_wide_permissions(home), acl_failed)


def restrict_folder_acl(home: Path) -> bool:
    """Windows only: the data folder's ACL becomes the current user and Administrators, with
    full control inherited by everything inside, and nothing inherited from above. Returns
    whether icacls succeeded; False (doing nothing) elsewhere."""
    if os.name != "nt":
        return False
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    if not user:
        return False
    account = f"{domain}\\{user}" if domain else user
    command = [
        "icacls", str(home),
        "/inheritance:r",  # drop what the parent (e.g. a shared drive) would grant
        "/grant:r", f"{account}:(OI)(CI)F",
        "/grant:r", "*S-1-5-32-544:(OI)(CI)F",  # BUILTIN\Administrators, by SID: any language
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
