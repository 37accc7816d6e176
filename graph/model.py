"""Plain data passed between the pipeline's steps."""
from __future__ import annotations

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


@dataclass(frozen=True, slots=True)  # slots: a large corpus keeps millions of these while merging
class Evidence:
    article: str
    sentence: str
    start: int               # offsets of the sentence in the article text
    end: int
    span: tuple[int, int] | None = None  # for MENTIONS: offsets of the mention itself
    date: str | None = None    # the article's date, when known
    change: str | None = None  # for HOLDS_POSITION: holds, appointed, removed … (graph.extract.changes)
    change_date: str | None = None  # the date of that change, when it is one

    def as_dict(self) -> dict:
        out = {"article": self.article, "sentence": self.sentence, "start": self.start, "end": self.end,
               "date": self.date}
        if self.span is not None:
            out["span"] = list(self.span)
        if self.change is not None:
            out["change"] = self.change
            out["change_date"] = self.change_date
        return out


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
