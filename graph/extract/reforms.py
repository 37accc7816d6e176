"""Reform and initiative mentions.

- A quoted name counts when something marks it as an initiative: a cue noun after it (“X”平台,
  “X”改革, “X”扩面提质五大行动), a verb of pushing right before it (推行“X”), the list of
  nationally known reforms, or “X”打造成…平台. Quoted idioms and slogans are skipped.
- Known reform names count unquoted too; so do long names ending in 改革试点/制度改革/化改革, lists
  closed by N大(专项)行动, systems put in force (推行首问负责制); policy documents in 《》.
"""
from __future__ import annotations

import re

from graph import schema as S
from graph.extract.analysis import CJK, Analysis, word_tag
from graph.extract.gazetteer import KNOWN_REFORM, EVENT_SUFFIX
from graph.model import Mention, Span

_QUOTE = re.compile(r"“([^“”\n]{2,30})”|‘([^‘’\n]{2,30})’")
_PREFIX = re.compile(r"[0-9A-Za-z]+$")
_TAIL = re.compile(r"[\u4e00-\u9fff]{0,6}?[一二三四五六七八九十两\d]+大(?:专项)?(?:行动|工程|计划|战略)")
_LIST_PROGRAMME = re.compile(
    r"((?:[\u4e00-\u9fff]{3,14}、){1,6}[\u4e00-\u9fff]{3,14}?)([一二三四五六七八九十两\d]+大(?:专项)?(?:行动|工程|战略|任务))")
#: (…化改革 only after a few characters: 审批服务便民化改革, not 城乡居民真正体验数字化改革)
_HUA_REFORM = "化改革"
_UNQUOTED = re.compile(r"[\u4e00-\u9fff]{4,30}?(?:改革试点|制度改革|方式改革|机制改革|体制改革|所有制改革|保险试点|建设试点)"
                       r"|[\u4e00-\u9fff]{2,6}?化改革")
#: A system of work put in force, named unquoted after the verb: 推行首问负责制, 实行为民服务代理制
_SYSTEM = re.compile(r"(?:推行|实行|推广|全面推行|全面实行|探索推行)([\u4e00-\u9fff]{3,10}?制)(?![度定约])")
_POLICY = re.compile(r"《([^《》\n]{4,60}?(?:意见|方案|办法|规定|条例|通知|规划|纲要|决定|细则|指引|清单|计划))》")
#: A titled programme: 《问政…》栏目, 开设《…》专栏.
_PROGRAMME = re.compile(r"(?<=开设|推出|播出|上线|打造|开办)《([^《》\n]{2,20})》|《([^《》\n]{2,20})》(?=栏目|节目|专栏|专题)")
_BUILT_INTO = re.compile(r"^(?:打造成|打造为|建成|建设成)[^,。;]{0,20}?(平台|品牌|高地|标杆)")
_NOT_A_NAME = set("的了吗呢吧啊我你他她而是请")
_PATTERNED = re.compile(r"^一.一.$|^.易.$|通办$|一件事$|^一网|跑一次|^互联网\+|[\u4e00-\u9fff]\+[\u4e00-\u9fff]")
#: Endings of quoted phrases that are no initiative: a practice others learn from (“X经验”), or an
#: honorific title (“中国X之乡”).
_PRACTICE_WORDS = ("经验", "做法", "之乡", "之都", "之城")
PUSH_WINDOW = 6
PUSH_GAP = 5
#: Cue nouns too common to count unless they follow the quote directly.
GENERIC_CUES = ("服务", "活动", "系统", "工程", "计划", "经验")


def find_reforms(an: Analysis) -> list[Mention]:
    text = an.text
    out: list[Mention] = []
    event_words = an.lex.event_suffixes
    pushes = tuple(sorted(an.lex.verbs["promote"], key=len, reverse=True))
    for match in _QUOTE.finditer(text):
        inner = match.group(1) or match.group(2)
        core = inner.strip()
        if (core in an.lex.not_reforms or any(c in _NOT_A_NAME for c in core)
                or any(c in ",。!?;:" for c in core) or core.endswith(event_words + _PRACTICE_WORDS)):
            continue
        start, end = match.start(), match.end()
        prefix = _PREFIX.search(text[max(0, start - 8):start])
        name = (prefix.group() if prefix else "") + core
        name_start = start - (len(prefix.group()) if prefix else 0)
        after = text[end:end + 12]
        tail = _TAIL.match(after)
        cue = _cue_after(an, text, end)
        kind = None
        if tail:
            name, end, kind = name + tail.group(), end + tail.end(), "campaign"
        elif cue:
            kind = an.lex.reform_cues[cue]
        elif core in an.lex.known_reforms or _PATTERNED.search(core):
            kind = an.lex.known_reforms.get(core, "reform")
        elif (own := _own_cue(an, core)) is not None:  # “留寿计划”, “X快办行动”: named as what it is
            kind = an.lex.reform_cues[own]
        elif _pushed(text, start, pushes, gap=PUSH_GAP if len(core) >= 4 else 0):  # 落实好“X”, 打造城区“X”
            kind = "reform"
        elif _BUILT_INTO.match(after):
            kind = "brand" if _BUILT_INTO.match(after).group(1) == "品牌" else "platform"
        if kind is None or len(core) < 3 and not cue:
            continue
        out.append(Mention(S.REFORM, name, Span(name_start, end), {"canonical": name, "kind": kind}))
    for hit in an.hits.get(KNOWN_REFORM, []):
        if an.token_boundary(hit.start):
            out.append(Mention(S.REFORM, hit.word, Span(hit.start, hit.end),
                               {"canonical": hit.word, "kind": an.lex.known_reforms[hit.word]}))
    out += _listed_programmes(an)
    out += _unquoted_reforms(an)
    for pattern, kind in ((_POLICY, "policy"), (_PROGRAMME, "programme"), (_SYSTEM, "reform")):
        for match in pattern.finditer(text):
            group = match.lastindex  # the programme pattern has two alternatives
            out.append(Mention(S.REFORM, match.group(group), Span(match.start(group), match.end(group)),
                               {"canonical": match.group(group), "kind": kind}))
    return _without_overlaps(out)


