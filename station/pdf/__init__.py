"""Page encodings (JPEG, MRC, lossless) and component PDF assembly, compliant with NĐ 30/2020.

PDF >= 1.4 (1.7 is written), colour kept, >= 200 dpi, 100% scale (MediaBox = paper size), pages in
the order given, one PDF per dossier component named <dossier code>.<order>.pdf, with metadata;
PDF/A-2b on request.
"""

from station.pdf.encode import encode_page
from station.pdf.metadata import PdfMetadata
from station.pdf.names import component_file_name
from station.pdf.options import EncodeOptions, Encoding
from station.pdf.page import Box, EncodedPage, Filter, Layer, RasterImage
from station.pdf.writer import write_pdf

__all__ = [
    "Box",
    "EncodeOptions",
    "EncodedPage",
    "Encoding",
    "Filter",
    "Layer",
    "PdfMetadata",
    "RasterImage",
    "component_file_name",
    "encode_page",
    "write_pdf",
]
