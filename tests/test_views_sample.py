"""A small hand-made corpus for the view, atlas and page tests, and checks that it is well formed.

Two short articles of our own with every label and relationship type, correct evidence offsets,
an entity whose name is an HTML injection, and two cities in one province (for --place).
"""
from __future__ import annotations

from pathlib import Path

from graph import schema as S
from graph.build import build_graph
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders.export import read_graph_json, write_graph_json

XSS = "<img src=x onerror=alert(1)>"

TEXT_A = ("数字政务大会在某市召开\n"
          "本报讯（记者 李明）5月10日，第三届数字政务大会在某市举行。某市数据局局长王五出席大会。"
          "大会由某市数据局主办。某市数据局推出“一网通办”改革。某市隶属某省。\n"
          f"{XSS}公司也推广“一网通办”。\n")
TEXT_B = ("邻市学习一网通办\n"
          "邻市人民政府副市长赵六调研邻市数据局。邻市数据局位于邻市，正在学习“一网通办”经验。邻市隶属某省。\n")


def _entity(label, name, extra_labels=(), aliases=(), **attrs):
    return {"label": label, "name": name, "labels": [label, *extra_labels], "aliases": list(aliases),
            "attrs": attrs}


ENTITIES = {
    "王五": _entity(S.PERSON, "王五", [S.OFFICIAL], ["王局长"]),
    "李明": _entity(S.PERSON, "李明", [S.JOURNALIST]),
    "赵六": _entity(S.PERSON, "赵六", [S.OFFICIAL]),
    "某市数据局": _entity(S.ORGANIZATION, "某市数据局", [S.BUREAU], ["市数据局"], kind="government"),
    "邻市数据局": _entity(S.ORGANIZATION, "邻市数据局", [S.BUREAU], kind="government"),
    "邻市人民政府": _entity(S.ORGANIZATION, "邻市人民政府", [S.BUREAU], kind="government"),
    XSS: _entity(S.ORGANIZATION, XSS, [], ["<b>bold</b>"], kind="company"),
    "一网通办": _entity(S.REFORM, "一网通办", kind="reform"),
    "第三届数字政务大会": _entity(S.EVENT, "第三届数字政务大会", date="2024-05-10"),
    "某市": _entity(S.PLACE, "某市", level="city"),
    "邻市": _entity(S.PLACE, "邻市", level="city"),
    "某省": _entity(S.PLACE, "某省", level="province"),
}

ARTICLE_A = "a_digital_conference"
ARTICLE_B = "b_neighbour_city"

# (type, source name, target name, a piece of the evidence sentence, title)
RELATIONS_A = [
    (S.HOLDS_POSITION, "王五", "某市数据局", "某市数据局局长王五出席大会。", "局长"),
    (S.ATTENDS, "王五", "第三届数字政务大会", "某市数据局局长王五出席大会。", None),
    (S.ORGANIZES, "某市数据局", "第三届数字政务大会", "大会由某市数据局主办。", None),
    (S.HELD_IN, "第三届数字政务大会", "某市", "5月10日，第三届数字政务大会在某市举行。", None),
    (S.PROMOTES, "某市数据局", "一网通办", "某市数据局推出“一网通办”改革。", None),
    (S.LOCATED_IN, "某市数据局", "某市", "某市数据局推出“一网通办”改革。", None),
    (S.PART_OF, "某市", "某省", "某市隶属某省。", None),
    (S.PROMOTES, XSS, "一网通办", f"{XSS}公司也推广“一网通办”。", None),
]
RELATIONS_B = [
    (S.HOLDS_POSITION, "赵六", "邻市人民政府", "邻市人民政府副市长赵六调研邻市数据局。", "副市长"),
    (S.LOCATED_IN, "邻市数据局", "邻市", "邻市数据局位于邻市，正在学习“一网通办”经验。", None),
    (S.LOCATED_IN, "邻市人民政府", "邻市", "邻市人民政府副市长赵六调研邻市数据局。", None),
    (S.PROMOTES, "邻市数据局", "一网通办", "邻市数据局位于邻市，正在学习“一网通办”经验。", None),
    (S.PART_OF, "邻市", "某省", "邻市隶属某省。", None),
]


def node(name: str) -> str:
    spec = ENTITIES[name]
    return S.node_id(spec["label"], name)


def article_node(article_id: str) -> str:
    return S.node_id(S.ARTICLE, article_id)


def _facts(folder: Path, article_id: str, text: str, relations, journalist=None) -> ArticleFacts:
    path = folder / f"{article_id}.txt"
    path.write_text(text, encoding="utf-8")
    article = Article(id=article_id, path=str(path), text=text, title=text.splitlines()[0])
    names = sorted({name for _, source, target, *_ in relations for name in (source, target)}
                   | ({journalist} if journalist else set()))
    entities = [Entity(node(name), ENTITIES[name]["labels"], name, ENTITIES[name]["aliases"],
                       ENTITIES[name]["attrs"], [article_id]) for name in names]
    edges = []
    for rel_type, source, target, sentence, title in relations:
        start = text.index(sentence)
        edges.append(Relation(rel_type, node(source), node(target),
                              [Evidence(article_id, sentence, start, start + len(sentence))],
                              {S.TITLE: title} if title else {}))
    for name in names:
        start = text.index(name)
        line_start = text.rfind("。", 0, start) + 1
        line_end = text.index("。", start) + 1 if "。" in text[start:] else len(text)
        sentence = text[line_start:line_end]
        edges.append(Relation(S.MENTIONS, article_node(article_id), node(name),
                              [Evidence(article_id, sentence, start, start + len(name))]))
    if journalist:
        start = text.index(journalist)
        edges.append(Relation(S.AUTHORED, node(journalist), article_node(article_id),
                              [Evidence(article_id, text[start - 4:start + len(journalist)],
                                        start - 4, start + len(journalist))]))
    return ArticleFacts(article, entities, edges)


def write_corpus(folder: Path) -> Path:
    """Write the two articles under `folder` and their graph to folder/out/graph.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    graph = build_graph([_facts(folder, ARTICLE_A, TEXT_A, RELATIONS_A, journalist="李明"),
                         _facts(folder, ARTICLE_B, TEXT_B, RELATIONS_B)])
    path = folder / "out" / "graph.json"
    write_graph_json(graph, path)
    return path


def test_corpus_is_a_valid_graph_with_every_label_and_type(tmp_path):
    graph = read_graph_json(write_corpus(tmp_path))
    labels = {label for _, data in graph.nodes(data=True) for label in data[S.LABELS]}
    types = {data[S.TYPE] for *_, data in graph.edges(data=True)}
    assert labels == set(S.NODE_LABELS)
    assert types == set(S.RELATION_TYPES)


def test_corpus_evidence_offsets_point_at_their_sentences(tmp_path):
    graph = read_graph_json(write_corpus(tmp_path))
    texts = {ARTICLE_A: TEXT_A, ARTICLE_B: TEXT_B}
    for *_, data in graph.edges(data=True):
        for item in data[S.EVIDENCE]:
            covered = texts[item["article"]][item["start"]:item["end"]]
            assert covered in item["sentence"], (data[S.TYPE], item)
