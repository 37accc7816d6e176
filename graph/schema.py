"""The one declaration of govkg's graph schema.

Labels, relationship types, property keys and view styles are declared here and imported by the
extractor, the networkx build, the Neo4j loader, the views and the docs. Nothing else spells a label
or a relationship type as a string literal.
"""
from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------- node labels

PERSON = "Person"
OFFICIAL = "Official"
JOURNALIST = "Journalist"
ORGANIZATION = "Organization"
BUREAU = "Bureau"
REFORM = "Reform"
EVENT = "Event"
PLACE = "Place"
ARTICLE = "Article"

#: Base labels: every node has exactly one of these; its id is derived from it.
BASE_LABELS = (PERSON, ORGANIZATION, REFORM, EVENT, PLACE, ARTICLE)
#: Extra labels that refine a base label.
SUB_LABELS = {OFFICIAL: PERSON, JOURNALIST: PERSON, BUREAU: ORGANIZATION}
NODE_LABELS = BASE_LABELS + tuple(SUB_LABELS)
#: The labels of things found in text (everything but Article).
ENTITY_LABELS = (PERSON, ORGANIZATION, REFORM, EVENT, PLACE)

REFORM_KINDS = ("reform", "policy", "programme", "brand", "platform", "campaign")
PLACE_LEVELS = ("province", "city", "district", "county", "town", "street", "village", "community")

# --------------------------------------------------------------------------- property keys

ID = "id"
NAME = "name"
LABELS = "labels"
LABEL = "label"          # the most specific label, for tools that want one
ALIASES = "aliases"
SOURCES = "sources"      # article ids
TYPE = "type"            # relationship type, on edges
TITLE = "title"          # post words on HOLDS_POSITION; headline on Article
EVIDENCE = "evidence"    # list of {article, sentence, start, end}
ARTICLES = "articles"    # article ids an edge was seen in
KIND = "kind"
LEVEL = "level"
DATE = "date"
END_DATE = "end_date"
PATH = "path"
URL = "url"
BASIS = "basis"          # why an edge exists when no sentence states it (e.g. division table)
FIRST_SEEN = "first_seen"  # on edges: the earliest and latest dates of the articles stating them
LAST_SEEN = "last_seen"
START = "start"          # on HOLDS_POSITION (graph.tenure): earliest appointment or election
END = "end"              # latest removal
LAST_HELD = "last_held"  # latest date the post is stated as held
STATUS = "status"        # current, former or pending

#: What a HOLDS_POSITION evidence item says of the post (graph.extract.changes), and the status of
#: a post over all its evidence (graph.tenure)
#: (`held`: a post stated as held in the past, 曾任 or 历任, with no date of its end)
HOLDS, APPOINTED, REMOVED, NOMINATED, ELECTED, PROPOSED, HELD = (
    "holds", "appointed", "removed", "nominated", "elected", "proposed", "held")
OFFICE_CHANGES = (HOLDS, APPOINTED, REMOVED, NOMINATED, ELECTED, PROPOSED, HELD)
CURRENT, FORMER, PENDING = "current", "former", "pending"
POST_STATUSES = (CURRENT, FORMER, PENDING)

#: Properties each base label may carry beyond the common ones (id, name, labels, aliases, sources).
NODE_PROPERTIES = {
    PERSON: (),
    ORGANIZATION: (KIND,),
    REFORM: (KIND,),
    EVENT: (DATE, END_DATE),
    PLACE: (LEVEL,),
    ARTICLE: (TITLE, PATH, DATE, URL),
}
COMMON_NODE_PROPERTIES = (ID, NAME, LABELS, LABEL, ALIASES, SOURCES)
#: Node properties that hold lists (Neo4j arrays, CSV `string[]`).
LIST_NODE_PROPERTIES = (LABELS, ALIASES, SOURCES)

# --------------------------------------------------------------------------- relationships

HOLDS_POSITION = "HOLDS_POSITION"
PROMOTES = "PROMOTES"
ORGANIZES = "ORGANIZES"
ATTENDS = "ATTENDS"
HELD_IN = "HELD_IN"
LOCATED_IN = "LOCATED_IN"
PART_OF = "PART_OF"
AUTHORED = "AUTHORED"
MENTIONS = "MENTIONS"


@dataclass(frozen=True)
class RelationType:
    name: str
    sources: tuple[str, ...]   # allowed base labels at the start
    targets: tuple[str, ...]   # allowed base labels at the end
    properties: tuple[str, ...] = ()
    short: str = ""            # a short Chinese word for edge captions


