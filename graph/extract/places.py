"""Place mentions: divisions from the table (full or short names) and, by rule, the streets, towns,
villages and communities below them."""
from __future__ import annotations

import re

from graph import schema as S
from graph.extract.analysis import CJK, Analysis, word_tag
from graph.extract.gazetteer import PLACE, longest
from graph.lexicon import lexicon
from graph.model import Mention, Span
from graph.places import Division, divisions

#: Characters that count or pick out places rather than name one (一个村, 全镇, 各社区, 首个社区),
#: and the 暨 that joins two event names (…丰收节暨金乡…).
_COUNTING = set("个位各全每首几多该此这那其暨")
_TIME_UNITS = set("年月日天")
#: 和县, 与县: the first character of a county's name may be a conjunction (张三和县政务服务中心)
_CONJUNCTIONS = "和与及同"
#: jieba's tag of words that sort things rather than name them (所有, 主要, 大型)
_DISTINGUISHING = "b"
#: Local place endings and their level; development zones (合肥高新区) are governed like districts.
LOCAL_LEVELS = {"街道": "street", "镇": "town", "乡": "town", "村": "village", "社区": "community",
                **{zone: "district" for zone in lexicon().zones}}
_NEW_AREA = "新区"
#: Dictionary tags of common words (jieba reads 文明 as a name too)
_COMMON_WORD_TAGS = frozenset({"n", "v", "vn", "a", "an", "ad", "d", "nr"})
_LOCAL_SUFFIX = re.compile("|".join(sorted(LOCAL_LEVELS, key=len, reverse=True)))


def find_places(an: Analysis) -> list[Mention]:
    table = divisions()
    mentions: list[Mention] = []
    # a short name must be whole words (大新 inside 壮大新兴 is not the county); a full name may be
    # glued to what follows (日照市委)
    named = [hit for hit in longest(an.hits.get(PLACE, []))
             if an.token_boundary(hit.start) and (hit.word in table.full_names or an.token_boundary(hit.end))]
    # 城区, 郊区, 矿区 are districts of a few cities by name, but other than after their city they
    # are kinds of area (宁波城区)
    by_end = {hit.end: hit for hit in named}
    named = [hit for hit in named if hit.word not in an.lex.generic_places or hit.start in by_end and any(
        d.parent in {c.code for c in table.lookup(by_end[hit.start].word)} for d in table.lookup(hit.word))]
    # 兴平 in 副主任刘兴平 is part of a longer name the tagger reads: no place there, nor the article's city
    names = an.tagged_persons.items()
    named = [hit for hit in named if not any(start <= hit.start and hit.end <= end and end - start > len(hit.word)
                                             for start, end in names)]
    mentioned_codes = {d.code for hit in named for d in table.lookup(hit.word)}
    for hit in named:
        division, supported = _choose(table.lookup(hit.word), mentioned_codes)
        if (hit.word != division.name or hit.word[0] in _CONJUNCTIONS and len(hit.word) == 2) \
                and division.level in ("county", "district") and _elsewhere(division, mentioned_codes):
            continue  # 滨海 in a 茂名 story, 张三和县政务服务中心: a county's name where the text is about another region
        if len(hit.word) == 2 and not an.token_boundary(hit.end):
            continue  # 乡镇和县级: 和县 only as a word of its own
        mentions.append(Mention(S.PLACE, hit.word, Span(hit.start, hit.end), {
            "canonical": division.name, "level": division.level, "code": division.code,
            # 长安区 with neither 西安 nor 石家庄 in the text: which one is a guess
            **({} if supported else {"unplaced": True})}))
    local = _local_places(an, mentions)
    # 兴隆镇 is the town, not 兴隆县 by its short name (合肥 in 合肥高新区 is still the city)
    mentions = [m for m in mentions if m.attrs["level"] not in ("county", "district") or m.surface == m.attrs["canonical"]
                or not any(place.span.start <= m.span.start and m.span.end < place.span.end for place in local)]
    mentions += local
    mentions.sort(key=lambda m: m.span)
    return mentions


def _elsewhere(division: Division, mentioned_codes: set[str]) -> bool:
    """Whether the text names cities or provinces, none of them the division's own."""
    table = divisions()
    regions = {code for code in mentioned_codes if table.by_code[code].level in ("city", "province")}
    return bool(regions) and not any(a.code in regions for a in table.ancestors(division))


