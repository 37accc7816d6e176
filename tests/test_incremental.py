"""govkg build --update: only new or changed articles are extracted, and the graph is the one a
full rebuild gives."""
import shutil
import subprocess
import sys

import pytest

import graph.executors
from bench.corpus import write_corpus
from graph import incremental
from graph.pipeline import build
from loaders.articles import ArticleError

ARTICLES = 12


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "articles", ARTICLES)


@pytest.fixture
def extracted(monkeypatch):
    """The ids of the articles actually run through the extractor."""
    seen = []
    real = graph.executors.extract_many

    def counting(articles, *args):
        seen.extend(article.id for article in articles)
        return real(articles, *args)

    monkeypatch.setattr(graph.executors, "extract_many", counting)
    return seen


def graph_json(out):
    return (out / "graph.json").read_bytes()


def full_rebuild(corpus, out):
    build([str(corpus)], out, workers=1, quiet=True)
    return graph_json(out)


def test_update_extracts_only_changes_and_matches_a_full_rebuild(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    first = build([str(corpus)], out, workers=1, update=True, quiet=True)
    assert len(extracted) == ARTICLES
    assert first.cache_report == f"update: {ARTICLES} article(s) extracted, 0 reused, 0 dropped"
    assert graph_json(out) == full_rebuild(corpus, tmp_path / "full0")

    files = sorted(corpus.rglob("*.txt"))
    changed, removed = files[3], files[7]
    changed.write_text(changed.read_text("utf-8") + "　　市政府副秘书长赵一鸣出席活动。\n", "utf-8")
    removed.unlink()
    added = changed.with_name("bench_extra.txt")
    shutil.copy(files[0], added)
    extracted.clear()

    second = build([str(corpus)], out, workers=1, update=True, quiet=True)
    assert sorted(extracted) == sorted([changed.stem, added.stem])
    assert second.cache_report == f"update: 2 article(s) extracted, {ARTICLES - 2} reused, 1 dropped"
    assert second.articles == ARTICLES
    assert graph_json(out) == full_rebuild(corpus, tmp_path / "full1")


def test_update_with_nothing_changed_extracts_nothing(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build([str(corpus)], out, workers=1, update=True, quiet=True)
    before = graph_json(out)
    extracted.clear()
    again = build([], out, workers=2, update=True, quiet=True)  # inputs remembered from the last update
    assert extracted == []
    assert again.cache_report == f"update: 0 article(s) extracted, {ARTICLES} reused, 0 dropped"
    assert graph_json(out) == before


def test_a_cache_from_other_code_is_discarded(corpus, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    build([str(corpus)], out, workers=1, update=True, quiet=True)
    extracted.clear()
    monkeypatch.setattr(incremental, "code_fingerprint", lambda ner: "an extractor with other rules")
    build([str(corpus)], out, workers=1, update=True, quiet=True)
    assert len(extracted) == ARTICLES


def test_another_name_finder_discards_the_cache(corpus, tmp_path, extracted):
    out = tmp_path / "out"
    build([str(corpus)], out, workers=1, update=True, quiet=True, ner="lac")
    extracted.clear()
    build([str(corpus)], out, workers=1, update=True, quiet=True, ner="none")
    assert len(extracted) == ARTICLES
    extracted.clear()
    build([str(corpus)], out, workers=1, update=True, quiet=True, ner="none")
    assert extracted == []


def test_update_without_paths_and_without_an_earlier_update_is_a_user_error(tmp_path):
    with pytest.raises(ArticleError, match="no earlier update build"):
        build([], tmp_path / "empty", update=True, quiet=True)


def test_cli_update_names_the_folder(corpus, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "graph", "build", "--workers", "1", "--update", str(out)]
    first = subprocess.run(command + [str(corpus)], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"0 article(s) extracted, {ARTICLES} reused" in again.stdout
    fresh = subprocess.run([sys.executable, "-m", "graph", "build", "--update", str(tmp_path / "none")],
                           capture_output=True, text=True, timeout=300)
    assert fresh.returncode == 1
    assert fresh.stderr.count("\n") == 1 and "no earlier update build" in fresh.stderr
