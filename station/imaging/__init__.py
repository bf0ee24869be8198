"""Page image steps: pure functions, numpy in, results or numpy out. Images are BGR (as OpenCV
reads the stored originals) or gray, uint8; callers convert 16-bit sources first."""
