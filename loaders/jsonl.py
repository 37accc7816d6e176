"""JSON Lines corpora: one article per line, {"text": …, "title"?, "date"?, "url"?, "id"?}.

The file is streamed line by line (a corpus may be far larger than memory); each line is bounded
by the one-article size limit. A bad line is reported with its number and the rest still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from graph.model import Article
from loaders.textio import MAX_ARTICLE_BYTES, ArticleError, iso_date, open_regular, os_error, too_large

TEXT_FIELD, TITLE_FIELD, DATE_FIELD, URL_FIELD, ID_FIELD = "text", "title", "date", "url", "id"
OPTIONAL_STRING_FIELDS = (TITLE_FIELD, DATE_FIELD, URL_FIELD)

_READ_CHUNK = 1024 * 1024


def record_id(path: Path, line_number: int) -> str:
    """The id of a record that brings none: unique within the corpus and stable across runs."""
    return f"{path.stem}#{line_number}"


def record_to_article(record: object, path: Path, line_number: int) -> Article:
    def bad(reason: str) -> ArticleError:
        return ArticleError(path, reason, line_number)

    if not isinstance(record, dict):
        raise bad(f"not a JSON object but {type(record).__name__}")
    text = record.get(TEXT_FIELD)
    if text is None:
        raise bad(f'no "{TEXT_FIELD}" field')
    if not isinstance(text, str):
        raise bad(f'"{TEXT_FIELD}" is {type(text).__name__}, not a string')
    if not text.strip():
        raise bad(f'"{TEXT_FIELD}" is empty')
    for key in OPTIONAL_STRING_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise bad(f'"{key}" is {type(record[key]).__name__}, not a string')
    for key in (TEXT_FIELD, ID_FIELD) + OPTIONAL_STRING_FIELDS:
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:  # a "\\ud800" escape: no character, cannot be written out
                raise bad(f'"{key}" holds an unpaired surrogate \\u{ord(value[exc.start]):04x}') from None
    given_id = record.get(ID_FIELD)
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, (str, int))):
        raise bad(f'"{ID_FIELD}" is {type(given_id).__name__}, not a string or number')
    article_id = str(given_id).strip() if given_id is not None else record_id(path, line_number)
    if not article_id:
        raise bad(f'"{ID_FIELD}" is empty')
    date = None
    if record.get(DATE_FIELD):
        date = iso_date(record[DATE_FIELD])
        if date is None:
            raise bad(f'"{DATE_FIELD}" {record[DATE_FIELD]!r} is not a date (use YYYY-MM-DD)')
    title = (record.get(TITLE_FIELD) or "").strip() or None
    url = (record.get(URL_FIELD) or "").strip() or None
    return Article(id=article_id, path=str(path), text=text, title=title, date=date, url=url)


def _lines(handle, path: Path) -> Iterator[tuple[int, bytes | ArticleError]]:
    """(line number, bytes) per line, or an ArticleError for a line above the size limit, which is
    skipped without being held in memory."""
    number = 0
    while True:
        line = handle.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ARTICLE_BYTES:
            size = len(line)
            while not line.endswith(b"\n"):
                line = handle.readline(_READ_CHUNK)
                if not line:
                    break
                size += len(line)
            yield number, too_large(path, size, number)
        else:
            yield number, line


def iter_jsonl(path: Path) -> Iterator[tuple[int, Article | ArticleError]]:
    """(line number, Article) for each record in line order; a bad line comes as an ArticleError
    in its place. A file that cannot be read at all, or holds no record, raises ArticleError."""
    with open_regular(path) as handle:
        records = 0
        try:
            for number, line in _lines(handle, path):
                if isinstance(line, ArticleError):
                    yield number, line
                    continue
                if number == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")  # a BOM some editors write
                if not line.strip():
                    continue
                records += 1
                try:
                    record = json.loads(line.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    yield number, ArticleError(path, f"not UTF-8 (byte {exc.start + 1} of the line)", number)
                    continue
                except json.JSONDecodeError as exc:
                    yield number, ArticleError(path, f"not JSON ({exc.msg} at column {exc.colno})", number)
                    continue
                except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
                    yield number, ArticleError(path, f"not usable JSON ({exc})", number)
                    continue
                try:
                    yield number, record_to_article(record, path, number)
                except ArticleError as exc:
                    yield number, exc
        except OSError as exc:
            raise os_error(path, exc) from None
        if records == 0:
            raise ArticleError(path, "no records (empty JSONL file)")
