"""Extraction: report text -> body blocks, metadata fields and citable units (no file I/O, no MkDocs)."""
