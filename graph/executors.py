"""Where per-article extraction runs: in this process, in a local process pool, or on a dask cluster.

Extraction is a pure function of one article, and merging is an order-independent reduce in
graph.build, so any executor may split the work as it likes and the graph comes out the same.
Every executor streams: it pulls articles from the input only as fast as results come back (a
bounded number of batches in flight), and sends facts back without the article text, so memory
depends on the size of the graph, not on the size of the corpus.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import chain, islice

from graph.extract import extract_many
from graph.extract.tagger import LAC, check_available
from graph.model import Article, ArticleFacts
from graph.progress import Progress

LOCAL = "local"
DASK = "dask"
EXECUTORS = (LOCAL, DASK)

#: Articles per task: enough to make inter-process traffic negligible next to extraction,
#: few enough that the pool is kept busy to the end of a small corpus.
LOCAL_BATCH = 8
#: Dask tasks cost more to schedule, and the network is slower than a pipe.
DASK_BATCH = 32
#: Batches in flight per worker: one running, the rest queued so no worker waits for the next.
BATCHES_PER_WORKER = 3


class ExecutorError(RuntimeError):
    """The chosen executor cannot run (e.g. the dask scheduler does not answer)."""


def without_text(facts: ArticleFacts) -> ArticleFacts:
    """Facts as they travel and are kept: the evidence sentences are already in the relations
    (extraction makes one string per sentence, so pickle sends it once however many facts it
    states), and the graph needs only the article's id, path, title and date, so the text is left
    behind."""
    return replace(facts, article=replace(facts.article, text=""))


def extract_batch(articles: list[Article], ner: str = LAC) -> list[ArticleFacts]:
    """The task every executor runs, at module level so worker processes can import it."""
    return [without_text(facts) for facts in extract_many(articles, ner)]


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while True:
        batch = list(islice(iterator, size))
        if not batch:
            return
        yield batch
        del batch  # before the next one is read, so only one batch is alive here


def bounded_map(submit: Callable[[list[Article]], Future], batches: Iterable[list[Article]],
                in_flight: int) -> Iterator[ArticleFacts]:
    """Submit batches, at most `in_flight` at a time, and yield their facts in input order.

    Pool.imap and Executor.map would read the whole input ahead of the workers; this reads the
    next batch only when the oldest one has come back.
    """
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


class Executor:
    """What the pipeline needs: map extraction over articles, and close (also as a context manager)."""

    workers = 1
    ner = LAC   # the statistical tagger extraction consults (graph.extract.tagger)

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class InProcess(Executor):
    """Extract in this process, a batch of articles at a time (the tagger's batch)."""

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        for batch in batched(articles, LOCAL_BATCH):
            facts = extract_batch(batch, self.ner)
            del batch  # else it lives on while the next batch is read: two batches of texts at once
            yield from facts


class LocalPool(Executor):
    """A pool of worker processes on this machine.

    Workers are spawned, not forked: each starts a fresh interpreter and loads jieba and the
    lexicons itself, so nothing depends on the parent's state (or on fork being safe with threads).
    The pool starts only when there is more than one batch of work, so a two-article build does
    not pay for starting processes.
    """

    def __init__(self, workers: int, batch_size: int = LOCAL_BATCH) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self._pool: ProcessPoolExecutor | None = None

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        batches = batched(articles, self.batch_size)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if second is None:
            yield from extract_batch(first, self.ner)
            return
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        stream = chain((first, second), batches)
        del first, second  # else this frame pins the first two batches' texts for the whole run
        yield from bounded_map(lambda batch: self._pool.submit(extract_batch, batch, self.ner), stream,
                               self.workers * BATCHES_PER_WORKER)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskExecutor(Executor):
    """Tasks on a dask.distributed cluster: `scheduler` is its address (tcp://host:8786); without
    one, a LocalCluster of `workers` processes is started for this run.

    Workers need govkg installed (same version) to import extract_batch; facts come back to this
    process and are merged here.
    """

    def __init__(self, scheduler: str | None, workers: int, batch_size: int = DASK_BATCH) -> None:
        from distributed import Client, LocalCluster

        self.batch_size = batch_size
        self._cluster = None
        try:
            if scheduler:
                # the wait for an answer is dask's own setting, distributed.comm.timeouts.connect
                self._client = Client(scheduler)
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)
        except ValueError as exc:  # a malformed address
            raise ExecutorError(f"{scheduler}: not a dask scheduler address: {exc}") from None
        except OSError as exc:  # nothing answers there (distributed's time-out is an OSError)
            raise ExecutorError(f"{scheduler}: cannot reach the dask scheduler: {exc}") from None
        threads = sum(info["nthreads"] for info in self._client.scheduler_info()["workers"].values())
        self.workers = max(1, threads)

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        return bounded_map(lambda batch: self._client.submit(extract_batch, batch, self.ner, pure=False),
                           batched(articles, self.batch_size), self.workers * BATCHES_PER_WORKER)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_executor(kind: str = LOCAL, workers: int | None = None, scheduler: str | None = None,
                  ner: str = LAC) -> Executor:
    """The executor for `govkg build --executor KIND --workers N --scheduler ADDR --ner NER`."""
    workers = workers or os.cpu_count() or 1
    check_available(ner)
    if kind == DASK:
        executor = DaskExecutor(scheduler, workers)
    elif kind == LOCAL:
        executor = InProcess() if workers == 1 else LocalPool(workers)
    else:
        raise ValueError(f"unknown executor {kind!r}; choose from {', '.join(EXECUTORS)}")
    executor.ner = ner
    return executor


def extract_all(articles: Iterable[Article], executor: Executor, builder, cache=None,
                progress=None) -> int:
    """Stream `articles` through `executor` into `builder` (a graph.build.GraphBuilder); with an
    incremental `cache`, articles it already holds are merged from it instead of extracted.
    Returns the number of articles merged."""
    progress = progress if progress is not None else Progress(quiet=True)
    merged = 0

    def to_extract() -> Iterator[Article]:
        nonlocal merged
        for article in articles:
            progress.read(article.path)
            cached = cache.lookup(article) if cache is not None else None
            if cached is None:
                yield article
                continue
            builder.add(cached)
            merged += 1
            progress.done()

    for facts in executor.map(to_extract()):
        if cache is not None:
            cache.store(facts)
        builder.add(facts)
        merged += 1
        progress.done()
    return merged
