"""Character recognition of scans with ocrmypdf and Tesseract's French model, kept by the file's digest.

`recognised_copy(path)` gives a copy of the PDF with a text layer; the PDF reader reads it like any other. The
copies live in a folder the build names (`use_cache`, the project's cache folder); without one, in a temporary
folder for this run only. Recognition runs over the pages in parallel (one process per core).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReadError

LANGUAGE = "fra"
_folder: Path | None = None


def use_cache(folder: Path | None) -> None:
    """Keep recognised copies in this folder (None: recognise again on every run)."""
    global _folder
    _folder = folder


class OcrCache:
    """Recognised copies by the digest of the scanned file's bytes: get, put, nothing more."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, digest: str) -> Path:
        return self.folder / f"{digest}.pdf"

    def get(self, digest: str) -> Path | None:
        path = self.path(digest)
        return path if path.is_file() and path.stat().st_size else None

    def put(self, digest: str, made: Path) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        os.replace(made, self.path(digest))
        return self.path(digest)


def missing_tools() -> str:
    """What to install for character recognition, or '' when it is all there."""
    if not shutil.which("ocrmypdf") or not shutil.which("tesseract"):
        return "apt-get install ocrmypdf tesseract-ocr-fra"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return "apt-get install tesseract-ocr-fra"
    return "" if LANGUAGE in langs.split() else "apt-get install tesseract-ocr-fra"


def recognised_copy(path: Path, pages: int = 1) -> Path:
    """A copy of the PDF with a text layer made by character recognition (from the cache when there)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    folder = _folder / "ocr" if _folder else Path(tempfile.gettempdir()) / f"kb-ocr-{os.getuid()}"
    cache = OcrCache(folder)
    found = cache.get(digest)
    if found:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")
    os.close(fd)
    try:
        run_ocr(path, Path(tmp), timeout=60 + 60 * pages)
        return cache.put(digest, Path(tmp))
    finally:
        Path(tmp).unlink(missing_ok=True)


def run_ocr(source: Path, target: Path, timeout: int = 600) -> None:
    """ocrmypdf over every page (a stamped line is recognised with the rest), French model."""
    command = ["ocrmypdf", "-l", LANGUAGE, "--force-ocr", "--output-type", "pdf", "--optimize", "0",
               "--jobs", str(max(1, os.cpu_count() or 1)), "--quiet", str(source), str(target)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReadError(f"is a scan and character recognition failed ({exc})",
                        "check that ocrmypdf runs on it by hand, or provide the text as .txt/.docx") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise ReadError(f"is a scan and character recognition failed ({reason})",
                        "check that ocrmypdf runs on it by hand, or provide the text as .txt/.docx")
