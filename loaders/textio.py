"""Reading one input file safely: bounded size, binary detection, encoding detection, dates.

Every failure is an ArticleError whose message names the file (and line) and the reason in one
line, so the command line can print it as it is and go on with the next file.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

from charset_normalizer import from_bytes

#: The largest article file (or JSONL line) govkg reads. A news article is a few kilobytes and a
#: saved page rarely passes a megabyte; anything far above is not one article (a database dump, a
#: video with the wrong extension) and reading it whole would only exhaust memory.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024

#: Encodings Chinese text archives come in. Detection is restricted to them because on short
#: texts the detector otherwise confuses GBK with Korean or Japanese code pages; a file in none of
#: them is reported instead of being decoded into nonsense. GB18030 covers GBK and GB2312.
TEXT_ENCODINGS = ("utf_8", "gb18030", "big5", "utf_16", "utf_32")
ENCODING_NAMES = "UTF-8, UTF-16/32 with BOM, GB18030/GBK/GB2312, Big5"

#: Byte-order marks of the wide Unicode encodings: such text legitimately holds NUL bytes.
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

#: Signatures of files people rename or drop among articles by mistake, to say what they are.
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


class ArticleError(ValueError):
    """An input that cannot become an article; the message names the file (and line) and why."""

    def __init__(self, path: str | Path, reason: str | None = None, line: int | None = None) -> None:
        """ArticleError(path, reason[, line]); ArticleError(message) when the message is ready-made."""
        self.path, self.reason, self.line = str(path), reason, line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(where if reason is None else f"{where}: {reason}")


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def too_large(path: Path, size: int, line: int | None = None) -> ArticleError:
    what = "line" if line else "file"
    return ArticleError(path, f"{what} is {size_text(size)}, above the {size_text(MAX_ARTICLE_BYTES)} "
                              f"limit for one article", line)


def os_error(path: Path, exc: OSError) -> ArticleError:
    if isinstance(exc, FileNotFoundError):
        return ArticleError(path, "vanished before it could be read (or is a broken link)")
    reason = (exc.strerror or str(exc)).lower()
    return ArticleError(path, f"cannot read: {reason}")


def open_regular(path: Path):
    """Open a regular file for binary reading (a FIFO or device would block or never end)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ArticleError(path, "not a regular file")
        return open(path, "rb")
    except OSError as exc:
        raise os_error(path, exc) from None


def read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing files above MAX_ARTICLE_BYTES without reading them first."""
    handle = open_regular(path)
    try:
        with handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_ARTICLE_BYTES:
                raise too_large(path, size)
            # The size on disk can change between stat and read (a file still being written).
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise os_error(path, exc) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise too_large(path, len(data))
    return data


def binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when the bytes may be text."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if b"\x00" in data and not data.startswith(WIDE_BOMS):
        return "binary data"
    return None


def decode_text(data: bytes, path: Path) -> str:
    """Decode bytes whose encoding the detector recognises; BOMs are dropped."""
    if not data:
        raise ArticleError(path, "empty file")
    kind = binary_kind(data)
    if kind:
        raise ArticleError(path, f"binary file ({kind}), not text")
    # Every candidate that decodes is kept (threshold 1.0): the detector's "chaos" measure rejects
    # short Chinese texts dense with quotes and full-width punctuation. Among the candidates, a UTF-8
    # reading wins: on a short text the measures may rank a GB18030 misreading of valid UTF-8 first,
    # while other text that happens to be valid UTF-8 is vanishingly rare past a few characters.
    matches = from_bytes(data, cp_isolation=list(TEXT_ENCODINGS), threshold=1.0)
    best = next((match for match in matches if match.encoding == "utf_8"), None) or matches.best()
    if best is None:
        raise ArticleError(path, f"undecodable bytes: not text in any of {ENCODING_NAMES}")
    return str(best)


# --------------------------------------------------------------------------- dates

_DATE_PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
)


def find_date(text: str) -> str | None:
    """The first complete calendar date written in `text`, as ISO, or None."""
    found = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _valid_iso(match)
            if iso:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def iso_date(value: str) -> str | None:
    """`value` as an ISO date when it is one (ISO date or timestamp, 2024年3月14日, 2024/3/14)."""
    value = value.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            return _valid_iso(match)
    return None


def _valid_iso(match: re.Match) -> str | None:
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None
