"""The only code that knows cache keys and cache files: caching as a layer beside the steps, driven by build.py.

Stage 1 (``Extractions``): a source file's stat signature -> its extraction record (front-matter, statements,
acronyms, digests), so an unchanged file is neither read nor extracted; its body (text, blocks, provenance) is in
a store read only for the pages made again, or to curate the same text again after its sidecar changed. Stage 2
(``Pages``): the digest of a job's inputs -> the digests of the files it made, so a job whose files are on disk as
made is not run; the related reports with their inputs, so that only those a change can affect are made again.
Corpus-wide results (same-report groups, follow-up statuses) are kept by the signature of their inputs (``Memo``).

The cache holds data, not code: JSON, whose loader builds only lists, dictionaries, text and numbers (plus
tuples and the pipeline's own dataclasses, named in CLASSES). It lives in the project that holds the docs
folder, or under $XDG_CACHE_HOME, never beside an arbitrary --docs, and a folder others can write is not used."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import stat
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from . import digest
from .models import Block, Found, Problem, Report, SourceDocument, Unit
from .write import atomic_write

PACKAGE = Path(__file__).parent
CLASSES = {cls.__name__: cls for cls in (Block, Found, Problem, SourceDocument, Unit)}
_SCALARS = (str, int, float, bool, type(None))


def _encode(obj: Any) -> Any:
    """Plain JSON data for a cached value: tuples, dataclasses and dictionaries with other keys tagged."""
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    if kind is list:
        return [_encode(v) for v in obj]
    if kind is tuple:
        return {"~t": [_encode(v) for v in obj]}
    if kind is dict:
        if all(type(k) is str and not k.startswith("~") for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"~m": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if kind.__name__ in CLASSES and CLASSES[kind.__name__] is kind:
        return {"~d": kind.__name__, "~f": {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot cache a {kind.__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if "~t" in obj:
        return tuple(obj["~t"])
    if "~m" in obj:
        return {k: v for k, v in obj["~m"]}
    if "~d" in obj:
        return CLASSES[obj["~d"]](**obj["~f"])
    return obj


def dumps(data: Any) -> bytes:
    return json.dumps(_encode(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> Any:
    return json.loads(data, object_hook=_decode)


def _load_file(path: Path) -> Any:
    """A cache file's data; None when it is missing or damaged (a damaged cache is only a slower build)."""
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def cache_folder(docs: Path, explicit: Path | None, project_root: Path) -> tuple[Path | None, str]:
    """Where the cache of a build into ``docs`` lives, and why none is used ('' when one is): ``explicit``, else
    .cache/kb in the project holding docs (the folder with mkdocs.yml), else a folder per docs folder under
    $XDG_CACHE_HOME or this project's .cache. A folder other users can write is refused (they could plant data)."""
    docs = docs.resolve()
    if explicit is not None:
        folder = explicit
    elif (docs.parent / "mkdocs.yml").is_file():
        folder = docs.parent / ".cache" / "kb"
    else:
        base = Path(os.environ["XDG_CACHE_HOME"]) if os.environ.get("XDG_CACHE_HOME") else project_root / ".cache"
        folder = base / "base-de-connaissances" / digest.of_text(str(docs))[:16]
    unsafe = _writable_by_others(folder.resolve())
    if unsafe:
        return None, (f"the cache folder {folder} is not used: {unsafe} can be written by other users — "
                      "pass --cache DIR with a folder of your own (the build runs without a cache)")
    return folder, ""


def _writable_by_others(folder: Path) -> str:
    """The first existing folder on the way to ``folder`` that another user could write into, else ''.
    A sticky folder (/tmp) is fine only as a parent: what is made inside it must be ours."""
    me = os.getuid() if hasattr(os, "getuid") else None
    for depth, path in enumerate([folder, *folder.parents]):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        except OSError:
            return str(path)
        if me is None:
            return ""
        others_write = bool(st.st_mode & stat.S_IWOTH)
        sticky = bool(st.st_mode & stat.S_ISVTX)
        if st.st_uid not in (me, 0) or (others_write and not sticky):
            return str(path)
        if others_write and sticky and depth == 0:
            return str(path)
    return ""


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of every Python module, template and vocabulary file of the package (tools/ is outside it):
    any change empties the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".j2", ".yml", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def document_key(source: str, sha256: str, fmt: str, curated: dict[str, Any], extra: str = "") -> str:
    """What an extraction depends on: the file's name and text, its curated values, the code and vocabulary."""
    payload = json.dumps([source, sha256, fmt, curated, extra, code_version()], sort_keys=True, default=str)
    return digest.of_text(payload)


