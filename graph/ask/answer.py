"""A question in Chinese → what it asks (a kind and its entities) → the answer, read from a Store.

The kind is read from cue words (lexicons/questions.tsv) and the kinds of entity the question
names; dates (2024年3月, 今年, 上个月) resolve against `as_of`. An answer is one sentence, a table
and the evidence sentences behind each row.
"""
from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from graph import schema as S
from graph import tenure
from graph.ask.linking import EntityIndex, Mention, plain
from graph.ask.store import Link, Store
from graph.extract.orgs import department_name
from graph.lexicon import lexicon

#: Words of a deputy's or member's post: not the 一把手
_NOT_TOP = ("副", "成员", "委员", "常委", "助理", "调研员", "巡视员")
#: Evidence sentences shown per answer row
EVIDENCE_PER_ROW = 2
#: How many example questions a help answer gives
HELP_EXAMPLES = 5
#: How many entities of a kind are tried for a help example
EXAMPLE_SEARCH = 30


@dataclass
class Answer:
    question: str
    intent: str                        # the kind of question, or "help" / "candidates"
    params: dict
    sentence: str
    columns: tuple[str, ...] = ()
    rows: list[dict] = field(default_factory=list)       # each: name, id, cells, evidence
    cypher: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [row["name"] for row in self.rows]

    def as_json(self) -> dict:
        return {"question": self.question, "intent": self.intent, "params": self.params, "cypher": self.cypher,
                "sentence": self.sentence,
                "answers": [{"name": r["name"], "id": r["id"], **dict(zip(self.columns[1:], r["cells"]))}
                            for r in self.rows],
                "evidence": [dict(item, answer=r["name"]) for r in self.rows for item in r["evidence"]]}


@dataclass(frozen=True)
class Period:
    start: str
    end: str

    def covers(self, first: str | None, last: str | None) -> bool:
        return bool(first) and first <= self.end and (last or first) >= self.start


