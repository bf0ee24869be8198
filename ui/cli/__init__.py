"""The `sohoa` command line."""
