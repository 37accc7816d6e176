"""What every extractor reads: the normalised text, its sentences, lexicon hits and jieba tokens."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

import jieba.posseg

from graph.extract.gazetteer import TITLE, Hit, scan
from graph.extract.tagger import LAC, NONE, Tagged, tagger
from graph.lexicon import lexicon, segmenter
from graph.model import Article
from graph.text import Doc

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Dictionary tags of words that never sit inside a name: verbs, adverbs, prepositions,
#: conjunctions, particles, pronouns, interjections.
STOP_TAGS = ("v", "vd", "d", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "y", "e", "o", "a", "ad", "t")
#: Single-character words with these dictionary tags are not surnames where they stand (于, 和, 将)
WINDOW_STOP_TAGS = frozenset(STOP_TAGS) | {"f", "m", "q"}
#: How far before and after a possible surname the tagger reads (a name, and the words that show it is one)
NAME_WINDOW = (3, 8)
#: The longest name a list item holds before its 、 (compound surname and two given, or four)
MAX_NAME_CHARS = 4
_DATELINE = re.compile(r"(?:本报|讯)?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:电|讯)")
_YEAR = re.compile(r"(20\d\d|19\d\d)年?")
#: A full date near the top of a page with no dateline: 2024年5月20日, 2024-05-20, 发布时间：2024/5/20
_FULL_DATE = re.compile(r"((?:20|19)\d\d)\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
TOP_CHARS = 300
#: the year and month alone (/202001/, /2020-01/)
_URL_MONTH = re.compile(r"(?<!\d)((?:20|19)\d\d)[-/_]?(0[1-9]|1[0-2])(?!\d)")
_URL_DATE = re.compile(r"(?<!\d)((?:20|19)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


def word_tag(word: str) -> str | None:
    """jieba's dictionary tag of `word`; None when the word is not in its dictionary."""
    return jieba.posseg.dt.word_tag_tab.get(word)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str


