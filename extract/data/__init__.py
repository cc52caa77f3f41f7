"""Data files of the extractor, and the script that builds the division-code table."""
