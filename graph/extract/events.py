"""Event mentions: names ending in an event word (大会, 会议, 节, 仪式 …), extended leftwards over
years, ordinals (第N届), places, bodies, quoted parts and 暨; plus the usual short names of national
meetings. Weak endings (活动, 会议 …) need something specific in the name."""
from __future__ import annotations

import re

from graph import schema as S
from graph.extract.analysis import CJK, Analysis, word_tag
from graph.extract.gazetteer import EVENT_ALIAS, EVENT_SUFFIX, PLACE, TITLE
from graph.extract.orgs import RELATIVE_SCOPES, Context
from graph.extract.dates import DATE, DATELINE_PART, DAY, date_before
from graph.lexicon import alternation
from graph.model import Mention, Span

WEAK_ENDINGS = ("活动", "会议", "仪式", "展览", "比赛", "对话", "演出", "节", "大会", "论坛", "发布会", "新闻发布会")
_SPECIFIC = re.compile(r"\d|第?[一二三四五六七八九十百零\d]+[届次]|首届|[“‘]|暨")
#: 12项主题活动, 三场比赛: a count of events, not the name of one.
_COUNTED = re.compile(r"^(?:[\d一二三四五六七八九十百千两]+[余多]?[项个场批类次期]|各类|各项|多项|一系列)")
#: Words before an event's name that are not part of it; a date never begins a name (4月25日…会议)
_LEADING_NOISE = re.compile(r"^(?:本届|此次|本次|这次|下一次|下次|上一次|该|今年|去年|上届|[一二三四五六七八九十][是要]"
                            r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日|日前|近日|昨天|今天|上午|下午|晚上)+")
#: (以下简称《工作举措》) between a document's title and the event about it
_SHORT_NAME = re.compile(r"\(以下简?称[^()]{1,20}\)")
_QUOTE_JOINERS = "和与及暨"
HOLDING = ("举办", "举行", "召开", "开幕", "启幕", "开启", "启动", "闭幕")
MAX_EVENT = 40
#: Bodies a relative prefix (市, 县 …) names at the start of an event's name.
_RELATIVE_BODIES = ("委", "政府", "人大", "政协", "人民政府")
_PERSON_ACTIONS = ("主持", "出席", "参加", "列席", "宣布")
HELD_NAME_MIN = 4
#: Verbs by which a host holds an unnamed event (…召开了新闻发布会)
HOLDING_UNNAMED = ("召开了", "举行了", "举办了", "召开的", "举行的", "举办的", "召开", "举行", "举办")
#: An unnamed event's kind is a word such as 发布会, 座谈会 (会议, 活动, 节 alone say too little)
UNNAMED_KIND_MIN = 3
MAX_VISITED = 12
#: Characters allowed between a relative body and the event's ending (市委常委会会议: 常委会)
RELATIVE_EVENT_MIDDLE = 3
_PRESS_EVENTS = ("发布会", "新闻发布会", "通气会", "吹风会")
#: Characters between a host and its verb (于11月20日, 联合, 今天上午)
HOST_GAP = 12


