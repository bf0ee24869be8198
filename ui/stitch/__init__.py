"""Scanning in parts: the dialog that guides the clerk through a sheet larger than the bed."""
