"""Organization mentions and their canonical names.

Three sources, longest mention wins where they overlap:
- bodies known by name without a place (国务院, 中共中央 …);
- standard departments (人社局, 行政审批服务局, 政协 …) after a place or a relative prefix (市/区/县/省);
- any name ending in an organization ending (协会, 集团, 中心 …), extended leftwards over jieba tokens
  until a verb, adverb, preposition or punctuation; weak endings (局, 中心 …) need a place or body.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from graph import schema as S
from graph.extract.analysis import CJK, Analysis, word_tag
from graph.extract.gazetteer import DEPARTMENT, MEDIA_SUFFIX, NATIONAL_ORG, ORG_SUFFIX, Hit, longest
from graph.model import Mention, Span
from graph.places import divisions, short_form

RELATIVE_SCOPES = "市区县省镇乡州旗"
NATIONAL_PREFIXES = ("中国", "中华", "全国", "国家", "中央")
#: Kinds of body whose organs carry the Bureau label.
BUREAU_KINDS = {"government", "party", "congress", "cppcc", "court", "military"}
#: Kinds of body in which a post makes the holder an official.
OFFICIAL_KINDS = BUREAU_KINDS | {"mass", "public_institution"}
MAX_NAME = 24
MAX_PLACE_GAP = 10
_INNER_SCOPE = re.compile(r"团([市县区省])委")
_SHORT_NAME = re.compile(r"[（(]以下(?:简称|称)[“\"]?([^”\"）)]{2,20})[”\"]?[）)]")
#: Prepositions, conjunctions, particles, pronouns, adverbs: never inside a body's name.
FUNCTION_TAGS = ("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o")
COUNTY_CITY_DOMINANCE = 3


@dataclass
class Context:
    """The places that relative prefixes (市, 区, 省 …) refer to in this article."""
    city: str | None
    province: str | None
    districts: list[tuple[int, str]]   # (offset, name) of district/county mentions, in order
    cities: list[tuple[int, str]]      # (offset, name) of mentions of places named …市

    def home(self) -> str | None:
        """The place the article is about: the district or county it names most, else its city."""
        named = [name for _, name in self.districts]
        return max(named, key=lambda n: (named.count(n), -named.index(n))) if named else self.city

    def resolve(self, scope: str, offset: int, since: int = 0) -> str | None:
        """The place `scope` (市, 区 …) at `offset` stands for; a …市 named earlier in the same
        sentence (`since` = its start) wins: 莱阳市委副书记、市长 is 莱阳市's mayor."""
        if scope == "市":
            same_sentence = [name for at, name in self.cities if since <= at < offset]
            return same_sentence[-1] if same_sentence else self.city
        if scope == "省":
            return self.province
        if scope == "州":  # 州委, 州人大: the autonomous prefecture the article is about
            return self.city if self.city and self.city.endswith("州") else None
        if scope in "区县旗":
            before = [name for at, name in self.districts if at <= offset and name.endswith(scope)]
            if before:
                return before[-1]
            named = [name for _, name in self.districts if name.endswith(scope)]
            return max(set(named), key=named.count) if named else None
        return None


def _city_above(districts: list[tuple[int, str]]) -> str | None:
    """The prefecture above the county named most, when the division table knows only one."""
    named = [name for _, name in districts]
    top = max(named, key=lambda n: (named.count(n), -named.index(n)))
    above = {parent.name for division in divisions().lookup(top)
             for parent in divisions().ancestors(division) if parent.level == "city"}
    return above.pop() if len(above) == 1 else None


