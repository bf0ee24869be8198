"""TWAIN scanners on Windows through pytwain (imported lazily; absent elsewhere)."""

from drivers.twain.driver import TwainDriver

__all__ = ["TwainDriver"]
