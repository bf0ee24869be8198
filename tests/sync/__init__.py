"""Tests of the sync package (outbox client and reference hub)."""
