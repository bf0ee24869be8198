"""Data files shipped with the station: procedure catalog, translations, icons."""
