"""Saved news pages (.html/.htm) -> Article: the story's text, headline and date, without the page.

trafilatura does the work: it parses with lxml (libxml2's HTML parser), drops script, style,
navigation, comments and other boilerplate by its maintained rules, and finds the publication date
with htmldate (meta article:published_time, <time datetime>, JSON-LD). Our own part is small:
extra XPaths for the menus of Chinese portal templates it keeps, and the date written in the text
when the page's markup has none.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from graph.model import Article
from loaders.textio import ArticleError, decode_text, find_date

#: Page furniture removed before extraction: HTML's own navigation elements (trafilatura's
#: fallback for short pages would keep them) and the menus of Chinese government and newspaper
#: templates written as plain <ul>/<div> with these class or id words.
BOILERPLATE_XPATHS = ["//nav", "//aside", "//footer", "//form", "//select", "//button"] + [
    f"//*[contains(concat(' ', normalize-space(@{attr}), ' '), ' {word} ')]"
    for attr in ("class", "id")
    for word in ("menu", "nav", "navbar", "breadcrumb", "crumb", "position", "share", "footer")
]

#: Elements of trafilatura's cleaned tree that stand on their own line; the rest is inline.
BLOCK_TAGS = frozenset({"head", "p", "item", "list", "cell", "row", "table", "quote", "code", "lb", "div"})

#: A date found by htmldate only as a coarse guess (the year of a copyright line, say) would be
#: wrong more often than right: search markup only, and fall back to the text ourselves.
DATE_SEARCH = {"extensive_search": False, "original_date": True}


@cache
def _trafilatura():
    """trafilatura and its settings, imported on the first page (a third of a second that a run
    over .txt files need not pay)."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura's timeout uses SIGALRM, which only works in a main thread; reading runs anywhere.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return trafilatura, config


def page_to_article(markup: str, article_id: str, path: str) -> Article:
    """Article from a page's markup; Article.text is the extracted plain text (offsets refer to it)."""
    trafilatura, config = _trafilatura()
    doc = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, prune_xpath=BOILERPLATE_XPATHS,
        date_extraction_params=DATE_SEARCH, config=config)
    body = "\n".join(_block_lines(doc.body)) if doc is not None and doc.body is not None else ""
    if not body:
        raise ArticleError(path, "no article text found in the page")
    title = (doc.title or "").strip() or None
    head = body.splitlines()[0]
    # The headline belongs to the text, as in a .txt article, so that rules reading it (an event
    # named in the headline) and evidence offsets work the same for both.
    text = body if title is None or title in head or head in title else f"{title}\n{body}"
    return Article(id=article_id, path=path, text=text, title=title or head,
                   date=doc.date or find_date(text))


def _block_lines(body) -> list[str]:
    """One line per paragraph, heading, list item or table cell of trafilatura's cleaned tree
    (its own plain-text output draws tables with '|' characters that are not in the page)."""
    lines: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        line = "".join(pending).strip()
        if line:
            lines.append(line)
        pending.clear()

    def walk(element) -> None:
        is_block = element.tag in BLOCK_TAGS
        if is_block:
            flush()
        pending.append(element.text or "")
        for child in element:
            walk(child)
            pending.append(child.tail or "")
        if is_block:
            flush()

    walk(body)
    flush()
    return lines


def read_html_article(path: Path, data: bytes) -> Article:
    return page_to_article(decode_text(data, path), path.stem, str(path))