RELATIONS = {
    r.name: r
    for r in (
        RelationType(HOLDS_POSITION, (PERSON,), (ORGANIZATION,), (TITLE, START, END, LAST_HELD, STATUS), "任职"),
        RelationType(PROMOTES, (ORGANIZATION,), (REFORM,), (), "推动"),
        RelationType(ORGANIZES, (ORGANIZATION,), (EVENT,), (), "主办"),
        RelationType(ATTENDS, (PERSON,), (EVENT,), (), "出席"),
        RelationType(HELD_IN, (EVENT,), (PLACE,), (), "举办地"),
        RelationType(LOCATED_IN, (ORGANIZATION,), (PLACE,), (), "位于"),
        RelationType(PART_OF, (PLACE, ORGANIZATION), (PLACE, ORGANIZATION), (BASIS,), "隶属"),
        RelationType(AUTHORED, (PERSON,), (ARTICLE,), (), "撰稿"),
        RelationType(MENTIONS, (ARTICLE,), ENTITY_LABELS, (), "提及"),
    )
}
RELATION_TYPES = tuple(RELATIONS)
#: Edge properties common to every relationship.
COMMON_EDGE_PROPERTIES = (TYPE, EVIDENCE, ARTICLES, FIRST_SEEN, LAST_SEEN)
#: Properties holding ISO dates (Cypher `date` values in Neo4j)
DATE_PROPERTIES = (DATE, END_DATE, FIRST_SEEN, LAST_SEEN, START, END, LAST_HELD)

# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Style:
    colour: str
    shape: str
    zh: str  # the label's name in Chinese, for legends


#: Most specific label first: a node takes the style of the first label it carries.
STYLES = {
    OFFICIAL: Style("#d62728", "dot", "官员"),
    JOURNALIST: Style("#9467bd", "dot", "记者"),
    PERSON: Style("#ff9896", "dot", "人物"),
    BUREAU: Style("#1f77b4", "box", "机关"),
    ORGANIZATION: Style("#aec7e8", "box", "机构"),
    REFORM: Style("#2ca02c", "diamond", "改革举措"),
    EVENT: Style("#ff7f0e", "star", "活动会议"),
    PLACE: Style("#8c564b", "triangle", "地点"),
    ARTICLE: Style("#7f7f7f", "square", "文章"),
}
SPECIFICITY = tuple(STYLES)


def most_specific(labels) -> str:
    """The most specific label among `labels` (Official before Person, Bureau before Organization)."""
    for label in SPECIFICITY:
        if label in labels:
            return label
    raise ValueError(f"no schema label in {labels!r}")


def base_label(labels) -> str:
    for label in labels:
        if label in BASE_LABELS:
            return label
    raise ValueError(f"no base label in {labels!r}")


def node_id(label: str, name: str, anchor: str | None = None) -> str:
    """Stable node id: base label and canonical name, and for names that many real things share
    (城关镇) what tells this one apart (its county: `Place:城关镇@平阴县`). Same entity, same id,
    in every run."""
    if label not in BASE_LABELS:
        raise ValueError(f"not a base label: {label}")
    return f"{label}:{name}" if anchor is None else f"{label}:{name}@{anchor}"


def display_name(node_id: str, name: str, namesakes=frozenset()) -> str:
    """A node's name as people see it: namesakes told apart by their anchor (城关镇（沂水县）, or
    the article a place known only from it comes from: 张庄村（见 a2）). A person's anchor shows only
    where `namesakes` (the names several people share) holds the name: 王伟（济宁市）."""
    anchor = node_id.partition("@")[2] if node_id.startswith(f"{name}@", node_id.find(":") + 1) else ""
    if not anchor or node_id.startswith(f"{PERSON}:") and name not in namesakes:
        return name
    return f"{name}（见 {anchor[1:]}）" if anchor.startswith("#") else f"{name}（{anchor}）"


def markdown() -> str:
    """The schema as Markdown tables: the README shows exactly this (a test keeps them equal)."""
    lines = ["| label | extra labels | properties (besides id, name, labels, label, aliases, sources) |",
             "|---|---|---|"]
    for label in BASE_LABELS:
        extra = ", ".join(f"`{sub}`" for sub, base in SUB_LABELS.items() if base == label) or "–"
        props = ", ".join(f"`{p}`" for p in NODE_PROPERTIES[label]) or "–"
        lines.append(f"| `{label}` | {extra} | {props} |")
    lines += ["", "| relationship | from | to | properties (besides type, evidence, articles) |",
              "|---|---|---|---|"]
    for rel in RELATIONS.values():
        sources = " / ".join(f"`{s}`" for s in rel.sources)
        targets = "any entity" if rel.targets == ENTITY_LABELS else " / ".join(f"`{t}`" for t in rel.targets)
        props = ", ".join(f"`{p}`" for p in rel.properties) or "–"
        lines.append(f"| `{rel.name}` ({rel.short}) | {sources} | {targets} | {props} |")
    return "\n".join(lines)
