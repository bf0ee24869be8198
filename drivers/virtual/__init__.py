"""The virtual scanner backend: no hardware, realistic pages, every fault on demand."""

from drivers.virtual.driver import RESOLUTIONS, VirtualDriver
from drivers.virtual.options import VirtualOptions, parse_virtual_options

__all__ = ["RESOLUTIONS", "VirtualDriver", "VirtualOptions", "parse_virtual_options"]