def period_of(question: str, as_of: datetime.date) -> Period | None:
    """2024年3月, 2024年, 今年, 去年, 本月, 上个月, 3月 (of the year of as_of)."""
    text = question

    def month(year: int, number: int) -> Period:
        last = (datetime.date(year + number // 12, number % 12 + 1, 1) - datetime.timedelta(days=1)).day
        return Period(f"{year:04d}-{number:02d}-01", f"{year:04d}-{number:02d}-{last:02d}")

    if found := re.search(r"(\d{4})年(\d{1,2})月", text):
        return month(int(found.group(1)), int(found.group(2)))
    if found := re.search(r"(\d{4})年(上半年|下半年)?", text):
        year = int(found.group(1))
        half = {"上半年": ("01-01", "06-30"), "下半年": ("07-01", "12-31")}.get(found.group(2), ("01-01", "12-31"))
        return Period(f"{year}-{half[0]}", f"{year}-{half[1]}")
    relative_years = {"今年": 0, "去年": -1, "前年": -2}
    for word, offset in relative_years.items():
        if word in text:
            year = as_of.year + offset
            if found := re.search(word + r"(\d{1,2})月", text):
                return month(year, int(found.group(1)))
            return Period(f"{year}-01-01", f"{year}-12-31")
    if any(word in text for word in ("本月", "这个月", "当月")):
        return month(as_of.year, as_of.month)
    if any(word in text for word in ("上个月", "上月")):
        previous = as_of.replace(day=1) - datetime.timedelta(days=1)
        return month(previous.year, previous.month)
    if found := re.search(r"(?<![\d年])(\d{1,2})月", text):
        return month(as_of.year, int(found.group(1)))
    return None


class Asker:
    """Answers questions over one store; the entity index is built once."""

    def __init__(self, store: Store):
        self.store = store
        self.index = EntityIndex(store.entities())
        self.index_statements = list(store.statements)   # how the names were read, once
        self.entities = self.index.entities
        names = Counter(e.name for e in self.entities.values() if e.base == S.PERSON)
        self.shared_names = frozenset(name for name, count in names.items() if count > 1)
        self.cues = lexicon().question_cues

    # ---------------------------------------------------------------- entry

    def ask(self, question: str, as_of: datetime.date | None = None) -> Answer:
        self.store.statements.clear()
        as_of_given = as_of is not None
        as_of = as_of or datetime.date.today()
        mentions = self.index.link(question)
        answer = self._answer(question, mentions, as_of, as_of_given)
        answer.cypher = [*self.index_statements, *self.store.statements]
        return answer

    def _has(self, question: str, kind: str) -> bool:
        text = plain(question)
        return any(word in text for word in self.cues[kind])

    def _answer(self, question: str, mentions: list[Mention], as_of: datetime.date, as_of_given: bool) -> Answer:
        ambiguous = [m for m in mentions if len(m.candidates) > 1]
        named = [m for m in mentions if len(m.candidates) == 1]
        by_base: dict[str, list[str]] = {}
        for m in named:
            by_base.setdefault(self.entities[m.candidates[0]].base, []).append(m.candidates[0])
        if self._has(question, "unsupported") or not mentions:
            return self.help(question)  # a telephone number, the weather, an opinion: not in the graph
        if self._has(question, "namesakes"):
            return self.namesakes(question, mentions[0])
        if ambiguous and not (len(named) >= 1 and self._has(question, "connection")):
            return self.candidates(question, ambiguous[0])
        persons, orgs = by_base.get(S.PERSON, []), by_base.get(S.ORGANIZATION, [])
        reforms, events, places = by_base.get(S.REFORM, []), by_base.get(S.EVENT, []), by_base.get(S.PLACE, [])
        count = self._has(question, "count")
        period = period_of(question, as_of)
        if self._has(question, "connection"):
            pair = _connected_pair(plain(question), named)
            if pair is None:
                return self.help(question)  # 甲和乙有什么关系, with one of the two unknown here
            return self.connection(question, *pair)
        if places and not orgs and self._title_in(question):
            # 保山市长, 县长是谁: the body a title implies in the place named
            implied = self._implied_body(places[-1], self._title_in(question))
            if implied is not None:
                orgs = [implied]
        if reforms and self._has(question, "first"):
            return self.first(question, reforms[0])
        if events:
            if self._has(question, "organizers"):
                return self.organizers(question, events[0], count)
            return self.attendees(question, events[0], count)
        if persons and (self._has(question, "attendees") or self._has(question, "events")) \
                and not self._has(question, "posts"):
            return self.attended_by(question, persons[0], count, period)
        if orgs and not persons and (self._has(question, "who") or self._title_in(question)) \
                and not self._has(question, "reforms"):
            return self.holders(question, orgs[-1], self._titles_in(question), as_of if as_of_given else None, count,
                                top=self._has(question, "top"))
        if reforms and not orgs:
            return self.promoters(question, reforms[0], places, count)
        if orgs and self._has(question, "reforms"):
            return self.reforms_of(question, orgs[-1], None, count)
        if places and self._has(question, "reforms"):
            return self.reforms_of(question, None, places[-1], count)
        if places and self._has(question, "events"):
            return self.events_in(question, places[-1], period, count)
        if persons:
            return self.posts(question, persons[0], count)
        if orgs:
            return self.holders(question, orgs[-1], [], as_of if as_of_given else None, count,
                                top=self._has(question, "top"))
        if places and self._has(question, "inside"):
            return self.inside(question, places[-1], count)
        return self.help(question)

    def _implied_body(self, place: str, title: str) -> str | None:
        """The body a title implies in a place (市长 in 保山市 → 保山市人民政府), when the graph has it."""
        spec = lexicon().titles.get(title)
        if spec is None or not spec.implied_body:
            return None
        name = department_name(spec.implied_body, self.entities[place].name)
        return next((e.id for e in self.entities.values() if e.base == S.ORGANIZATION and e.name == name), None)

    def _titles_in(self, question: str) -> list[str]:
        """The posts asked about (局长和副局长: both; 副局长: not 局长); 负责人 and 领导 ask for any."""
        text = plain(question)
        found: list[tuple[int, int, str]] = []
        for title in sorted(lexicon().titles, key=len, reverse=True):
            if title in self.cues["who"]:
                continue
            for at in (m.start() for m in re.finditer(re.escape(title), text)):
                if all(at + len(title) <= s or at >= e for s, e, _ in found):
                    found.append((at, at + len(title), title))
        return [title for _, _, title in sorted(found)]

    def _title_in(self, question: str) -> str | None:
        titles = self._titles_in(question)
        return titles[-1] if titles else None

    # ---------------------------------------------------------------- rows

    def _name(self, node_id: str) -> str:
        if node_id not in self.entities:
            return node_id
        return S.display_name(node_id, self.entities[node_id].name, self.shared_names)

    def _row(self, node_id: str, cells: tuple = (), evidence: tuple = ()) -> dict:
        return {"name": self._name(node_id), "id": node_id, "cells": list(cells),
                "evidence": [{"article": e["article"], "date": e.get("date"), "sentence": e["sentence"]}
                             for e in evidence[:EVIDENCE_PER_ROW]]}

    def _listing(self, question: str, intent: str, params: dict, rows: list[dict], columns: tuple[str, ...],
                 subject: str, what: str, count: bool, empty: str) -> Answer:
        rows = sorted(rows, key=lambda r: (r.get("order", ""), r["name"]))
        names = "、".join(r["name"] for r in rows)
        if not rows:
            sentence = empty
        elif count:
            sentence = f"{subject}{what}共{len(rows)}个：{names}。"
        else:
            sentence = f"{subject}{what}：{names}。"
        for row in rows:
            row.pop("order", None)
        return Answer(question, intent, params, sentence, columns, rows)

    # ---------------------------------------------------------------- kinds

    def holders(self, question: str, org: str, titles: list[str], on: datetime.date | None, count: bool,
                top: bool = False) -> Answer:
        """Who holds (a post in) a body; on a day when asked as of one; current holders first; for
        the 一把手, the posts without a deputy's or member's word."""
        links = self.store.links(org, S.HOLDS_POSITION, outgoing=False)
        if titles:
            links = [link for link in links if set(titles) & set((link.props.get(S.TITLE) or "").split("、"))]
        elif top:
            links = [link for link in links if any(not word.startswith(_NOT_TOP) and not word.endswith(_NOT_TOP)
                                                   for word in (link.props.get(S.TITLE) or "").split("、"))] or links
        if on is not None:
            links = [link for link in links if tenure.held_on(link.props, on.isoformat())]
        else:
            current = [link for link in links if link.props.get(S.STATUS) not in (tenure.FORMER, tenure.PENDING)]
            links = current or links
        rows = [self._row(link.other, (link.props.get(S.TITLE, ""), link.props.get(S.STATUS, "")), link.evidence)
                for link in links]
        post = "、".join(titles) or "负责人"
        return self._listing(question, "holder", {"org": org, "titles": titles, "as_of": on and on.isoformat()},
                             rows, ("人物 person", "职务 title", "状态 status"), self._name(org), post, count,
                             f"图谱中没有{self._name(org)}{post}的记录。")

    def posts(self, question: str, person: str, count: bool) -> Answer:
        rows = [self._row(link.other, (link.props.get(S.TITLE, ""), link.props.get(S.STATUS, "")), link.evidence)
                for link in self.store.links(person, S.HOLDS_POSITION)]
        return self._listing(question, "posts", {"person": person}, rows, ("机构 body", "职务 title", "状态 status"),
                             self._name(person), "任职的机构", count, f"图谱中没有{self._name(person)}的任职记录。")

    def _places_within(self, place: str) -> list[str]:
        within, frontier = [place], [place]
        while frontier:
            for link in self.store.links(frontier.pop(), S.PART_OF, outgoing=False):
                if link.other not in within and self.entities.get(link.other, None) and \
                        self.entities[link.other].base == S.PLACE:
                    within.append(link.other)
                    frontier.append(link.other)
        return within

    def _bodies_in(self, place: str) -> dict[str, Link]:
        bodies = {}
        for each in self._places_within(place):
            for link in self.store.links(each, S.LOCATED_IN, outgoing=False):
                bodies.setdefault(link.other, link)
        return bodies

    def reforms_of(self, question: str, org: str | None, place: str | None, count: bool) -> Answer:
        bodies = [org] if org else sorted(self._bodies_in(place))
        rows: dict[str, dict] = {}
        for body in bodies:
            for link in self.store.links(body, S.PROMOTES):
                rows.setdefault(link.other, self._row(link.other, (self._name(body),), link.evidence))
        subject = self._name(org or place)
        return self._listing(question, "reforms_of", {"org": org, "place": place}, list(rows.values()),
                             ("改革 reform", "推动机构 body"), subject, "推动的改革举措", count,
                             f"图谱中没有{subject}推动改革的记录。")

    def promoters(self, question: str, reform: str, places: list[str], count: bool) -> Answer:
        links = self.store.links(reform, S.PROMOTES, outgoing=False)
        if places:
            inside = set().union(*(self._bodies_in(p) for p in places))
            links = [link for link in links if link.other in inside] or links
        rows = [dict(self._row(link.other, (link.props.get(S.FIRST_SEEN, ""),), link.evidence),
                     order=link.props.get(S.FIRST_SEEN) or "9999") for link in links]
        return self._listing(question, "promoters", {"reform": reform}, rows, ("机构 body", "首次报道 first reported"),
                             f"推动{self._name(reform)}的", "机构", count, f"图谱中没有推动{self._name(reform)}的机构。")

    def first(self, question: str, reform: str) -> Answer:
        links = sorted(self.store.links(reform, S.PROMOTES, outgoing=False),
                       key=lambda link: (link.props.get(S.FIRST_SEEN) or "9999", self._name(link.other)))
        rows = [self._row(link.other, (link.props.get(S.FIRST_SEEN, ""),), link.evidence) for link in links[:1]]
        sentence = (f"最早报道推动{self._name(reform)}的是{rows[0]['name']}"
                    f"（{rows[0]['cells'][0] or '日期不详'}）。" if rows else f"图谱中没有推动{self._name(reform)}的记录。")
        return Answer(question, "first", {"reform": reform}, sentence, ("机构 body", "首次报道 first reported"), rows)

    def events_in(self, question: str, place: str, period: Period | None, count: bool) -> Answer:
        rows = {}
        for each in self._places_within(place):
            for link in self.store.links(each, S.HELD_IN, outgoing=False):
                facts = self.store.node(link.other)
                if period and not period.covers(facts.get(S.DATE), facts.get(S.END_DATE)):
                    continue
                rows.setdefault(link.other, dict(self._row(link.other, (facts.get(S.DATE) or "", self._name(each)),
                                                           link.evidence), order=facts.get(S.DATE) or "9999"))
        when = f"{period.start}至{period.end}" if period else ""
        return self._listing(question, "events_in", {"place": place, "period": period and [period.start, period.end]},
                             list(rows.values()), ("活动 event", "日期 date", "地点 place"), self._name(place) + when,
                             "举办的会议活动", count, f"图谱中没有{self._name(place)}{when}举办的会议活动。")

    def attendees(self, question: str, event: str, count: bool) -> Answer:
        rows = [self._row(link.other, (), link.evidence) for link in self.store.links(event, S.ATTENDS, outgoing=False)]
        return self._listing(question, "attendees", {"event": event}, rows, ("人物 person",), f"出席{self._name(event)}的",
                             "人员", count, f"图谱中没有{self._name(event)}的出席者记录。")

    def organizers(self, question: str, event: str, count: bool) -> Answer:
        rows = [self._row(link.other, (), link.evidence) for link in self.store.links(event, S.ORGANIZES, outgoing=False)]
        return self._listing(question, "organizers", {"event": event}, rows, ("机构 body",), f"{self._name(event)}的",
                             "主办机构", count, f"图谱中没有{self._name(event)}的主办机构记录。")

    def attended_by(self, question: str, person: str, count: bool, period: Period | None) -> Answer:
        rows = []
        for link in self.store.links(person, S.ATTENDS):
            facts = self.store.node(link.other)
            if period and not period.covers(facts.get(S.DATE), facts.get(S.END_DATE)):
                continue
            rows.append(dict(self._row(link.other, (facts.get(S.DATE) or "",), link.evidence),
                             order=facts.get(S.DATE) or "9999"))
        return self._listing(question, "attended_by", {"person": person}, rows, ("活动 event", "日期 date"),
                             self._name(person), "出席的会议活动", count, f"图谱中没有{self._name(person)}出席活动的记录。")

    def inside(self, question: str, place: str, count: bool) -> Answer:
        rows = [self._row(body, (), link.evidence) for body, link in self._bodies_in(place).items()]
        return self._listing(question, "inside", {"place": place}, rows, ("机构 body",), self._name(place), "的机构",
                             count, f"图谱中没有位于{self._name(place)}的机构。")

    def connection(self, question: str, source: str, target: str) -> Answer:
        ids, types = self.store.chain(source, target)
        params = {"from": source, "to": target}
        if not ids:
            return Answer(question, "connection", params,
                          f"图谱中{self._name(source)}与{self._name(target)}之间没有事实相连。")
        rows = [self._row(node, (S.RELATIONS[types[i - 1]].short if i else "",)) for i, node in enumerate(ids)]
        steps = "".join(f"—{S.RELATIONS[t].short}—{self._name(n)}" for t, n in zip(types, ids[1:]))
        return Answer(question, "connection", params, f"{self._name(ids[0])}{steps}（{len(types)}步）。",
                      ("实体 entity", "经由 via"), rows)

    def namesakes(self, question: str, mention: Mention) -> Answer:
        rows = [self._row(node) for node in sorted(self.index.exact.get(mention.text, ()) or mention.candidates)]
        return Answer(question, "namesakes", {"name": mention.text},
                      f"图谱中叫“{mention.text}”的有{len(rows)}个：{'、'.join(r['name'] for r in rows)}。",
                      ("实体 entity",), rows)

    def candidates(self, question: str, mention: Mention) -> Answer:
        rows = [self._row(node, (S.STYLES[self.entities[node].label].zh,)) for node in mention.candidates]
        return Answer(question, "candidates", {"name": mention.text},
                      f"“{mention.text}”可能指：{'、'.join(r['name'] for r in rows)}。请说得更具体些（加上地名或全称）。",
                      ("实体 entity", "类别 kind"), rows)

    def help(self, question: str) -> Answer:
        examples = self._examples()
        return Answer(question, "help", {},
                      "没有在问题中找到图谱里的人物、机构、改革、活动或地点。可以这样问：" + "；".join(examples) + "。")

    def _examples(self) -> list[str]:
        """Questions this graph can answer, with names from it: for each kind, the first entity
        (by id) that has the fact the question asks for."""
        kinds = ((S.ORGANIZATION, S.HOLDS_POSITION, False, "{}负责人是谁"),
                 (S.PERSON, S.HOLDS_POSITION, True, "{}担任什么职务"),
                 (S.REFORM, S.PROMOTES, False, "哪些机构在推行{}"),
                 (S.PLACE, S.HELD_IN, False, "{}开了哪些会"),
                 (S.EVENT, S.ATTENDS, False, "谁参加了{}"))
        ordered = sorted(self.entities.values(), key=lambda e: (len(e.name), e.id))
        examples = []
        for base, rel_type, outgoing, phrase in kinds:
            tried = [e for e in ordered if e.base == base][:EXAMPLE_SEARCH]
            found = next((e for e in tried if self.store.links(e.id, rel_type, outgoing)), None)
            if found is not None:
                examples.append(phrase.format(found.name))
        return examples[:HELP_EXAMPLES]


def _connected_pair(text: str, mentions: list[Mention]) -> tuple[str, str] | None:
    """The two entities a question asks the connection of: the ones written right before and right
    after 和 (与, 跟, 同), each the head of its phrase (洛阳市人社局的牛建勋 → 牛建勋); None when
    either is not a known entity."""
    by_start = {m.start: m for m in mentions}
    titles = lexicon().titles
    for joiner in re.finditer("[和与跟同及]", text):
        # 巴特尔副市长和…: a post may follow the name
        left = max((m for m in mentions if m.end <= joiner.start() and m.text not in titles
                    and (m.end == joiner.start() or text[m.end:joiner.start()] in titles)),
                   key=lambda m: m.end, default=None)
        right = by_start.get(joiner.end())
        # 淄博|市医保局: the place written before a body is part of the body's name
        while right is not None and right.end in by_start and right.candidates[0].startswith(f"{S.PLACE}:"):
            right = by_start[right.end]
        if left is None or right is None:
            continue
        while text[right.end:right.end + 1] == "的" and right.end + 1 < len(text) and \
                not any(cue in text[right.end + 1:right.end + 4] for cue in ("关系", "联系", "关联")):
            right = by_start.get(right.end + 1)
            if right is None:
                return None   # 湄潭县委宣传部的某某: the person meant is not known
        if left.candidates[0] != right.candidates[0]:
            return left.candidates[0], right.candidates[0]
    return None


def render(answer: Answer, show_cypher: bool = False) -> str:
    """The answer as text: the sentence, a table, the evidence sentences."""
    lines = [answer.sentence]
    if answer.rows and answer.columns:
        lines.append("")
        lines.append(" | ".join(answer.columns))
        for row in answer.rows:
            lines.append(" | ".join([row["name"], *map(str, row["cells"])]))
    evidence = [(row["name"], item) for row in answer.rows for item in row["evidence"]]
    if evidence:
        lines += ["", "证据 evidence:"]
        lines += [f"  [{item['article']}{' · ' + item['date'] if item.get('date') else ''}] {item['sentence']}"
                  for _, item in evidence]
    if show_cypher and answer.cypher:
        lines += ["", "Cypher:"] + [f"  {statement};" for statement in answer.cypher]
    return "\n".join(lines)