def place_context(places: list[Mention]) -> Context:
    cities = [m.attrs["canonical"] for m in places if m.attrs.get("level") == "city"]
    provinces = [m.attrs["canonical"] for m in places if m.attrs.get("level") == "province"]
    city = max(cities, key=lambda c: (cities.count(c), -cities.index(c))) if cities else None
    # a county-level city's own paper says 市 for itself: it is then named far more than any city
    county_cities = [m.attrs["canonical"] for m in places
                     if m.attrs.get("level") == "county" and m.attrs["canonical"].endswith("市")]
    if county_cities:
        top = max(county_cities, key=lambda c: (county_cities.count(c), -county_cities.index(c)))
        if county_cities.count(top) >= COUNTY_CITY_DOMINANCE * (cities.count(city) if city else 0):
            city = top
    districts = [(m.span.start, m.attrs["canonical"]) for m in places
                 if m.attrs.get("level") in ("district", "county")]
    if city is None and districts:
        city = _city_above(districts)  # a county's paper says 市 for the city above it
    province = None
    if city:
        for division in divisions().lookup(city):
            above = [d for d in divisions().ancestors(division) if d.level == "province"]
            if above:
                province = above[0].name
    if province is None and provinces:
        province = max(provinces, key=provinces.count)
    cities_named = [(m.span.start, m.attrs["canonical"]) for m in places
                    if m.attrs["canonical"].endswith("市") and m.attrs.get("level") in ("city", "county")]
    return Context(city, province, districts, cities_named)


def find_orgs(an: Analysis, places: list[Mention], ctx: Context) -> list[Mention]:
    """All organization mentions, nested ones included (日照市残联 inside 日照市残联主席团)."""
    place_by_end = {m.span.end: m for m in places}
    candidates: list[Mention] = []
    for hit in an.hits.get(NATIONAL_ORG, []):
        if an.token_boundary(hit.start):
            kind, canonical = an.lex.national_orgs[hit.word]
            candidates.append(_mention(hit.start, hit.end, hit.word, canonical, kind, national=True))
    for hit in longest(an.hits.get(DEPARTMENT, [])):
        mention = _department(an, hit, place_by_end, ctx) or _committee_department(an, hit, candidates)
        if mention:
            candidates.append(mention)
    candidates += _committees_in_full(an, places)
    suffixes = an.hits.get(ORG_SUFFIX, []) + an.hits.get(MEDIA_SUFFIX, [])
    department_ends = {m.span.end for m in candidates}
    for hit in _longest_per_end(suffixes):
        if hit.end in department_ends:
            continue  # a known body (with its place) was found there already
        mention = _generic(an, hit, places, candidates, ctx)
        if mention:
            candidates.append(mention)
    candidates += _sub_units(an, candidates)
    return _declared_short_names(an, _with_local_branches(_dedupe(candidates)))


MAX_SUB_UNIT = 14


def _sub_units(an: Analysis, bodies: list[Mention]) -> list[Mention]:
    """省生态环境厅宣教处处长, X区住建局审批股股长: a unit named right after its body and headed by
    its own word and 长 (graph/lexicons/sub_units.txt) is a body of its own inside that body."""
    units = "".join(an.lex.sub_units)
    pattern = re.compile(f"[\u4e00-\u9fff]{{1,{MAX_SUB_UNIT}}}?([{units}])(?=副?\\1长)")
    out = []
    for body in bodies:
        match = pattern.match(an.text, body.span.end)
        if match is None:
            continue
        unit = an.text[body.span.end:match.end()]
        out.append(_mention(body.span.start, match.end(), an.text[body.span.start:match.end()],
                            body.attrs["canonical"] + unit, body.attrs["kind"],
                            **{k: v for k, v in body.attrs.items() if k in ("place", "national")}))
    return out


#: How a committee's formal name opens before its place: 政协X县第九届委员会, 中国共产党X市第十次委员会
_COMMITTEE_OPENINGS = {"中国人民政治协商会议": "政协", "政协": "政协", "中国共产党": "委", "中共": "委"}
_COMMITTEE_TERM = re.compile(r"(?:第?[一二三四五六七八九十百零\d]{1,4}[届次])?委员会")


def _committees_in_full(an: Analysis, places: list[Mention]) -> list[Mention]:
    """政协X旗第十一届委员会 is X旗's CPPCC committee, 中共X县第十五届委员会 its party committee."""
    found = []
    for place in places:
        opening = next((o for o in _COMMITTEE_OPENINGS if an.text.endswith(o, 0, place.span.start)), None)
        tail = _COMMITTEE_TERM.match(an.text, place.span.end)
        if opening is None or tail is None or "level" not in place.attrs:
            continue
        start = place.span.start - len(opening)
        canonical = department_name(_COMMITTEE_OPENINGS[opening], place.attrs["canonical"])
        kind = "cppcc" if _COMMITTEE_OPENINGS[opening] == "政协" else "party"
        found.append(_mention(start, tail.end(), an.text[start:tail.end()], canonical, kind,
                              place=place.attrs["canonical"]))
    return found


