"""Small helpers for extractor tests: run extract() on a sentence and look facts up by name."""
from graph import schema as S
from graph.extract import extract
from graph.extract.tagger import LAC
from graph.model import Article


def facts_of(text: str, article_id: str = "t", ner: str = LAC):
    facts = extract(Article(id=article_id, path=f"{article_id}.txt", text=text), ner)
    names = {e.id: e.name for e in facts.entities}
    names[S.node_id(S.ARTICLE, article_id)] = article_id
    return facts, names


def entity(facts, label, name):
    return next((e for e in facts.entities if e.name == name and label in e.labels), None)


def relations(facts, names, rel_type):
    return {(names[r.source], names[r.target], r.attrs.get(S.TITLE)) for r in facts.relations if r.type == rel_type}


def attendees(facts, names, event: str) -> set[str]:
    return {person for person, attended, _ in relations(facts, names, S.ATTENDS) if attended == event}


def person_names(text: str, ner: str = LAC) -> list[str]:
    facts, _ = facts_of(text, ner=ner)
    return sorted(e.name for e in facts.entities if S.PERSON in e.labels)


def person_node(graph, name: str) -> str:
    """The id of the one person of that name in `graph` (ids carry the person's region)."""
    (found,) = [node for node, data in graph.nodes(data=True) if S.PERSON in data[S.LABELS] and data[S.NAME] == name]
    return found
