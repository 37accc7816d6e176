"""One node per real person across articles: a name is keyed by the city of its posts, else the
city of the story, else the story itself (sentences of our own)."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph import schema as S
from graph import views as V
from graph.extract.identity import _region
from graph.pipeline import build
from graph.places import divisions
from tests.extract_helpers import facts_of
from tests.identity_articles import ARTICLES, SEAT_ARTICLES, identity_graph

ROOT = Path(__file__).resolve().parent.parent


def people(graph, name: str) -> dict[str, list[str]]:
    return {node: data[S.SOURCES] for node, data in graph.nodes(data=True)
            if S.PERSON in data[S.LABELS] and data[S.NAME] == name}


def test_namesakes_in_two_cities_stay_apart_and_a_bare_mention_joins_its_city():
    found = people(identity_graph(), "王伟")
    assert found == {"Person:王伟@济宁市": ["w1", "w3"], "Person:王伟@潍坊市": ["w2"], "Person:王伟@#w4": ["w4"]}


def test_ids_do_not_depend_on_which_articles_come_together():
    alone = {node for aid in ("w1", "w2", "w3", "w4")
             for node in people(identity_graph(*[a for a in ARTICLES if a[0] == aid]), "王伟")}
    assert alone == set(people(identity_graph(), "王伟"))


def test_one_name_heading_a_citys_congress_and_its_cppcc_is_two_people():
    found = people(identity_graph(*SEAT_ARTICLES), "周明")
    assert found == {"Person:周明@宝鸡市人民代表大会常务委员会": ["s2", "s5"],
                     "Person:周明@中国人民政治协商会议宝鸡市委员会": ["s1", "s3"],
                     "Person:周明@宝鸡市": ["s4"]}
    graph = identity_graph(*SEAT_ARTICLES)
    posts = {(source, target) for source, target, key in graph.edges(keys=True) if key == S.HOLDS_POSITION
             and source.startswith("Person:周明")}
    assert posts == {("Person:周明@宝鸡市人民代表大会常务委员会", "Organization:宝鸡市人民代表大会常务委员会"),
                     ("Person:周明@中国人民政治协商会议宝鸡市委员会", "Organization:中国人民政治协商会议宝鸡市委员会")}
    # each part keeps only its own articles' evidence
    for source, _, data in graph.edges(data=True):
        if source.startswith("Person:周明"):
            assert {item["article"] for item in data[S.EVIDENCE]} <= set(graph.nodes[source][S.SOURCES])


def test_the_split_does_not_depend_on_the_order_of_the_stories():
    forwards = identity_graph(*SEAT_ARTICLES)
    backwards = identity_graph(*reversed(SEAT_ARTICLES))
    assert sorted(forwards.nodes) == sorted(backwards.nodes)
    assert sorted(forwards.edges(keys=True)) == sorted(backwards.edges(keys=True))


def test_a_mayor_who_later_heads_the_congress_stays_one_person():
    found = people(identity_graph(("m1", "2019-01-01", "宝鸡市市长周明出席会议。"),
                                  ("m2", "2023-01-01", "宝鸡市人大常委会主任周明出席会议。")), "周明")
    assert found == {"Person:周明@宝鸡市": ["m1", "m2"]}


def test_views_show_namesakes_with_their_anchor_and_others_by_name():
    graph = identity_graph()
    shared = V.namesakes(graph)
    assert shared == {"王伟"}
    assert S.display_name("Person:王伟@济宁市", "王伟", shared) == "王伟（济宁市）"
    assert S.display_name("Person:王伟@#w4", "王伟", shared) == "王伟（见 w4）"
    assert S.display_name("Person:张青@泰安市", "张青", shared) == "张青"
    hover = V.node_hover(graph, "Person:王伟@潍坊市", shared)
    assert hover.startswith("王伟（潍坊市）")


@pytest.fixture(scope="module")
def written_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("written")
    return build([str(ROOT / "seeds"), str(ROOT / "tests" / "devset")], out, quiet=True, strict=True,
                 html=False).graph


def test_no_person_holds_posts_in_two_cities_unless_one_article_says_so(written_graph):
    graph = written_graph

    def region(body):
        places = [v for _, v, rel in graph.out_edges(body, keys=True) if rel == S.LOCATED_IN]
        found = {_region(d) for place in places for d in divisions().lookup(graph.nodes[place][S.NAME])
                 if len(divisions().lookup(graph.nodes[place][S.NAME])) == 1}
        return found.pop() if len(found) == 1 else None

    for node, data in graph.nodes(data=True):
        if S.PERSON not in data[S.LABELS]:
            continue
        posts = [(v, set(d[S.ARTICLES])) for _, v, rel, d in graph.out_edges(node, keys=True, data=True)
                 if rel == S.HOLDS_POSITION]
        by_region: dict[str, set[str]] = {}
        for body, articles in posts:
            if region(body):
                by_region.setdefault(region(body), set()).update(articles)
        if len(by_region) > 1:
            assert set.intersection(*by_region.values()), (node, by_region)


def test_a_district_whose_name_others_share_is_keyed_by_its_city():
    facts, _ = facts_of("连云港市海州区召开会议。海州区委书记王海出席。")
    ids = {e.id for e in facts.entities}
    assert {"Place:海州区@连云港市", "Organization:中共海州区委@连云港市"} <= ids
    facts, _ = facts_of("济南市历下区召开会议。历下区委书记王海出席。")
    assert "Place:历下区" in {e.id for e in facts.entities}   # one of its name: no key needed


def test_a_shared_district_name_the_text_does_not_place_keys_nothing_to_a_guessed_city():
    facts, _ = facts_of("6月21日，长安区区长张立军主持召开信访工作专题会。")
    ids = {e.id for e in facts.entities}
    assert "Place:长安区@#t" in ids and "Person:张立军@#t" in ids
    facts, _ = facts_of("西安市长安区召开会议。长安区区长张立军主持。")
    assert {"Place:长安区@西安市", "Person:张立军@西安市"} <= {e.id for e in facts.entities}


def test_a_city_post_anchors_a_person_before_a_provincial_seat():
    facts, _ = facts_of("省人大常委会副主任、临汾市委书记贺建平出席会议。")
    (person,) = [e for e in facts.entities if S.PERSON in e.labels]
    assert person.id == "Person:贺建平@临汾市"


def test_a_county_city_jieba_files_as_an_abbreviation_is_still_the_place():
    facts, _ = facts_of("大冶讯 近日，市政府召开常务会议，市长罗志强主持会议。")
    (person,) = [e for e in facts.entities if S.PERSON in e.labels]
    assert person.id == "Person:罗志强@黄石市"


def test_a_body_whose_city_the_story_never_names_is_the_storys_own():
    facts, _ = facts_of("市人大常委会主任孙卫东主持会议。", article_id="a1")
    assert "Organization:市人大常委会@#a1" in {e.id for e in facts.entities}


def test_a_company_head_is_keyed_by_the_company_not_by_the_citys_officials():
    found = people(identity_graph(("c1", "2020-01-01", "济宁市委书记孙立平出席会议。"),
                                  ("c2", "2021-01-01", "济宁钢铁厂党委书记、董事长孙立平出席会议。")), "孙立平")
    assert found == {"Person:孙立平@济宁市": ["c1"], "Person:孙立平@济宁钢铁厂": ["c2"]}
