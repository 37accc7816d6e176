"""Per-article extraction: Article -> ArticleFacts, a pure function of the article and the lexicons.

read → normalise/segment (graph.text) → mentions (places, orgs, events, reforms, people) →
entities within the article (resolve) → relations with the sentence that states them (relations).
"""
from __future__ import annotations

from graph.extract.analysis import Analysis
from graph.extract.events import find_events
from graph.extract.identity import anchor_local_bodies, anchor_local_places, anchor_people
from graph.extract.orgs import find_orgs, place_context
from graph.extract.people import PeopleFinder
from graph.extract.places import find_places
from graph.extract.reforms import find_reforms
from graph.extract.relations import FactsBuilder
from graph.extract.tagger import LAC
from graph.extract.tagger import tagger as load_tagger  # the name "tagger" is the submodule
from graph.model import Article, ArticleFacts


def _named_by(an: Analysis, reform, event) -> bool:
    """Whether the reform lies in the event's name and is no more than that event: (重点项目)“春季百日
    大干”活动 is the campaign itself, while 全市“万企兴万村”行动推进会 names a meeting about a
    reform that stands on its own (quoted, and more than an event word after it)."""
    if not (event.span.start <= reform.span.start and reform.span.end <= event.span.end):
        return False
    after = an.text[reform.span.end:event.span.end]
    return an.text[reform.span.start] not in "“‘" or after in ("",) + an.lex.event_suffixes


def _within(inner, outer) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def extract(article: Article, ner: str = LAC) -> ArticleFacts:
    """`ner` names the statistical tagger whose spans the rules consult (graph.extract.tagger)."""
    return _facts(Analysis(article, ner))


def extract_many(articles: list[Article], ner: str = LAC) -> list[ArticleFacts]:
    """extract() of each article, the tagger run once over all of them: its model runs about
    twice as fast on one large batch as on many small ones."""
    analyses = [Analysis(article, ner) for article in articles]
    found = load_tagger(ner).tag([text for an in analyses for text in an.window_texts])
    at = 0
    for an in analyses:
        an.tagged = an.words_from(found[at:at + len(an.window_texts)])
        at += len(an.window_texts)
    return [_facts(an) for an in analyses]


def _facts(an: Analysis) -> ArticleFacts:
    places = find_places(an)
    ctx = place_context(places)
    orgs = find_orgs(an, places, ctx)
    events = find_events(an, ctx, hosts=orgs + places)
    reforms = [r for r in find_reforms(an) if not any(_named_by(an, r, e) for e in events)]
    # “欧阳中石杯”书法大赛: a name inside a reform's or event's own name is no mention of a person
    named_things = [r.span for r in reforms] + [e.span for e in events]
    people = [p for p in PeopleFinder(an, orgs, places, ctx).find()
              if p.titled or p.journalist or not any(_within(p.mention.span, n) for n in named_things)]
    # 永康 in the name 黄永康, 通城 in the reform “一码通城”: not the places of that name
    names = [p.mention.span for p in people] + [r.span for r in reforms]
    places = [p for p in places if not any(_within(p.span, n) for n in names)]
    anchor_local_places(places, an.article.id)
    anchor_local_bodies(orgs + [post.org for person in people for post in person.posts], places, an.article.id)
    anchor_people(people, places, an.article.id)
    return FactsBuilder(an, places, orgs, events, reforms, people).facts()
