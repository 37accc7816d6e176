"""Changes of office: whether a sentence says a person holds a post, or is appointed, removed,
nominated, elected or proposed to it, and on what date.

A step of its own after the people are found: it reads the words around a (person, post) pair —
the cue joining the name to the post after it (张三任…, 李四当选为…), a cue earlier in the clause
(任命…为, 免去…职务), the heading of the list the line stands in (决定任命：), words after the post
(…候选人) — by the cues of lexicons/office_changes.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.extract.analysis import Analysis
from graph.schema import HELD, HOLDS, PROPOSED
from graph.extract.dates import decision_date, stated_date
from graph.extract.gazetteer import PLACE
from graph.extract.people import NEW_TERM, Post
from graph.model import Span

_CLAUSE_ENDS = "。；;！？!?\n：:，,"
#: A heading line of an appointment list: 一、决定任命：
MAX_HEADING = 20
#: List entries are short lines: a longer line between a heading and an entry ends the list
MAX_ENTRY_LINE = 80
#: How far the rest of a list may run between a name and a change stated after it
MAX_AFTER_NAME = 30


@dataclass(frozen=True)
class OfficeChange:
    change: str
    date: str | None   # the change's date (the meeting or decision that made it); None for holds


def read_change(an: Analysis, name: Span, post: Post) -> OfficeChange:
    change = _stated_change(an, name, post)
    if change in (HOLDS, HELD):  # a state, not a change made on a day
        return OfficeChange(change, None)
    sentence_start = an.sentence_start(post.start)
    date = stated_date(an, an.text[sentence_start:post.start]) or decision_date(an, post.start) or an.date
    return OfficeChange(change, date)


def _stated_change(an: Analysis, name: Span, post: Post) -> str:
    cues = an.lex.office_changes
    text = an.text
    first = post.start if post.start >= name.end else name.start
    if first == post.start:  # 辞去|桂林市|市长: the place that a post word's body is named by
        first = min((hit.start for hit in an.hits.get(PLACE, []) if hit.end == first and hit.start >= name.end),
                    default=first)
    stretch = text[_clause_start(text, first):first]
    stretch = stretch[:len(stretch) - len(term.group())] if (term := NEW_TERM.search(stretch)) else stretch
    change = None
    if post.start >= name.end:
        change = next((c for cue, c in cues["link"] if stretch.endswith(cue)), None)
    if change is None:
        change = _last_cue(stretch, cues["lead"]) or _heading_change(an, first)
    tail = next((c for cue, c in cues["tail"] if text.startswith(cue, post.end)), None)
    if tail is not None and change != PROPOSED:
        change = tail
    if change is None and post.start < name.start:
        change = _after_name(an, name)
    return change or HOLDS


def _after_name(an: Analysis, name: Span) -> str | None:
    """法院院长李四、检察院检察长王五关于辞去领导职务的报告: a change stated right after the names a
    list of posts ends with (the list's other entries and 关于 between them and the cue)."""
    text = an.text
    clause_end = min((at for mark in _CLAUSE_ENDS if (at := text.find(mark, name.end)) >= 0), default=len(text))
    for cue, change in an.lex.office_changes["after"]:
        at = text.find(cue, name.end, clause_end)
        if at < 0:
            continue
        between = text[name.end:at].removesuffix("关于").removesuffix("同志")
        if not between or between.startswith("、") and MAX_AFTER_NAME >= len(between):
            return change
    return None


def _clause_start(text: str, offset: int) -> int:
    return max(text.rfind(mark, 0, offset) for mark in _CLAUSE_ENDS) + 1


def _last_cue(stretch: str, cues) -> str | None:
    """The change of the cue standing last in `stretch` (the longest where two end together)."""
    best, best_end = None, -1
    for cue, change in cues:
        at = stretch.rfind(cue)
        if at >= 0 and at + len(cue) > best_end:
            best, best_end = change, at + len(cue)
    return best


def _heading_change(an: Analysis, offset: int) -> str | None:
    """The change the heading of a list states for the entries below it (决定免去：)."""
    lines = an.text[:an.text.rfind("\n", 0, offset) + 1].splitlines()
    for line in reversed(lines):
        line = line.strip()
        if line.endswith(("：", ":")) and len(line) <= MAX_HEADING:
            return _last_cue(line, an.lex.office_changes["lead"])
        if len(line) > MAX_ENTRY_LINE:
            return None
    return None
