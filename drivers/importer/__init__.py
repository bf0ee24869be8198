"""File import (PDF, TIFF, JPEG, PNG, GIF, BMP) and a watched hot folder for scanners that save
to disk. No Qt; errors are StationError codes (IMPORT_*), never sentences."""

from drivers.importer.files import import_file, import_files
from drivers.importer.hot_folder import HotFolder
from drivers.importer.model import DEFAULT_DPI, MAX_PIXELS, ImportedPage, ImportResult
from drivers.importer.pdf import PDF_IMAGE_MODES

__all__ = [
    "DEFAULT_DPI",
    "MAX_PIXELS",
    "PDF_IMAGE_MODES",
    "HotFolder",
    "ImportResult",
    "ImportedPage",
    "import_file",
    "import_files",
]
