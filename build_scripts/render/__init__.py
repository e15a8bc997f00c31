"""Rendering: classified reports -> {path under docs/: text}, by jobs (pages.py); never reads or writes a file.
Citations (cite.py), feeds, charts, HTML and Markdown text, and the search vocabulary are its helpers."""

from .pages import DEFAULT_BASE_URL, Job, Renderer

__all__ = ["DEFAULT_BASE_URL", "Job", "Renderer"]
