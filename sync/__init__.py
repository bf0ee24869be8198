"""Outbox queue, upload client and reference hub (no Qt). Built in the sync issue."""
