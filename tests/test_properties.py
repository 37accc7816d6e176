"""Property tests of the extractor: whatever the text, extract() returns well-formed facts.

Well-formed: entities carry schema labels and ids derived from them, relations join entities of
this article with a type whose ends the schema allows, and every piece of evidence points into the
article's text at exactly its sentence. Checked on arbitrary Unicode (hypothesis) and on 1,000
mutated versions of the sample articles (seeded, so a failure names the case that reproduces it).
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_run import ROOT
from graph import schema as S
from graph.build import build_graph
from graph.extract import extract
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders.export import graph_to_json

SAMPLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
#: Clauses of the samples, for generated texts that look like the genre.
CLAUSES = sorted({c for text in SAMPLES for c in re.split(r"(?<=[，。；：！？、\n])", text) if c.strip()})
ASCII_PUNCT = list(",.;:!?()[]\"'-/\\<>{}|@#$%^&*_+=~`")
FULLWIDTH_PUNCT = list("，。；：！？（）【】“”‘’《》〈〉、—…·～＂＇［］｛｝｜＠＃＄％＾＆＊＿＋＝")
FULLWIDTH_CHARS = [chr(c) for c in range(0xFF10, 0xFF1A)] + [chr(c) for c in range(0xFF21, 0xFF3B)] + ["\u3000"]
ODD_CHARS = ["\u200b", "\ufeff", "\u00a0", "\u2028", "\r\n", "\r", "\t", "\u0301", "①", "㈠", "﹐", "｡", "😀", "\x00",
             "\U00020000", "\uFE3F", "\u3007"]
MUTATIONS_RUN = 1000


def check_facts(article: Article, facts: ArticleFacts) -> None:
    """Assert that `facts` is a well-formed extraction of `article`."""
    assert isinstance(facts, ArticleFacts)
    assert (facts.article.id, facts.article.text) == (article.id, article.text)
    if facts.article.date is not None:
        dt.date.fromisoformat(facts.article.date)
    text = article.text
    article_node = S.node_id(S.ARTICLE, article.id)
    base_of = {article_node: S.ARTICLE}
    for entity in facts.entities:
        assert entity.id not in base_of, f"entity {entity.id!r} twice"
        assert set(entity.labels) <= set(S.NODE_LABELS), entity
        bases = [label for label in entity.labels if label in S.BASE_LABELS]
        assert len(bases) == 1 and bases[0] in S.ENTITY_LABELS, entity
        assert all(S.SUB_LABELS[label] == bases[0] for label in entity.labels if label in S.SUB_LABELS), entity
        assert isinstance(entity.name, str) and entity.name.strip() == entity.name != "", entity
        anchor = entity.id.partition("@")[2] or None if bases[0] in (S.PLACE, S.ORGANIZATION, S.PERSON) else None
        assert entity.id == S.node_id(bases[0], entity.name, anchor), entity
        assert article.id in entity.sources, entity
        assert set(entity.attrs) <= set(S.NODE_PROPERTIES[bases[0]]), entity
        if entity.attrs.get(S.KIND) is not None and bases[0] == S.REFORM:
            assert entity.attrs[S.KIND] in S.REFORM_KINDS, entity
        if entity.attrs.get(S.LEVEL) is not None:
            assert entity.attrs[S.LEVEL] in S.PLACE_LEVELS, entity
        for key in (S.DATE, S.END_DATE):
            if entity.attrs.get(key) is not None:
                dt.date.fromisoformat(entity.attrs[key])
        base_of[entity.id] = bases[0]
    for relation in facts.relations:
        kind = S.RELATIONS.get(relation.type)
        assert kind is not None, relation
        assert relation.source in base_of and relation.target in base_of, f"dangling {relation}"
        assert base_of[relation.source] in kind.sources and base_of[relation.target] in kind.targets, relation
        assert set(relation.attrs) <= set(kind.properties), relation
        assert relation.evidence or relation.attrs.get(S.BASIS), f"no evidence: {relation}"
        for evidence in relation.evidence:
            assert evidence.article == article.id, evidence
            assert 0 <= evidence.start < evidence.end <= len(text), evidence
            assert text[evidence.start:evidence.end] == evidence.sentence, evidence
    json.loads(graph_to_json(build_graph([facts])))


def extract_checked(text: str) -> None:
    article = Article(id="t", path="t.txt", text=text)
    check_facts(article, extract(article))


# --------------------------------------------------------------------------- any string

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_string(text):
    extract_checked(text)


genre_text = st.lists(
    st.one_of(st.sampled_from(CLAUSES), st.sampled_from(ASCII_PUNCT + FULLWIDTH_PUNCT + FULLWIDTH_CHARS + ODD_CHARS),
              st.text(max_size=6)),
    max_size=60).map("".join)


@PROPERTY_SETTINGS
@given(genre_text)
def test_any_recombination_of_sample_clauses(text):
    extract_checked(text)


@st.composite
def mutated_sample(draw):
    text = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(text) - 1))
    text = text[start:start + draw(st.integers(1, 1500))]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ASCII_PUNCT + FULLWIDTH_PUNCT + ODD_CHARS + ["\n", ""])) \
            + text[at + draw(st.integers(0, 2)):]
    return text


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_sample())
def test_mutated_sample_excerpts_shrunk_by_hypothesis(text):
    extract_checked(text)


# --------------------------------------------------------------------------- 1,000 mutated samples

def _insert(rng: random.Random, text: str, pieces: list[str]) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(pieces) + text[at:]


def _delete(rng, text):
    at = rng.randrange(len(text)) if text else 0
    return text[:at] + text[at + rng.randint(1, 3):]


def _split(rng, text):
    return _insert(rng, text, ["\n", "\n\n", "\r\n", " \n "])


def _join_lines(rng, text):
    breaks = [m.start() for m in re.finditer("\n", text)]
    if not breaks:
        return text
    at = rng.choice(breaks)
    return text[:at] + text[at + 1:]


def _duplicate(rng, text):
    at = rng.randint(0, len(text))
    return text[:at] + text[at:at + rng.randint(1, 40)] + text[at:]


def _swap(rng, text):
    if len(text) < 2:
        return text
    at = rng.randrange(len(text) - 1)
    return text[:at] + text[at + 1] + text[at] + text[at + 2:]


def _widen(rng, text):
    """Replace one ASCII character by its full-width form, or the reverse (NFKC)."""
    at = rng.randrange(len(text)) if text else 0
    char = text[at:at + 1]
    if "!" <= char <= "~":
        wide = chr(ord(char) + 0xFEE0)
    else:
        wide = unicodedata.normalize("NFKC", char)
    return text[:at] + wide + text[at + 1:]


MUTATIONS = [
    _delete, _split, _join_lines, _duplicate, _swap, _widen,
    lambda rng, text: _insert(rng, text, ASCII_PUNCT),
    lambda rng, text: _insert(rng, text, FULLWIDTH_PUNCT),
    lambda rng, text: _insert(rng, text, [chr(rng.randint(0x21, 0x7E)) for _ in range(3)]),
    lambda rng, text: _insert(rng, text, FULLWIDTH_CHARS),
    lambda rng, text: _insert(rng, text, ODD_CHARS),
    lambda rng, text: _insert(rng, text, [chr(rng.randint(0x4E00, 0x9FFF))]),
    lambda rng, text: _insert(rng, text, CLAUSES),
]


def mutate(case: int) -> str:
    rng = random.Random(case)
    text = SAMPLES[case % len(SAMPLES)]
    if case % 10:  # nine in ten are excerpts, so that the run stays short; every tenth is whole
        start = rng.randrange(len(text))
        text = text[start:start + rng.randint(50, 3000)]
    for _ in range(rng.randint(1, 15)):
        text = rng.choice(MUTATIONS)(rng, text)
    return text


def _fails(text: str) -> bool:
    try:
        extract_checked(text)
    except Exception:  # noqa: BLE001 - any failure, to shrink the input that causes it
        return True
    return False


def shrink(text: str, budget: int = 400) -> str:
    """A smaller text that still fails: drop chunks while the failure stays (delta debugging)."""
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and budget > 0:
        at, shrunk = 0, False
        while at < len(text) and budget > 0:
            candidate = text[:at] + text[at + chunk:]
            budget -= 1
            if _fails(candidate):
                text, shrunk = candidate, True
            else:
                at += chunk
        if not shrunk:
            chunk //= 2
    return text


def test_a_thousand_mutated_samples():
    for case in range(MUTATIONS_RUN):
        text = mutate(case)
        try:
            extract_checked(text)
        except Exception as exc:
            smallest = shrink(text)
            raise AssertionError(f"mutation case {case} fails ({type(exc).__name__}: {exc}); "
                                 f"smallest failing text: {smallest!r}") from exc


# --------------------------------------------------------------------------- the checker itself

def _facts_with(**broken) -> tuple[Article, ArticleFacts]:
    text = "某局局长张三出席。"
    article = Article(id="t", path="t.txt", text=text)
    person = Entity(S.node_id(S.PERSON, "张三"), [S.PERSON, S.OFFICIAL], "张三", sources=["t"])
    org = Entity(S.node_id(S.ORGANIZATION, "某局"), [S.ORGANIZATION, S.BUREAU], "某局", sources=["t"])
    evidence = Evidence("t", text, 0, len(text))
    relation = Relation(S.HOLDS_POSITION, person.id, org.id, [evidence], {S.TITLE: "局长"})
    for field, value in broken.items():
        target = {"person": person, "relation": relation}[field.split("_")[0]]
        setattr(target, field.split("_", 1)[1], value)
    return article, ArticleFacts(article, [person, org], [relation])


@pytest.mark.parametrize("broken", [
    {"person_labels": ["Human"]},
    {"person_labels": [S.ORGANIZATION, S.OFFICIAL]},
    {"person_id": "Person:李四"},
    {"person_sources": ["other"]},
    {"relation_target": "Organization:不存在"},
    {"relation_type": S.ATTENDS},
    {"relation_attrs": {"salary": 1}},
    {"relation_evidence": []},
])
def test_the_checker_rejects_malformed_facts(broken):
    article, facts = _facts_with(**broken)
    with pytest.raises(AssertionError):
        check_facts(article, facts)


def test_the_checker_rejects_evidence_that_misses_its_sentence():
    article, facts = _facts_with()
    check_facts(article, facts)
    facts.relations[0].evidence[0] = Evidence("t", article.text, 1, len(article.text))
    with pytest.raises(AssertionError):
        check_facts(article, facts)