def find_events(an: Analysis, ctx: Context | None = None, hosts: list[Mention] = ()) -> list[Mention]:
    """Event mentions; with the article's place context, names that start with a relative body
    (县委常委会会议, 市政府常务会议) are made the named place's, so two counties' meetings of one
    name stay two events. `hosts` (bodies and places) name the events the text holds but does not
    name (X召开新闻发布会)."""
    text = an.text
    # the usual short names first: where a name also ends like an event, the table's canonical wins
    found = [Mention(S.EVENT, hit.word, Span(hit.start, hit.end), {"canonical": an.lex.event_aliases[hit.word]})
             for hit in an.hits.get(EVENT_ALIAS, [])]
    for hit in an.hits.get(EVENT_SUFFIX, []):
        token = an.token_ending_at(hit.end)
        if token is None:
            continue
        if len(hit.word) == 1 and word_tag(text[hit.end - 2:hit.end]) is not None:
            continue  # 春节, 关键环节: a word ending in 节, not a festival's name (读书节 is one)
        end = hit.end
        opening = _quote_around(text, hit.end)
        if opening is not None:  # 第五届“和睦邻里节”: the quoted name is whole, whatever words it holds
            start, end = _extend_left(an, opening), hit.end + 1
        else:
            start = _extend_left(an, hit.start)
            start = _held_name_start(an, start, end)
        name = _LEADING_NOISE.sub("", text[start:end])
        start = end - len(name)
        quoted = text[start - 1:start] in ("“", "‘")
        has_place = any(start <= p.start and p.end <= hit.start for p in an.hits.get(PLACE, [])) \
            or _held_by_relative_body(an, name, hit.word, start, ctx)
        # 举行立功喜报送达仪式: a name right after the verb that holds it is an event however plain
        held = text.endswith(HOLDING, 0, start) and len(name) - len(hit.word) >= HELD_NAME_MIN
        if _COUNTED.match(name):
            continue
        if len(name) - len(hit.word) < 2 or not (held or _specific_enough(name, hit.word, quoted, has_place)):
            unnamed = _unnamed(an, name, start, end, hosts)
            if unnamed is not None:
                found.append(unnamed)
            continue
        # 《X举措》解读新闻发布会: the title marks are the document's, not the event's name
        canonical = _SHORT_NAME.sub("", _placed(an, name, start, ctx)).replace("《", "").replace("》", "")
        found.append(Mention(S.EVENT, name, Span(start, end), {"canonical": canonical}))
    found += _visits(an, hosts) + _headline_visit(an) + _headline_opening(an, hosts)
    return _maximal(_named_elsewhere(found))


#: How a delegation goes to the place it visits
_GOING = "来|到|赴|深入"


def _visits(an: Analysis, hosts: list[Mention] = ()) -> list[Mention]:
    """X考察团来Y考察, X局调研组深入Y调研: a delegation's visit, named by the words that delimit it,
    when the place it visits is a named place and a place or body (`hosts`) sends it. It is held in
    the place visited."""
    verbs = an.lex.verbs
    pattern = re.compile(f"(?:{alternation(verbs['delegation'])})(?:一行)?(?:{_GOING})"
                         f"([\u4e00-\u9fff]{{2,{MAX_VISITED}}}?)(?:{alternation(verbs['visit'])})")
    places = {(p.start, p.end) for p in an.hits.get(PLACE, [])}
    out = _led_visits(an, hosts)
    for match in pattern.finditer(an.text):
        start = _extend_left(an, match.start())
        senders = [(p_start, p_end) for p_start, p_end in places] + [(h.span.start, h.span.end) for h in hosts]
        if start == match.start() or not any(start <= s_start < match.start() for s_start, _ in senders) \
                or match.span(1) not in places:
            continue
        name = an.text[start:match.end()]
        out.append(Mention(S.EVENT, name, Span(start, match.end()), {"canonical": name, "held_from": match.start(1)}))
    return out


#: Words between a visitor's name and the verb of visiting: where they go (到X县, 赴X, 深入X)
_GOING_TO = re.compile(r"(?:到|赴|在|深入|前往|来到)?[\u4e00-\u9fff]{0,12}?")
MAX_HEADLINE = 40
MAX_VISIT_OBJECT = 20


def _headline(an: Analysis) -> str:
    """The article's first line when it reads as a headline (short, no clause in it), else ""."""
    line_end = an.text.find("\n")
    headline = an.text if line_end < 0 else an.text[:line_end]
    return "" if len(headline) > MAX_HEADLINE or any(c in headline for c in "，,。：:") else headline


