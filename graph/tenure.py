"""Time on edges, from the dated evidence the articles give.

Every edge gets `first_seen` and `last_seen` (the earliest and latest dates of the articles that
state it). A HOLDS_POSITION edge also gets, from the changes of office its evidence states:
`start` (the earliest appointment or election), `end` (the latest removal), `last_held` (the latest
date the post is stated as held, appointed or elected) and `status`: `former` when it was removed
and not held again after, `current` when held, `pending` when only nominated or proposed.

The rules are written so that the Neo4j loader can merge two loads' values into what one build of
both would give (see loaders.neo4j.SCALAR_MERGES): the dates merge by min or max, and `status`
follows from the merged `end` and `last_held` when both are known, else from the strongest status
stated (former over current over pending).
"""
from __future__ import annotations

from collections.abc import Iterable

from graph import schema as S

from graph.schema import APPOINTED, CURRENT, ELECTED, FORMER, HELD, HOLDS, NOMINATED, PENDING, PROPOSED, REMOVED

#: Which status a change states on its own, and which of two statuses wins when dates cannot tell
STATUS_OF_CHANGE = {HOLDS: CURRENT, APPOINTED: CURRENT, ELECTED: CURRENT, REMOVED: FORMER,
                    NOMINATED: PENDING, PROPOSED: PENDING, HELD: FORMER}
STATUS_PRECEDENCE = (PENDING, CURRENT, FORMER)


def seen(evidence: Iterable) -> dict:
    dates = [e.date for e in evidence if e.date]
    return {S.FIRST_SEEN: min(dates, default=None), S.LAST_SEEN: max(dates, default=None)}


def tenure(evidence: Iterable) -> dict:
    """start, end, last_held and status of a post from its evidence (those with a `change`)."""
    changes = [(e.change, e.change_date or e.date) for e in evidence if e.change]
    if not changes:
        return {}
    starts = [d for change, d in changes if change in (APPOINTED, ELECTED) and d]
    ends = [d for change, d in changes if change == REMOVED and d]
    held = [d for change, d in changes if STATUS_OF_CHANGE[change] == CURRENT and d]
    out = {S.START: min(starts, default=None), S.END: max(ends, default=None),
           S.LAST_HELD: max(held, default=None)}
    out[S.STATUS] = status(out[S.END], out[S.LAST_HELD], (STATUS_OF_CHANGE[c] for c, _ in changes))
    return out


def status(end: str | None, last_held: str | None, stated: Iterable[str]) -> str:
    if end and last_held:
        return FORMER if last_held <= end else CURRENT
    return max(stated, key=STATUS_PRECEDENCE.index)


def held_on(post: dict, on: str) -> bool:
    """Whether a HOLDS_POSITION edge's data says the post was held on day `on` (ISO): begun (its
    start, else its first report) by then and not ended; never for a nomination alone. The
    cookbook's holder_on_date asks Neo4j the same."""
    began, end = post.get(S.START) or post.get(S.FIRST_SEEN), post.get(S.END)
    return post.get(S.STATUS) != PENDING and bool(began) and began <= on and (end is None or end > on)