def _declared_short_names(an: Analysis, mentions: list[Mention]) -> list[Mention]:
    """X（以下简称“Y”）: every later Y is X, whatever Y alone would have been read as."""
    declared: dict[str, Mention] = {}
    for m in mentions:
        match = _SHORT_NAME.match(an.text, m.span.end)
        if match:
            declared[match.group(1)] = m
    if not declared:
        return mentions
    out = [m for m in mentions if m.surface not in declared or m.span.start < declared[m.surface].span.end]
    for short, body in declared.items():
        at = an.text.find(short, body.span.end)
        while at >= 0:
            out.append(_mention(at, at + len(short), short, body.attrs["canonical"], body.attrs["kind"],
                                place=body.attrs.get("place")))
            at = an.text.find(short, at + len(short))
    return sorted(out, key=lambda m: (m.span.start, -m.span.end))


def _with_local_branches(mentions: list[Mention]) -> list[Mention]:
    """国家税务总局湄潭县税务局: a national body right before a local one with a place is one
    name, the national body's local branch."""
    by_start = {m.span.start: m for m in mentions}
    out = []
    for m in mentions:
        branch = by_start.get(m.span.end)
        if m.attrs.get("national") and branch is not None and branch.attrs.get("place"):
            out.append(_mention(m.span.start, branch.span.end, m.surface + branch.surface,
                                m.attrs["canonical"] + branch.attrs["canonical"], branch.attrs["kind"],
                                place=branch.attrs["place"]))
        out.append(m)
    return _dedupe(out)


def _mention(start: int, end: int, surface: str, canonical: str, kind: str, **extra) -> Mention:
    return Mention(S.ORGANIZATION, surface, Span(start, end), {"canonical": canonical, "kind": kind, **extra})


def _longest_per_end(hits: list[Hit]) -> list[Hit]:
    best: dict[int, Hit] = {}
    for hit in hits:
        if hit.end not in best or hit.start < best[hit.end].start:
            best[hit.end] = hit
    return sorted(best.values(), key=lambda h: h.end)


def _prefix(an: Analysis, start: int, place_by_end: dict[int, Mention], ctx: Context):
    """The place written before `start`: (start offset, surface, full place name, explicit?). A
    term between them (县十六届人大常委会) is part of the surface, not of the body's name."""
    term = _TERM.search(an.text, max(0, start - MAX_TERM), start)
    if term is not None:
        found = _prefix(an, term.start(), place_by_end, ctx)
        return found and (found[0], an.text[found[0]:start], *found[2:])
    place = place_by_end.get(start)
    if place is not None:
        return place.span.start, place.surface, place.attrs["canonical"], True
    if an.text.endswith(_REGION, 0, start) and ctx.province and ctx.province.endswith(_REGION):
        return start - len(_REGION), _REGION, ctx.province, False  # 自治区政协 in a 宁夏 paper
    if start > 0 and an.text[start - 1] in RELATIVE_SCOPES:
        place = place_by_end.get(start - 1)
        if place is not None and place.attrs["canonical"].endswith(an.text[start - 1]):
            return place.span.start, an.text[place.span.start:start], place.attrs["canonical"], True  # 平阴县|县委
        before = an.text[start - 2] if start > 1 else ""
        if not CJK.match(before) or an.is_stop_word(before) or before in "全本我该" \
                or _after_a_verb(an, start - 1):
            scope = an.text[start - 1]
            return start - 1, scope, ctx.resolve(scope, start, an.sentence_start(start)), False
    return None


_PARTY_PREFIXES = ("中国共产党", "中共")
_BARE_BUREAU_ENDINGS = ("局", "委")
_JOINING_WORDS = ("以及",)  # not 和: 教育和体育局 is one name
def _after_a_verb(an: Analysis, offset: int) -> bool:
    """当选|市人大常委会委员, 任|县政府办主任, 当选|市政协主席: a relative prefix beginning a word after
    a verb."""
    token, scope = an.token_ending_at(offset), an.token_at(offset)
    return token is not None and scope is not None and scope.start == offset and (
        (word_tag(token.word) or "").startswith("v") or token.word in an.lex.all_verbs
        or any(token.word == cue for cues in an.lex.office_changes.values() for cue, _ in cues))


