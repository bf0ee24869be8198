"""The result screen (Trả kết quả): a finished dossier's result, scanned or imported."""
