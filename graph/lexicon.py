"""The lexicon files under graph/lexicons/, loaded once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba

HERE = Path(__file__).parent / "lexicons"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def words(name: str) -> list[str]:
    return [row[0] for row in _rows(name)]


def alternation(words) -> str:
    """A regex alternation trying longer words first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Title:
    word: str
    needs_org: bool
    implied_scope: str | None   # 市/区/县/省/镇/乡/国家/中央
    implied_body: str | None    # 人民政府, 国务院 …


@dataclass(frozen=True)
class LocalBody:
    word: str                   # how a post word names it: 党委 in 党委书记
    levels: tuple[str, ...]     # the place levels it exists at
    kind: str
    pattern: str                # canonical name, {place} standing for the place


@dataclass(frozen=True)
class Department:
    full: str
    kind: str


@dataclass(frozen=True)
class Lexicon:
    titles: dict[str, Title]
    departments: dict[str, Department]       # every accepted spelling → the department
    abbreviations: list[tuple[str, str]]     # (short, expansion), longest short form first
    org_suffixes: dict[str, tuple[str, bool]]  # ending → (kind, needs a place or body before it)
    national_orgs: dict[str, tuple[str, str]]  # name → (kind, canonical name)
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    person_roles: tuple[str, ...]
    verbs: dict[str, tuple[str, ...]]
    boundaries: frozenset[str]
    reform_cues: dict[str, str]
    known_reforms: dict[str, str]
    not_reforms: frozenset[str]
    event_suffixes: tuple[str, ...]
    event_aliases: dict[str, str]
    media_suffixes: tuple[str, ...]
    local_bodies: tuple[LocalBody, ...]       # longest body word first
    generic_places: tuple[str, ...]           # 乡镇, 城乡: words ending like a place that name none
    zones: tuple[str, ...]                    # endings of development zones, longest first
    all_verbs: frozenset[str]                 # every cue verb of verbs.tsv, whatever its role
    name_followers: tuple[str, ...]           # words that end a person's name after it
    office_changes: dict[str, tuple[tuple[str, str | None], ...]]  # where → (cue, change), longest first
    question_cues: dict[str, tuple[str, ...]]  # kind of question → the words that ask it (govkg ask)
    exclusive_heads: dict[str, str]           # kind of body → its head's post word, no two held by one person
    sub_units: tuple[str, ...]                # 处, 科: units inside a body headed by the unit's word and 长


@cache
def lexicon() -> Lexicon:
    titles = {}
    for row in _rows("titles.tsv"):
        scope = body = None
        if len(row) > 2 and row[2]:
            scope, body = row[2].split(":")
        titles[row[0]] = Title(row[0], row[1] == "1", scope, body)
    departments = {}
    for row in _rows("departments.tsv"):
        department = Department(row[0], row[1])
        departments[row[0]] = department
        for short in (row[2].split(",") if len(row) > 2 and row[2] else []):
            departments.setdefault(short, department)
    surnames = words("surnames.txt")
    verbs = {row[0]: tuple(row[1].split(",")) for row in _rows("verbs.tsv")}
    return Lexicon(
        titles=titles,
        departments=departments,
        abbreviations=sorted(((r[0], r[1]) for r in _rows("abbreviations.tsv")), key=lambda p: -len(p[0])),
        org_suffixes={r[0]: (r[1], r[2] == "1") for r in _rows("org_suffixes.tsv")},
        national_orgs={r[0]: (r[1], r[2] if len(r) > 2 else r[0]) for r in _rows("national_orgs.tsv")},
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        person_roles=tuple(words("person_roles.txt")),
        verbs=verbs,
        boundaries=frozenset(words("boundaries.txt")),
        reform_cues={r[0]: r[1] for r in _rows("reform_cues.tsv")},
        known_reforms={r[0]: r[1] for r in _rows("reforms.txt")},
        not_reforms=frozenset(words("not_reforms.txt")),
        event_suffixes=tuple(sorted(words("event_suffixes.txt"), key=len, reverse=True)),
        event_aliases={r[0]: r[1] for r in _rows("event_aliases.tsv")},
        media_suffixes=tuple(words("media.txt")),
        local_bodies=tuple(sorted((LocalBody(r[0], tuple(r[1].split(",")), r[2], r[3])
                                   for r in _rows("local_bodies.tsv")), key=lambda b: -len(b.word))),
        generic_places=tuple(words("generic_places.txt")),
        zones=tuple(sorted(words("zones.txt"), key=len, reverse=True)),
        all_verbs=frozenset(verb for words in verbs.values() for verb in words),
        name_followers=tuple(words("name_followers.txt")),
        office_changes=_office_changes(),
        question_cues={row[0]: tuple(row[1].split(",")) for row in _rows("questions.tsv")},
        exclusive_heads={row[0]: row[1] for row in _rows("exclusive_heads.tsv")},
        sub_units=tuple(words("sub_units.txt")),
    )


def _office_changes() -> dict[str, tuple[tuple[str, str | None], ...]]:
    cues: dict[str, list[tuple[str, str | None]]] = {}
    for cue, change, where in _rows("office_changes.tsv"):
        cues.setdefault(where, []).append((cue, None if change == "-" else change))
    return {where: tuple(sorted(found, key=lambda c: -len(c[0]))) for where, found in cues.items()}


#: How often jieba's dictionary counts a lexicon word (a title, a body's name): enough to keep it whole
LEXICON_WORD_FREQ = 20000


def lexicon_words() -> list[str]:
    """The words added to jieba's dictionary, so titles and body names come out as whole tokens."""
    lex = lexicon()
    return [*lex.titles, *lex.departments, *lex.national_orgs, *lex.zones]


#: A word of two private-use characters, which no text holds: it carries the frequency that makes
#: jieba-rs's dictionary total equal jieba's (see Segmenter)
_BALANCE_WORD = "\ue000\ue001"


class Segmenter:
    """jieba's cut without its HMM, run by jieba-rs (the rjieba package) about twenty times faster.

    The cut is the route of highest probability through the dictionary's words, each word's
    probability its frequency over the dictionary's total. jieba-rs gets jieba's dictionary file
    with the lexicon's words added, and the total jieba would reach (jieba adds a re-added word's
    frequency to the total again, jieba-rs does not: one unused word makes up the difference).
    Same words, same total, same arithmetic: the same cuts (tests/test_lexicon.py compares them
    with jieba's own over a corpus)."""

    def __init__(self, words: list[str]) -> None:
        import rjieba

        freq: dict[str, int] = {}
        total = 0
        dictionary = Path(jieba.__file__).parent / "dict.txt"
        with open(dictionary, encoding="utf-8") as handle:
            for line in handle:
                word, count = line.split(" ", 2)[:2]
                freq[word] = int(count)
                total += int(count)
        for word in words:
            freq[word] = LEXICON_WORD_FREQ
            total += LEXICON_WORD_FREQ
        self._rs = rjieba.Jieba()
        self._rs.clear()
        for word, count in freq.items():
            if count:
                self._rs.add_word(word, count, None)
        self._rs.add_word(_BALANCE_WORD, total - sum(freq.values()), None)

    def lcut(self, text: str) -> list[str]:
        return self._rs.cut(text, False)


@cache
def segmenter() -> Segmenter:
    return Segmenter(lexicon_words())