def _headline_visit(an: Analysis) -> list[Mention]:
    """常务副市长张三调研政务服务工作, 张三、李四到县行政审批服务局调研: a headline that is a visit
    by people the model tags, named from the first visitor's name to the headline's end (their
    titles and places before it left out). The article is about that visit."""
    text, headline = an.text, _headline(an)
    line_end = len(headline)
    verbs = alternation(an.lex.verbs["visit"])
    match = re.search(f"(?:{verbs})(?!组|团)[\u4e00-\u9fff]{{0,{MAX_VISIT_OBJECT}}}$", headline)
    if match is None:
        return []
    names = sorted((start, end) for start, end in an.tagged_persons.items() if end <= match.start())
    if not names or not _GOING_TO.fullmatch(text, names[-1][1], match.start()):
        return []
    first = names[-1][0]
    for start, end in reversed(names[:-1]):  # 张三、李四调研: every visitor named in a list
        if text[end:first] not in ("、", "和", "与"):
            break
        first = start
    name = text[first:line_end]
    return [Mention(S.EVENT, name, Span(first, line_end), {"canonical": name})]


def _headline_opening(an: Analysis, hosts: list[Mention]) -> list[Mention]:
    """X县政务服务中心正式启用, X便民服务中心揭牌: a headline that opens a body is the article's
    event, named from the body to the headline's end."""
    text, headline = an.text, _headline(an)
    line_end = len(headline)
    match = re.search(f"(?:{alternation(an.lex.verbs['opening'])})(?:仪式)?$", headline)
    body = match and next((h for h in hosts if h.label == S.ORGANIZATION and h.span.end == match.start()), None)
    if not body:
        return []
    name = text[body.span.start:line_end]
    return [Mention(S.EVENT, name, Span(body.span.start, line_end), {"canonical": name})]


def _led_visits(an: Analysis, hosts: list[Mention]) -> list[Mention]:
    """X局党组成员张三一行到Y县调研: a visit led by a person of a body, named by the body, the
    person and the words that delimit it (the person's titles left out); the place visited must be
    a named place or body."""
    text, verbs = an.text, an.lex.verbs
    pattern = re.compile(f"一行(?:{_GOING})([\u4e00-\u9fff]{{2,{MAX_VISITED}}}?)(?:{alternation(verbs['visit'])})")
    visited = {(p.start, p.end) for p in an.hits.get(PLACE, [])} | {(h.span.start, h.span.end) for h in hosts}
    out = []
    for match in pattern.finditer(text):
        if match.span(1) not in visited:
            continue
        clause = max(text.rfind(mark, 0, match.start()) for mark in "，,。；;！？\n") + 1
        titles = [hit.end for hit in an.hits.get(TITLE, []) if clause <= hit.end <= match.start()]
        bodies = [h for h in hosts if clause <= h.span.start and h.span.end <= match.start()
                  and h.label == S.ORGANIZATION]
        name_start = max(titles + [b.span.end for b in bodies], default=clause)
        if not 2 <= match.start() - name_start <= 4 or not bodies:
            continue
        sender = bodies[0]
        canonical = sender.attrs["canonical"] + text[name_start:match.end()]
        out.append(Mention(S.EVENT, text[sender.span.start:match.end()], Span(sender.span.start, match.end()),
                           {"canonical": canonical, "held_from": match.start(1)}))
    return out


def _named_elsewhere(found: list[Mention]) -> list[Mention]:
    """召开新闻发布会 in an article whose headline names the press conference: the same event, so
    the bare words are left to fold into that name (graph.extract.resolve)."""
    named = [m for m in found if not m.attrs.get("unnamed")]
    for mention in found:
        if mention.attrs.get("unnamed") and any(m.attrs["canonical"].endswith(mention.surface) for m in named):
            mention.attrs = {"canonical": mention.surface}
    return found


