"""Entities and relations of one article, each relation with the sentence that states it."""
from __future__ import annotations

import re
from collections import Counter
from functools import cache

from graph import schema as S
from graph.extract.analysis import Analysis, word_tag
from graph.extract.changes import OfficeChange, read_change
from graph.extract.events import event_dates
from graph.extract.orgs import OFFICIAL_KINDS, is_bureau
from graph.extract.people import PersonMention
from graph.extract.resolve import group_mentions, make_entity, plain
from graph.lexicon import alternation
from graph.model import ArticleFacts, Entity, Evidence, Mention, Relation
from graph.places import divisions

_WE = ("我们", "我局", "我委", "我会", "我中心")
_PASSIVE = re.compile(r"被$|由$")
_LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2, "town": 3, "street": 3,
               "village": 4, "community": 4}
NON_PRIMARY_KINDS = ("cppcc", "congress")
MEDIA = "media"
MAX_ATTEND_GAP = 4
MAX_GROUP_WORDS = 6
#: Words for people present who are not named (…主要负责人以及企业代表参加), and how far such a
#: tail of a list of attendees may run before its verb
_OTHERS_PRESENT = ("负责人", "代表", "同志", "干部", "人员", "领导", "群众", "嘉宾", "委员", "成员", "党员",
                   "职工", "居民", "企业家", "主任", "局长", "书记")
MAX_OTHERS_TAIL = 60
_AT = ("在", "于")
#: 入选 ORG 的…案例: a reform chosen by a higher body as a model.
_SELECTED = ("入选", "被列入", "列入")
#: Openings of a sentence that goes on about the body of the sentence before.
_GOING_ON = ("同时", "此外", "另外", "还", "并", "今年以来", "下一步", "目前", "近年来", "此前", "其中")
#: A time between an agent and its verb: 于2023年, 在去年.
_WHEN = re.compile(r"(?:于|在)[0-9一二三四五六七八九十零〇年月日上下半今去前初底以来]{1,10}")
_BRIEFINGS = ("发布会", "通气会", "吹风会")
#: What those who speak at a briefing do there
_PRESENTING = ("介绍", "通报", "发布", "解读", "：", ":")  # a speaker's line in a transcript: 汤某（秘书长）：
#: A post in brackets after a name (汤某（市政府秘书长）), passed over between the name and its verb
#: 对《工作举措》进行 / 就营商环境作出: the matter an attendee addresses, written before the verb
_ABOUT = re.compile(r"(?:对|就)(?:《[^》]{1,40}》|[^，。,；;、《]{1,12}?)(?:进行|作出|作)")
#: 张三一行: a person and those travelling with them
_PARTY = "一行"
#: 到X县调研: words that take a visitor to the place visited
_GOING_VISIT = "到|赴|深入|前往|来到"
MAX_VISITED_NAME = 16
_BRACKETED = re.compile(r"[（(][^（()）\n]{1,20}[)）]")
#: …以普通党员身份参加: the capacity someone attends in, passed over too
_CAPACITY = re.compile(r"以[^，,。；\n]{1,10}身份")
_AT_THE_EVENT = re.compile(r"^(?:在|于)(?:[^,，。;；、]{0,8}?(?:会|仪式|式|活动|会议|节|论坛)(?:上|现场)|(?:活动)?现场)")
#: A sentence set at the event: 会上，… / 恳谈会上，… / 仪式上，…
_AT_OPENING = re.compile(r"^[^,，。;；、]{0,12}?(?:会|仪式|式|活动|节|论坛)(?:上|期间)[，,]")
#: 市领导张三、李四以及区委书记王五出席: the list goes on past 以及
_AND_ALSO = "以及"
_LIST_JOINERS = ("、", "和", "与", "及", ",", "，", "联合", "会同", "携手")
#: Verbs by which a body hosts an event, in a list or passive (由A、B联合主办): never 组织/开展 alone,
#: which also mean to organise people or carry work out.
_HOSTS = re.compile(r"(?:联合|共同)?(?:主办|承办|举办|召开|举行|主持召开)")


