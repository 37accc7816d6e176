"""Finding article files and decoding them into Article records."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.model import Article

TEXT_SUFFIXES = (".txt",)


class ArticleError(ValueError):
    """An input that cannot become an article; the message names the file and the reason."""


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named on the command line, and article files under folders (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        else:
            raise ArticleError(f"{path}: no such file or folder")


def first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def read_article(path: Path) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: empty article")
    return Article(id=path.stem, path=str(path), text=text, title=first_line(text))


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article]:
    for path in find_article_files(paths):
        yield read_article(path)
