"""Tests of the sync package (outbox and upload client)."""