#: An autonomous region's papers name it by its kind alone, as others say 省
_REGION = "自治区"
#: 第十六届, 十六届: the term of a congress or committee, written between its place and its name
_TERM = re.compile(r"第?[一二三四五六七八九十百零\d]{1,4}届$")
MAX_TERM = 7


def _department(an: Analysis, hit: Hit, place_by_end, ctx: Context) -> Mention | None:
    department = an.lex.departments[hit.word]
    if department.full == "委" and an.text[hit.end:hit.end + 1] in ("员", "会"):
        return None
    local = place_by_end.get(hit.start)
    if department.full == "委" and local is not None and "code" not in local.attrs:
        return None  # 城关镇党委: a local body (lexicons/local_bodies.tsv), named by the post word
    inner_scope = _INNER_SCOPE.fullmatch(hit.word)  # 团市委: the scope written inside the name
    if inner_scope and _prefix(an, hit.start, place_by_end, ctx) is None:
        place = ctx.resolve(inner_scope.group(1), hit.start, an.sentence_start(hit.start))
        canonical = department_name(department.full, place) if place else hit.word
        return _mention(hit.start, hit.end, hit.word, canonical, department.kind, place=place)
    prefix = _prefix(an, hit.start, place_by_end, ctx)
    if prefix is None and department.kind == "government" and hit.word.endswith(_BARE_BUREAU_ENDINGS) \
            and _stands_alone(an, hit.start) and ctx.home():
        # 住建委以及民政局等单位汇报: bureaus listed bare in a local story are the place's own
        place, start, written = ctx.home(), hit.start, ""
    elif prefix is None:
        # only a few bodies are written bare and still mean the local one (军分区, 征兵办)
        if department.kind != "military" or not an.token_boundary(hit.start):
            return None
        place = ctx.city
        start, written = hit.start, ""
    else:
        start, written, place, _ = prefix
    party = next((p for p in _PARTY_PREFIXES if an.text.endswith(p, 0, start)), None)
    if party and department.kind == "party":
        start -= len(party)  # 中共恩施州委: the party's name written before the committee's place
    surface = an.text[start:hit.end]
    canonical = department_name(department.full, place, department.kind, written) if place else surface
    return _mention(start, hit.end, surface, canonical, department.kind, place=place)


def _stands_alone(an: Analysis, start: int) -> bool:
    """A bare name standing as an item of its own: after punctuation or a joining word (、, 以及)."""
    if start == 0 or an.text[start - 1] in "、，,。；;：:\n":
        return True
    token = an.token_ending_at(start)
    return token is not None and token.word in _JOINING_WORDS


def _committee_department(an: Analysis, hit: Hit, known: list[Mention]) -> Mention | None:
    """县委常委、组织部部长: a party committee's department named bare, right after a post in that
    committee, is the committee's own; 区纪委书记、监委主任: another body named bare right after a
    post in a body of a place is that place's."""
    department = an.lex.departments[hit.word]
    if an.text[hit.start - 1:hit.start] != "、":
        return None
    for committee in reversed(known):
        between = an.text[committee.span.end:hit.start - 1]
        # 市委常委、组织部长、统战部长: posts between (组织部|长 shares its 部), and another department
        if committee.span.end < hit.start and all(_of_the_committee(an, part) for part in between.split("、")):
            place = committee.attrs.get("place")
            party_department = department.full.startswith("委员会")
            if not place or party_department and (
                    committee.attrs["kind"] != "party" or not committee.attrs["canonical"].endswith(("委", "部"))):
                return None
            return _mention(hit.start, hit.end, hit.word, department_name(department.full, place),
                            department.kind, place=place)
    return None


#: 组织部长: the 长 left after a department's name when 部长 shares its 部
_SHARED_HEAD = "长"


def _of_the_committee(an: Analysis, part: str) -> bool:
    """市委常委、组织部长、统战部长, 市委组织部、统战部: what may stand between a committee and another of
    its departments, 、 by 、: its posts, its departments, a department's head (组织部长)."""
    return part in an.lex.titles or part in ("", _SHARED_HEAD) or part in an.lex.departments \
        or part.endswith(_SHARED_HEAD) and part[:-1] in an.lex.departments