def _choose(candidates: list[Division], mentioned_codes: set[str]) -> tuple[Division, bool]:
    """Among same-named divisions, the one whose province or city the article also names (a city
    or province before a county of the same name); and whether anything in the text chose it."""
    table = divisions()

    def support(division: Division) -> int:
        return sum(a.code in mentioned_codes for a in table.ancestors(division))

    best = max(candidates, key=lambda d: (support(d), d.level in ("province", "city"), -int(d.code)))
    supported = len({d.code for d in candidates}) == 1 or support(best) > 0 or best.level in ("province", "city")
    return best, supported


def _local_places(an: Analysis, named: list[Mention]) -> list[Mention]:
    text = an.text
    ends = {m.span.end for m in named}
    out: list[Mention] = []
    table_ends = {m.span.end for m in named}
    # 和林格尔|新区: a county's short name before a local ending is that local place's name
    short_forms = {m.span.end: m.span.start for m in named if m.surface != m.attrs["canonical"]}
    for match in _LOCAL_SUFFIX.finditer(text):
        suffix_start, suffix_end = match.start(), match.end()
        if suffix_end in table_ends and suffix_end - suffix_start == 1:
            continue  # the 乡 of 金乡 (县) ends a name from the table, not a township's
        if an.token_ending_at(suffix_end) is None or text.endswith(an.lex.generic_places, 0, suffix_end):
            continue
        start = short_forms.get(suffix_start) if len(match.group()) > 1 else None
        start = start if start is not None else _local_name_start(an, suffix_start, ends)
        if start is None:
            continue
        name = text[start:suffix_end]
        if match.group() == _NEW_AREA and word_tag(text[start:suffix_start]) in _COMMON_WORD_TAGS:
            continue  # 建设文明新区: not every 新区 is a zone
        out.append(Mention(S.PLACE, name, Span(start, suffix_end), {
            "canonical": name, "level": LOCAL_LEVELS[match.group()]}))
        ends.add(suffix_end)
    return out


def _core_ok(an: Analysis, start: int, end: int) -> bool:
    """The name part holds only name characters: no function word, no verb (游古村, 要到社区)."""
    core = an.text[start:end]
    if not all(CJK.match(c) for c in core) or any(c in _COUNTING for c in core):
        return False
    if any(start <= name_start and name_end <= end for name_start, name_end in an.tagged_persons.items()):
        return False  # 周明到高新区: a person going somewhere, not a place named after them
    offset = start
    while offset < end:
        token = an.token_at(offset)
        inside = token.start >= start and token.end <= end
        if inside and word_tag(token.word) == "m" and any(c in _TIME_UNITS for c in token.word):
            return False  # 三年|来社区: a span of time, not a name
        if inside and token.word in an.lex.boundaries:
            return False  # a function word, not the 和 of 和睦
        if inside and word_tag(token.word) == _DISTINGUISHING:
            return False  # 所有村, 主要社区: a word that picks places out, not a name
        if inside and an.is_stop_word(token.word) \
                and not _name_character(token.word, first=token.start == start):
            return False
        offset = token.end
    return True


def _name_character(word: str, first: bool) -> bool:
    """大 of 大冲社区, 冲 of 大冲社区: one character of a local name may read as an adjective, or
    after the first as a verb (要到社区 starts with one)."""
    return len(word) == 1 and word_tag(word) in (("a",) if first else ("a", "v"))


def _local_name_start(an: Analysis, suffix_start: int, place_ends: set[int]) -> int | None:
    """Where the name before 街道/镇/村… begins: right after a named place, else after a clause
    boundary or a function word, 2 to 4 characters back."""
    text = an.text
    for length in (2, 3, 4):
        start = suffix_start - length
        if start < 0:
            break
        core = text[start:suffix_start]
        if not _core_ok(an, start, suffix_start):
            break
        if start in place_ends:
            return start
    for length in (2, 3):
        start = suffix_start - length
        if start < 0:
            break
        before = text[start - 1] if start > 0 else "\n"
        token = an.token_ending_at(start)
        if not an.token_boundary(start):
            continue  # 深圳湾社区 does not start at 圳
        if (not CJK.match(before) or an.is_stop_word(before)
                or (token is not None and an.is_stop_word(token.word))):
            core = text[start:suffix_start]
            if _core_ok(an, start, suffix_start):
                return start
    return None
