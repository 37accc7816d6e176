"""Two people of one name in one city: a step of its own after the articles are merged.

Extraction keys a person by the city of their posts (`Person:王伟@济宁市`), so two officials of one
name in one city become one node. Most such pairs cannot be told apart from the text, but some
posts are never held by one person: a city's congress standing committee director and its CPPCC
chair end two separate careers (graph/lexicons/exclusive_heads.tsv). When the articles of one
person node give the name both seats of one place, the node is split: the articles giving one seat
go to a person keyed by that body (`Person:王伟@济宁市人民代表大会常务委员会`), those giving the other
to one keyed by the other body, and the rest (the name without such a seat) stay where they were,
since nothing says which of the two they mean. The decision reads only the merged facts, so it is
the same however the articles were split among workers or updates.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph import schema as S
from graph.lexicon import lexicon


@dataclass(frozen=True)
class Seat:
    """An article's statement that a person heads a body whose head no one else's career shares."""
    person: str      # the person's node id
    name: str        # the person's name
    article: str
    kind: str        # the body's kind (congress, cppcc)
    place: str       # the node id of the place the body belongs to
    body_name: str   # the body's canonical name


def is_exclusive_head(kind: str | None, title: str) -> bool:
    head = lexicon().exclusive_heads.get(kind or "")
    return head is not None and head in title.split("、")


def split_namesakes(seats: Iterable[Seat]) -> dict[tuple[str, str], str]:
    """(person id, article id) → the id of the person the article is about, for each article of a
    person whose articles give them seats of one place no one holds both of. Articles giving one
    such seat go to the person keyed by that body; others are not in the result."""
    by_person_place: dict[tuple[str, str], list[Seat]] = defaultdict(list)
    for seat in seats:
        by_person_place[seat.person, seat.place].append(seat)
    moves: dict[tuple[str, str], str] = {}
    for (person, _), found in sorted(by_person_place.items()):
        if len({seat.kind for seat in found}) < 2:
            continue
        kinds_by_article: dict[str, set[str]] = defaultdict(set)
        for seat in found:
            kinds_by_article[seat.article].add(seat.kind)
        body_by_kind = {kind: min(s.body_name for s in found if s.kind == kind)
                        for kind in {seat.kind for seat in found}}
        name = found[0].name
        for article, kinds in sorted(kinds_by_article.items()):
            if len(kinds) == 1 and (person, article) not in moves:
                moves[person, article] = S.node_id(S.PERSON, name, body_by_kind[kinds.pop()])
    return moves
