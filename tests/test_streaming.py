"""Streaming: articles are read as extraction needs them and their text is not kept, and the
progress line shows only on a terminal."""
import io
import weakref

import pytest

from bench.corpus import generate
from graph.build import GraphBuilder
from graph.executors import BATCHES_PER_WORKER, LOCAL_BATCH, InProcess, LocalPool, extract_all
from graph.model import Article
from graph.progress import Progress

ARTICLES = 200


class LiveArticles:
    """An article source that records how many of the articles it made are still alive."""

    def __init__(self, count):
        self.count = count
        self.refs = []
        self.most_alive = 0

    def __iter__(self):
        for article_id, text in generate(self.count):
            self.most_alive = max(self.most_alive, sum(ref() is not None for ref in self.refs))
            article = Article(id=article_id, path=f"{article_id}.txt", text=text)
            self.refs.append(weakref.ref(article))
            yield article


@pytest.mark.parametrize("executor, bound", [
    (InProcess(), LOCAL_BATCH + 2),
    # batches in flight, the one being read, and one done whose task the pool has yet to let go
    (LocalPool(2), (2 * BATCHES_PER_WORKER + 2) * LOCAL_BATCH + 2),
])
def test_only_a_bounded_window_of_articles_is_alive(executor, bound):
    source, builder = LiveArticles(ARTICLES), GraphBuilder()
    with executor:
        assert extract_all(source, executor, builder) == ARTICLES
    assert bound < ARTICLES
    assert 1 <= source.most_alive <= bound
    assert all(ref() is None for ref in source.refs)  # the builder kept no article with its text


def test_progress_reports_rate_and_eta_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    now = [0.0]
    stream = Terminal()
    progress = Progress(total_files=4, stream=stream, clock=lambda: now[0])
    for path in ("a.txt", "b.txt"):
        now[0] += 1.0
        progress.read(path)
        progress.done()
    progress.close()
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert "2 articles" in last and "1.0 articles/s" in last
    assert "file 2/4" in last and "ETA 0:02" in last
    assert stream.getvalue().endswith("\n")


@pytest.mark.parametrize("quiet, stream", [(False, io.StringIO()), (True, io.StringIO())])
def test_progress_is_silent_off_a_terminal_or_when_quiet(quiet, stream):
    progress = Progress(total_files=1, stream=stream, quiet=quiet)
    progress.read("a.txt")
    progress.done()
    progress.close()
    assert not progress.enabled
    assert stream.getvalue() == ""
