"""One pass of an Aho-Corasick automaton over the normalised text finds every lexicon word."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import ahocorasick

from graph.lexicon import lexicon
from graph.places import divisions

PLACE = "place"
TITLE = "title"
DEPARTMENT = "department"
NATIONAL_ORG = "national_org"
KNOWN_REFORM = "known_reform"
EVENT_ALIAS = "event_alias"
PERSON_ROLE = "person_role"
ORG_SUFFIX = "org_suffix"
EVENT_SUFFIX = "event_suffix"
MEDIA_SUFFIX = "media_suffix"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    word: str


@cache
def automaton() -> ahocorasick.Automaton:
    lex = lexicon()
    entries: dict[str, set[str]] = defaultdict(set)
    for category, words in (
        (PLACE, divisions().by_name), (TITLE, lex.titles), (DEPARTMENT, lex.departments),
        (NATIONAL_ORG, lex.national_orgs), (KNOWN_REFORM, lex.known_reforms),
        (EVENT_ALIAS, lex.event_aliases), (PERSON_ROLE, lex.person_roles),
        (ORG_SUFFIX, lex.org_suffixes), (EVENT_SUFFIX, lex.event_suffixes),
        (MEDIA_SUFFIX, lex.media_suffixes),
    ):
        for word in words:
            entries[word].add(category)
    auto = ahocorasick.Automaton()
    for word, categories in entries.items():
        auto.add_word(word, (word, frozenset(categories)))
    auto.make_automaton()
    return auto


def scan(text: str) -> dict[str, list[Hit]]:
    """Every occurrence of every lexicon word, by category (overlaps included), sorted by start."""
    found: dict[str, list[Hit]] = defaultdict(list)
    for end, (word, categories) in automaton().iter(text):
        hit = Hit(end + 1 - len(word), end + 1, word)
        for category in categories:
            found[category].append(hit)
    for hits in found.values():
        hits.sort(key=lambda h: (h.start, -h.end))
    return found


def longest(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest, non-overlapping selection."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if chosen and hit.start < chosen[-1].end:
            continue
        chosen.append(hit)
    return chosen