def _unnamed(an: Analysis, name: str, start: int, end: int, hosts: list[Mention]) -> Mention | None:
    """泰安市人民政府新闻办公室召开新闻发布会: an event the text delimits (a host right before a verb
    of holding) but does not name is named by its host and kind, and by its date when the text
    gives one, so one host's press conferences on two days stay two events. The words as written
    stay an alias."""
    verb = next((v for v in HOLDING_UNNAMED if an.text.endswith(v, 0, start)), None)
    if verb is None or len(name) < UNNAMED_KIND_MIN:
        return None
    verb_start = start - len(verb)
    host = max((h for h in hosts if h.span.end <= verb_start and verb_start - h.span.end <= HOST_GAP
                and "," not in an.text[h.span.end:verb_start] and "," not in an.text[h.span.start:h.span.end]),
               key=lambda h: (h.span.end, h.span.end - h.span.start), default=None)
    if host is None:
        return None
    canonical = host.attrs["canonical"] + name
    sentence_start = an.sentence_start(start)
    date = date_before(an, sentence_start, start)
    return Mention(S.EVENT, name, Span(start, end), {
        "canonical": f"{canonical}（{date}）" if date else canonical, "aliases": [canonical], "unnamed": True})


def _held_by_relative_body(an: Analysis, name: str, ending: str, start: int, ctx: Context | None) -> bool:
    """市政府新闻发布会: the article's city's government's, a named event; a body's own press events
    only (a 市人大机关会议 is no event of the day, nor 市委书记某某主持会议 a name)."""
    body = next((b for b in _RELATIVE_BODIES if name[1:].startswith(b)), None)
    return ending in _PRESS_EVENTS and body is not None \
        and len(name) - 1 - len(body) - len(ending) <= RELATIVE_EVENT_MIDDLE \
        and _placed(an, name, start, ctx) != name


def _placed(an: Analysis, name: str, start: int, ctx: Context | None) -> str:
    if ctx is None or len(name) < 2 or name[0] not in RELATIVE_SCOPES or not name[1:].startswith(_RELATIVE_BODIES):
        return name
    place = ctx.resolve(name[0], start, an.sentence_start(start))
    if not place:
        return name
    return ("中共" if name[1] == "委" else "") + place + name[1:]


def _quote_around(text: str, end: int) -> int | None:
    """Where the quote opens when an event ending closes a quoted name (…“和睦邻里节”)."""
    if text[end:end + 1] not in ("”", "’"):
        return None
    opening = text.rfind("“" if text[end] == "”" else "‘", max(0, end - MAX_EVENT), end)
    return opening if opening >= 0 and not any(c in text[opening:end] for c in ",。;:!?\n”’") else None


def _specific_enough(name: str, ending: str, quoted: bool, has_place: bool) -> bool:
    if ending == "节":
        return len(name) >= 5 or bool(_SPECIFIC.search(name))
    if ending in WEAK_ENDINGS:
        return bool(_SPECIFIC.search(name)) or quoted or has_place
    return True


def _extend_left(an: Analysis, start: int) -> int:
    text = an.text
    limit = max(0, start - MAX_EVENT)
    while start > limit:
        char = text[start - 1]
        if char == ")":
            opening = text.rfind("(", limit, start - 1)
            if opening < 0 or not (all(CJK.match(c) for c in text[opening + 1:start - 1])
                                   or _SHORT_NAME.match(text, opening)):
                break
            start = opening
            continue
        if char in "”’》":
            opening = text.rfind({"”": "“", "’": "‘", "》": "《"}[char], limit, start - 1)
            if opening < 0 or any(c in text[opening:start] for c in ",。;:!?\n"):
                break
            start = opening
            continue
        if char in _QUOTE_JOINERS and text[start - 2:start - 1] in ("”", "’"):
            start -= 1  # “红旗窗口”和“服务之星”表彰大会: two quoted names make one event's name
            continue
        if not (CJK.match(char) or char.isalnum() or char in "·-—+ "):
            break
        if char == " " and not _inside_quote(text, start - 1):
            break
        token = an.token_at(start - 1)
        # event names hold verbs (招商引资, 开放); only the listed function words end them
        if token is None or (_starts_with_boundary(an, token.word)
                             and not text.startswith(an.lex.event_suffixes, token.start)) \
                or token.word in _PERSON_ACTIONS:
            break  # 张三主持开幕式: who does what at the event is not its name (观摩, 走访 may be)
        start = token.start if token.end == start else start - 1
    while start < len(text) and text[start] in " -—":
        start += 1
    return start


