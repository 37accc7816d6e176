"""--executor dask: the same graph on a real dask.distributed cluster of worker processes."""
import os
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed")  # a test dependency; present wherever tests run

from bench.corpus import write_corpus  # noqa: E402
from graph.pipeline import build  # noqa: E402

ARTICLES = 40  # two dask batches


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local_cluster:
        yield local_cluster


def test_dask_cluster_gives_the_local_graph(cluster, tmp_path):
    corpus = write_corpus(tmp_path / "articles", ARTICLES)
    build([str(corpus)], tmp_path / "local", workers=1, quiet=True)
    with distributed.Client(cluster) as watcher, distributed.get_task_stream(watcher) as tasks:
        result = build([str(corpus)], tmp_path / "dask", executor="dask",
                       scheduler=cluster.scheduler_address, quiet=True)
    assert result.articles == ARTICLES
    assert len({task["worker"] for task in tasks.data}) == 2  # both worker processes did work
    assert (tmp_path / "dask" / "graph.json").read_bytes() == (tmp_path / "local" / "graph.json").read_bytes()


def test_cli_dask_update_reuses_the_cache(cluster, tmp_path):
    corpus = write_corpus(tmp_path / "articles", 10)
    command = [sys.executable, "-m", "graph", "build", str(corpus), "--update", str(tmp_path / "out"),
               "--executor", "dask", "--scheduler", cluster.scheduler_address]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "update: 10 article(s) extracted" in first.stdout
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "update: 0 article(s) extracted, 10 reused" in again.stdout


@pytest.mark.parametrize("address, reason", [
    ("tcp://127.0.0.1:9", "cannot reach the dask scheduler"),
    ("127.0.0.1", "not a dask scheduler address"),
])
def test_a_scheduler_that_cannot_be_used_is_one_line(address, reason, tmp_path):
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s")
    run = subprocess.run([sys.executable, "-m", "graph", "build", "seeds", "--out", str(tmp_path),
                          "--executor", "dask", "--scheduler", address],
                         capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 1
    assert run.stderr.startswith(f"govkg: {address}: {reason}")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert not (tmp_path / "graph.json").exists()