class FactsBuilder:
    def __init__(self, an: Analysis, places, orgs, events, reforms, people: list[PersonMention]):
        self.an, self.text = an, an.text
        self.article_id = an.article.id
        self.article_node = S.node_id(S.ARTICLE, self.article_id)
        self.places, self.orgs, self.events, self.reforms, self.people = places, orgs, events, reforms, people
        implied = [post.org for p in people for post in p.posts if post.org.attrs.get("implied")]
        self.all_orgs = orgs + implied
        self.entities: dict[str, Entity] = {}
        self.entity_of: dict[int, str] = {}   # id(mention) → entity id
        self.relations: dict[tuple[str, str, str], Relation] = {}
        self._sentences: dict[tuple[int, int], str] = {}

    # ------------------------------------------------------------------ evidence

    def sentence_text(self, start: int, end: int) -> str:
        """The article's text between two offsets, one string per sentence however many facts it
        states (a large corpus keeps millions of evidence items while merging)."""
        key = (start, end)
        text = self._sentences.get(key)
        if text is None:
            text = self._sentences[key] = self.an.article.text[start:end]
        return text

    def evidence(self, offset: int, change: OfficeChange | None = None) -> Evidence | None:
        sentence = self.an.doc.sentence_at(offset)
        if sentence is None:
            return None
        span = self.an.doc.original_span(sentence.start, sentence.end)
        return Evidence(self.article_id, self.sentence_text(span.start, span.end), span.start, span.end,
                        date=self.an.date, change=change and change.change, change_date=change and change.date)

    def relate(self, rel_type: str, source: str, target: str, offset: int,
               change: OfficeChange | None = None, **attrs) -> None:
        if source == target:
            return
        evidence = self.evidence(offset, change)
        key = (source, rel_type, target)
        relation = self.relations.get(key)
        if relation is None:
            relation = self.relations[key] = Relation(rel_type, source, target, [], {})
        if evidence and evidence not in relation.evidence:
            relation.evidence.append(evidence)
        for name, value in attrs.items():
            if name == S.TITLE and relation.attrs.get(S.TITLE) and value:
                words = relation.attrs[S.TITLE].split("、")
                relation.attrs[S.TITLE] = "、".join(words + [w for w in value.split("、") if w not in words])
            elif value is not None:
                relation.attrs[name] = value

    # ------------------------------------------------------------------ entities

    def _entities(self) -> None:
        self._group(S.PLACE, self.places, self._place_attrs)
        self._group(S.ORGANIZATION, self.all_orgs, self._org_attrs)
        self._group(S.EVENT, self.events, self._event_attrs)
        self._group(S.REFORM, self.reforms, lambda ms: ([S.REFORM], {S.KIND: ms[0].attrs.get("kind")}))
        persons = [p.mention for p in self.people]
        for p in self.people:  # 舒 畅: a byline pads a two-character name; the name has no space
            p.mention.attrs["canonical"] = re.sub(r"\s", "", p.mention.surface)
        self._group(S.PERSON, persons, self._person_attrs)

    def _group(self, label: str, mentions: list[Mention], describe) -> None:
        for m in mentions:  # 繆徵閣: a name read in simplified script keeps its written form as an alias
            span = self.an.doc.original_span(m.span.start, m.span.end)
            written = re.sub(r"\s", "", self.an.article.text[span.start:span.end])
            if written and written != m.attrs["canonical"] and written not in m.attrs.get("aliases", ()):
                m.attrs["aliases"] = [*m.attrs.get("aliases", ()), written]
        for (_, key), members in group_mentions(mentions).items():
            named = [m for m in members if plain(m.attrs["canonical"]) == key] or members
            name = named[0].attrs["canonical"] if label != S.PERSON else members[0].attrs["canonical"]
            labels, attrs = describe(members)
            entity = make_entity(label, plain(name) if label == S.REFORM else name, members,
                                 self.article_id, labels, attrs)
            existing = self.entities.get(entity.id)
            if existing:
                existing.aliases = sorted(set(existing.aliases) | set(entity.aliases))
                existing.labels = sorted(set(existing.labels) | set(entity.labels), key=S.SPECIFICITY.index)
            else:
                self.entities[entity.id] = entity
            for m in members:
                self.entity_of[id(m)] = entity.id

    def _place_attrs(self, members):
        levels = [m.attrs["level"] for m in members]
        return [S.PLACE], {S.LEVEL: min(levels, key=_LEVEL_RANK.get)}

    def _org_attrs(self, members):
        kinds = Counter(m.attrs["kind"] for m in members)
        kind = kinds.most_common(1)[0][0]
        return ([S.ORGANIZATION, S.BUREAU] if is_bureau(kind) else [S.ORGANIZATION]), {S.KIND: kind}

    def _event_attrs(self, members):
        found = []
        for m in members:
            sentence = self.an.doc.sentence_at(m.span.start)
            if sentence:
                found.append(event_dates(self.an, m, sentence.start, sentence.end))
        # the mention that dates the event most fully: a range beats a single day
        date, end = max(found, key=lambda d: (d[0] is not None, d[1] is not None), default=(None, None))
        return [S.EVENT], {S.DATE: date, S.END_DATE: end}

    def _person_attrs(self, members):
        member_ids = {id(m) for m in members}
        person_mentions = [p for p in self.people if id(p.mention) in member_ids]
        labels = [S.PERSON]
        official = any(post.org.attrs["kind"] in OFFICIAL_KINDS for p in person_mentions for post in p.posts) \
            or any(p.titled and not p.posts for p in person_mentions)
        if official:
            labels.append(S.OFFICIAL)
        if any(p.journalist for p in person_mentions):
            labels.append(S.JOURNALIST)
        return sorted(labels, key=S.SPECIFICITY.index), {}

    def eid(self, mention: Mention) -> str:
        return self.entity_of[id(mention)]

    # ------------------------------------------------------------------ relations

    def facts(self) -> ArticleFacts:
        self._entities()
        self._mentions()
        self._positions()
        self._authors()
        self._located()
        self._parts()
        self._held_in()
        self._sentence_relations()
        article = self.an.article
        if article.date is None and self.an.date:
            from dataclasses import replace
            article = replace(article, date=self.an.date)
        return ArticleFacts(article, sorted(self.entities.values(), key=lambda e: e.id),
                            sorted(self.relations.values(), key=lambda r: (r.source, r.type, r.target)))

    def _mentions(self) -> None:
        for mentions in (self.places, self.all_orgs, self.events, self.reforms, [p.mention for p in self.people]):
            for m in mentions:
                sentence = self.an.doc.sentence_at(m.span.start)
                if sentence is None:
                    continue
                span = self.an.doc.original_span(sentence.start, sentence.end)
                mention_span = self.an.doc.original_span(m.span.start, m.span.end)
                evidence = Evidence(self.article_id, self.sentence_text(span.start, span.end),
                                    span.start, span.end, (mention_span.start, mention_span.end), self.an.date)
                key = (self.article_node, S.MENTIONS, self.eid(m))
                relation = self.relations.setdefault(key, Relation(S.MENTIONS, *key[::2], [], {}))
                if evidence not in relation.evidence:
                    relation.evidence.append(evidence)

    def _positions(self) -> None:
        for person in self.people:
            for post in person.posts:
                self.relate(S.HOLDS_POSITION, self.eid(person.mention), self.eid(post.org),
                            person.mention.span.start, read_change(self.an, person.mention.span, post),
                            title="、".join(post.titles))

    def _authors(self) -> None:
        for person in self.people:
            if person.journalist:
                self.relate(S.AUTHORED, self.eid(person.mention), self.article_node, person.mention.span.start)

    def _located(self) -> None:
        place_ids = {self.entities[self.eid(p)].name: self.eid(p) for p in self.places}
        for org in self.orgs:
            place = org.attrs.get("place")
            if place and place in place_ids:
                self.relate(S.LOCATED_IN, self.eid(org), place_ids[place], org.span.start)

    def _parts(self) -> None:
        for outer in self.orgs:
            for inner in self.orgs:
                if (inner is not outer and inner.span.start == outer.span.start
                        and inner.span.end < outer.span.end and self.eid(inner) != self.eid(outer)):
                    self.relate(S.PART_OF, self.eid(outer), self.eid(inner), outer.span.start)
        by_start = {p.span.start: p for p in self.places}
        for place in self.places:
            child = by_start.get(place.span.end)
            if child is not None and _LEVEL_RANK[child.attrs["level"]] > _LEVEL_RANK[place.attrs["level"]]:
                self.relate(S.PART_OF, self.eid(child), self.eid(place), child.span.start)
        table = divisions()
        named = {p.attrs.get("code"): p for p in self.places if p.attrs.get("code")}
        for code, place in named.items():
            for ancestor in table.ancestors(table.by_code[code]):
                if ancestor.code in named and self.eid(named[ancestor.code]) != self.eid(place):
                    self.relate(S.PART_OF, self.eid(place), self.eid(named[ancestor.code]), place.span.start,
                                basis="division table")
                    break

    def _held_in(self) -> None:
        for event in self.events:
            sentence = self.an.doc.sentence_at(event.span.start)
            held = re.search(r"在([^,。;]{2,20}?)(?:举办|举行|召开|开幕|启幕)", self.text[event.span.end:sentence.end]) \
                if sentence else None
            if held:
                at = event.span.end + held.start(1)
                for place in self.places:
                    if place.span.start == at and place.span.end == event.span.end + held.end(1):
                        self.relate(S.HELD_IN, self.eid(event), self.eid(place), event.span.start)
            held_from = event.attrs.get("held_from", event.span.start)  # a visit's: the place visited
            for place in self.places:
                if held_from <= place.span.start and place.span.end <= event.span.end:
                    self.relate(S.HELD_IN, self.eid(event), self.eid(place), event.span.start)
                    break
            if "held_from" in event.attrs:  # X局调研组深入Y调研: the body that sends the delegation
                senders = [o for o in self.orgs if event.span.start <= o.span.start and o.span.end <= held_from]
                for org in senders[:1]:
                    self.relate(S.ORGANIZES, self.eid(org), self.eid(event), event.span.start)

    # ------------------------------------------------------------------ sentence rules

    def _sentence_relations(self) -> None:
        lex = self.an.lex
        speakers = self._section_speakers()
        interviews = self._interview_sections()
        last_event: dict[int, Mention] = {}
        previous_subject: dict[int, Mention | None] = {}
        by_sentence = self._by_sentence()
        for sentence in self.an.doc.sentences:
            s, e = sentence.start, sentence.end
            body = self.text[s:e]
            found = by_sentence.get(s, {})
            events, reforms = found.get(S.EVENT, []), found.get(S.REFORM, [])
            sentence_orgs = found.get(S.ORGANIZATION, [])
            # bodies named inside an event or inside a longer body's name are not actors here
            orgs = [m for m in sentence_orgs if not any(
                o.span.start <= m.span.start and m.span.end <= o.span.end and o.span != m.span
                for o in [*events, *sentence_orgs])]
            persons = found.get(S.PERSON, [])
            subject = self._subject(orgs, s)
            speaker_org = speakers.get(sentence.section)
            we = any(w in body for w in _WE)
            # ORGANIZES: a body (or 我们) with a verb of holding, then the event
            for event in events:
                after_subject = subject.span.end - s if subject is not None else 0
                verb_before = _verb_between(body, lex.verbs["organize"], after_subject, event.span.start - s)
                if verb_before is None:
                    continue
                if subject is not None:
                    self.relate(S.ORGANIZES, self.eid(subject), self.eid(event), s)
                elif speaker_org is not None and (we or sentence.section in interviews):
                    self.relate(S.ORGANIZES, speaker_org, self.eid(event), s)
            # ORGANIZES by a list of bodies right before the verb: (由)A、B(联合)主办，C承办(的EVENT);
            # the event named after the verb, else before the list, else last in the news item
            for chain in _chains(self.text, orgs):
                if not _HOSTS.match(self.text, chain[-1].span.end) or \
                        self.text[chain[0].span.start - 1:chain[0].span.start] in _AT:
                    continue  # 在X大学举行: the venue, not a host
                hosted = [ev for ev in events if ev.span.start >= chain[-1].span.end][:1] or \
                    [ev for ev in events if ev.span.end <= chain[0].span.start][-1:] or \
                    [m for m in [last_event.get(sentence.section)] if m is not None]
                for org in chain:
                    for event in hosted:
                        self.relate(S.ORGANIZES, self.eid(org), self.eid(event), s)
            # ATTENDS: people before a verb of attending; the event named here or last in the item
            # 会上，张三表示: whoever speaks in a sentence set at the event attends it (the event
            # named before, not one cited in the speech)
            at_event = _AT_OPENING.match(body) is not None
            target = events[0] if events and not (at_event and last_event.get(sentence.section)) \
                else last_event.get(sentence.section)
            if target is not None:
                # at a press conference, whoever presents (介绍, 通报) is there
                briefing = target.attrs["canonical"].split("（")[0].endswith(_BRIEFINGS)
                for person in self._attendees(persons, s, e, speech_counts=at_event,
                                              also=_PRESENTING if briefing else ()):
                    self.relate(S.ATTENDS, self.eid(person), self.eid(target), s)
            # PROMOTES: endorsements (被ORG推广), the subject body, or the speaker's body (我们)
            pushes = any(v in body for v in lex.verbs["promote"] + lex.verbs["endorse"])
            if subject is None:
                subject = self._this_body(body, s, sentence.section)
            if subject is None and sentence.section not in interviews and body.startswith(_GOING_ON):
                subject = previous_subject.get(sentence.section)  # 同时，推出“X”: the body just named goes on
            previous_subject[sentence.section] = subject
            for index, reform in enumerate(reforms):
                following = reforms[index + 1].span.start if index + 1 < len(reforms) else e
                endorsers = [o for o in orgs if reform.span.start < o.span.start < following
                             and (_PASSIVE.search(self.text[max(s, o.span.start - 1):o.span.start])
                                  and any(v in self.text[o.span.end:o.span.end + 8] for v in lex.verbs["endorse"])
                                  or self.text.endswith(_SELECTED, s, o.span.start))]  # 入选X的典型案例
                for org in endorsers:
                    self.relate(S.PROMOTES, self.eid(org), self.eid(reform), s)
                if subject is not None and pushes:
                    self.relate(S.PROMOTES, self.eid(subject), self.eid(reform), s)
                elif subject is None and speaker_org is not None and (we or pushes and sentence.section in interviews):
                    self.relate(S.PROMOTES, speaker_org, self.eid(reform), s)
            if events:  # the event held here, not one whose spirit it passes on (传达学习…精神)
                held = [ev for ev in events if _HOSTS.search(self.text, max(s, ev.span.start - 8), ev.span.start)]
                last_event[sentence.section] = (held or events)[-1]

    def _attendees(self, persons: list[Mention], start: int, end: int, speech_counts: bool = False,
                   also: tuple[str, ...] = ()) -> list[Mention]:
        """People a verb of attending (or one of `also`) follows closely: 张三、李四出席 or 县长王五主持会议,
        but not 张三说…高管参会. Every name of a list (、 or ，) before such a verb counts."""
        verbs = self.an.lex.verbs["attend"] + also
        out: list[Mention] = []
        pending: list[Mention] = []
        for person in sorted(persons, key=lambda m: m.span.start):
            pending.append(person)
            after = self.text[person.span.end:min(end, person.span.end + MAX_ATTEND_GAP + 12)]
            aside = _BRACKETED.match(after) or _CAPACITY.match(after)
            if aside:
                after = after[aside.end():]
            about = _ABOUT.match(after)  # 对《举措》进行解读: what they speak about, before the verb
            if about:
                after = after[about.end():]
            # 在会上表示, 在现场介绍: whoever speaks at the event attends it
            at_event = _AT_THE_EVENT.match(after)
            said = verbs + self.an.lex.verbs["speech"] if at_event or speech_counts else verbs
            if at_event:
                after = after[at_event.end():]
            # 张三一行到X县调研: who leads a party on a visit is on it
            gap = 0 if after.startswith(_PARTY) or self._visit_after(after) \
                else min((after.find(v) for v in said if v in after), default=-1)
            # 张三等区级领导参加: a list closed by 等 and a word for the group it stands for
            allowed = MAX_ATTEND_GAP + (MAX_GROUP_WORDS if after.startswith("等") else 0)
            if 0 <= gap <= allowed and not after[:gap].endswith("的"):
                out += pending
                pending = []
            elif self._others_then_attend(person.span.end, end, verbs):
                out += pending
                pending = []
            elif self.text[person.span.end:person.span.end + 1] not in _LIST_JOINERS \
                    and not self.text.startswith(_AND_ALSO, person.span.end):
                pending = []
        return out

    def _visit_after(self, after: str) -> bool:
        """张三到X县行政审批服务局调研: who goes somewhere to visit is on the visit."""
        return _visit_pattern(self.an.lex.verbs["visit"]).match(after) is not None

    def _others_then_attend(self, offset: int, end: int, verbs: tuple[str, ...]) -> bool:
        """王五，市财政局主要负责人以及企业代表参加: the list goes on with people not named, then
        the verb of attending."""
        after = self.text[offset:min(end, offset + MAX_OTHERS_TAIL)]
        if not after.startswith(_LIST_JOINERS + ("以及",)):
            return False
        gap = min((after.find(v) for v in verbs if v in after), default=-1)
        return gap > 0 and after[:gap].rstrip("等们").endswith(_OTHERS_PRESENT) and not any(
            v in after[:gap] for v in self.an.lex.verbs["speech"])

    def _by_sentence(self) -> dict[int, dict[str, list[Mention]]]:
        """Mentions lying wholly inside each sentence, keyed by the sentence's start."""
        out: dict[int, dict[str, list[Mention]]] = {}
        for mentions in (self.events, self.reforms, self.orgs, [p.mention for p in self.people]):
            for m in mentions:
                sentence = self.an.doc.sentence_at(m.span.start)
                if sentence is not None and m.span.end <= sentence.end:
                    out.setdefault(sentence.start, {}).setdefault(m.label, []).append(m)
        return out

    def _subject(self, orgs: list[Mention], sentence_start: int) -> Mention | None:
        """The body the sentence is about: its first organization not inside a prepositional phrase."""
        prepositions = self.an.lex.verbs["preposition"]
        pushes = self.an.lex.verbs["promote"]
        for org in orgs:  # 由X(于2023年)打造: the agent of a passive is the actor
            if self.text[org.span.start - 1:org.span.start] == "由":
                when = _WHEN.match(self.text, org.span.end)
                if self.text.startswith(pushes, when.end() if when else org.span.end):
                    return org
        for org in orgs:
            if org.attrs.get("kind") == MEDIA:
                continue  # 秦皇岛日报: a paper reports what bodies do, it is not one of them
            before = self.text[max(sentence_start, org.span.start - 3):org.span.start]
            if before.endswith(prepositions) or before.endswith(("的", "接受")):
                continue
            verb = self.an.token_ending_at(org.span.start)
            if verb is not None and len(verb.word) > 1 and (word_tag(verb.word) or "").startswith("v"):
                continue  # 进驻X局: the object of a verb
            if self.text.startswith(tuple(self.an.lex.titles), org.span.end):
                continue  # ORG TITLE NAME: the body is part of a person's description
            after = self.text[org.span.end:org.span.end + 2]
            if after.startswith(("的", "、", "和", "与")) and not after.startswith("的同时"):
                continue
            return org
        return None

    def _this_body(self, body: str, sentence_start: int, section: int) -> Mention | None:
        """该局 / 该中心: the last body of that kind named before, in the same news item."""
        match = re.search(r"该(局|委|中心|院|会|办)", body)
        if match is None:
            return None
        earlier = [o for o in self.orgs if o.span.end <= sentence_start + match.start()
                   and o.surface.endswith(match.group(1))
                   and self.an.doc.sentence_at(o.span.start).section == section]
        return earlier[-1] if earlier else None

    def _interview_sections(self) -> set[int]:
        """News items written as an interview: a question from 记者 or a headline with 访."""
        out = set()
        for sentence in self.an.doc.sentences:
            body = self.text[sentence.start:sentence.end]
            if body.startswith(("记者:", "问:")) or (sentence.headline and "访" in body):
                out.add(sentence.section)
        return out

    def _section_speakers(self) -> dict[int, str]:
        """The body each news item's main voice speaks for: the most named person with a post,
        by their first post outside a congress or CPPCC."""
        counts: dict[int, Counter] = {}
        posts: dict[str, str] = {}
        for person in self.people:
            sentence = self.an.doc.sentence_at(person.mention.span.start)
            if sentence is None:
                continue
            counts.setdefault(sentence.section, Counter())[person.mention.surface] += 1
            primary = [p for p in person.posts if p.org.attrs["kind"] not in NON_PRIMARY_KINDS]
            if primary and person.mention.surface not in posts:
                posts[person.mention.surface] = self.eid(primary[0].org)
        out = {}
        for section, names in counts.items():
            for name, _ in names.most_common():
                if name in posts:
                    out[section] = posts[name]
                    break
        return out


def _chains(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    """Bodies written as one list (A、B和C), in text order."""
    chains: list[list[Mention]] = []
    for org in sorted(orgs, key=lambda m: m.span.start):
        if chains and text[chains[-1][-1].span.end:org.span.start] in _LIST_JOINERS:
            chains[-1].append(org)
        else:
            chains.append([org])
    return chains


def _verb_between(body: str, verbs, start, end) -> int | None:
    start = start or 0
    best = None
    for verb in verbs:
        at = body.find(verb, start, end)
        if at >= 0 and (best is None or at < best):
            best = at
    return best


@cache
def _visit_pattern(visit_verbs: tuple[str, ...]) -> re.Pattern:
    return re.compile(f"(?:{_GOING_VISIT})[\u4e00-\u9fff]{{1,{MAX_VISITED_NAME}}}?(?:{alternation(visit_verbs)})")
