"""Bad input through the command line: one line per bad file naming it and the reason, the rest
still built, the skipped ones listed at the end, exit 1; --strict stops at the first; never a
traceback; earlier output never damaged."""
from __future__ import annotations

import builtins
import json
import os
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_run import ROOT, govkg, graph_data
from graph import cli
from graph.model import Article
from loaders.articles import ArticleReader, read_article
from loaders.export import GraphFileError, atomic_write_text, read_graph_json
from loaders.textio import MAX_ARTICLE_BYTES, ArticleError

GOOD = "某市召开营商环境大会\n某市行政审批服务局局长王五出席会议。\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
HUNDRED_MB = 100 * 1024 * 1024

#: file name -> (content, the reason govkg must give). Each is one kind of bad input.
BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (" \n\t\r\n\u3000\n".encode(), "no text (only whitespace)"),
    "image.txt": (PNG, "binary file (a PNG image), not text"),
    "nul.txt": (b"abc\x00\x01\x02" * 50, "binary file (binary data), not text"),
    "broken.txt": ("某市召开会议".encode() + b"\xff\xfe\xfa" + "王五出席".encode(),
                   "undecodable bytes: not text in any of UTF-8, UTF-16/32 with BOM, GB18030/GBK/GB2312, Big5"),
    "latin1.txt": ("café crème brûlée".encode("latin-1"),
                   "undecodable bytes: not text in any of UTF-8, UTF-16/32 with BOM, GB18030/GBK/GB2312, Big5"),
    "nav-only.html": (b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav><script>x()</script></body></html>",
                      "no article text found in the page"),
    "blank.jsonl": (b"\n\n", "no records (empty JSONL file)"),
}


def bad_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (content, _) in BAD_FILES.items():
        (folder / name).write_bytes(content)
    (folder / "lines.jsonl").write_text('{"text": "好文章"}\nnot json\n{"title": "无正文"}\n', encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "vanished.txt")  # listed, then nothing there to read
    return folder


def expected_messages(folder):
    reasons = {name: reason for name, (_, reason) in BAD_FILES.items()}
    reasons["lines.jsonl:2"] = "not JSON (Expecting value at column 1)"
    reasons["lines.jsonl:3"] = 'no "text" field'
    reasons["vanished.txt"] = "vanished before it could be read (or is a broken link)"
    return {f"govkg: {folder}/{where}: {reason}" for where, reason in reasons.items()}


def test_each_bad_input_is_one_line_and_the_rest_is_built(tmp_path):
    folder = bad_folder(tmp_path)
    run = govkg("build", folder, "--out", tmp_path / "out")
    assert run.code == 1
    expected = expected_messages(folder)
    reported = [m for m in run.messages if not m.startswith("govkg: skipped ")]
    assert sorted(reported) == sorted(expected)
    # ... and listed again at the end, after the summary of what was built
    tail = run.stderr.split(f"govkg: skipped {len(expected)} bad input(s):\n", 1)[1].splitlines()
    assert sorted("govkg: " + line.strip() for line in tail) == sorted(expected)
    assert "from 2 article(s)" in run.stdout
    ids = {node["id"] for node in graph_data(tmp_path / "out")["nodes"]}
    assert {"Article:good", "Article:lines#1"} <= ids
    assert not any(i.startswith("Article:") and i not in {"Article:good", "Article:lines#1"} for i in ids)


def test_strict_stops_at_the_first_and_writes_nothing(tmp_path):
    folder = bad_folder(tmp_path)
    run = govkg("build", folder, "--out", tmp_path / "out", "--strict")
    assert run.code == 1
    assert run.stderr.splitlines() == [f"govkg: {folder}/blank.jsonl: no records (empty JSONL file)"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_strict_names_each_kind_of_bad_file(tmp_path, name):
    content, reason = BAD_FILES[name]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    run = govkg("build", tmp_path / name, tmp_path / "good.txt", "--out", tmp_path / "out", "--strict")
    assert (run.code, run.stderr) == (1, f"govkg: {tmp_path / name}: {reason}\n")


def test_a_failed_run_leaves_the_previous_output_intact(tmp_path):
    out = tmp_path / "out"
    first = govkg("build", ROOT / "seeds", "--out", out)
    assert first.code == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"graph.json", "graph.html"}
    folder = bad_folder(tmp_path)
    strict = govkg("build", folder, "--out", out, "--strict")
    only_bad = govkg("build", folder / "empty.txt", folder / "image.txt", "--out", out)
    assert (strict.code, only_bad.code) == (1, 1)
    assert only_bad.messages[-1] == f"govkg: {folder / 'empty.txt'}, {folder / 'image.txt'}: no article could be read"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # same files, same bytes, no temp files


