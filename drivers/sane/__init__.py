"""SANE backend (Linux): libsane through ctypes, behind the driver contract."""
