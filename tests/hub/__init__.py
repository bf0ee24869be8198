"""Tests of the reference hub, against a real uvicorn server on 127.0.0.1."""