class Cache:
    """A dictionary kept between builds, one folder per code version, its entries spread over 256 JSON files by the
    first two hex digits of their key: a build that changes a few entries rewrites a few small files (with 16, a
    corrected title rewrote two files of 650 records each at 10,000 reports). Entries not used by a build are
    dropped."""

    SHARDS = [f"{n:02x}" for n in range(256)]

    def __init__(self, folder: Path | None, name: str) -> None:
        self.path = folder / f"{name}-{code_version()}" if folder else None
        self.stale = [p for p in folder.glob(f"{name}-*") if p != self.path] if folder and folder.is_dir() else []
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = 0
        self.added = 0
        self.loaded: dict[str, int] = {}  # shard -> entries read from it
        self.dirty: set[str] = set()
        for shard in self.SHARDS if self.path and self.path.is_dir() else []:
            entries = _load_file(self.path / shard)  # type: ignore[operator]
            if not isinstance(entries, dict):
                entries = {}  # a damaged cache is only a slower build
            self.old.update(entries)
            self.loaded[shard] = len(entries)

    def get(self, key: str) -> Any:
        if key in self.old:
            self.hits += 1
            self.new[key] = self.old[key]
            return self.new[key]
        return None

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value
        self.added += 1
        self.dirty.add(key[:2])

    def save(self) -> None:
        """Write the shards that changed (an entry added or dropped), atomically; older versions are removed."""
        if not self.path:
            return
        for stale in self.stale:
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        shards: dict[str, dict[str, Any]] = {shard: {} for shard in self.SHARDS}
        for key, value in self.new.items():
            shards.setdefault(key[:2], {})[key] = value
        for shard, entries in shards.items():
            if shard in self.dirty or len(entries) != self.loaded.get(shard, 0) or not (self.path / shard).exists():
                _dump(self.path / shard, entries)


def load_state(folder: Path | None, name: str) -> dict[str, Any]:
    """A small plain-data file of the last build (source signatures, corpus-wide results); {} when absent."""
    path = folder / f"{name}-{code_version()}.json" if folder else None
    if not path or not path.exists():
        return {}
    data = _load_file(path)
    return data if isinstance(data, dict) else {}


def save_state(folder: Path | None, name: str, data: dict[str, Any], plain: bool = False) -> None:
    """Write atomically; files of other code versions are removed. ``plain``: the data holds only lists,
    dictionaries with text keys, text and numbers (no tuple or dataclass to tag), and is written by the C encoder
    at once (a quarter of the time of tagging it first: 0.05 s instead of 0.24 s for the 5 MB of related reports
    at 10,000 reports)."""
    if folder:
        _dump(folder / f"{name}-{code_version()}.json", data, plain)


def _dump(path: Path, data: Any, plain: bool = False) -> None:
    atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") if plain
                 else dumps(data))
    if path.suffix == ".json":
        stem = path.name.rsplit("-", 1)[0]
        for stale in [*path.parent.glob(f"{stem}-*.json"), *path.parent.glob(f"{stem}-*.pickle")]:
            if stale != path:
                stale.unlink(missing_ok=True)