#: An event that is its clause's subject: X会议在Y召开, X大会隆重开幕
_HELD_AFTER = re.compile(r"(?:在[^，,。；;\n]{1,16})?(?:隆重|正式|顺利)?(?:召开|举行|举办|开幕|启幕)")
#: What ends the clause an event's name stands in (a dateline's 10月30日， too)
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
MAX_HELD_NAME = 36
#: Words a held event's name never holds: another holding, a person's part, a second action
_NOT_IN_HELD_NAME = HOLDING + _PERSON_ACTIONS + ("由", "并", "在")


def _held_name_start(an: Analysis, start: int, end: int) -> int:
    """Where the name of a held event begins when words that end other names (及, 向, 持续) stand
    in it: right after the verb that holds it (X县政协召开持续优化营商环境专题协商会议), or at the
    start of the clause it is the subject of (全省电子政务网建设及应用观摩交流会在X县召开). Else
    `start`."""
    text = an.text
    clause = max((m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - MAX_HELD_NAME), start)), default=0)
    verbs = [m.end() for m in re.finditer(alternation(HOLDING_UNNAMED), text[clause:start])]
    if verbs:
        begin = clause + verbs[-1]
    elif _HELD_AFTER.match(text, end) and (clause > 0 or start - clause <= MAX_HELD_NAME):
        begin = clause
    else:
        return start
    stretch = text[begin:start]
    if begin >= start or not all(CJK.match(c) or c.isalnum() for c in stretch) \
            or any(word in stretch for word in _NOT_IN_HELD_NAME) \
            or any(hit.start >= begin and hit.end <= start for hit in an.hits.get(EVENT_SUFFIX, [])):
        return start
    return begin


def _starts_with_boundary(an: Analysis, word: str) -> bool:
    return word in an.lex.boundaries or word[:2] in an.lex.boundaries or (
        len(word) > 1 and word[0] in an.lex.boundaries and word_tag(word) is None)


def _inside_quote(text: str, offset: int) -> bool:
    opening = text.rfind("“", 0, offset)
    closing = text.rfind("”", 0, offset)
    return opening > closing


def _maximal(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions lying inside a longer one (开幕式 inside X开幕式暨Y)."""
    kept = []
    for m in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
        if any(o is not m and o.span.start <= m.span.start and m.span.end <= o.span.end
               and (o.span.end - o.span.start) > (m.span.end - m.span.start) for o in mentions):
            continue
        if kept and kept[-1].span == m.span:
            continue
        kept.append(m)
    return kept


def event_dates(an: Analysis, event: Mention, sentence_start: int, sentence_end: int) -> tuple[str | None, str | None]:
    """The date a sentence gives for an event it says is held (举办, 召开 …)."""
    # the dateline (本报3月14日讯(记者 …)) dates the report, not the event
    sentence = DATELINE_PART.sub("", an.text[sentence_start:sentence_end])
    if not any(word in sentence for word in HOLDING):
        return None, None
    year_in_name = re.search(r"(20\d\d|19\d\d)", event.attrs["canonical"])
    year = int(year_in_name.group(1)) if year_in_name else None
    match = DATE.search(sentence)
    if match:
        start_year = int(match.group(1)) if match.group(1) else year
        start = an.iso(int(match.group(2)), int(match.group(3)), start_year)
        end = None
        if match.group(5):
            end = an.iso(int(match.group(4) or match.group(2)), int(match.group(5)), start_year)
        return start, end
    day = DAY.search(sentence)
    if day and an.dateline:
        return an.iso(an.dateline[0], int(day.group(1)), year), None
    return None, None