def test_an_interrupted_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "graph.json"
    atomic_write_text(target, '{"old": true}\n')
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, '{"new": "' + "字" * 100_000 + '\ud800"}')  # fails half-way through
    assert target.read_text() == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_missing_path_on_the_command_line(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    run = govkg("build", tmp_path / "nope", tmp_path / "good.txt", "--out", tmp_path / "out")
    assert run.code == 1
    assert run.messages[0] == f"govkg: {tmp_path / 'nope'}: no such file or folder"


def test_unknown_type_named_explicitly_is_an_error(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    run = govkg("build", tmp_path / "a.pdf", "--out", tmp_path / "out")
    assert run.code == 1
    assert run.messages[0] == (f"govkg: {tmp_path / 'a.pdf'}: not an article file type "
                               "(govkg reads .txt, .html, .htm, .jsonl)")


# --------------------------------------------------------------------------- size

def test_a_100_mb_file_is_refused_and_the_rest_built(tmp_path):
    big = tmp_path / "big.txt"
    chunk = ("某市召开会议，王五出席。" * 1000).encode()
    with open(big, "wb") as handle:
        for _ in range(HUNDRED_MB // len(chunk) + 1):
            handle.write(chunk)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    run = govkg("build", tmp_path, "--out", tmp_path / "out")
    assert run.code == 1
    size_mb = big.stat().st_size / 1024 / 1024
    assert run.messages[0] == f"govkg: {big}: file is {size_mb:.1f} MB, above the 16.0 MB limit for one article"
    assert "from 1 article(s)" in run.stdout


def test_an_oversized_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(HUNDRED_MB)  # sparse: costs no disk, would cost 100 MB of memory if read
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match="above the 16.0 MB limit"):
            read_article(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_an_oversized_jsonl_line_is_skipped_and_the_next_read(tmp_path):
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "w", encoding="utf-8") as handle:
        handle.write('{"text": "前"}\n{"text": "' + "长" * (MAX_ARTICLE_BYTES // 3 + 10) + '"}\n{"text": "后"}\n')
    reader = ArticleReader()
    assert [a.text for a in reader.read([corpus])] == ["前", "后"]
    (error,) = reader.skipped
    assert str(error).startswith(f"{corpus}:2: line is 16.0 MB, above the 16.0 MB limit")


# --------------------------------------------------------------------------- files that go away

def test_a_file_that_vanishes_mid_run_is_skipped(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    reader = ArticleReader()
    read = []
    for article in reader.read([tmp_path]):
        read.append(article.id)
        if article.id == "a":
            (tmp_path / "b.txt").unlink()  # listed already, gone before it is read
    assert read == ["a", "c"]
    assert [str(e) for e in reader.skipped] == [
        f"{tmp_path / 'b.txt'}: vanished before it could be read (or is a broken link)"]


def test_an_unreadable_file_mid_run_through_the_cli(tmp_path, monkeypatch, capsys):
    # Tests run as root in CI, where chmod cannot make a file unreadable: the refusal is simulated.
    for name in ("a.txt", "locked.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    locked, real_open = str(tmp_path / "locked.txt"), builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == locked:
            raise PermissionError(13, "Permission denied", file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    code = cli.main(["build", str(tmp_path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[0] == f"govkg: {locked}: cannot read: permission denied"
    assert "Traceback" not in err
    assert {n["id"] for n in graph_data(tmp_path / "out")["nodes"]} >= {"Article:a", "Article:c"}


def test_a_fifo_is_refused_rather_than_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    run = govkg("build", tmp_path / "pipe.txt", "--out", tmp_path / "out", timeout=60)
    assert run.messages[0] == f"govkg: {tmp_path / 'pipe.txt'}: not a regular file"


# --------------------------------------------------------------------------- graph.json from elsewhere

OTHER_GRAPHS = {
    "empty": ("", "not JSON (Expecting value at line 1)"),
    "truncated": ('{"graph": {"format": "govkg-graph", "version": 1}, "nodes": [', "not JSON"),
    "array": ("[1, 2]", "not a govkg graph.json"),
    "networkx": (json.dumps({"directed": True, "multigraph": False, "graph": {}, "nodes": [{"id": 1}],
                             "links": []}), "not a govkg graph.json"),
    "cytoscape": (json.dumps({"elements": {"nodes": [], "edges": []}}), "not a govkg graph.json"),
    "graph-is-a-list": ('{"graph": []}', "not a govkg graph.json"),
    "future": ('{"graph": {"format": "govkg-graph", "version": 99}, "nodes": [], "links": []}',
               "unsupported govkg graph version 99"),
    "nodes-not-list": ('{"graph": {"format": "govkg-graph", "version": 1}, "nodes": "x", "links": []}',
                       '"nodes" and "links" must both be lists'),
    "no-label": ('{"graph": {"format": "govkg-graph", "version": 1}, "nodes": [{"id": "a", "labels": ["Thing"]}],'
                 ' "links": []}', "node #1 ('a') has no id or no schema label"),
    "bad-type": ('{"graph": {"format": "govkg-graph", "version": 1}, "nodes": [{"id": "a", "labels": ["Person"]}],'
                 ' "links": [{"type": "KNOWS", "source": "a", "target": "a"}]}', "edge #1 is of unknown type 'KNOWS'"),
    "dangling": ('{"graph": {"format": "govkg-graph", "version": 1}, "nodes": [{"id": "a", "labels": ["Person"]}],'
                 ' "links": [{"type": "ATTENDS", "source": "a", "target": "b"}]}', "edge #1 target 'b' is not a node"),
    "deep": ("[" * 100_000, "not usable JSON"),
    "gbk": ('{"name": "张三"}'.encode("gbk"), "cannot read"),
}


@pytest.mark.parametrize("name", sorted(OTHER_GRAPHS))
def test_graph_json_from_another_tool_is_one_line_error(tmp_path, name):
    content, reason = OTHER_GRAPHS[name]
    path = tmp_path / "graph.json"
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    with pytest.raises(GraphFileError) as caught:
        read_graph_json(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


# --------------------------------------------------------------------------- any bytes at all

MARKUP = st.sampled_from([
    "<html>", "</html>", "<body>", "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
    "<meta charset=gbk>", "<title>", "</title>", "<?xml version='1.0' encoding='utf-16'?>", "&#0;", "&#xD800;",
    "&lt;", "<nav>", "<article>", "<h1>", "<time datetime='2024-13-45'>", "<table><tr><td>", "\x00",
    "<meta property='article:published_time' content='9999-99-99'>", '{"text": ', '"}', "\n"])
PAGES = st.lists(st.one_of(MARKUP, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=500), PAGES.map(lambda s: s.encode("utf-8", "surrogatepass")),
                      PAGES.map(lambda s: s.encode("gb18030", "replace"))),
       suffix=st.sampled_from([".txt", ".html", ".htm", ".jsonl"]))
def test_any_bytes_give_articles_or_reported_skips(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "x" + suffix)
        path.write_bytes(data)
        reader = ArticleReader()
        articles = list(reader.read([path]))  # any other exception fails the test
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)
    assert articles or reader.skipped
    assert all(str(e).startswith(str(path)) and "\n" not in str(e) for e in reader.skipped)


@pytest.mark.parametrize("name", ["networkx", "graph-is-a-list", "dangling", "deep"])
def test_graph_json_from_another_tool_through_the_cli(tmp_path, name):
    content, reason = OTHER_GRAPHS[name]
    path = tmp_path / "graph.json"
    path.write_text(content)
    run = govkg("view", path, "--out", tmp_path / "view.html")
    assert run.code == 1 and len(run.messages) == 1
    assert run.messages[0].startswith(f"govkg: {path}: ") and reason in run.messages[0]
    assert not (tmp_path / "view.html").exists()
