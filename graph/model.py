"""Plain data passed between the pipeline's steps."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    id: str                 # file stem (or the JSONL record's id)
    path: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date when the source states it
    url: str | None = None   # where the article was published, when the source says


@dataclass(frozen=True, order=True)
class Span:
    start: int  # offsets into Article.text (the decoded original, not the normalised text)
    end: int


#: One int object per offset value for all evidence: a large corpus keeps millions of evidence
#: items whose offsets repeat (every fact of a sentence has its start and end), and an int of its
#: own costs each item 32 bytes per offset.
_OFFSETS: dict[int, int] = {}


class Evidence(Mapping):
    """The sentence that states a fact, and where it is.

    It reads as the mapping graph.json stores ({article, sentence, start, end, date}, `span` for a
    mention, `change` and `change_date` for a post), so the graph holds these compact records and a
    graph read back from graph.json (plain dicts) serves the same readers. Immutable and compared
    by value, like the frozen dataclass it replaces; the span is kept as two offsets, not a tuple.
    """
    __slots__ = ("article", "sentence", "start", "end", "_span_start", "_span_end", "date", "change",
                 "change_date")

    article: str
    sentence: str
    start: int                 # offsets of the sentence in the article text
    end: int
    date: str | None           # the article's date, when known
    change: str | None         # for HOLDS_POSITION: holds, appointed, removed … (graph.extract.changes)
    change_date: str | None    # the date of that change, when it is one

    def __init__(self, article: str, sentence: str, start: int, end: int,
                 span: tuple[int, int] | None = None, date: str | None = None, change: str | None = None,
                 change_date: str | None = None) -> None:
        shared, set_slot = _OFFSETS.setdefault, object.__setattr__
        set_slot(self, "article", article)
        set_slot(self, "sentence", sentence)
        set_slot(self, "start", shared(start, start))
        set_slot(self, "end", shared(end, end))
        set_slot(self, "_span_start", None if span is None else shared(span[0], span[0]))
        set_slot(self, "_span_end", None if span is None else shared(span[1], span[1]))
        set_slot(self, "date", date)
        set_slot(self, "change", change)
        set_slot(self, "change_date", change_date)

    @property
    def span(self) -> tuple[int, int] | None:
        """For MENTIONS: offsets of the mention itself."""
        return None if self._span_start is None else (self._span_start, self._span_end)

    def _fields(self) -> tuple:
        """The constructor's arguments."""
        return (self.article, self.sentence, self.start, self.end, self.span, self.date, self.change,
                self.change_date)

    def _key(self) -> tuple:
        return (self.article, self.sentence, self.start, self.end, self._span_start, self._span_end,
                self.date, self.change, self.change_date)

    def __setattr__(self, name, value):
        raise AttributeError(f"Evidence is immutable: cannot set {name}")

    def __delattr__(self, name):
        raise AttributeError(f"Evidence is immutable: cannot delete {name}")

    def __reduce__(self):
        return Evidence, self._fields()

    def __eq__(self, other):
        if isinstance(other, Evidence):
            return self._key() == other._key()
        return dict(self) == other if isinstance(other, Mapping) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        names = ("article", "sentence", "start", "end", "span", "date", "change", "change_date")
        return f"Evidence({', '.join(f'{n}={v!r}' for n, v in zip(names, self._fields()))})"

    # ---------------------------------------------------------------- the mapping graph.json stores

    def __getitem__(self, key: str):
        if key in _ALWAYS or (key in _OF_CHANGE and self.change is not None):
            return getattr(self, key)
        if key == "span" and self._span_start is not None:
            return [self._span_start, self._span_end]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        yield from _ALWAYS
        if self._span_start is not None:
            yield "span"
        if self.change is not None:
            yield from _OF_CHANGE

    def __len__(self) -> int:
        return len(_ALWAYS) + (self._span_start is not None) + (len(_OF_CHANGE) if self.change is not None else 0)


_ALWAYS = ("article", "sentence", "start", "end", "date")
_OF_CHANGE = ("change", "change_date")


@dataclass
class Mention:
    label: str               # base label
    surface: str             # text as written (original characters)
    span: Span
    attrs: dict = field(default_factory=dict)


@dataclass
class Entity:
    id: str
    labels: list[str]
    name: str
    aliases: list[str] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class Relation:
    type: str
    source: str              # entity id
    target: str              # entity id
    evidence: list[Evidence]
    attrs: dict = field(default_factory=dict)


@dataclass
class ArticleFacts:
    """Everything one article contributes, already resolved within the article."""
    article: Article
    entities: list[Entity]
    relations: list[Relation]