class Store:
    """One file per entry in a folder per code version, read only when asked for: what most builds never need
    (a report's body and provenance) stays out of the files every build loads."""

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = folder / f"{name}-{code_version()}" if folder else None
        self.stale = [p for p in folder.glob(f"{name}-*") if p != self.folder] if folder and folder.is_dir() else []

    def get(self, key: str) -> Any:
        if not self.folder:
            return None
        return _load_file(self.folder / key[:2] / key)

    def put(self, key: str, value: Any) -> None:
        if self.folder:
            atomic_write(self.folder / key[:2] / key, dumps(value))

    def drop(self, keys: set[str]) -> None:
        """Remove these entries (and the folders of other code versions)."""
        for stale in self.stale:
            shutil.rmtree(stale, ignore_errors=True)
        if self.folder:
            for key in keys:
                (self.folder / key[:2] / key).unlink(missing_ok=True)

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries a build no longer uses, and the folders of other code versions."""
        for stale in self.stale:
            shutil.rmtree(stale, ignore_errors=True)
        if not self.folder or not self.folder.is_dir():
            return
        for sub in os.scandir(self.folder):
            if sub.is_dir():
                for entry in os.scandir(sub.path):
                    if entry.name not in keys:
                        os.unlink(entry.path)


def view_digest(meta: dict[str, Any], units: list[Any], acronyms: list[Any]) -> str:
    """What listings show of a report: 16 hex digits for its metadata, then 16 for its statements (status left
    out: it comes from other reports) and acronyms. Listing pages are reused while these stay the same."""
    def sha(data: Any) -> str:
        return digest.of_text(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))[:16]
    rest = [[v for k, v in vars(u).items() if k not in ("status", "status_source")] for u in units]
    return sha(meta) + sha([rest, acronyms])


def meta_digest(report: Any) -> str:
    """The part of the view digest that covers the report's metadata only."""
    return (report.view or view_digest(report.meta, report.units, report.acronyms))[:16]


def shown_digest(report: Any) -> str:
    """Everything a page listing this report may show: its page name, view digest and statements' status."""
    view = report.view or view_digest(report.meta, report.units, report.acronyms)
    status = "\x1e".join(f"{u.status}\x1f{u.status_source}" for u in report.units)
    return digest.of_text(f"{report.slug}\x00{view}\x00{status}")


# ---------------------------------------------------------------- stage 1: source signature -> extraction record

DROP_ONE_BY_ONE = 100  # fewer stale bodies than this are removed by name, more by listing the whole store
SETTLE_NS = 2_000_000_000  # a file changed this close to a build may change again within the same time stamp
UNIT_FIELDS = [f.name for f in dataclasses.fields(Unit)]


def content_digest(doc: SourceDocument) -> str:
    """Everything the reader produced, layout included (the duplicate check ignores layout, the cache must not)."""
    return digest.of_text("\x00".join([doc.text, doc.encoding, doc.fmt, repr(doc.blocks), doc.original]))


