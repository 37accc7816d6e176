"""Person mentions: bylines, post appositions (ORG TITLE、TITLE NAME), role words (居民 NAME) and
speakers (NAME 表示).

A post is (organization, titles). The organization is a Mention found by orgs.py, or an implied body
(副市长 → the city's 人民政府, 天平街道副主任 → 天平街道办事处) built here with the title's span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph import schema as S
from graph.extract.analysis import CJK, Analysis, word_tag
from graph.extract.gazetteer import DEPARTMENT, MEDIA_SUFFIX, ORG_SUFFIX, PERSON_ROLE, TITLE, Hit, longest
from graph.extract.gazetteer import PLACE as PLACE_HIT
from graph.extract.orgs import Context, department_name, expand_abbreviations
from graph.extract.places import LOCAL_LEVELS
from graph.extract.tagger import NONE as NO_TAGGER
from graph.lexicon import alternation
from graph.places import peoples
from graph.model import Mention, Span

_PUNCT_AFTER_NAME = set(" \t\n,.;:!?()[]/、。，：；！？（）“”‘’\"'—…·-《》")
_BYLINE_ROLE = re.compile(r"(见习记者|实习记者|特约记者|首席记者|本报记者|摄影记者|记者|通讯员|实习生"
                          r"|责任编辑|责编|编辑|审核|校对|撰稿|作者)")
_SPACED_NAME = re.compile(r"([\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff])(?=[ \u3000]|\n|$|摄)")
#: A photo credit closing a line or a caption: 张三 摄, （舒 畅 摄）, 图为……。 陈 默 摄
_PHOTO_CREDIT = re.compile(r"(?m)(?:^|(?<=[。（(]))[ \u3000]*([\u4e00-\u9fff](?:[ \u3000]{0,2}[\u4e00-\u9fff]){1,3})"
                           r"[ \u3000]*摄[ \u3000]*(?:$|[）)])")
#: A wire service's byline after its dateline: …10月11日电 (张三 李四), …讯（王五）
_WIRE_BYLINE = re.compile(r"\d日(?:电|讯)[ \u3000]*[（(]((?:[\u4e00-\u9fff]{2,4}[ \u3000、]*){1,4})[)）]")
_BYLINE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
#: How a news item refers back to the company it is about.
_BARE_COMPANY = ("该公司", "该企业", "公司", "企业")
_NEVER_IN_NAME = set("的了是在将把被从对向等及或并也都就还又已该这那率赴到受")
#: What stands between a name and 当选为 or 任: a vote (以190票, 以全票), the rest of a list left
#: unnamed (王某等20名代表)
_VOTES = re.compile(r"(?:(?:以|获)?(?:[\d一二三四五六七八九十百千]+票|全票|高票|满票)(?:的高票|的全票|的?赞成票)?"
                    r"|等?[\d一二三四五六七八九十百]+(?:名|位|人)(?:代表|同志|委员)?)$")  # 张三、李四两位同志当选为
MAX_VOTES = 12
#: What follows a post word written after the name (陈明市长、李华县长等)
#: 刘明委员: the member written after the name, and the kind of body such members sit in
_MEMBER, _MEMBERS_BODY_KIND = "委员", "cppcc"
_AFTER_TRAILING_TITLE = ("、", "，", ",", "。", "；", ";", "等", "和", "及")
#: A bracketed note after a name in a list: （回族）, （女，藏族）
MAX_NOTE = 10
_NAME_JOINERS = ("、", "和", "及", "与")
#: Words after a name that close it whatever word its last character could start (王文星等)
_LIST_CLOSERS = ("等", "同志")
#: Verbs after which a decision's list of names begins (宣布张三任…, 同意李四辞去…)
_ANNOUNCING = ("宣布", "同意", "决定", "批准", "接受")
#: How far before a cue of change (拟任, 当选为) the person it speaks of may be named
MAX_REFERENCE_GAP = 16
#: Longest name taken from the tagger alone (four: 欧阳娜娜, 海来阿果; longer spans are fragments joined)
MAX_TAGGED_NAME = 4
MIN_LIST_ITEM, MAX_LIST_ITEM = 2, 4
NEW_TERM = re.compile(r"(?:新一届|新一任|首届|首任|第[一二三四五六七八九十\d]{1,3}届)$")
MAXNEW_TERM = 6
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[·•・](?=[\u4e00-\u9fff])")
MAX_DOTTED_PART = 8
_CLAUSE_MARKS = "，,。；;：:\n"
#: jieba's tags of proper names (persons, places, other names)
PROPER_TAGS = ("nr", "ns", "nz")
#: Quoted stretches up to this long are terms and slogans, not speech
SHORT_QUOTE = 12
#: The tagger's parts of speech that are no part of a name: verbs, adverbs, adjectives, numbers,
#: measure words, times, prepositions, conjunctions, particles, pronouns, localisers
ORDINARY_TAGS = frozenset({"v", "vd", "vn", "d", "a", "ad", "an", "m", "q", "t", "TIME", "p", "c", "u",
                           "xc", "r", "f", "w"})
#: The tagger's function words: a titled name cannot open with one (经|全体委员: no 经全体)
FUNCTION_WORD_TAGS = frozenset({"p", "c", "u", "xc", "r", "d"})


@dataclass
class Post:
    org: Mention
    titles: list[str]
    start: int            # normalised offsets of the words that state the post (body and titles)
    end: int


@dataclass
class PersonMention:
    mention: Mention
    posts: list[Post] = field(default_factory=list)
    journalist: bool = False
    titled: bool = False   # named with a post word, even one without a known body
    introduced: bool = False  # named after a word for people (居民, 教授 …)


class PeopleFinder:
    def __init__(self, an: Analysis, orgs: list[Mention], places: list[Mention], ctx: Context):
        self.an, self.text, self.ctx = an, an.text, ctx
        # 区纪委书记: where a body's name ends inside a title word (纪委书记), the title is what follows
        # (组织部长 shares one character with its body, and stays)
        org_ends = {org.span.end for org in orgs}
        self.titles = longest([hit for hit in an.hits.get(TITLE, [])
                               if not any(hit.start < end - 1 and end < hit.end for end in org_ends)])
        self.title_ending = {h.end: h for h in self.titles}
        self.companies = sorted((o for o in orgs if o.attrs.get("kind") == "company"), key=lambda o: o.span.start)
        committees = {o.attrs["canonical"]: o for o in orgs if o.attrs.get("kind") == _MEMBERS_BODY_KIND}
        self.only_committee = next(iter(committees.values())) if len(committees) == 1 else None
        self.org_ending: dict[int, Mention] = {}
        for org in orgs:  # the longest body ending at an offset is the one a title attaches to
            held = self.org_ending.get(org.span.end)
            if held is None or org.span.start < held.span.start:
                self.org_ending[org.span.end] = org
        # places below the county, and development zones (no division code), name local bodies
        self.local_place_ending = {p.span.end: p for p in places
                                   if p.attrs.get("level") in ("street", "town", "village", "community")
                                   or p.attrs.get("level") == "district" and "code" not in p.attrs}
        self.speech = an.lex.verbs["speech"] + an.lex.verbs["attend"]
        # where a name cannot go on: a body, a department word even where no body was found
        # (从人大代表), a title; and the characters of villages, streets and zones
        self.org_starts = {org.span.start for org in orgs}
        self.blocked_starts = self.org_starts | {t.start for t in self.titles} | {
            hit.start for hit in an.hits.get(DEPARTMENT, []) if len(hit.word) > 1}
        self.place_ending = {p.span.end: p for p in places}
        self.local_place_offsets = {at for p in places if "code" not in p.attrs for at in range(p.span.start, p.span.end)}
        self.place_starts = {p.span.start for p in places}
        # the article's own street, community, town or village: the one it names most
        named: dict[str, list[Mention]] = {}
        for place in self.local_place_ending.values():
            named.setdefault(place.attrs["level"], []).append(place)
        self.main_local = {level: max(found, key=lambda p: sum(o.attrs["canonical"] == p.attrs["canonical"]
                                                                for o in found))
                           for level, found in named.items()}
        self.found: dict[tuple[int, int], PersonMention] = {}
        self.dotted = self._dotted_names()

    # ------------------------------------------------------------------ names

    def name_at(self, pos: int, followers: tuple[str, ...] = (), after_post: bool = False,
                ending_at: int | None = None) -> tuple[int, int] | None:
        """A person's name starting at `pos`: a surname, one or two given-name characters, then
        something that ends a name (punctuation, a verb of speech, a function word); else the
        name the trained tagger reads there, when it could be one. Right after a post word
        (`after_post`) the tagger's names need no surname: 副主任次仁央宗. With `ending_at`, only
        a name that ends there (张涛|曾任: not 张涛曾)."""
        found = self._dotted_name_at(pos) or self._ruled_name_at(pos, followers, ending_at) \
            or self._tagged_name_at(pos, after_post)
        return found if found is None or ending_at is None or found[1] == ending_at else None

    def _dotted_name_at(self, pos: int) -> tuple[int, int] | None:
        end = self.dotted.get(pos)
        return (pos, end) if end is not None else None

    def _dotted_names(self) -> dict[int, int]:
        """莫拉力·阿不都满金, 哈力艾力·柯赛江: names written in two parts joined by a middle dot (as
        Uyghur and Kazakh names are), each part running from the dot to punctuation or a cue word
        (选举…为, 当选, 表示); not place or brand names (宁夏·银川, “洛人社·掌上办”). The rules take
        them where a name is expected (after a post, a cue of change, before a verb of speech)."""
        text, found = self.text, {}
        lex = self.an.lex
        stops = tuple(cue for where in ("lead", "link") for cue, _ in lex.office_changes[where] if cue) \
            + self.speech + ("同志", "等", "一行") + tuple(people + "族" for people in peoples())
        for dot in _NAME_DOT.finditer(text):
            start = dot.start()
            while start > 0 and dot.start() - start < MAX_DOTTED_PART and CJK.match(text[start - 1]) \
                    and not text.endswith(stops, 0, start):
                start -= 1
            end = dot.end()
            while end < len(text) and end - dot.end() < MAX_DOTTED_PART and CJK.match(text[end]) \
                    and not text.startswith(stops, end):
                end += 1
            parts = (text[start:dot.start()], text[dot.end():end])
            quoted = text[start - 1:start] in ("“", "‘", "《") or text[end:end + 1] in ("”", "’", "》")
            if not quoted and all(len(part) >= 2 and word_tag(part) is None for part in parts) and not any(
                    start <= hit.start < end for kind in (PLACE_HIT, ORG_SUFFIX, MEDIA_SUFFIX, DEPARTMENT)
                    for hit in self.an.hits.get(kind, [])):
                found[start] = end
        return found

    def _tagged_name_at(self, pos: int, after_post: bool = False) -> tuple[int, int] | None:
        end = self.an.tagged_persons.get(pos)
        end = end if end is None else self._without_closer(pos, end)
        return (pos, end) if end is not None and self._could_be_name(pos, end, after_post) else None

    def _without_closer(self, start: int, end: int) -> int:
        """季平|等参加: the tagger took the word closing a list into a name's last character."""
        return end - 1 if end - start == 3 and self.text[end - 1] in _LIST_CLOSERS else end

    def _could_be_name(self, start: int, end: int, after_post: bool = False) -> bool:
        """Whether a span the tagger reads as a name passes what the rules know of names: a
        surname and more (or, after a post word, two or more characters), Chinese characters
        only, no body, title or village inside, not a dictionary word, not a quoted term on its
        own (“X”)."""
        text, lex = self.text, self.an.lex
        name = text[start:end]
        surname = 2 if name[:2] in lex.compound_surnames else 1 if name[:1] in lex.surnames else 0
        opens_like_a_name = surname and surname < len(name) or after_post and len(name) >= 2
        return (opens_like_a_name and len(name) <= MAX_TAGGED_NAME and all(CJK.match(c) for c in name)
                and not self._not_a_name(start, end)
                and not (_ordinary_word(name) and not self._proper_person(start, end))
                and not (len(name) - surname == 2 and self._word_across(end))   # 王勇|所作的
                and not self._in_short_quote(start, end))

    def _proper_person(self, start: int, end: int) -> bool:
        """副县长江波: a place's name in the dictionary (江波) that the model reads as this person."""
        tag = word_tag(self.text[start:end]) or ""
        return self.an.tagged_persons.get(start) == end and tag.startswith(PROPER_TAGS)

    def _in_short_quote(self, start: int, end: int) -> bool:
        """“四横五纵沿X”, “X杯”: a short quoted term (a slogan, a brand) is no place for a name."""
        opening = self.text.rfind("“", max(0, start - SHORT_QUOTE), start + 1)
        if opening < 0 or "”" in self.text[opening:start]:
            return False
        closing = self.text.find("”", end, opening + SHORT_QUOTE + 2)
        return closing >= 0

    def _ruled_name_at(self, pos: int, followers: tuple[str, ...], ending_at: int | None = None) -> tuple[int, int] | None:
        text, lex = self.text, self.an.lex
        for surname_len in (2, 1):
            surname = text[pos:pos + surname_len]
            if not (surname in lex.compound_surnames if surname_len == 2 else surname in lex.surnames):
                continue
            for given in (2, 1):
                end = pos + surname_len + given
                name = text[pos:end]
                if end > len(text) or ending_at is not None and end != ending_at or not all(CJK.match(c) for c in name):
                    continue
                if any(c in _NEVER_IN_NAME for c in name[surname_len:]) or _ordinary_word(name) \
                        or self._not_a_name(pos, end) or given == 2 and (
                            self._word_across(end) or text.startswith(self.speech, end - 1)):  # 王伟|说
                    continue
                if self._ends_name(end, followers):
                    return pos, end
        return None

    def _not_a_name(self, start: int, end: int) -> bool:
        """从人大(代表), 鲁源村, 游客可(关注): a body, a title or a village begins inside it, or it starts
        with a word for people (given names like 立新 may read as verbs, so those stay)."""
        return (any(at in self.blocked_starts for at in range(start + 1, end))  # 公司副(总经理)
                or any(at in self.local_place_offsets for at in range(start, end))
                or self.text.startswith(self.an.lex.person_roles, start))

    def _word_across(self, end: int) -> bool:
        """满意作|为: the last character of a three-character name would form a word with the next
        (jieba's 明说 in 古月明说 does not count: a verb of speech follows names, and so do 等, 同志)."""
        token = self.an.token_at(end - 1)
        return (token is not None and token.start < end < token.end and not self.text.startswith(self.speech, end)
                and not self.text.startswith(_LIST_CLOSERS, end)   # 王文星|等: 等 closes a list
                and end not in self.blocked_starts)   # 钱志华|中共X委: a body or a post begins there

    def _ends_name(self, end: int, followers: tuple[str, ...]) -> bool:
        text = self.text
        if end >= len(text) or text[end] in _PUNCT_AFTER_NAME or end in self.org_starts:
            return True  # 免去迟中华|中共楚雄州委副书记职务: a body's name begins there
        rest = text[end:end + 6]
        if rest.startswith(self.speech) or rest.startswith(self.an.lex.name_followers) or (
                bool(followers) and rest.startswith(followers)):
            return True
        # 张三分别牵头, 李四带领: a word of two or more characters that never sits in a name
        token = self.an.token_at(end)
        return token is not None and token.start == end and len(token.word) > 1 and self.an.is_stop_word(token.word)

    def _add(self, start: int, end: int, **flags) -> PersonMention:
        key = (start, end)
        person = self.found.get(key)
        if person is None:
            person = self.found[key] = PersonMention(Mention(S.PERSON, self.text[start:end], Span(start, end)))
        person.journalist |= flags.get("journalist", False)
        person.titled |= flags.get("titled", False)
        person.introduced |= flags.get("introduced", False)
        return person

    # ------------------------------------------------------------------ rules

    def find(self) -> list[PersonMention]:
        self._bylines()
        self._appositions()
        self._posts_in_brackets()
        self._posts_after_names()
        self._titles_after_names()
        self._roles()
        self._speakers()
        self._tagged_names()
        return sorted((p for p in self.found.values() if not self._vetoed(p)), key=lambda p: p.mention.span)

    def _tagged_names(self) -> None:
        """Names the trained tagger finds where no rule looked (a plain sentence, an unusual word
        after the name), each once: a span overlapping a name already found is left to the rules."""
        taken = {at for start, end in self.found for at in range(start, end)}
        known = {self.text[start:end] for start, end in self.found}
        for start, end in self.an.tagged_persons.items():
            # 王令浚察看: the tagger took a character of the verb into a name the article already gave
            end = next((start + len(k) for k in known if self.text.startswith(k, start) and end - start == len(k) + 1), end)
            end = self._without_closer(start, end)
            if not taken.intersection(range(start, end)) and self._could_be_name(start, end):
                self._add(start, end)

    def _vetoed(self, person: PersonMention) -> bool:
        """A name only the rules read, with nothing but its surname-like first character for it
        (常上门): dropped when the tagger reads ordinary words there, or a word running out of it.
        Bylines and names after a word for people stay; titled names too, unless the tagger reads
        their first character as a function word (经|全体|委员)."""
        if person.journalist or person.introduced or self.an.ner == NO_TAGGER:
            return False
        span = person.mention.span
        if self.an.tagged_person_chars.intersection(range(span.start, span.end)):
            return False
        words = self.an.tagged_words(span.start, span.end)
        if person.titled:
            return any(w.start == span.start and w.end == span.start + 1 and w.tag in FUNCTION_WORD_TAGS
                       for w in words)
        return any(w.tag in ORDINARY_TAGS or w.start < span.start or w.end > span.end for w in words)

    def _spaced_name(self, pos: int) -> tuple[int, int] | None:
        """舒 畅: a byline's two-character name padded to the width of three."""
        match = _SPACED_NAME.match(self.text, pos)
        return (pos, match.end(1)) if match and match.group(1)[0] in self.an.lex.surnames else None

    def _bylines(self) -> None:
        # 中新网甘肃新闻10月11日电 (张三 李四); 江津区融媒体中心 王五 closing the article
        media = alternation(self.an.lex.media_suffixes)
        for pattern in (_WIRE_BYLINE, re.compile(f"(?m)(?:{media})[ \u3000]+([^\n]{{2,12}})$")):
            for match in pattern.finditer(self.text):
                names = [self.name_at(m.start(), ending_at=m.end())
                         for m in _BYLINE_NAME.finditer(self.text, match.start(1), match.end(1))]
                if names and all(names):
                    for name in names:
                        self._add(*name, journalist=True)
        for match in _PHOTO_CREDIT.finditer(self.text):
            name = self.name_at(match.start(1)) or self._spaced_name(match.start(1))
            if name is not None and name[1] == match.end(1):
                self._add(*name, journalist=True)
        for match in _BYLINE_ROLE.finditer(self.text):
            pos = match.end()
            while pos < len(self.text) and self.text[pos] in " :\u3000|丨":
                pos += 1
            found_one = False
            while True:
                name = self.name_at(pos) or self._spaced_name(pos)
                if name is None:
                    break
                if not found_one and pos == match.end() and self.text[name[1]:name[1] + 1] not in " /)、\n摄" \
                        and not _BYLINE_ROLE.match(self.text, name[1]) and not self.text.startswith("报道", name[1]):
                    break  # "记者采访时": a name glued to 记者 must still end like a byline (记者张三通讯员李四报道)
                self._add(*name, journalist=True)
                found_one = True
                pos = name[1]
                while pos < len(self.text) and self.text[pos] in " 、\u3000":
                    pos += 1

    def _appositions(self) -> None:
        for title in self.titles:
            names = self._names_after(title.end)
            if not names:
                continue
            posts = self._posts_before(title)
            for start, end in names:
                person = self._add(start, end, titled=True)
                for post in posts:
                    if not any(p.org.attrs["canonical"] == post.org.attrs["canonical"] for p in person.posts):
                        person.posts.append(post)

    def _names_after(self, pos: int, after_post: bool = True) -> list[tuple[int, int]]:
        """The names right after a post word: 局长张三, 副主任李四、王五; in a list of posts, 区长：张三.
        After a word for people (`after_post` false: 居民, 区领导) only names that read as names."""
        names = []
        if self.text[pos:pos + 1] in ("：", ":") and self.text[pos + 1:pos + 2] not in ("\n", ""):
            pos += 1
        elif self.text[pos:pos + 1] in (" ", "\u3000") and after_post:
            # 主持人：X部副部长 王瑶: a name set apart by a space (as transcripts and captions write)
            pos += 1
        while True:
            name = self.name_at(pos, after_post=after_post) or (
                self._list_item(pos) if names and after_post else None)
            if name is None:
                return names
            names.append(name)
            if self.text[name[1]:name[1] + 1] != "、":
                return names
            pos = name[1] + 1

    def _posts_in_brackets(self) -> None:
        """汤志平（市政府秘书长）：, 张三(县长): a post in brackets right after the name, as
        transcripts and lists of speakers write it."""
        for title in self.titles:
            if self.text[title.end:title.end + 1] not in ("）", ")"):
                continue
            posts = self._posts_before(title)
            opening = min((p.start for p in posts), default=title.start)
            if self.text[opening - 1:opening] not in ("（", "("):
                continue
            name = self._name_ending(opening - 1, self.text[opening - 1])
            if name is None or not posts:
                continue
            person = self._add(*name, titled=True)
            person.posts += [p for p in posts if all(p.org.attrs["canonical"] != q.org.attrs["canonical"]
                                                     for q in person.posts)]

    def _list_item(self, pos: int) -> tuple[int, int] | None:
        """副主任刘兴平、扎西、欧珠多吉出席: in a list of names after a post, an item of two to four
        characters is a name even when neither the rules nor the tagger read one (no surname)."""
        for length in range(MIN_LIST_ITEM, MAX_LIST_ITEM + 1):
            end = pos + length
            if end > len(self.text) or not CJK.match(self.text[end - 1]):
                return None
            tag = word_tag(self.text[pos:end])  # jieba reads 扎西 as a place: only common words stop it
            common = tag is not None and not tag.startswith(PROPER_TAGS) and self.an.tagged_persons.get(pos) != end
            if any(c in _NEVER_IN_NAME for c in self.text[pos + 1:end]) or pos in self.place_starts:
                return None  # 季平等参加: the list ends before 等; 马健、贵州省X县…: a place, no name
            if (self.text[end:end + 1] == "、" or self._ends_name(end, ())) and not common \
                    and not self._not_a_name(pos, end) and pos not in self.blocked_starts:
                return pos, end
        return None

    def _posts_before(self, last_title: Hit) -> list[Post]:
        """Walk back from the title right before a name: titles joined by 、 wait for the body
        before them; 、 or , between two (body, titles) groups starts another post."""
        lex = self.an.lex
        posts: list[Post] = []
        pending: list[Hit] = [last_title]
        pos = last_title.start
        while True:
            org = self.org_ending.get(pos)
            if org is None and pending and pending[0].word == "部长":
                org = self.org_ending.get(pos + 1)  # 组织部长: 组织部 and 部长 share their 部
            if org is not None and pending:
                posts += self._bind(org, pending)
                pending = []
                pos = org.span.start
            elif pending and pos in self.local_place_ending:  # 城阳区委书记、青岛高新区工委书记
                place = self.local_place_ending[pos]
                posts += self._local_offices(place, pending)
                pending = []
                pos = place.span.start
            elif pos - 1 >= 0 and self.text[pos - 1] in "、," and (
                    self.title_ending.get(pos - 1) or self.org_ending.get(pos - 1)):
                if self.org_ending.get(pos - 1) and not pending:
                    break  # "ORG、ORG": a list of bodies, not a post
                pos -= 1
                title = self.title_ending.get(pos)
                if title is not None:
                    if pending and self.text[pos] == ",":
                        break  # a comma ends the post; only 、 joins titles of one body
                    pending.insert(0, title)
                    pos = title.start
            elif self.title_ending.get(pos) is not None and pending:
                title = self.title_ending[pos]
                pending.insert(0, title)
                pos = title.start
            else:
                break
        for title in pending:
            implied = self._implied(title)
            if implied is not None:
                posts.append(Post(implied, [title.word], title.start, title.end))
        if not posts and pending:
            place = self.local_place_ending.get(pending[0].start) or self._bare_local_place(pending[0].start)
            company = self._bare_company(pending[0].start)
            if place is not None:
                posts += self._local_offices(place, pending)
            elif company is not None:
                posts.append(Post(company, [t.word for t in pending], pending[0].start, pending[-1].end))
            else:
                posts += self._inherited(pending)
        return [p for p in posts if not (lex.titles[p.titles[0]].needs_org and p.org is None)]

    def _after_link_cue(self, offset: int) -> bool:
        """当选|副主任, 任|秘书长: a cue of change joins a name to the post right here."""
        return any(self.text.endswith(cue, 0, offset) for cue, change in self.an.lex.office_changes["link"]
                   if change is not None)

    def _bare_local_place(self, offset: int) -> Mention | None:
        """社区党委书记, 街道办事处主任 with no name before them: the article's own community or street."""
        for word, level in LOCAL_LEVELS.items():
            start = offset - len(word)
            if start >= 0 and self.text.startswith(word, start) and level in self.main_local \
                    and (start == 0 or not CJK.match(self.text[start - 1])):
                place = self.main_local[level]
                return Mention(S.PLACE, word, Span(start, offset), dict(place.attrs))
        return None

    def _bare_company(self, offset: int) -> Mention | None:
        """公司总经理X, 该公司董事长Y: the company the news item named last."""
        word = next((w for w in _BARE_COMPANY if self.text.endswith(w, 0, offset)), None)
        before = self.text[offset - len(word) - 1:offset - len(word)] if word else ""
        if word is None or CJK.match(before) and not self.an.is_stop_word(before):
            return None  # 种业公司总经理 is not a reference back
        item = self.an.doc.sentence_at(offset)
        named = [org for org in self.companies if org.span.end <= offset - len(word)
                 and (sentence := self.an.doc.sentence_at(org.span.start)) is not None
                 and item is not None and sentence.section == item.section]
        return named[-1] if named else None

    def _inherited(self, titles: list[Hit]) -> list[Post]:
        """局长张三，副局长李四、王五: titles with no body of their own, right after a person named
        with one, are posts in that person's body; so are the same titles, or their deputies, later
        in the sentence (省人大常委会主任张三主持会议，副主任李四、王五出席)."""
        start = titles[0].start
        if self._after_link_cue(start):
            # 陈某当选市人大常委会主任，刘某、胡某当选副主任，袁某当选秘书长: the list's body goes on
            sentence_start = self.an.sentence_start(start)
            explicit = [post for (begin, _), person in sorted(self.found.items()) if sentence_start <= begin < start
                        for post in person.posts if not post.org.attrs.get("implied") and post.end <= start]
            return [Post(explicit[-1].org, [t.word for t in titles], start, titles[-1].end)] if explicit else []
        if start < 1 or self.text[start - 1] not in "，,、":
            return []
        previous = next((p for (_, end), p in self.found.items() if end == start - 1), None)
        explicit = [post for post in previous.posts
                    if not post.org.attrs.get("implied") or post.org.attrs.get("named")] if previous else []
        if not explicit:
            sentence_start = self.an.sentence_start(start)
            # 主任张三主持会议，副主任李四出席: a deputy of the title named before
            words = {t.word.removeprefix("副") for t in titles}
            explicit = [post for (begin, _), person in sorted(self.found.items()) if sentence_start <= begin < start
                        for post in person.posts if words <= {w.removeprefix("副") for w in post.titles}
                        and not post.org.attrs.get("implied")]
        return [Post(explicit[-1].org, [t.word for t in titles], start, titles[-1].end)] if explicit else []

    def _bind(self, org: Mention, titles: list[Hit]) -> list[Post]:
        """Titles after a body belong to it, except those that name a body of their own (区长 after
        区委副书记 belongs to the district government)."""
        own, moved = [], []
        for title in titles:
            implied = self._implied(title)
            if implied is not None and implied.attrs["canonical"] != org.attrs["canonical"]:
                moved.append(Post(implied, [title.word], title.start, title.end))
            else:
                own.append(title.word)
        return ([Post(org, own, org.span.start, titles[-1].end)] if own else []) + moved

    def _implied(self, title: Hit) -> Mention | None:
        spec = self.an.lex.titles[title.word]
        if not spec.implied_body:
            return None
        if spec.implied_scope == "中央":
            canonical, kind = spec.implied_body, "party"
        elif spec.implied_scope == "国家":
            canonical, kind = spec.implied_body, "government"
        else:
            place = self.ctx.resolve(spec.implied_scope, title.start, self.an.sentence_start(title.start))
            if not place:
                return None
            canonical, kind = department_name(spec.implied_body, place), "government"
        return Mention(S.ORGANIZATION, title.word, Span(title.start, title.end),
                       {"canonical": canonical, "kind": kind, "implied": True})

    def _local_offices(self, place: Mention, titles: list[Hit]) -> list[Post]:
        """Posts below the county, each title in the body it names (梓山镇党委书记 → the town's party
        committee, 村委会主任 → the villagers' committee), else in the local government."""
        level, name = place.attrs["level"], place.attrs["canonical"]
        posts: dict[str, Post] = {}
        for title in titles:
            body = next((b for b in self.an.lex.local_bodies
                         if title.word.startswith(b.word) and level in b.levels), None)
            if body is not None:
                canonical, kind, named = expand_abbreviations(self.an, body.pattern.format(place=name)), body.kind, True
                surface, span = place.surface + body.word, Span(place.span.start, title.start + len(body.word))
            else:
                canonical, kind, named = name + ("办事处" if level == "street" else "人民政府"), "government", False
                surface, span = place.surface, place.span
            if canonical in posts:
                posts[canonical].titles.append(title.word)
            else:
                org = Mention(S.ORGANIZATION, surface, span,
                              {"canonical": canonical, "kind": kind, "implied": True, "named": named})
                posts[canonical] = Post(org, [title.word], place.span.start, titles[-1].end)
        return list(posts.values())

    def _posts_after_names(self) -> None:
        """A post stated after the name it belongs to: NAME 为/任/当选为/的 BODY TITLE (张三任X局局长,
        免去李四的X局局长职务), and a clause about the person a sentence opens with (张三，男，…，
        现任X局副局长，拟任Y局局长) or refers back to (免去其X局局长职务)."""
        for title in self.titles:
            if self._title_continues(title) or self._names_after(title.end):
                continue
            posts = self._posts_before(title)
            if not posts:
                continue
            for holder in self._holders_before(self._phrase_start(posts), title.end):
                person = self._add(*holder, titled=True)
                for post in posts:
                    if not any(p.org.attrs["canonical"] == post.org.attrs["canonical"] for p in person.posts):
                        person.posts.append(post)

    def _titles_after_names(self) -> None:
        """陈明市长、李华县长等领导: a post word written after the name, as lists of leaders and
        speech do; only a word that names its body (市长: the city's government) says which post."""
        for title in self.titles:
            if self.text[title.end:title.end + 1] not in _AFTER_TRAILING_TITLE:
                continue
            implied = self._implied(title)
            name = self._name_ending(title.start, title.word) if implied is not None else None
            if name is None or not self._opens_name(name[0]):
                continue
            person = self._add(*name, titled=True)
            if not any(p.org.attrs["canonical"] == implied.attrs["canonical"] for p in person.posts):
                person.posts.append(Post(implied, [title.word], title.start, title.end))
        self._members_after_names()

    def _members_after_names(self) -> None:
        """刘明委员说, 刘明委员表示: a member written after the name in a story that names one CPPCC
        committee is that committee's member (its 两会 coverage writes members so)."""
        if self.only_committee is None:
            return
        for title in self.titles:
            after = self.text[title.end:title.end + 2]
            if title.word != _MEMBER or not (after[:1] in _AFTER_TRAILING_TITLE or after.startswith(self.speech)):
                continue
            name = self._name_ending(title.start, title.word)
            if name is None or not self._opens_name(name[0]):
                continue
            person = self._add(*name, titled=True)
            if not person.posts:
                person.posts.append(Post(self.only_committee, [title.word], title.start, title.end))

    def _title_continues(self, title: Hit) -> bool:
        """党组书记、局长: the post goes on with another title."""
        at = title.end + 1 if self.text[title.end:title.end + 1] == "、" else title.end
        return any(t.start == at for t in self.titles)

    def _phrase_start(self, posts: list[Post]) -> int:
        """Where the words stating the posts begin: the body, or the place before a title that
        implies its body (浦江县副县长)."""
        start = min(p.start for p in posts)
        place = self.place_ending.get(start)
        return place.span.start if place is not None else start

    def _holders_before(self, start: int, end: int) -> list[tuple[int, int]]:
        """Who the post stated from `start` belongs to: the names right before the cue joining
        them to it (张三、李四当选为; 王五以190票当选为), the person 其 refers to, or the one the
        sentence opens with."""
        text = self.text
        term = NEW_TERM.search(text, max(0, start - MAXNEW_TERM), start)
        if term is not None:
            start = term.start()  # 当选新一届区政协主席: the term is no part of the cue
        for cue, change in self.an.lex.office_changes["link"] + (("", None),):
            if not text.endswith(cue, 0, start) or (not cue and not text.startswith("职务", end)):
                continue
            name_end = start - len(cue)
            if cue and text.endswith("同志", 0, name_end):  # 梁秋同志任…
                name_end -= 2
            votes = _VOTES.search(text, max(0, name_end - MAX_VOTES), name_end) if change is not None else None
            names = self._names_ending(self._before_note(votes.start() if votes else name_end),
                                       votes.group() if votes else cue or "职务")
            if not names and change is not None and text[name_end - 1:name_end] in "，,":
                names = self._names_ending(name_end - 1, text[name_end - 1])  # 张三、李四，新当选为…
            if names and change is not None and names[-1][0] in self.title_ending:
                names += self._listed_before(names[-1][0])
            if names:
                return names
            if text.endswith("其", 0, name_end):
                referred = self._referred(name_end - 1)
                return [referred] if referred else []
            if change is not None:
                # 曹某，拟推荐提名为…; 张某，在本轮公示中拟任…: the person the sentence is about
                subject = self._sentence_subject(name_end) if text[name_end - 1:name_end] in "，," else None
                if subject:
                    return [subject]
                # 张三任…，提名为…: a clause opening with the cue goes on about the last person named
                referred = self._referred(name_end)
                if referred and (name_end - referred[1] <= MAX_REFERENCE_GAP or text[name_end - 1] in "，,"):
                    return [referred]
        return []

    def _listed_before(self, start: int) -> list[tuple[int, int]]:
        """副省长张三、副省长李四、市委书记王五当选为…: the people named before in the same list, each
        with posts of their own."""
        clause = max(self.text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS) + 1
        return [key for key in sorted(self.found)
                if clause <= key[0] and key[1] < start and self.text[key[1]:key[1] + 1] == "、"]

    def _names_ending(self, end: int, follower: str) -> list[tuple[int, int]]:
        """The name ending at `end`, and those listed before it (张三、李四和王五)."""
        names = []
        name = self._name_ending(end, follower)
        while name is not None:
            names.append(name)
            joiner = self.text[name[0] - 1:name[0]]
            if joiner not in _NAME_JOINERS or (joiner != "、" and len(names) > 1):
                break  # 和, 及, 与 join only the last name of a list
            name = self._name_ending(self._before_note(name[0] - 1), joiner)
        return names

    def _before_note(self, end: int) -> int:
        """马文清（回族）、刘芳（女）为…: where the name ends when a bracketed note follows it."""
        if self.text[end - 1:end] not in ("）", ")"):
            return end
        opening = max(self.text.rfind("（", max(0, end - MAX_NOTE), end), self.text.rfind("(", max(0, end - MAX_NOTE), end))
        inside = self.text[opening + 1:end - 1] if opening >= 0 else ""
        return opening if inside and not any(mark in inside for mark in _CLAUSE_MARKS) else end

    def _name_ending(self, end: int, follower: str) -> tuple[int, int] | None:
        """The name that ends at `end`: of several (明辉, 葛明辉), the longest that starts where a
        name can (after punctuation, a list's joiner or a cue like 任命, 免去), else one the tagger
        reads as a name (在本轮公示中 has no name in it)."""
        found = [name for length in (2, 3, 4) if end - length >= 0
                 for name in [self.name_at(end - length, (follower,), ending_at=end)] if name is not None]
        found += [(start, stop) for start, stop in self.dotted.items() if stop == end]
        # 昂毛, 扎西: a name with no surname, read by the tagger
        found += [(start, stop) for start, stop in self.an.tagged_persons.items()
                  if stop == end and (start, stop) not in found]
        opened = [name for name in found if self._opens_name(name[0])]
        tagged = [name for name in found if self.an.tagged_persons.get(name[0]) == name[1]]
        return opened[-1] if opened else tagged[0] if tagged else None

    def _opens_name(self, pos: int) -> bool:
        if pos == 0 or not CJK.match(self.text[pos - 1]) or self.text[pos - 1] in _NAME_JOINERS:
            return True
        cues = self.an.lex.office_changes["lead"] + self.an.lex.office_changes["link"]
        return (any(self.text.endswith(cue, 0, pos) for cue, change in cues if change is not None)
                or self.text.endswith(_ANNOUNCING, 0, pos))

    def _referred(self, offset: int) -> tuple[int, int] | None:
        """其: the person named last before `offset` in the sentence."""
        sentence_start = self.an.sentence_start(offset)
        before = [key for key in self.found if sentence_start <= key[0] and key[1] <= offset]
        return max(before, key=lambda key: key[1]) if before else None

    def _sentence_subject(self, offset: int) -> tuple[int, int] | None:
        """The person a sentence opens with (张三，男，1975年3月生，…)."""
        start = self.an.sentence_start(offset)
        while start < offset and self.text[start] in " \t\u3000\n":
            start += 1
        name = self.name_at(start)
        return name if name is not None and self.text[name[1]:name[1] + 1] in "，,（(" else None

    def _roles(self) -> None:
        for hit in self.an.hits.get(PERSON_ROLE, []):
            for name in self._names_after(hit.end, after_post=False):  # 区领导张三、李四出席
                self._add(*name, introduced=True)

    def _speakers(self) -> None:
        """A name at the start of a clause followed by a verb of speech (张三表示) or a colon in
        an interview (张三：)."""
        for match in re.finditer(r"(?:^|(?<=[\n,。;:!?“”\s]))(?=[\u4e00-\u9fff])", self.text):
            pos = match.start()
            name = self.name_at(pos, followers=tuple(self.an.lex.titles))
            if name is None:
                continue
            after = self.text[name[1]:name[1] + 4]
            if after.startswith(self.an.lex.verbs["speech"]) or after.startswith((":", "：")) or \
                    after.startswith(tuple(self.an.lex.titles)):
                person = self._add(*name)
                title = next((t for t in self.titles if t.start == name[1]), None)
                if title is not None:
                    implied = self._implied(title)
                    person.titled = True
                    if implied is not None:
                        person.posts.append(Post(implied, [title.word], title.start, title.end))


def _ordinary_word(name: str) -> bool:
    """强调, 满意度: a dictionary word that is not a person's name."""
    tag = word_tag(name)
    return tag is not None and not tag.startswith("nr")
