"""Plain-text and Markdown reports: decode any legacy encoding, normalise, split curated front-matter."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from charset_normalizer import from_bytes

from ..models import SourceDocument
from ..text import french_spellings
from .errors import ReadError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Spaces that look like a space but are not one; French typography puts them before ':' and '%'.
SPACE_LIKE = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0 and C1 controls (tab and line breaks aside), and the bidirectional controls that reorder what follows them
# on screen ("Trojan Source"): a French report has no use for them, and they can make text read backwards.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Windows-1252 printable characters that are C1 controls in Latin-1: their presence tells cp1252.
CP1252_ONLY = set(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes, returning (text, encoding name); raise ReadError for binary data."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {name} byte-order mark but does not decode ({exc.reason})",
                                "re-save the file as UTF-8") from exc
    if b"\x00" in data[:4096]:
        raise ReadError("looks like a binary file (it contains NUL bytes), not a text report",
                        "save the report as .txt, .md, .docx, .pdf or .html")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if any(b in CP1252_ONLY for b in data) or _looks_western(data):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("is not text in any encoding we can recognise",
                        "open it in a text editor and save it as UTF-8")
    return str(best), best.encoding


def _looks_western(data: bytes) -> bool:
    """High bytes that are Latin-1/cp1252 French letters (é, è, à, ç, ô...) and nothing exotic."""
    high = [b for b in data if b >= 0x80]
    french = set(b"\xe0\xe2\xe7\xe8\xe9\xea\xeb\xee\xef\xf4\xf9\xfb\xfc\xff\xc0\xc2\xc7\xc8\xc9\xca\xcb\xce\xcf"
                 b"\xd4\xd9\xdb\xdc\xab\xbb\xb0\xa0\xb2\xb3\xba\xaa\x80\x85\x8c\x91\x92\x93\x94\x96\x97\x9c")
    return bool(high) and sum(b in french for b in high) >= 0.9 * len(high)


def normalise_text(text: str) -> str:
    """Unicode NFC, '\\n' line endings, plain spaces for look-alike spaces, no invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = INVISIBLE.sub("", text)
    text = SPACE_LIKE.sub(" ", text)
    text = CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = ACUTE_APOSTROPHE.sub("’", text) if "\u00b4" in text else text
    return GARBLED_WORD.sub(_restore_accents, text) if "\ufffd" in text else text


# an acute accent typed for an apostrophe between two letters: 'l´Hygiène', 'd´une' (a keyboard's dead key)
ACUTE_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u00b4(?=[^\W\d_])")


# a word whose accented letters were lost to a wrong decoding upstream ('r\ufffdunion', 'organis\ufffde'): one
# replacement character for each accented letter
GARBLED_WORD = re.compile(r"\w*\ufffd[\w\ufffd]*")


def _restore_accents(m: re.Match[str]) -> str:
    """The word with its accented letters back, as the French word list spells it ('é' when the list does not know
    the word: the most frequent accent in French)."""
    word = m.group(0)
    spellings = french_spellings()
    if word.count("\ufffd") <= 3:
        keys = [word.lower()]
        for _ in range(word.count("\ufffd")):
            keys = [k.replace("\ufffd", v, 1) for k in keys for v in "eaiouc"]
        for key in keys:
            for spelling in spellings.get(key, ()):
                if len(spelling) == len(word):
                    return "".join(s if ch == "\ufffd" else ch for ch, s in zip(word, spelling))
    return word.replace("\ufffd", "é")


class CuratedLoader(yaml.SafeLoader):
    """YAML for curated values, read as text: field names are the words as written (``no:`` stays 'no', not
    False), dates stay strings (an impossible one is a warning on its field, not a lost report), and aliases
    (``*name``) are refused, so that a few hundred bytes cannot expand to gigabytes ("billion laughs")."""

    yaml_implicit_resolvers = {first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
                               for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in curated values",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(None, None, "expected 'field: value' lines", node.start_mark)
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(None, None, "a field name must be a word, not a list or "
                                                        "a mapping", key_node.start_mark)
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


MAX_CURATED_BYTES = 64 * 1024  # a sidecar holds a few lines of metadata


def load_curated(text: str, what: str, fix: str) -> dict[str, Any]:
    """Curated values from YAML text; ``what`` names where they come from in the messages."""
    if len(text.encode("utf-8")) > MAX_CURATED_BYTES:
        raise ReadError(f"{what} is over the cap of {MAX_CURATED_BYTES // 1024} kB of curated values", fix)
    try:
        data = yaml.load(text, Loader=CuratedLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(f"{what} is not valid YAML{where}: {problem}", fix) from exc
    except RecursionError as exc:
        raise ReadError(f"{what} nests its values too deeply", fix) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(f"{what} is not a mapping of field: value", "write one 'field: value' per line")
    return {key: _plain(value) for key, value in data.items()}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Separate curated YAML front-matter (if the file starts with '---') from the report body."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    try:
        fm, content = frontmatter.YAMLHandler().split(text)
    except ValueError:  # no closing '---': the whole file is the report, as python-frontmatter reads it
        return {}, text
    curated = load_curated(fm, "curated front-matter", "fix the YAML between the two '---' lines at the top of the file")
    return curated, content.strip()


def load_sidecar(path: Path) -> dict[str, Any]:
    """Curated metadata from a sidecar YAML file (e.g. 'report.meta.yml')."""
    fix = "fix the YAML syntax (one 'field: value' per line)"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"sidecar {path.name} is not UTF-8 text", "save it as UTF-8") from exc
    return load_curated(text, f"sidecar {path.name}", fix)


def _plain(value: Any) -> Any:
    """Curated text cleaned as report text is (no control, invisible or direction-changing characters)."""
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def make_document(source: str, text: str, fmt: str, encoding: str, *, allow_front_matter: bool) -> SourceDocument:
    """Normalise text, split curated front-matter and fingerprint the body."""
    text = normalise_text(text)
    curated: dict[str, Any] = {}
    if allow_front_matter:
        curated, text = split_front_matter(text)
    if not text.strip():
        raise ReadError("is empty (no report text)" if not curated else "has front-matter but no report text",
                        "add the report's text, or remove the file from the source folder")
    digest = hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()
    return SourceDocument(source=source, text=text, fmt=fmt, encoding=encoding, sha256=digest,
                          curated=curated, curated_origin="front-matter" if curated else "")


def _read(path: Path, source: str, fmt: str) -> SourceDocument:
    text, encoding = decode_bytes(path.read_bytes())
    if fmt == "text" and looks_like_markdown(text):
        fmt = "markdown"
    return make_document(source, text, fmt, encoding, allow_front_matter=True)


def looks_like_markdown(text: str) -> bool:
    """A .txt export that is really Markdown: several ATX headings and balanced bold markers."""
    headings = len(re.findall(r"(?m)^#{1,6} +\S", text))
    bold = len(re.findall(r"\*\*", text))
    return headings >= 2 and bold >= 2 and bold % 2 == 0


def read_text(path: Path, source: str) -> SourceDocument:
    """A plain-text report: every character shows as written."""
    return _read(path, source, "text")


def read_markdown(path: Path, source: str) -> SourceDocument:
    """A Markdown report: headings, lists and emphasis kept, anything else shown as written."""
    return _read(path, source, "markdown")
