"""govkg's benchmark suite (`make bench`): prints one table of figures against the targets and
writes it, with the machine it ran on, to bench/RESULTS.md.

    python -m bench.run [--sizes 100,1000,10000] [--throughput-size 1000] [--results FILE]

Every build runs in a fresh child process whose peak RSS the kernel reports (os.wait4); corpora
come from bench/corpus.py. The Neo4j load and view rows come from bench/bench_load.py and
bench/bench_view.py when those scripts exist.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import write_corpus
from bench.measure import warm_up

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_WORK = HERE / "out"
PROFILE_SIZE = 300

# targets from the issue
MIN_LCUT_RATIO = 0.45         # the rules alone (--ner none)
MIN_LCUT_RATIO_TAGGED = 0.20  # the default build, statistical tagger on
MAX_TAGGER_COST = 0.40        # the tagger's share on top of the rules-only build
MAX_PER_ARTICLE_GROWTH = 1.3
MAX_PEAK_RSS_MB = 800
MIN_SPEED_UP = 1.7
MAX_DASK_OVERHEAD = 1.15      # a dask LocalCluster of 2 single-threaded workers against --workers 2
MAX_OUTPUT_SHARE = 0.15       # writing graph.json and the overview page, of a whole build


@dataclass
class Run:
    figures: dict
    peak_rss_mb: float
    wall: float


@dataclass
class Row:
    measure: str
    figure: str
    target: str = ""
    verdict: str = ""


def child(args: list[str], env: dict | None = None) -> Run:
    """Run `python -m bench.measure ARGS`, return its JSON and its (and its children's) peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "bench.measure", *args], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True, env=env)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: `bench.measure {' '.join(args)}` failed with exit code {process.returncode}")
    return Run(json.loads(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024,
               time.perf_counter() - started)


def corpus(work: Path, size: int) -> Path:
    """The corpus of `size` generated articles, written once and reused while corpus.py is unchanged."""
    folder = work / f"corpus_{size}"
    stamp = folder / ".generated"
    version = f"{size} {(HERE / 'corpus.py').stat().st_mtime_ns}"
    if not stamp.exists() or stamp.read_text() != version:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, size)
        stamp.write_text(version)
    return folder


def corpus_chars(folder: Path) -> int:
    return sum(len(path.read_text("utf-8")) for path in folder.rglob("*.txt"))


def build(work: Path, size: int, workers: int, ner: str = "lac", executor: str = "local") -> Run:
    return child(["build", str(corpus(work, size)), str(work / f"build_{size}_w{workers}_{ner}_{executor}"),
                  "--workers", str(workers), "--ner", ner, "--executor", executor])


def extraction_seconds(run: Run) -> float:
    return run.figures["seconds"] - run.figures["write_seconds"]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# ------------------------------------------------------------------------------------------- rows

def throughput_rows(work: Path, size: int) -> tuple[list[Row], Run]:
    """The default build (statistical tagger on) and the rules alone, each against jieba.lcut."""
    chars = corpus_chars(corpus(work, size))
    run = build(work, size, 1)
    rules_only = build(work, size, 1, ner="none")
    lcut = child(["lcut", str(corpus(work, size))])
    rows = [Row("1. plain jieba.lcut over the same texts", f"{chars / lcut.figures['seconds']:,.0f} chars/s")]
    for ner, measured, target in (("lac", run, MIN_LCUT_RATIO_TAGGED), ("none", rules_only, MIN_LCUT_RATIO)):
        seconds = extraction_seconds(measured)
        ratio = lcut.figures["seconds"] / seconds
        rows += [Row(f"1. build --ner {ner}, 1 worker, {size:,} articles ({chars:,} chars): extraction + merge",
                     f"{chars / seconds:,.0f} chars/s, {size / seconds:,.1f} articles/s"),
                 Row(f"1. build --ner {ner} throughput / jieba.lcut throughput", f"{ratio:.2f}", f"≥ {target}",
                     verdict(ratio >= target))]
    cost = extraction_seconds(run) / extraction_seconds(rules_only) - 1
    rows.append(Row("1. the statistical stage's cost: time with --ner lac / time with --ner none - 1",
                    f"{cost:.2f}", f"≤ {MAX_TAGGER_COST}", verdict(cost <= MAX_TAGGER_COST)))
    return rows, run


def scaling_rows(work: Path, sizes: list[int], known: dict[int, Run]) -> tuple[list[Row], Run]:
    """Rows for each size, and the run at the largest."""
    rows, per_article, runs = [], {}, {}
    for size in sizes:
        run = runs[size] = known.get(size) or build(work, size, 1)
        per_article[size] = extraction_seconds(run) / size
        rows.append(Row(
            f"2. {size:,} articles, 1 worker ({run.figures['nodes']:,} nodes, {run.figures['edges']:,} edges)",
            f"{per_article[size] * 1000:.1f} ms/article extraction + merge; whole build "
            f"{run.figures['seconds']:.1f} s (outputs {run.figures['write_seconds']:.1f} s); "
            f"peak RSS {run.peak_rss_mb:,.0f} MB",
            f"≤ {MAX_PEAK_RSS_MB:,} MB" if size == max(sizes) else "",
            verdict(run.peak_rss_mb <= MAX_PEAK_RSS_MB) if size == max(sizes) else ""))
    smallest, largest = min(sizes), max(sizes)
    share = runs[largest].figures["write_seconds"] / runs[largest].figures["seconds"]
    rows.append(Row(f"2. writing the outputs (graph.json, overview page), share of the {largest:,}-article build",
                    f"{share:.0%}", f"≤ {MAX_OUTPUT_SHARE:.0%}", verdict(share <= MAX_OUTPUT_SHARE)))
    growth = per_article[largest] / per_article[smallest]
    rows.append(Row(f"2. time per article at {largest:,} / at {smallest:,}", f"{growth:.2f}",
                    f"≤ {MAX_PER_ARTICLE_GROWTH}", verdict(growth <= MAX_PER_ARTICLE_GROWTH)))
    return rows, runs[largest]


def speed_up_rows(work: Path, size: int, one_worker: Run) -> list[Row]:
    two = build(work, size, 2)
    speed_up = extraction_seconds(one_worker) / extraction_seconds(two)
    whole = one_worker.figures["seconds"] / two.figures["seconds"]
    dask = build(work, size, 2, executor="dask")
    overhead = dask.figures["seconds"] / two.figures["seconds"]
    return [Row(f"3. 2 workers over 1, {size:,} articles (extraction + merge; whole build {whole:.2f}×)",
                f"{speed_up:.2f}×", f"≥ {MIN_SPEED_UP}×", verdict(speed_up >= MIN_SPEED_UP)),
            Row(f"3. dask LocalCluster of 2 single-threaded workers / --workers 2, {size:,} articles, whole build "
                f"({dask.figures['seconds']:.1f} s / {two.figures['seconds']:.1f} s)",
                f"{overhead:.2f}", f"≤ {MAX_DASK_OVERHEAD}", verdict(overhead <= MAX_DASK_OVERHEAD))]


def companion_rows(number: int, module: str, args: list[str], what: str, summarize) -> list[Row]:
    """A row from another benchmark script (run as `python -m bench.MODULE ARGS`): `summarize`
    turns its output into the figure; when the script is missing or fails, the row says why."""
    if not (HERE / f"{module}.py").exists():
        return [Row(f"{number}. {what}", f"not measured: bench/{module}.py is not there yet")]
    run = subprocess.run([sys.executable, "-m", f"bench.{module}", *args], cwd=ROOT, capture_output=True,
                         text=True)
    if run.returncode != 0:
        last = (run.stderr.strip() or run.stdout.strip() or "(no output)").splitlines()[-1]
        return [Row(f"{number}. {what}", f"not measured (exit {run.returncode}): {last}")]
    return [Row(f"{number}. {what}", summarize(run.stdout))]


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def load_table(output: str) -> str:
    """bench_load prints a table headed `run … rows/s`: keep its rows, one per load."""
    lines = output.strip().splitlines()
    header = max(index for index, line in enumerate(lines) if line.startswith("run "))
    return "; ".join(" ".join(line.split()) for line in lines[header + 1:])


# ------------------------------------------------------------------------------------------ profile

#: The build's stages, by the function that runs each: (function, file it is defined in).
STAGES = {
    "read, extract, merge": ("extract_all", "graph/executors.py"),
    "graph from merged facts": ("graph", "graph/build.py"),
    "write graph.json": ("write_graph_json", "loaders/export.py"),
    "write graph.html": ("write_html", "graph/views.py"),
}


def profile(work: Path, size: int) -> list[str]:
    """Profile an in-process build with pyinstrument; return where the time went: per stage, and
    within extraction per module and per function (built-ins booked to their Python caller)."""
    from pyinstrument import Profiler

    from graph.pipeline import build as build_graph

    folder = corpus(work, size)
    warm_up()
    profiler = Profiler(interval=0.001)
    profiler.start()
    build_graph([str(folder)], work / "profile_build", workers=1, quiet=True)
    profiler.stop()
    (work / "profile.html").write_text(profiler.output_html(), "utf-8")
    root = profiler.last_session.root_frame()
    stages = {stage: _stage_frames(root, *where) for stage, where in STAGES.items()}
    by_module: dict[str, float] = defaultdict(float)
    by_function: dict[str, float] = defaultdict(float)
    stack = list(stages["read, extract, merge"])
    extraction = sum(frame.time for frame in stack)
    while stack:
        frame = stack.pop()
        own = frame.time - sum(child.time for child in frame.children)
        owner = _python_owner(frame)
        if own > 0 and owner is not None:
            module = _module_of(owner.file_path)
            by_module[module] += own
            by_function[f"{owner.function} ({module}:{owner.line_no})"] += own
        stack.extend(frame.children)
    lines = [f"pyinstrument, in-process build of {size} articles with 1 worker after warm-up, "
             f"{root.time:.1f} s sampled "
             f"(full report: {_shown(work / 'profile.html')}).", "", "| stage | time | share |", "|---|---|---|"]
    for stage, frames in stages.items():
        seconds = sum(frame.time for frame in frames)
        lines.append(f"| {stage} | {seconds:.2f} s | {seconds / root.time:.0%} |")
    lines += ["", "Within read, extract, merge:", "", "| module | self time | share |", "|---|---|---|"]
    for module, seconds in sorted(by_module.items(), key=lambda item: -item[1])[:12]:
        lines.append(f"| {module} | {seconds:.2f} s | {seconds / extraction:.0%} |")
    lines += ["", "| function | self time | share |", "|---|---|---|"]
    for function, seconds in sorted(by_function.items(), key=lambda item: -item[1])[:15]:
        lines.append(f"| {function} | {seconds:.2f} s | {seconds / extraction:.0%} |")
    return lines


def _stage_frames(root, function: str, file_suffix: str) -> list:
    """The outermost frames of `function` from `file_suffix` in the profile tree."""
    found, stack = [], [root]
    while stack:
        frame = stack.pop()
        if frame.function == function and (frame.file_path or "").endswith(file_suffix):
            found.append(frame)
        else:
            stack.extend(frame.children)
    return found


def _python_owner(frame):
    """The Python function a sample's own time belongs to: pyinstrument books own time on
    synthetic "[self]" children, and built-ins (C code) are charged to whoever called them."""
    while frame is not None and (frame.is_synthetic or not frame.file_path
                                 or frame.file_path.startswith("<")):
        frame = frame.parent
    return frame


def _shown(path: Path) -> str:
    """A path as the report shows it: inside the project, relative to it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _module_of(file_path: str) -> str:
    path = Path(file_path)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1]
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return f"python: {path.name}"


# ------------------------------------------------------------------------------------------ report

def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    return [f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}, govkg commit {commit}",
            f"- CPU: {cpu}, {os.cpu_count()} logical cores; RAM {memory:.1f} GiB; load average before "
            f"the run {load}",
            f"- {platform.platform()}; Python {platform.python_version()}"]


def table(rows: list[Row]) -> list[str]:
    lines = ["| measure | figure | target | |", "|---|---|---|---|"]
    lines += [f"| {row.measure} | {row.figure} | {row.target} | {row.verdict} |" for row in rows]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes for the scaling rows")
    parser.add_argument("--throughput-size", type=int, default=1000,
                        help="corpus size for the throughput rows (speed-up uses the largest size)")
    parser.add_argument("--profile-size", type=int, default=PROFILE_SIZE, help="0: no profile")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--skip-companions", action="store_true",
                        help="leave out the Neo4j load and view rows (they start Neo4j and Chromium)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder for corpora and builds")
    args = parser.parse_args(argv)
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    header = machine()
    print("\n".join(header), flush=True)

    rows, one_worker = throughput_rows(work, args.throughput_size)
    scaling, largest = scaling_rows(work, sizes, {args.throughput_size: one_worker})
    rows += scaling
    # at the largest size, where starting the worker processes is paid once for many articles
    rows += speed_up_rows(work, max(sizes), largest)
    if not args.skip_companions:
        rows += companion_rows(
            4, "bench_load", ["--nodes", str(largest.figures["nodes"]), "--edges", str(largest.figures["edges"]),
                              "--batch-sizes", "10000", "--parallel", "1"],
            f"Neo4j load, a generated graph the size of the {max(sizes):,}-article one "
            f"(run, batch, transactions, s, rows/s, / target)", load_table)
        rows += companion_rows(5, "bench_view", [], "view: time until a 2,000-node page is stable", last_line)
    profile_lines = profile(work, args.profile_size) if args.profile_size else []

    report = ["# govkg benchmark results", "", "Written by `make bench` (bench/run.py). Machine:", "",
              *header, "", *table(rows), "",
              "One run of each figure: on a shared or busy machine (see the load average) they vary by "
              "tens of percent, speed-up most of all.", ""]
    if profile_lines:
        report += ["## Where the time goes", "", *profile_lines, ""]
    text = "\n".join(report)
    print("\n".join(table(rows)))
    if profile_lines:
        print("\n".join(profile_lines))
    args.results.write_text(text, "utf-8")
    print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
