"""Failures that are not known bad input (a missing module, a library bug, a parser crash): one line
naming the file or the command, the other inputs still built, exit 1; the traceback only with
--debug or GOVKG_DEBUG=1."""
from __future__ import annotations

import importlib

import pytest

from cli_run import ROOT, article_node, govkg, graph_data
from graph import cli, cli_neo4j

STORY = "某县召开政务服务推进会\n某县行政审批服务局局长赵甲出席会议。\n"
PAGE = ("<html><head><meta charset='utf-8'><title>某县举办营商环境座谈会</title></head><body>"
        "<article><h1>某县举办营商环境座谈会</h1><p>某县发展和改革局局长钱乙主持座谈会，"
        "二十余家企业代表参加。</p></article></body></html>")
#: what jusText raised under a pip that did not install lxml's html_clean extra
MISSING_MODULE = "lxml.html.clean module is now a separate project lxml_html_clean"


def test_the_html_readers_imports_resolve_in_the_installed_environment():
    for module in ("trafilatura", "justext", "lxml.html.clean", "htmldate"):
        importlib.import_module(module)
    from loaders.html import _trafilatura
    trafilatura, _ = _trafilatura()
    assert trafilatura.extract(PAGE) is not None


def test_the_html_pages_build_into_the_graph(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "in" / "page.html").write_text(PAGE, encoding="utf-8")
    run = govkg("build", tmp_path / "in", "--out", tmp_path / "out", "--quiet")
    assert run.code == 0, run.stderr
    data = graph_data(tmp_path / "out")
    assert article_node(data, "page")
    names = {node.get("name") for node in data["nodes"]}
    assert "钱乙" in names and "赵甲" in names


@pytest.fixture
def broken_trafilatura(tmp_path):
    """A folder that, first on PYTHONPATH, makes `import trafilatura` fail as it did for users."""
    fake = tmp_path / "broken" / "trafilatura"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(f"raise ImportError({MISSING_MODULE!r})\n", encoding="utf-8")
    return {"PYTHONPATH": str(fake.parent)}


@pytest.fixture
def mixed_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-story.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-page.html").write_text(PAGE, encoding="utf-8")
    (folder / "c-story.txt").write_text(STORY.replace("赵甲", "孙丙"), encoding="utf-8")
    return folder


def test_a_reader_crash_is_one_line_and_the_rest_still_builds(tmp_path, broken_trafilatura, mixed_inputs):
    run = govkg("build", mixed_inputs, "--out", tmp_path / "out", "--quiet", env=broken_trafilatura)
    assert run.code == 1
    page = str(mixed_inputs / "b-page.html")
    crash = [line for line in run.messages if page in line]
    assert crash == [f"govkg: {page}: could not be read (ImportError: {MISSING_MODULE}); "
                     f"run with --debug for the traceback"]
    data = graph_data(tmp_path / "out")
    assert article_node(data, "a-story") and article_node(data, "c-story")
    assert not [n for n in data["nodes"] if n["id"].endswith(":b-page")]


@pytest.mark.parametrize("how", [("--debug",), ()])
def test_debug_shows_the_traceback(tmp_path, broken_trafilatura, mixed_inputs, how):
    env = broken_trafilatura if how else {**broken_trafilatura, "GOVKG_DEBUG": "1"}
    run = govkg(*how, "build", mixed_inputs, "--out", tmp_path / "out", "--quiet", env=env,
                traceback_expected=True)
    assert run.code == 1
    assert f"ImportError: {MISSING_MODULE}" in run.stderr


def _crash(args):
    raise RuntimeError("a bug somewhere\nwith a second line")


@pytest.mark.parametrize("command, module, func", [
    (["build", "x.txt"], cli, "_cmd_build"),
    (["view", "g.json"], cli, "_cmd_view"),
    (["site", "out"], cli, "_cmd_site"),
    (["load", "--graph", "g.json"], cli_neo4j, "_cmd_load"),
    (["query", "RETURN 1"], cli_neo4j, "_cmd_query"),
    (["export", "d", "--format", "neo4j-admin"], cli_neo4j, "_cmd_export"),
])
def test_every_command_reports_an_unexpected_failure_in_one_line(monkeypatch, capsys, command, module, func):
    monkeypatch.delenv("GOVKG_DEBUG", raising=False)
    monkeypatch.setattr(module, func, _crash)
    assert cli.main(command) == 1
    err = capsys.readouterr().err
    assert err == (f"govkg: {command[0]}: RuntimeError: a bug somewhere "
                   f"(run with --debug for the traceback)\n")
    with pytest.raises(RuntimeError):
        cli.main([*command, "--debug"])


def test_the_install_uses_the_pip_that_ships_with_python():
    """The Makefile must not upgrade pip first: that hid a dependency only newer pips install."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--upgrade pip" not in makefile and "-U pip" not in makefile
