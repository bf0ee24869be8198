"""The user-facing shell: the `sohoa` command line and the Qt GUI (the only Qt importer)."""