class Analysis:
    def __init__(self, article: Article, ner: str = LAC):
        self.article = article
        self.ner = ner
        self.doc = Doc(article.text)
        self.text = self.doc.text
        self.hits: dict[str, list[Hit]] = scan(self.text)
        self.lex = lexicon()

    # ------------------------------------------------------------------ tokens

    @cached_property
    def tokens(self) -> list[Token]:
        out, offset = [], 0
        for word in segmenter().lcut(self.text):
            out.append(Token(offset, offset + len(word), word))
            offset += len(word)
        return out

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_at(self, offset: int) -> Token | None:
        index = bisect.bisect_right(self._token_starts, offset) - 1
        return self.tokens[index] if index >= 0 else None

    def token_ending_at(self, offset: int) -> Token | None:
        """The token that ends exactly at `offset`, if a token boundary is there."""
        token = self.token_at(offset - 1) if offset > 0 else None
        return token if token and token.end == offset else None

    def token_boundary(self, offset: int) -> bool:
        if offset <= 0 or offset >= len(self.text):
            return True
        token = self.token_at(offset)
        return token is not None and token.start == offset

    def is_stop_word(self, word: str) -> bool:
        if word in self.lex.boundaries:
            return True
        return word_tag(word) in STOP_TAGS

    # ------------------------------------------------------------------ the trained tagger

    @cached_property
    def tagged(self) -> list[Tagged]:
        """The statistical tagger's words where a name can be (see name_windows). Set from outside
        when several articles are tagged in one batch (graph.extract.extract_many)."""
        return self.words_from(tagger(self.ner).tag(self.window_texts))

    @cached_property
    def window_texts(self) -> list[str]:
        return [self.text[start:end] for start, end in self.name_windows]

    def words_from(self, found_per_window: list[list[Tagged]]) -> list[Tagged]:
        """The tagger's words of each window at their offsets in the text. A word that touches a
        window's edge inside a sentence was read without its context and is left out."""
        out = []
        for (start, end), found in zip(self.name_windows, found_per_window):
            for word in found:
                cut_before = word.start == 0 and not self._sentence_edge(start)
                cut_after = word.end == end - start and not self._sentence_edge(end)
                if not (cut_before or cut_after):
                    out.append(Tagged(start + word.start, start + word.end, word.tag))
        return out

    @cached_property
    def name_windows(self) -> list[tuple[int, int]]:
        return self._name_windows() if self.ner != NONE else []  # the rules alone read no windows

    def _name_windows(self) -> list[tuple[int, int]]:
        """Stretches of text around every place a name can start, merged, within sentences.

        jieba's dictionary holds few personal names, so a name nearly always begins with a surname
        cut off as a word of its own (王|晓明, 欧阳|文华; a function word such as 于 or 和 is no
        surname there) or is one of the names the dictionary tags as such (nr); names without a
        surname (次仁央宗, 阿古拉) follow a post word. Tagging only around those keeps the model off
        most of the text."""
        lex = self.lex
        starts = {hit.end for hit in self.hits.get(TITLE, [])}
        list_marks = []
        for token in self.tokens:
            word, tag = token.word, word_tag(token.word)
            cut_surname = len(word) == 1 and word in lex.surnames and tag not in WINDOW_STOP_TAGS \
                or len(word) == 2 and word in lex.compound_surnames
            if cut_surname or (tag or "").startswith("nr"):  # 李建国 is in jieba's dictionary
                starts.add(token.start)
            elif word == "、":
                list_marks.append(token.start)
        # 陈立新、扎西顿珠: after a name, a list may go on with a name that has no surname
        starts.update(mark for mark in list_marks if any(mark - back in starts for back in range(2, MAX_NAME_CHARS + 1)))
        windows: list[tuple[int, int]] = []
        for start in sorted(starts):
            sentence = self.doc.sentence_at(start)
            low = max(start - NAME_WINDOW[0], sentence.start if sentence else 0)
            high = min(start + NAME_WINDOW[1], sentence.end if sentence else len(self.text))
            if high <= start:
                continue
            if windows and low <= windows[-1][1] and self.doc.sentence_at(windows[-1][0]) == sentence:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows

    def _sentence_edge(self, offset: int) -> bool:
        sentence = self.doc.sentence_at(max(offset - 1, 0))
        return offset <= 0 or offset >= len(self.text) or sentence is None or offset >= sentence.end \
            or self.doc.sentence_at(offset) is not sentence or offset == sentence.start

    @cached_property
    def tagged_persons(self) -> dict[int, int]:
        """start -> end of every span the tagger reads as a person's name."""
        return {w.start: w.end for w in self.tagged if w.tag == "PER"}

    def tagged_words(self, start: int, end: int) -> list[Tagged]:
        """The tagger's words that overlap [start, end)."""
        index = bisect.bisect_right(self._tagged_starts, start) - 1
        out = []
        for word in self.tagged[max(index, 0):]:
            if word.start >= end:
                break
            if word.end > start:
                out.append(word)
        return out

    @cached_property
    def _tagged_starts(self) -> list[int]:
        return [w.start for w in self.tagged]

    @cached_property
    def tagged_person_chars(self) -> frozenset[int]:
        return frozenset(at for start, end in self.tagged_persons.items() for at in range(start, end))

    # ------------------------------------------------------------------ dates

    @cached_property
    def year(self) -> int | None:
        """The year the article speaks of most (a dateline rarely states it)."""
        counts: dict[int, int] = {}
        for match in _YEAR.finditer(self.text):
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
        return max(counts, key=lambda y: (counts[y], y)) if counts else None

    @cached_property
    def dateline(self) -> tuple[int, int] | None:
        match = _DATELINE.search(self.text)
        return (int(match.group(2)), int(match.group(3))) if match else None

    def iso(self, month: int, day: int, year: int | None = None) -> str | None:
        """A day as an ISO date; a day written without its year is in the year of the article's
        date (the one before, when that would put it after the article), else of the month its
        address gives, else in the year the article speaks of most."""
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        published = self.article.date
        if year is None and published:
            year = int(published[:4]) - (f"{month:02d}-{day:02d}" > published[5:10])
        in_url = _URL_MONTH.search(self.article.url or "") if year is None else None
        if in_url:  # /202001/10104367.html: published that month
            year = int(in_url.group(1)) - (month > int(in_url.group(2)))
        year = year or self.year
        return f"{year:04d}-{month:02d}-{day:02d}" if year else None

    @cached_property
    def date(self) -> str | None:
        if self.article.date:
            return self.article.date
        if self.dateline:
            return self.iso(*self.dateline)
        # news sites put the day of publication in the address: /2019-05/17/, /201905/t20190517_
        in_url = _URL_DATE.search(self.article.url or "")
        if in_url:
            return self.iso(int(in_url.group(2)), int(in_url.group(3)), int(in_url.group(1)))
        top = _FULL_DATE.search(self.text, 0, TOP_CHARS)
        return self.iso(int(top.group(2)), int(top.group(3)), int(top.group(1))) if top else None

    # ------------------------------------------------------------------ helpers

    def sentence_start(self, offset: int) -> int:
        sentence = self.doc.sentence_at(offset)
        return sentence.start if sentence else 0