def _own_cue(an: Analysis, core: str) -> str | None:
    """The cue noun a quoted name itself ends with (“X计划”); not 服务 or 活动 (“贴心服务”, “X活动”:
    a service style, an event)."""
    return next((cue for cue in sorted(an.lex.reform_cues, key=len, reverse=True)
                 if len(cue) > 1 and core.endswith(cue) and len(core) > len(cue) + 1
                 and cue not in ("服务", "活动")), None)


def _pushed(text: str, start: int, pushes: tuple[str, ...], gap: int) -> bool:
    """A verb of pushing right before the quote, or up to `gap` name characters before it
    (实施高校毕业生“X”)."""
    before = text[max(0, start - PUSH_WINDOW - gap):start].rstrip("好")
    for between in range(gap + 1):
        head = before[:len(before) - between] if between else before
        if head.endswith(pushes) and all(CJK.match(c) for c in before[len(head):]):
            return True
    return False


def _cue_after(an: Analysis, text: str, end: int) -> str | None:
    """The cue noun after a closing quote, looking past further quoted names (“A”“B”等集成式改革)."""
    pos = end
    while text.startswith(("“", "‘"), pos):
        closing = text.find("”" if text[pos] == "“" else "’", pos + 1)
        if closing < 0 or closing - pos > 30:
            break
        pos = closing + 1
    rest = text[pos:pos + 8]
    if rest.startswith("等"):
        window = rest[1:8]
        for cue in sorted(an.lex.reform_cues, key=len, reverse=True):
            if cue in window and cue in ("改革", "集成改革", "行动", "平台", "模式"):
                return cue
    for cue in sorted(an.lex.reform_cues, key=len, reverse=True):
        if rest.startswith(cue):
            return cue
    # “X”审批模式, “X”文化品牌: a specific cue a few modifier characters later
    for cue in sorted(an.lex.reform_cues, key=len, reverse=True):
        at = rest.find(cue, 1, 5 + len(cue))
        if len(cue) > 1 and cue not in GENERIC_CUES and at > 0 and all(CJK.match(c) for c in rest[:at]):
            return cue
    return None


def _listed_programmes(an: Analysis) -> list[Mention]:
    out = []
    for match in _LIST_PROGRAMME.finditer(an.text):
        start = match.start()
        # the list starts after the verb that introduces it (聚焦, 实施 …)
        for verb in sorted(an.lex.verbs["promote"] + ("聚焦",), key=len, reverse=True):
            found = an.text.find(verb, start, match.start(2))
            if found >= 0 and found < match.start(1) + 4:
                start = found + len(verb)
                break
        name = an.text[start:match.end()]
        out.append(Mention(S.REFORM, name, Span(start, match.end()),
                           {"canonical": name, "kind": "campaign", "aliases": [match.group(2)]}))
    return out


def _unquoted_reforms(an: Analysis) -> list[Mention]:
    out = []
    for match in _UNQUOTED.finditer(an.text):
        end = match.end()
        start = end
        while start > match.start():
            token = an.token_at(start - 1)
            if token is None or token.start < match.start() or token.word in an.lex.boundaries \
                    or token.word[:2] in an.lex.boundaries:
                break
            start = token.start
        # 深化…制度改革, 扩大…试点: a verb in front pushes the reform, it is not its name
        while (token := an.token_at(start)) is not None and token.word in an.lex.all_verbs and token.end < end:
            start = token.end
        if match.group().endswith(_HUA_REFORM):  # 城乡居民真正|体验数字化改革: the name starts after an adverb
            start = max([t.end for t in _tokens(an, start, end) if word_tag(t.word) in ("d", "ad")], default=start)
        name = an.text[start:end]
        if len(name) >= 8 and not any(c in "和与及或" for c in name):
            out.append(Mention(S.REFORM, name, Span(start, end), {"canonical": name, "kind": "reform"}))
    return out


def _tokens(an: Analysis, start: int, end: int) -> list:
    out, offset = [], start
    while offset < end and (token := an.token_at(offset)) is not None:
        out.append(token)
        offset = token.end
    return out


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.span.start, -(m.span.end - m.span.start))):
        if kept and m.span.start < kept[-1].span.end:
            continue
        kept.append(m)
    return kept
