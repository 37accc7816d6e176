"""Per-article extraction: Article -> ArticleFacts. A pure function of the article and the lexicons."""
from __future__ import annotations

from graph.model import Article, ArticleFacts


def extract(article: Article) -> ArticleFacts:
    return ArticleFacts(article=article, entities=[], relations=[])