class Extractions:
    """Stage 1: which source files are unchanged since the last build (same stat signature), their extraction
    records, and the bodies of the reports whose pages are made again."""

    def __init__(self, cache_dir: Path | None, vocab_digest: str) -> None:
        self.cache_dir, self.vocab_digest = cache_dir, vocab_digest
        self.started = time.time_ns()
        state = load_state(cache_dir, "sources")
        self.state_vocabulary = state.get("vocabulary")
        self.known: dict[str, Any] = state.get("sources", {}) if self.state_vocabulary == vocab_digest else {}
        self.records = Cache(cache_dir, "extraction")
        self.bodies = Store(cache_dir, "bodies")
        self.signatures: dict[str, tuple] = {}
        self.text_keys: dict[str, str] = {}  # key of a file read by this build -> its key without curated values
        self._by_text: dict[str, str] | None = None  # the same for the last build's records, reversed (see earlier)

    def unchanged(self, source: str, signature: tuple) -> tuple[str, str] | None:
        """(extraction key, text digest) of a file whose signature and record are as the last build left them."""
        old = self.known.get(source)
        if old and old[0] == signature and old[1] in self.records.old:
            return old[1], old[2]
        return None

    def key(self, doc: SourceDocument) -> str:
        """The key of a read file's extraction record; what the extraction itself depends on (the same without
        the curated values, which are applied after it) is remembered for put and earlier."""
        content = content_digest(doc)
        key = document_key(doc.source, content, doc.fmt, doc.curated, doc.curated_origin + self.vocab_digest)
        self.text_keys[key] = document_key(doc.source, content, doc.fmt, {}, self.vocab_digest)
        return key

    def earlier(self, key: str) -> Report | None:
        """The last build's extraction of the same text when only its curated values changed (a corrected title
        or theme): its statements and acronyms from the record, its body and what curation replaced from the
        store; None when there is none."""
        if self._by_text is None:
            self._by_text = {record.get("text"): key for key, record in self.records.old.items()
                             if isinstance(record, dict) and record.get("text")}
        key = self._by_text.get(self.text_keys.get(key, ""))
        body = self.bodies.get(key) if key else None
        if not _is_body(body):
            return None
        record = self.records.old[key]
        return Report(source=body[0].source, doc=body[0], blocks=body[1], found=body[2], extracted=body[3],
                      units=[Unit(*values) for values in record["units"]], acronyms=record["acronyms"])

    def seen(self, source: str, signature: tuple, key: str, sha256: str) -> None:
        """Remember a file's signature for the next build, unless it changed too recently to be trusted."""
        if max(signature[0][1], signature[0][2]) < self.started - SETTLE_NS:
            self.signatures[source] = (signature, key, sha256)

    def forget(self, source: str) -> None:
        self.signatures.pop(source, None)

    def get(self, key: str) -> tuple[Report, list[Problem]] | None:
        """A report rebuilt from its record (no body: see load_body) and the problems its extraction met."""
        record = self.records.get(key)
        if record is None:
            return None
        report = Report(source=record["source"], doc=None, found=None, blocks=None, meta=record["meta"],
                        units=[Unit(*values) for values in record["units"]], acronyms=record["acronyms"], key=key,
                        view=record["view"], address=record["address"], sketch=record["sketch"],
                        follow_up=record["follow_up"], index_keys=record["keys"], words=record["words"].split())
        return report, record["problems"]

    def put(self, report: Report, problems: list[Problem]) -> None:
        units = [tuple(getattr(u, name) for name in UNIT_FIELDS) for u in report.units]  # plain data loads faster
        self.records.put(report.key, {
            "source": report.source, "meta": report.meta, "units": units, "acronyms": report.acronyms,
            "problems": problems, "view": report.view, "follow_up": report.follow_up, "sketch": report.sketch,
            "address": report.address, "keys": report.index_keys, "words": " ".join(report.words or []),
            "text": self.text_keys.get(report.key)})
        self.bodies.put(report.key, (report.doc, report.blocks, report.found, report.extracted))

    def load_body(self, report: Report) -> bool:
        """Give a report from the cache its text, blocks and provenance; False when the store lost them."""
        body = self.bodies.get(report.key)
        if not _is_body(body):
            return False
        report.doc, report.blocks, report.found, report.extracted = body
        return True

    @property
    def hits(self) -> int:
        return self.records.hits

    def save(self) -> None:
        """Keep the records and bodies this build used, and the signatures of the files it can trust."""
        dropped = set(self.records.old) - set(self.records.new)
        if len(dropped) > DROP_ONE_BY_ONE or (self.records.added and not self.records.old):
            self.bodies.keep_only(set(self.records.new))  # also clears entries an interrupted build may have left
        else:
            self.bodies.drop(dropped)
        self.records.save()
        if self.cache_dir and (self.signatures != self.known or self.state_vocabulary != self.vocab_digest):
            save_state(self.cache_dir, "sources", {"vocabulary": self.vocab_digest, "sources": self.signatures})


def _is_body(body: Any) -> bool:
    """A stored body as put() wrote it (a damaged or foreign entry is only a slower build)."""
    return (type(body) is tuple and len(body) == 4 and isinstance(body[0], SourceDocument)
            and isinstance(body[1], list) and isinstance(body[2], dict) and isinstance(body[3], dict)
            and isinstance(body[3].get("found"), dict) and isinstance(body[3].get("programme_long"), str))


# ---------------------------------------------------------------- corpus-wide results

