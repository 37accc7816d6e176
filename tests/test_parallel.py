"""Parallel extraction: the same graph.json whatever the number of workers, read-ahead bounded."""
import subprocess
import sys
from concurrent.futures import Future

import pytest

from bench.corpus import write_corpus
from graph.executors import LocalPool, batched, bounded_map, extract_batch, without_text
from graph.extract import extract
from graph.model import Article
from graph.pipeline import build
from loaders.articles import iter_articles


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # 3 batches of LOCAL_BATCH articles and a bit: enough for the pool to start and split the work
    return write_corpus(tmp_path_factory.mktemp("corpus"), 26)


def test_graph_json_is_byte_identical_for_1_2_3_workers(corpus, tmp_path):
    outputs = []
    for workers in (1, 2, 3):
        result = build([str(corpus)], tmp_path / f"w{workers}", workers=workers, quiet=True)
        assert result.articles == 26
        outputs.append((tmp_path / f"w{workers}" / "graph.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_pool_returns_the_in_process_facts_in_input_order_without_text(corpus):
    articles = list(iter_articles([str(corpus)]))
    with LocalPool(2, batch_size=3) as pool:
        facts = list(pool.map(iter(articles)))
    assert facts == [without_text(extract(article)) for article in articles]
    assert [f.article.id for f in facts] == [a.id for a in articles]
    assert all(f.article.text == "" for f in facts)


def test_extract_batch_leaves_the_text_behind_and_keeps_the_rest():
    article = Article(id="a1", path="x/a1.txt", text="某市某局召开会议。", title="标题", date="2024-05-01")
    (facts,) = extract_batch([article])
    assert facts.article == Article(id="a1", path="x/a1.txt", text="", title="标题", date="2024-05-01")


def test_bounded_map_reads_at_most_in_flight_batches_ahead():
    pulled = 0

    def source():
        nonlocal pulled
        for item in range(200):
            pulled += 1
            yield item

    def submit(batch):
        future = Future()
        future.set_result(list(batch))
        return future

    consumed = 0
    for consumed, item in enumerate(bounded_map(submit, batched(source(), 5), in_flight=3), 1):
        assert item == consumed - 1
        assert pulled - consumed <= 3 * 5
    assert consumed == 200


def test_cli_with_two_worker_processes_stays_quiet_off_a_terminal(corpus, tmp_path):
    run = subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(tmp_path),
                          "--workers", "2"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "from 26 article(s)" in run.stdout


@pytest.mark.parametrize("bad", ["0", "-1", "two"])
def test_cli_rejects_a_worker_count_below_one(bad, capsys):
    from graph.cli import main
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "seeds", "--workers", bad])
    assert exit_info.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_benchmark_suite_runs_end_to_end_on_a_tiny_corpus(tmp_path):
    results = tmp_path / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "6,12", "--throughput-size", "12",
                          "--profile-size", "6", "--skip-companions", "--work", str(tmp_path / "work"), "--results", str(results)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    text = results.read_text("utf-8")
    for measure in ("jieba.lcut throughput", "time per article at 12 / at 6", "2 workers over 1, 12 articles",
                    "logical cores", "Where the time goes", "write graph.json", "graph/extract"):
        assert measure in text
