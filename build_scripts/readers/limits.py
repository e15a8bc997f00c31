"""Bounds on the work one file may cost, checked before a library is handed the file: the expanded size of a
Word package and the nesting depth of a web page. Each refusal names the cap, so that one hostile or broken
file is refused in a second instead of filling the memory or hanging the build."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import ReadError

# A real report of a few hundred pages with its images expands to some tens of MB; 3 GB is a zip bomb.
MAX_EXPANDED_BYTES = 300 * 1024 * 1024
# Word's XML compresses about 10:1; an entry that expands over 200 times its compressed size is no document
# (Apache POI refuses under 1:100 by default). Entries too small to matter are not judged by their ratio.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 10_000
# Browsers and libxml2 cap nesting at a few hundred levels; saved articles nest a few dozen.
MAX_HTML_DEPTH = 256


def _size(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def check_zip_package(path: Path) -> None:
    """Refuse a zip package (.docx) whose entries would expand past the caps; the sizes are the ones the zip
    declares, which Python's zipfile then enforces while reading (a lying entry fails its check)."""
    hint = "open it in Word or LibreOffice, remove what is not the report (large images, embedded files), save it again"
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the Word reader says so in its own words
    if len(entries) > MAX_ENTRIES:
        raise ReadError(f"Word package has {len(entries)} parts, over the cap of {MAX_ENTRIES}", hint)
    total = sum(e.file_size for e in entries)
    if total > MAX_EXPANDED_BYTES:
        raise ReadError(f"Word package expands to {_size(total)}, over the cap of {_size(MAX_EXPANDED_BYTES)} "
                        "(a compressed 'zip bomb' or a document full of embedded files)", hint)
    for e in entries:
        if e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise ReadError(f"Word package part '{e.filename}' expands {e.file_size // max(e.compress_size, 1)} "
                            f"times its compressed size, over the cap of {MAX_RATIO} (a compressed 'zip bomb')",
                            hint)


def check_html_depth(text: str) -> None:
    """Refuse a web page whose elements nest deeper than the cap (counted by libxml2's own HTML parser in one
    pass, with browsers' implicit closing of <p>, <li>, <td>...)."""
    from lxml import etree

    class Depth:
        """Parser target that only counts how deep the open elements go, and stops past the cap."""

        def __init__(self) -> None:
            self.depth = self.deepest = 0

        def start(self, tag: str, attrib: dict) -> None:
            self.depth += 1
            if self.depth > self.deepest:
                self.deepest = self.depth
                if self.deepest > MAX_HTML_DEPTH:
                    raise _TooDeep()

        def end(self, tag: str) -> None:
            self.depth -= 1

        def close(self) -> int:
            return self.deepest

    parser = etree.HTMLParser(target=Depth())
    try:
        parser.feed(text)
        parser.close()
    except _TooDeep:
        raise ReadError(f"web page nests its elements more than {MAX_HTML_DEPTH} levels deep, over the cap",
                        "save the page again from a browser ('Save as… web page, HTML only'), or paste the "
                        "article's text into a .txt or .docx file") from None
    except (etree.LxmlError, ValueError):
        return  # unparsable here: Beautiful Soup is more tolerant and the reader says what it finds


class _TooDeep(Exception):
    """Raised inside the parser target to stop at the first element past the cap."""
