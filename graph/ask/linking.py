"""Entity linking for questions: one Aho-Corasick pass over the question finds every name and
alias of the graph's entities, short forms included (泰安审批局, 市人社局: a body's name without
its place, completed from the place the question names), the longest match winning."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import ahocorasick

from graph import schema as S
from graph.ask.store import Entity
from graph.lexicon import lexicon
from graph.places import divisions, short_form

_NOISE = re.compile(r"[\s“”‘’\"'《》「」『』〈〉?？!！。，,、:：;；()（）]")
#: Relative scopes a body's short form may start with (市人社局): the place comes from the question
_SCOPES = ("省", "市", "县", "区", "镇", "乡", "街道")


def plain(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[str, ...]   # entity ids, context applied; several = ambiguous


class EntityIndex:
    def __init__(self, entities: list[Entity]):
        self.entities = {e.id: e for e in entities}
        # form → entity ids named exactly so; bare form (no place) → entity ids and their place
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.bare: dict[str, set[str]] = defaultdict(set)
        for entity in entities:
            # X暨Y is one event, called by either name
            parts = entity.name.split("暨") if entity.base == S.EVENT and "暨" in entity.name else []
            for form in {entity.name, *entity.aliases, *parts}:
                form = plain(form)
                if len(form) >= 2:
                    self.exact[form].add(entity.id)
                if entity.base == S.ORGANIZATION:
                    for bare in _bare_forms(form):
                        self.bare[bare].add(entity.id)
            if entity.base == S.PLACE:
                short = short_form(entity.name)
                if short and len(short) >= 2:
                    self.exact[short].add(entity.id)
        self.automaton = ahocorasick.Automaton()
        for form in set(self.exact) | set(self.bare):
            self.automaton.add_word(form, form)
        self.automaton.make_automaton()

    def link(self, question: str) -> list[Mention]:
        text = plain(question)
        found = sorted(((end - len(form) + 1, end + 1, form) for end, form in self.automaton.iter(text)),
                       key=lambda m: (m[0], -(m[1] - m[0])))
        chosen: list[tuple[int, int, str]] = []
        for start, end, form in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, form))
        chosen.sort()
        # every place the question writes, even where a longer name overlaps it (菏泽|市审批局)
        places = [entity_id for _, _, form in found for entity_id in self.exact.get(form, ())
                  if self.entities[entity_id].base == S.PLACE]
        place_ends = {end for start, end, form in found
                      if any(self.entities[e].base == S.PLACE for e in self.exact.get(form, ()))}
        mentions = []
        for start, end, form in chosen:
            candidates = self._candidates(form, places)
            bodies = candidates and all(self.entities[c].base == S.ORGANIZATION for c in candidates)
            written_after_place = start in place_ends or start + 1 in place_ends
            if bodies and (written_after_place and not any(self._in_place(c, p) for c in candidates for p in places)
                           or _unknown_place_before(text, start, places)):
                candidates = ()  # 杭州市行政审批服务局 when the graph knows no such body of 杭州
            mentions.append(Mention(start, end, form, candidates))
        return [m for m in mentions if m.candidates]

    def _candidates(self, form: str, places: list[str]) -> tuple[str, ...]:
        exact = self.exact.get(form, set())
        bare = self.bare.get(form, set()) - exact
        if places:
            # 泰安审批局, 菏泽市审批局: the body of the place the question names
            fitting = {e for e in exact | bare if self.entities[e].base != S.PLACE
                       and any(self._in_place(e, place) for place in places)}
            if fitting:
                return tuple(sorted(fitting))
        return tuple(sorted(exact or bare))

    def _in_place(self, entity_id: str, place_id: str) -> bool:
        place = self.entities[place_id].name
        names = {self.entities[entity_id].name, *self.entities[entity_id].aliases}
        short = short_form(place) or place
        return any(n.startswith((place, short)) or f"中国人民政治协商会议{place}" in n or f"中共{place}" in n
                   for n in names)


def _unknown_place_before(text: str, start: int, places: list[str]) -> bool:
    """A division the question writes right before a body's short name that is not a place of
    the graph (杭州市 in 杭州市行政审批服务局 asked of a graph without 杭州)."""
    table = divisions()
    return any(table.lookup(text[start - length:start]) for length in range(2, 8) if start - length >= 0) \
        and not places


def _bare_forms(form: str) -> set[str]:
    """A body's name without the place before it, and the usual short forms of its department
    (泰安市行政审批服务局 → 行政审批服务局, 审批局)."""
    lex = lexicon()
    forms = set()
    for scope in _SCOPES:
        if form.startswith(scope) and len(form) > len(scope) + 1:
            forms.add(form[len(scope):])
    table = divisions()
    for place_end in range(2, min(len(form) - 1, 12)):
        if table.lookup(form[:place_end]):
            forms.add(form[place_end:])
            if form[place_end - 1] in "省市县区":
                forms.add(form[place_end - 1:])   # 市行政审批服务局: the scope stays
    for bare in list(forms):
        for short, full in _short_spellings():
            if bare.endswith(full) and len(short) >= 2:
                forms.add(bare[:-len(full)] + short)
    return {f for f in forms if len(f) >= 3}


@cache
def _short_spellings() -> tuple[tuple[str, str], ...]:
    """(short, full): the lexicon's abbreviations and the other spellings of its departments
    (审批局 for 行政审批服务局)."""
    lex = lexicon()
    pairs = set(lex.abbreviations)
    pairs |= {(spelling, department.full) for spelling, department in lex.departments.items()
              if spelling != department.full and len(spelling) < len(department.full)}
    return tuple(sorted(pairs))
