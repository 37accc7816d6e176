"""Which real place a local name stands for: a step of its own between finding mentions and
making entities.

China has hundreds of towns called 城关镇 and streets called 新华街道, so below the county a name
alone does not say which place is meant. A street, town, village or community is keyed by the
county or district the text places it in: the one written right before it (平阴县城关镇), else the
one the article is about (the last named before it, else the most named). A village written right
after its town (城关镇张庄村) is keyed by that town as well. With no county in the article at all,
the place stays the article's own (`Place:张庄村@#ARTICLE`), since nothing tells it apart from its
namesakes elsewhere. A county or district whose name several share (海州区 of 连云港 and of 阜新)
is keyed by its city. Bodies named by such a place (城关镇人民政府, 张庄村党支部, 中共海州区委) take
its key too.

A person is keyed by the prefecture-level city (or province, or 全国 for a national body) of the
first body the article gives them a post in, a city's before a province's (`Person:王伟@济宁市`); a person with no post here by the
city the article is about (the one its places belong to most), so that a name written bare in a
济宁 story joins the 济宁 official of that name; with no city at all, by the article itself. Two
people of one name in different cities stay apart; the same name in one city is taken for one
person here (graph.namesakes splits it after the merge when the articles give it seats no one
person holds together).
"""
from __future__ import annotations

import re
from collections import Counter

from graph.model import Mention
from graph.extract.orgs import RELATIVE_SCOPES
from graph.places import Division, divisions

LOCAL_LEVELS = ("street", "town", "village", "community")
COUNTY_LEVELS = ("county", "district")
PARTY_PREFIX = "中共"


def anchor_local_places(places: list[Mention], article_id: str) -> None:
    """Set attrs["anchor"] (and "anchored_by_text" when the text writes it before the name) on
    every local place mention, and on every county or district whose name several share (海州区
    of 连云港 and of 阜新): its city."""
    table = divisions()
    for place in places:
        shared = place.attrs.get("level") in COUNTY_LEVELS and "code" in place.attrs \
            and len({d.code for d in table.lookup(place.attrs["canonical"])}) > 1
        if shared and place.attrs.get("unplaced"):
            place.attrs["anchor"] = f"#{article_id}"  # nothing in the text says which 长安区
        elif shared:
            place.attrs.update(anchor=_region(table.by_code[place.attrs["code"]]), anchored_by_text=True)
    counties = [p for p in places if p.attrs.get("level") in COUNTY_LEVELS and "code" in p.attrs]
    county_ids = {id(p) for p in counties}
    most_named = Counter(p.attrs["canonical"] for p in counties).most_common(1)
    by_end = {p.span.end: p for p in places}
    for place in sorted(places, key=lambda p: p.span):
        if place.attrs.get("level") not in LOCAL_LEVELS:
            continue
        outer = by_end.get(place.span.start)
        if outer is not None and id(outer) in county_ids:
            place.attrs.update(anchor=outer.attrs["canonical"], anchored_by_text=True)
        elif outer is not None and outer.attrs.get("anchor") and outer.attrs.get("level") in ("street", "town"):
            place.attrs.update(anchor=f"{outer.attrs['anchor']}/{outer.attrs['canonical']}",
                               anchored_by_text=outer.attrs.get("anchored_by_text", False))
        else:
            before = [p for p in counties if p.span.end <= place.span.start]
            if before:
                place.attrs["anchor"] = before[-1].attrs["canonical"]
            elif most_named:
                place.attrs["anchor"] = most_named[0][0]
            else:
                place.attrs["anchor"] = f"#{article_id}"


def anchor_local_bodies(orgs: list[Mention], places: list[Mention], article_id: str) -> None:
    """A body whose name begins with a local place's name (城关镇党委) is keyed as that place is; one
    named by a relative prefix the article does not resolve (市人大常委会 in a story that never names
    its city) is the article's own."""
    local = sorted((p for p in places if p.attrs.get("anchor")), key=lambda p: -len(p.attrs["canonical"]))
    for org in orgs:
        if not org.attrs.get("place") and org.attrs["canonical"][:1] in RELATIVE_SCOPES:
            org.attrs["anchor"] = f"#{article_id}"
            continue
        canonical = org.attrs["canonical"].removeprefix(PARTY_PREFIX)  # 中共城关镇委员会
        place = next((p for p in local if canonical.startswith(p.attrs["canonical"])
                      and len(canonical) > len(p.attrs["canonical"])), None)
        if place is not None:
            org.attrs.update(anchor=place.attrs["anchor"],
                             anchored_by_text=place.attrs.get("anchored_by_text", False))


NATIONAL = "全国"
#: Kinds of body whose people are keyed by the body itself (graph/lexicons/org_suffixes.tsv)
ENTERPRISE_KINDS = ("company",)
_BODY_PREFIXES = re.compile(r"^(?:中共|中国共产党|中国人民政治协商会议|共青团)")


def anchor_people(people, places: list[Mention], article_id: str) -> None:
    """Set attrs["anchor"] on every person mention: the region of the person's first post in the
    article below the province (else of the first post), else the article's own region, else the
    article. Someone whose posts are all in companies is keyed by the first of them."""
    placed = [p for p in places if "code" in p.attrs and not p.attrs.get("unplaced")]
    codes = {p.attrs["canonical"]: p.attrs["code"] for p in placed}
    regions = Counter(r for p in placed for r in [_region(divisions().by_code.get(p.attrs["code"]))] if r)
    home = regions.most_common(1)[0][0] if regions else f"#{article_id}"
    posts_by_name: dict[str, list] = {}
    for person in people:
        name = re.sub(r"\s", "", person.mention.surface)
        posts_by_name.setdefault(name, []).extend(person.posts)
    for person in people:
        posts = sorted(posts_by_name[re.sub(r"\s", "", person.mention.surface)], key=lambda post: post.start)
        if posts and all(post.org.attrs.get("kind") in ENTERPRISE_KINDS for post in posts):
            # a company's manager is the company's, not one of the city's officials of that name
            person.mention.attrs["anchor"] = posts[0].org.attrs["canonical"]
            continue
        regions = [r for post in posts for r in [_body_region(post.org, codes)] if r]
        # 省人大常委会副主任、市委书记: the city's secretary; a provincial seat comes with the post
        local = next((r for r in regions if r != NATIONAL and not _is_province(r)), None)
        person.mention.attrs["anchor"] = local or (regions[0] if regions else home)


def _body_region(org: Mention, codes: dict[str, str]) -> str | None:
    if org.attrs.get("national"):
        return NATIONAL
    place = org.attrs.get("place")
    if place:
        code = codes.get(place)
        division = divisions().by_code.get(code) if code else _only(divisions().lookup(place))
        if division is not None:
            return _region(division)
    name = _BODY_PREFIXES.sub("", org.attrs["canonical"])
    for end in range(min(len(name), 12), 1, -1):
        division = _only(divisions().lookup(name[:end]))
        if division is not None and name[:end] == division.name:
            return _region(division)
    return None


def _is_province(region: str) -> bool:
    return any(division.level == "province" for division in divisions().lookup(region))


def _only(found: list[Division]) -> Division | None:
    return found[0] if len(found) == 1 else None


def _region(division: Division | None) -> str | None:
    """The prefecture-level city a division lies in (a province stands for itself)."""
    while division is not None and division.level in ("district", "county"):
        parent = divisions().parent(division)
        if parent is None:
            break
        division = parent
    return division.name if division is not None else None