def department_name(full: str, place: str, kind: str = "", written: str = "") -> str:
    if kind == "military" and not written:
        return (short_form(place) or place) + full  # 军分区 alone: the city's, by its short name
    if kind == "military":
        return written + full
    if full == "政协":
        return f"中国人民政治协商会议{place}委员会"
    if full == "共青团委员会":
        return f"共青团{place}委员会"
    if full == "委":
        return f"中共{place}委"
    if full.startswith("委员会"):
        return f"中共{place}委{full[3:]}"  # 市委宣传部 → 中共X市委宣传部
    return place + full


def _generic(an: Analysis, hit: Hit, places: list[Mention], known: list[Mention], ctx: Context) -> Mention | None:
    text = an.text
    kind, needs_body = an.lex.org_suffixes.get(hit.word, ("media", False))
    token = an.token_ending_at(hit.end)
    if token is None:
        if not text.startswith(tuple(an.lex.titles), hit.end):
            return None
        token = an.token_at(hit.start)  # jieba glued the ending to a title (协会会长)
    if len(hit.word) == 1 and len(token.word) == 2 and word_tag(token.word) is not None \
            and token.word not in an.lex.departments:
        return None  # 布局, 格局, 大厅: an ordinary word that happens to end like a body (管理局 does not)
    start = _extend_to_place(an, _extend_left(an, min(hit.start, token.start)), places)
    end = hit.end
    if kind == "media" and text[end:end + 1] == "·":
        end = _extend_right(an, end + 1) if _extend_right(an, end + 1) - end > 2 else end
    name = text[start:end]
    if len(name) - len(hit.word) < 2 or name[0] in "全我本该各此其" or name[0].isdigit() and needs_body is False:
        return None
    titled = text[start - 1:start] == "《"  # 《大众日报》: book quotes make any words a name
    # 区政务服务数据管理局: a relative prefix standing alone (not the 市 of 市场) names the local body
    relative = name[0] in RELATIVE_SCOPES and an.token_at(start).word == name[0]
    zone_word = next((w for w in an.lex.zones if name.startswith(w)), None)
    zone = _article_zone(places, zone_word) if zone_word else None  # 高新区政务服务局: the article's zone's
    relative = relative or zone is not None
    if kind != "media" and not titled and not relative and not _has_proper_part(an, start, hit.start):
        return None  # 国际商协会, 志愿者协会: a kind of body, not one body
    place_at_start = max((m for m in places if m.span.start == start and m.span.end <= end),
                         key=lambda m: m.span.end, default=None)  # 芜湖经开区, not 芜湖
    body_inside = any(start <= m.span.start and m.span.end <= hit.start for m in known)
    if needs_body and not (place_at_start or body_inside or relative or name.startswith(NATIONAL_PREFIXES)
                           or any(ch.isdigit() for ch in name)):
        return None
    canonical = expand_abbreviations(an, name)
    place = place_at_start.attrs["canonical"] if place_at_start else None
    if zone is not None and not place_at_start:
        place = zone.attrs["canonical"]
        canonical = expand_abbreviations(an, place + name[len(zone_word):])
    elif relative and not place_at_start:
        place = ctx.resolve(name[0], start, an.sentence_start(start))
        if place:
            canonical = place + expand_abbreviations(an, name[1:])
    return _mention(start, end, name, canonical, kind, place=place)


def _article_zone(places: list[Mention], zone_word: str) -> Mention | None:
    """The development zone the article names most whose name ends in `zone_word`."""
    zones = [p for p in places if "code" not in p.attrs and p.attrs["canonical"].endswith(zone_word)]
    return max(zones, key=lambda z: sum(o.attrs["canonical"] == z.attrs["canonical"] for o in zones), default=None)


def _has_proper_part(an: Analysis, start: int, end: int) -> bool:
    """Whether the words before the ending include a proper name: a place, a body, a number or a
    word jieba does not know (new names are seldom in its dictionary)."""
    offset = start
    while offset < end:
        token = an.token_at(offset)
        if token is None:
            return False
        piece = an.text[max(offset, token.start):min(end, token.end)]
        tag = word_tag(piece)
        if (tag is None or tag.startswith(("ns", "nr", "nt", "nz", "m", "j"))
                or piece in an.lex.departments or any(c.isdigit() for c in piece)
                or _is_place_word(an, token)):
            return True
        offset = token.end
    return False


