"""The atlas in real headless Chromium, offline: every page loads clean, links lead somewhere real.

Skipped outside CI when /usr/bin/chromium is missing; under CI=true they always run.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import browser
from graph import schema as S
from graph.pipeline import build
from graph.site import page_path, write_site
from loaders.export import read_graph_json
from test_views_sample import ARTICLE_A, XSS, article_node, node, write_corpus
from tests.extract_helpers import person_node

SEEDS = Path(__file__).resolve().parent.parent / "seeds"



@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    graph_path = write_corpus(tmp_path_factory.mktemp("corpus"))
    write_site(graph_path.parent)
    return graph_path.parent / "site", read_graph_json(graph_path)


def test_every_page_loads_clean_offline(chromium, atlas):
    site, _ = atlas
    for path in sorted(site.rglob("*.html")):
        with browser.open_page(chromium, path) as (page, watch):
            if page.evaluate("() => !!window.govkgView"):
                browser.wait_view_ready(page)
            assert watch.problems() == {}, path


def test_focus_page_holds_the_direct_neighbourhood(chromium, atlas):
    site, graph = atlas
    with browser.open_page(chromium, site / page_path(graph, node("某市数据局"))) as (page, watch):
        browser.wait_view_ready(page)
        shown = {n["id"] for n in browser.dataset_items(page, "nodes")}
        assert shown == {node("某市数据局"), node("王五"), node("第三届数字政务大会"), node("一网通办"), node("某市")}
        assert watch.problems() == {}


def test_double_click_on_a_node_opens_its_focus_page(chromium, atlas):
    site, graph = atlas
    with browser.open_page(chromium, site / page_path(graph, node("某市数据局"))) as (page, watch):
        browser.wait_view_ready(page)
        point = browser.point_of(page, "node", node("王五"))
        page.mouse.dblclick(point["x"], point["y"])
        page.wait_for_url("**/" + page_path(graph, node("王五")))
        browser.wait_view_ready(page)
        assert watch.problems() == {}


def test_from_the_index_to_an_article_to_an_entity(chromium, atlas):
    site, graph = atlas
    with browser.open_page(chromium, site / "index.html") as (page, watch):
        page.click(f'section#{S.ARTICLE} a:text("{ARTICLE_A}")')
        page.wait_for_url("**/" + page_path(graph, article_node(ARTICLE_A)))
        assert page.locator("article.text").inner_text().startswith("数字政务大会在某市召开")
        hostile = page.locator("article.text a.ent", has_text="onerror")
        assert hostile.inner_text() == XSS
        assert page.evaluate("() => document.querySelectorAll('img').length") == 0
        page.locator("article.text a.ent", has_text="王五").first.click()
        page.wait_for_url("**/" + page_path(graph, node("王五")))
        browser.wait_view_ready(page)
        assert node("王五") in {n["id"] for n in browser.dataset_items(page, "nodes")}
        assert watch.problems() == {}


def test_sample_atlas_index_and_articles_load_clean(chromium, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-site")
    build([str(SEEDS)], out)
    result = write_site(out)
    assert result.missing_texts == []
    graph = read_graph_json(out / "graph.json")
    official = page_path(graph, person_node(graph, "张青"))
    pages = [result.index, out / "site" / "graph.html", out / "site" / official,
             *sorted((out / "site" / "articles").glob("*.html"))]
    for path in pages:
        with browser.open_page(chromium, path) as (page, watch):
            if page.evaluate("() => !!window.govkgView"):
                browser.wait_view_ready(page)
            else:
                assert page.locator("a.ent, td.name a").count() > 0
            assert watch.problems() == {}, path
