"""Finding article files and reading them into Article records, past the bad ones.

Inputs: .txt (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16/32 with BOM; the encoding is
detected by charset-normalizer), .html/.htm saved pages (loaders.html) and .jsonl corpora
(loaders.jsonl). Folders are searched recursively in a stable order; files of other types in them
are noted and left alone, hidden files and folders are ignored.

A bad input never stops the others: ArticleReader reports it in one line (file, line, reason),
remembers it, and goes on — unless it is strict, when the first bad input raises ArticleError.
"""
from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.debugging import debug_enabled, describe
from graph.model import Article
from loaders.html import read_html_article
from loaders.jsonl import iter_jsonl
from loaders.textio import ArticleError, decode_text, os_error, read_bounded

__all__ = ["ArticleError", "ArticleReader", "find_article_files", "iter_articles", "read_article"]

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    """Paths named on the command line (whatever their type), and article files under folders,
    recursively, sorted, lazily (a large archive is not listed up front). A folder's other files,
    and paths that do not exist, come as ArticleError in their place."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            unlistable: list[OSError] = []
            for folder, dirs, files in os.walk(path, onerror=unlistable.append):
                yield from _listing_errors(unlistable)
                dirs[:] = sorted(d for d in dirs if not is_hidden(d))
                for name in sorted(f for f in files if not is_hidden(f)):
                    child = Path(folder, name)
                    if child.suffix.lower() in ARTICLE_SUFFIXES:
                        yield child
                    else:
                        yield UnknownType(child)
            yield from _listing_errors(unlistable)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield ArticleError(path, "no such file or folder")


def _listing_errors(errors: list[OSError]) -> Iterator[ArticleError]:
    while errors:
        error = errors.pop(0)
        yield os_error(Path(error.filename), error)


class UnknownType(ArticleError):
    """A file in a folder that is not an article type: a note, not a failure."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"skipped: {path.suffix or 'no extension'} is not an article type "
                               f"({', '.join(ARTICLE_SUFFIXES)})")


def read_article(path: Path) -> Article:
    """One .txt or .html/.htm file as an Article (JSONL files hold many: see iter_jsonl)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise ArticleError(path, f"not an article file type (govkg reads {', '.join(ARTICLE_SUFFIXES)})")
    data = read_bounded(path)
    if suffix in HTML_SUFFIXES:
        return read_html_article(path, data)
    text = decode_text(data, path)
    title = first_line(text)
    if title is None:
        raise ArticleError(path, "no text (only whitespace)")
    return Article(id=path.stem, path=str(path), text=text, title=title)


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _read_any(path: Path) -> Iterator[tuple[int | None, Article | ArticleError]]:
    """(line number or None, Article or the reason it could not be read) for one found path."""
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from iter_jsonl(path)
        else:
            yield None, read_article(path)
    except ArticleError as exc:
        yield None, exc
    except Exception as exc:  # noqa: BLE001 - a library failing on one input must not stop the rest
        if debug_enabled():
            traceback.print_exc()
        yield None, ArticleError(path, f"could not be read ({describe(exc)}); "
                                       f"run with --debug for the traceback")


class ArticleReader:
    """Reads articles from files and folders. Bad inputs go to `report` (one line each) and to
    `skipped`; files of other types in folders go to `report` and `notes`. With `strict`, the first
    bad input raises ArticleError instead."""

    def __init__(self, strict: bool = False, report: Callable[[str], None] | None = None) -> None:
        self.strict = strict
        self.report = report or (lambda message: None)
        self.skipped: list[ArticleError] = []
        self.notes: list[str] = []
        self._seen: dict[str, str] = {}  # article id -> where it was read first

    def read(self, paths: Iterable[str | Path]) -> Iterator[Article]:
        for found in find_article_files(paths):
            if isinstance(found, UnknownType):
                self.notes.append(str(found))
                self.report(str(found))
                continue
            items = [(None, found)] if isinstance(found, ArticleError) else _read_any(found)
            for line, item in items:
                if isinstance(item, Article):
                    item = self._unique(item, line)
                if isinstance(item, ArticleError):
                    self._skip(item)
                else:
                    yield item

    def _unique(self, article: Article, line: int | None) -> Article | ArticleError:
        """Two inputs with one id would merge into one Article node: the second is refused."""
        where = article.path if line is None else f"{article.path}:{line}"
        first = self._seen.get(article.id)
        if first is None:
            self._seen[article.id] = where
            return article
        if first == where:
            return ArticleError(article.path, "already read (named twice?)", line)
        return ArticleError(article.path, f"article id {article.id!r} was already read from {first}", line)

    def _skip(self, error: ArticleError) -> None:
        if self.strict:
            raise error
        self.skipped.append(error)
        self.report(str(error))


def iter_articles(paths: Iterable[str | Path], strict: bool = True) -> Iterator[Article]:
    """Articles from files and folders; by default the first bad input raises ArticleError."""
    return ArticleReader(strict=strict).read(paths)
