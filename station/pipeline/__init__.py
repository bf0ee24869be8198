"""The page pipeline: analyse a page, record what to do as transforms, replay them, encode."""