class Memo:
    """A corpus-wide result kept in a small state file while the signature of its inputs stays the same."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir

    def get(self, name: str, signature: str, field: str) -> Any:
        state = load_state(self.cache_dir, name)
        return state.get(field) if state.get("signature") == signature else None

    def put(self, name: str, signature: str, field: str, value: Any) -> None:
        if self.cache_dir:
            save_state(self.cache_dir, name, {"signature": signature, field: value})


def same_report_signature(reports: list[Report]) -> str:
    return digest.of_text("\n".join(f"{r.source}\t{r.key}" for r in reports))


def follow_up_signature(reports: list[Report]) -> str:
    return digest.of_text("\n".join(f"{r.slug}\t{r.follow_up[1]}" for r in reports))


# ---------------------------------------------------------------- stage 2: job inputs -> output digests


class Pages:
    """Stage 2: the digest of everything a render job reads -> the digests of the files it made. A job whose
    files are all on disk as it made them last time is not run (``write.on_disk`` says which are)."""

    def __init__(self, cache_dir: Path | None, vocab_digest: str, base_url: str) -> None:
        self.cache_dir = cache_dir
        self.cache = Cache(cache_dir, "pages")
        self.vocab_digest, self.base_url = vocab_digest, base_url
        self.shown: dict[str, str] = {}
        self.all_keyed = False
        self._lists: dict[int, tuple[list[Report], str]] = {}  # id of a list of reports -> (the list, its digest)

    def start(self, reports: list[Report]) -> None:
        """What any page may show of each report, digested once per build (see shown_digest)."""
        self.shown = {r.slug: shown_digest(r) for r in reports if r.key}
        self.all_keyed = len(self.shown) == len(reports)  # then no job needs to look for a report without a key

    def related(self, reports: list[Report]) -> tuple[dict[str, list], dict[str, list]] | None:
        """The last build's related reports, as (slug, why) pairs per page name, with the inputs they were made
        from (classify.related_inputs); None without them (or with a report that has no extraction key)."""
        if not all(r.key for r in reports):
            return None
        state = load_state(self.cache_dir, "related")
        inputs, related = state.get("inputs"), state.get("related")
        if not isinstance(inputs, dict) or not isinstance(related, dict) or inputs.keys() != related.keys():
            return None
        return inputs, related

    def keep_related(self, inputs: dict[str, list], related: dict[str, list[tuple[Report, list[str]]]]) -> None:
        if all(r.key for pairs in related.values() for r, _ in pairs):
            save_state(self.cache_dir, "related", {"inputs": inputs, "related": {
                slug: [[o.slug, why] for o, why in pairs] for slug, pairs in related.items()}}, plain=True)

    def job_key(self, what: tuple, reports: list[Report], related: list[tuple[Report, list[str]]] | None,
                text_of_all: bool = False) -> str:
        """The digest of a job's inputs ('' when a report has no extraction key: never cached). A report's page
        (``related`` given) shows its extraction, what listings show of it and of its related reports; a
        listing shows what listings show of its reports; the search vocabulary reads every report's text."""
        if not self.all_keyed and not all(r.key for r in reports):
            return ""
        if text_of_all:
            return _key([what, [r.key for r in reports]])
        if related is not None:
            (r,) = reports
            shown = [r.key, self._shown(r), self.base_url, self.vocab_digest] + [
                self._shown(o) + "\x1f" + "\x1f".join(why) for o, why in related]
            return digest.of_text("\x00".join(shown))
        return _key([what, self.vocab_digest, self._shown_list(reports)])

    def _shown_list(self, reports: list[Report]) -> str:
        """The digest of what a list of reports shows, computed once per list (the corpus exports share one)."""
        known = self._lists.get(id(reports))
        if known is None or known[0] is not reports:
            shown = self.shown
            text = "\n".join([shown[r.slug] for r in reports] if self.all_keyed else [self._shown(r) for r in reports])
            known = (reports, digest.of_text(text))
            self._lists[id(reports)] = known
        return known[1]

    def _shown(self, r: Report) -> str:
        return self.shown.get(r.slug) or shown_digest(r)

    def reusable(self, key: str, on_disk: Callable[[dict[str, str]], bool]) -> dict[str, str] | None:
        """The digests of the files a job made last time, when every one of them is still on disk as made."""
        digests = self.cache.get(key) if key else None
        return digests if digests is not None and on_disk(digests) else None

    def made(self, key: str, files: dict[str, str]) -> None:
        if key:
            self.cache.put(key, {path: digest.of_file(text.encode("utf-8")) for path, text in files.items()})

    def save(self) -> None:
        self.cache.save()


def _key(signature: Any) -> str:
    return digest.of_data(signature)
