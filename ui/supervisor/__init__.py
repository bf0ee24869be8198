"""The supervisor screen: figures per station, clerk and day, charts, exports, the PDF report.

Opened from the main window behind a supervisor login (`flow.py`); one controller
(`controller.py`) reads figures through a `ReportSource` off the GUI thread.
"""
