"""The station's use cases, shared by every frontend: the capture session, import and the hot
folder, analysis scheduling, the counter session, finishing, and the application context.

Qt-free: it may import station, drivers and sync, never Qt and never ui. The GUI and the CLI
are thin frontends over it; the GUI subscribes to its plain events through ui/events.py.
"""
