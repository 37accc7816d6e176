"""The atlas without a browser: pages, links, highlighting, escaping, atomic replacement, CLI."""
from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph import schema as S
from graph import site as site_module
from graph.site import page_path, segments, write_site
from loaders.export import read_graph_json
from test_views_sample import ARTICLE_A, ARTICLE_B, TEXT_A, XSS, article_node, node, write_corpus
from tests.extract_helpers import person_node


class Links(HTMLParser):
    """Collects hrefs/srcs, and the text and href of every highlighted entity link."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.entities: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._entity_href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for key in ("href", "src"):
            if attrs.get(key):
                self.targets.append(attrs[key])
        if tag == "a" and "ent" in (attrs.get("class") or "").split():
            self._entity_href = attrs["href"]
            self.entities.append(("", attrs["href"]))

    def handle_endtag(self, tag):
        if tag == "a":
            self._entity_href = None

    def handle_data(self, data):
        if self._entity_href:
            text, href = self.entities[-1]
            self.entities[-1] = (text + data, href)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    graph_path = write_corpus(tmp_path_factory.mktemp("corpus"))
    result = write_site(graph_path.parent)
    return graph_path, read_graph_json(graph_path), result


def test_every_node_has_a_page_and_every_link_resolves(built):
    graph_path, graph, result = built
    site = graph_path.parent / "site"
    assert result.index == site / "index.html" and result.missing_texts == []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == result.pages == graph.number_of_nodes() + 2   # + index + full graph
    for page in pages:
        for target in parse(page).targets:
            assert not target.startswith(("http:", "https:", "//")), (page, target)
            if not target.startswith(("data:", "#")):
                assert (page.parent / target).resolve().is_file(), (page, target)


def test_index_lists_officials_with_posts_and_events_with_dates(built):
    graph_path, graph, _ = built
    index = (graph_path.parent / "site" / "index.html").read_text(encoding="utf-8")
    for label in (S.OFFICIAL, S.BUREAU, S.REFORM, S.EVENT, S.PLACE, S.ARTICLE):
        assert f'<section id="{label}">' in index
    official = index[index.index(f'<section id="{S.OFFICIAL}">'):index.index(f'<section id="{S.JOURNALIST}">')]
    assert f'<a href="{page_path(graph, node("王五"))}">王五</a>' in official
    assert f'→ 任职 局长 <a href="{page_path(graph, node("某市数据局"))}">某市数据局</a>' in official
    event = index[index.index(f'<section id="{S.EVENT}">'):index.index(f'<section id="{S.PLACE}">')]
    assert "日期 2024-05-10" in event


def test_article_page_highlights_and_links_the_entities(built):
    graph_path, graph, _ = built
    site = graph_path.parent / "site"
    links = parse(site / page_path(graph, article_node(ARTICLE_A)))
    linked = {text: href for text, href in links.entities}
    assert linked["王五"] == "../" + page_path(graph, node("王五"))
    assert linked["某市数据局"] == "../" + page_path(graph, node("某市数据局"))
    assert linked[XSS] == "../" + page_path(graph, node(XSS))
    page = (site / page_path(graph, article_node(ARTICLE_A))).read_text(encoding="utf-8")
    assert '王五 —任职 局长→ 某市数据局' in page   # in the title of the evidence sentence's mark
    assert "img" not in links.tags and XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_segments_cover_the_text_and_prefer_the_longer_name(built):
    _, graph, _ = built
    cut = segments(graph, article_node(ARTICLE_A), TEXT_A)
    assert "".join(s.text for s in cut) == TEXT_A
    owner = []
    for segment in cut:
        owner += [segment.node] * len(segment.text)
    bureau_at = {i for i in range(len(TEXT_A)) if TEXT_A.startswith("某市数据局", i)}
    assert bureau_at and all(set(owner[i:i + 5]) == {node("某市数据局")} for i in bureau_at)
    city_alone = [i for i in range(len(TEXT_A)) if TEXT_A.startswith("某市", i) and i not in bureau_at]
    assert city_alone and all(set(owner[i:i + 2]) == {node("某市")} for i in city_alone)
    evidence = {e for segment in cut for e in segment.evidence}
    assert "王五 —任职 局长→ 某市数据局" in evidence and all("提及" not in e for e in evidence)


def test_missing_article_text_gives_a_page_of_evidence(tmp_path):
    graph_path = write_corpus(tmp_path)
    (tmp_path / f"{ARTICLE_B}.txt").unlink()
    result = write_site(graph_path.parent)
    assert result.missing_texts == [ARTICLE_B]
    graph = read_graph_json(graph_path)
    page = (graph_path.parent / "site" / page_path(graph, article_node(ARTICLE_B))).read_text(encoding="utf-8")
    assert "原文不可用" in page and "邻市人民政府副市长赵六调研邻市数据局。" in page


def test_a_failed_run_leaves_the_previous_site(tmp_path, monkeypatch):
    graph_path = write_corpus(tmp_path)
    write_site(graph_path.parent)
    index = graph_path.parent / "site" / "index.html"
    before = index.read_text(encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(site_module, "article_page", broken)
    with pytest.raises(RuntimeError):
        write_site(graph_path.parent)
    assert index.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in graph_path.parent.iterdir()) == ["graph.json", "site"]


def _govkg(*args):
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, timeout=300)


def test_cli_site(tmp_path):
    graph_path = write_corpus(tmp_path)
    run = _govkg("site", str(graph_path.parent))
    assert run.returncode == 0, run.stderr
    assert f"open {graph_path.parent / 'site' / 'index.html'}" in run.stdout
    run = _govkg("site", str(tmp_path / "nowhere"))
    assert run.returncode == 1
    assert run.stderr == f"govkg: {tmp_path / 'nowhere' / 'graph.json'}: no such file\n"


class Chronicles(HTMLParser):
    """The rows of the chronicle table (succession, timeline, diffusion) on a page."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "details" and "chronicle" in (dict(attrs).get("class") or ""):
            self._inside = True
        elif self._inside and tag == "tr":
            self.rows.append([])
        elif self._inside and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "details":
            self._inside = False

    def handle_data(self, data):
        if self._inside and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def test_body_person_and_reform_pages_list_succession_timeline_and_diffusion(tmp_path):
    from loaders.export import write_graph_json
    from tests.tenure_articles import ARTICLES, BODY, graph_of
    graph = graph_of(*ARTICLES)
    write_graph_json(graph, tmp_path / "graph.json")
    write_site(tmp_path)
    site = tmp_path / "site"

    def rows(node_id):
        found = Chronicles()
        found.feed((site / page_path(graph, node_id)).read_text(encoding="utf-8"))
        return [[cell.strip() for cell in row] for row in found.rows[1:]]   # the header row first

    succession = rows(S.node_id(S.ORGANIZATION, BODY))
    assert [(r[0], r[4]) for r in succession] == [("洪文涛", "former"), ("龚雪", "current")]
    assert succession[0][3] == "2023-06-15" and succession[1][2] == "2023-06-15"
    assert [r[0] for r in rows(person_node(graph, "龚雪"))] == [BODY]
    assert rows(S.node_id(S.REFORM, "一业一证")) == [[BODY, "2022-03-01", "a1、a3"]]
    assert rows(S.node_id(S.PLACE, "济宁市")) == []