def _extend_right(an: Analysis, start: int) -> int:
    end = start
    while end < len(an.text) and end - start < 8:
        token = an.token_at(end)
        if token is None or token.start != end or not all(CJK.match(c) for c in token.word) \
                or an.is_stop_word(token.word) or token.word == "记者":
            break
        end = token.end
    return end


#: The end of a street address: 滨湖南路50号
_ADDRESS_END = re.compile(r"\d+号$")


def _extend_left(an: Analysis, start: int) -> int:
    """Walk left over tokens that can belong to a name; stop at punctuation or a function word."""
    limit = max(0, start - MAX_NAME)
    while start > limit:
        token = an.token_ending_at(start)
        if token is None:
            break
        word = token.word
        if not all(CJK.match(c) or c.isalnum() for c in word) or _ADDRESS_END.search(an.text, 0, start):
            break  # 古城路129号|市民中心: an address is no part of the name
        if word[0] in an.lex.boundaries and len(word) > 1 and word_tag(word) is None \
                and word not in an.lex.zones:
            return token.start + 1  # jieba glued a preposition to the name (为市残联): cut it off
        if word == "和" and _joins_name_parts(an, token.start):
            start = token.start  # 政务服务和大数据管理局, 住房和城乡建设局: one body
            continue
        adjective = len(word) == 1 and word_tag(word) == "a"  # 大 of 大数据管理局
        if an.is_stop_word(word) and not adjective and word not in an.lex.departments \
                and word not in an.lex.org_suffixes:
            # jieba tags some name words as adverbs (高速); after a place name they are still the name
            previous = an.token_ending_at(token.start)
            if word in an.lex.boundaries or previous is None or not _is_place_word(an, previous):
                break
        start = token.start
    return start


def _extend_to_place(an: Analysis, start: int, places: list[Mention]) -> int:
    """湄潭县新时代文明实践中心: a name that holds a verb (实践) still runs back to the place it
    starts with, as long as no cue verb, function word or punctuation lies between."""
    place = max((p for p in places if start - MAX_PLACE_GAP <= p.span.end <= start), default=None,
                key=lambda p: p.span.end)
    if place is None or place.span.end == start:
        return start
    cue_verbs = an.lex.all_verbs
    offset = place.span.end
    while offset < start:
        token = an.token_at(offset)
        if token is None or token.start != offset or not all(CJK.match(c) for c in token.word) \
                or token.word in an.lex.boundaries or token.word in cue_verbs \
                or word_tag(token.word) in FUNCTION_TAGS:
            return start
        offset = token.end
    return place.span.start


def _joins_name_parts(an: Analysis, offset: int) -> bool:
    """Whether 和 at `offset` joins two nouns of one name rather than two bodies (市委和市政府)."""
    before = an.token_ending_at(offset)
    if before is None or not all(CJK.match(c) for c in before.word) or before.word in an.lex.boundaries:
        return False
    ends_a_body = before.word in an.lex.departments or before.word.endswith(tuple(an.lex.org_suffixes))
    return not ends_a_body and not _is_place_word(an, before) and (word_tag(before.word) or "n").startswith(("n", "v"))


def _is_place_word(an: Analysis, token) -> bool:
    return bool(divisions().lookup(token.word))


def expand_abbreviations(an: Analysis, name: str) -> str:
    for short, full in an.lex.abbreviations:
        if short in name and full not in name:
            name = name.replace(short, full)
    return name


def _dedupe(candidates: list[Mention]) -> list[Mention]:
    """One mention per span; among mentions with the same end, only the longest is kept (a
    department with its place beats the bare department)."""
    by_span: dict[tuple[int, int], Mention] = {}
    for m in candidates:
        by_span.setdefault((m.span.start, m.span.end), m)
    kept = []
    for m in sorted(by_span.values(), key=lambda m: (m.span.start, -m.span.end)):
        if any(o is not m and o.span.end == m.span.end and o.span.start < m.span.start for o in by_span.values()):
            continue
        kept.append(m)
    return kept


def is_bureau(kind: str) -> bool:
    return kind in BUREAU_KINDS
