"""Text normalisation that keeps offsets into the original, and segmentation into sentences and
sections.

Rules run on the normalised text (NFKC: full-width letters, digits and punctuation become
half-width, so one rule covers both spellings). Every normalised character remembers the offset of
the original character it came from, so spans found on the normalised text map back exactly.
"""
from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from graph.model import Span

SENTENCE_END = "。!?;！？；"
#: A line this long that does not end a sentence was broken by the page layout, not by the writer.
BROKEN_LINE_MIN = 8
#: Headlines seldom hold a comma; a paragraph broken by the layout nearly always does.
_CLAUSE_MARK = re.compile("[,、;:]")
HEADLINE_MAX = 64
_CLOSERS = "”’\"')）】」』"
_DATELINE = re.compile(r"^[(（]?(本报|新华社|中新社|据)")
#: Lines a saved page carries about itself: 来源：X 时间：Y, 发布日期, 浏览次数
_PAGE_FURNITURE = re.compile(r"^[\s【\[]*(来源|作者|发布时间|时间|发布日期|日期|浏览次数|阅读次数|点击数|字号|信息来源)\s*[:：]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BYLINE = re.compile(r"^[□■◎●]?\(?(本报)?(见习|实习|特约|首席)?(记者|通讯员|摄影|编辑)|\s摄$")


@dataclass(frozen=True)
class Sentence:
    start: int    # normalised offsets
    end: int
    section: int  # index of the section (news item) it belongs to
    headline: bool


class Doc:
    """An article's text, normalised, with sentences and sections."""

    def __init__(self, original: str):
        self.original = original
        folded = [_fold(char) for char in original]
        if all(len(f) == 1 for f in folded):
            chars, origin = folded, list(range(len(original)))
        else:
            chars, origin = [], []
            for index, piece in enumerate(folded):
                chars.extend(piece)
                origin.extend([index] * len(piece))
        _curl_quotes(chars)
        self._drop_layout_breaks(chars, origin)
        self.text = "".join(chars)
        self._origin = origin + [len(original)]

    @staticmethod
    def _drop_layout_breaks(chars: list[str], origin: list[int]) -> None:
        """Join a line that stops mid-sentence with the next non-empty line (print layouts
        break paragraphs anywhere); headlines are short, so they keep their line breaks."""
        text = "".join(chars)
        drop: set[int] = set()
        for match in re.finditer(r"\n[\s]*\n?[\s]*", text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line = text[line_start:match.start()].strip()
            next_end = text.find("\n", match.end())
            following = text[match.end():next_end if next_end >= 0 else len(text)].strip()
            tail = re.split(f"[{SENTENCE_END}]", line)[-1]
            # a line opening with a dash is a subtitle (——访…局长X), whole however long
            if (len(line) >= BROKEN_LINE_MIN and line[-1] not in SENTENCE_END + _CLOSERS + ":"
                    and not line.startswith(("—", "-"))
                    and _CLAUSE_MARK.search(line) and not _BYLINE.search(tail) and not _PAGE_FURNITURE.match(line)
                    and following and not is_headline(following) and not _BYLINE.search(following)
                    and not _DATELINE.match(following)):
                drop.update(range(match.start(), match.end()))
        if drop:
            chars[:] = [c for i, c in enumerate(chars) if i not in drop]
            origin[:] = [o for i, o in enumerate(origin) if i not in drop]

    # ------------------------------------------------------------------ offsets

    def original_span(self, start: int, end: int) -> Span:
        """Original offsets of the normalised range [start, end)."""
        if end <= start:
            return Span(self._origin[start], self._origin[start])
        return Span(self._origin[start], self._origin[end - 1] + 1)

    def original_text(self, start: int, end: int) -> str:
        span = self.original_span(start, end)
        return self.original[span.start:span.end]

    # ------------------------------------------------------------------ segmentation

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        section = 0
        pattern = re.compile(rf"[^\n{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{_CLOSERS}]*|\n|$)")
        line_start = 0
        for match in pattern.finditer(self.text):
            start, end = match.start(), match.end()
            if start == end:
                continue
            while start < end and self.text[start].isspace():
                start += 1
            stop = end
            while stop > start and self.text[stop - 1].isspace():
                stop -= 1
            if stop <= start:
                continue
            whole_line = (start == 0 or self.text[start - 1] == "\n" or line_start == start) and (
                end >= len(self.text) or self.text[end - 1] == "\n" or self.text[end:end + 1] == "\n")
            body = self.text[start:stop]
            headline = whole_line and is_headline(body)
            if headline and out and not out[-1].headline:
                section += 1
            out.append(Sentence(start, stop, section, headline))
            line_start = end if self.text[end - 1:end] == "\n" else line_start
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect.bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None


_BRACKET_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}


def _curl_quotes(chars: list[str]) -> None:
    """Straight and corner quotes become curly ones, one character for one, so that every rule
    sees a single quoting style: "X" → “X”, 「X」 → “X”. Straight quotes pair up within a line."""
    opening = True
    for index, char in enumerate(chars):
        if char == "\n":
            opening = True
        elif char == '"':
            chars[index] = "“" if opening else "”"
            opening = not opening
        elif char in _BRACKET_QUOTES:
            chars[index] = _BRACKET_QUOTES[char]


@functools.lru_cache(maxsize=65536)
def _fold(char: str) -> str:
    """NFKC of one character, in its simplified form (發 → 发, so one rule reads articles in either
    script); invisible marks and carriage returns vanish."""
    if char in "\r\u200b\ufeff":
        return ""
    if ord(char) <= 0x7F:
        return char
    return "".join(_SIMPLIFIED.get(c, c) for c in unicodedata.normalize("NFKC", char))


def _simplified_forms() -> dict[str, str]:
    """Traditional character → simplified, one for one (offsets stay put), from the character table
    OpenCC maintains (shipped in opencc-python-reimplemented). Where a character has several
    simplified forms the table lists the usual one first."""
    spec = importlib.util.find_spec("opencc")
    table = Path(spec.submodule_search_locations[0]) / "dictionary" / "TSCharacters.txt"
    forms = {}
    for line in table.read_text("utf-8").splitlines():
        traditional, _, candidates = line.partition("\t")
        first = candidates.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            forms[traditional] = first
    return forms


_SIMPLIFIED = _simplified_forms()


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence: a title, kicker or sub-head."""
    line = line.strip()
    if _BYLINE.search(line) or _PAGE_FURNITURE.match(line) or len(_CJK.findall(line)) < 2:
        return False  # a picture's file name, a 来源/时间 line: no news item starts there
    return 0 < len(line) <= HEADLINE_MAX and line[-1] not in SENTENCE_END and not line.endswith(("”", "’"))
