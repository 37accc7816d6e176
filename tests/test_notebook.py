"""notebooks/explore.ipynb runs top to bottom, clean, in a kernel of this interpreter, and shows its tables."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def execute(out: Path, env: dict[str, str | None]):
    """Run the notebook with GOVKG_OUT=out and `env` (None unsets) in the kernel's environment;
    nbclient raises CellExecutionError, naming the cell, if any cell fails."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"GOVKG_OUT": str(out), **env}.items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)   # the kernel inherits this process's environment
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebook-out")
    return execute(out, {"NEO4J_URI": None}), out


def outputs(cell) -> str:
    """Everything a cell showed, as text and HTML."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts += [str(value) for value in output.get("data", {}).values()]
    return "\n".join(parts)


def cell_after(notebook, heading: str):
    cells = notebook.cells
    index = next(i for i, cell in enumerate(cells) if cell.cell_type == "markdown" and cell.source.startswith(heading))
    return cells[index + 1]


def test_runs_clean_in_this_interpreter(executed):
    notebook, out = executed
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert outputs(notebook.cells[-1]).strip() == sys.executable
    assert (out / "graph.json").exists() and (out / "notebook_view.html").exists()


def test_officials_and_posts_table(executed):
    notebook, _ = executed
    table = outputs(cell_after(notebook, "## Officials and their posts"))
    assert "<table" in table and "official" in table and "organization" in table
    assert "张青" in table and "党组书记、局长" in table and "泰安市行政审批服务局" in table


def test_centrality_and_reforms_per_city_tables(executed):
    notebook, _ = executed
    centrality = outputs(cell_after(notebook, "## Most connected entities"))
    assert "<table" in centrality and "betweenness" in centrality and "pagerank" in centrality
    reforms = outputs(cell_after(notebook, "## Reforms per city"))
    assert "<table" in reforms and "泰安市" in reforms and "信易批" in reforms


def test_questions_in_chinese_are_answered_with_evidence(executed):
    notebook, _ = executed
    table = outputs(cell_after(notebook, "## Asking in Chinese"))
    assert "<table" in table and "holder" in table and "张青" in table and "posts" in table
    assert "泰安市行政审批服务局" in table and "promoters" in table


def test_view_and_skipped_cypher_cell(executed):
    notebook, _ = executed
    view = outputs(cell_after(notebook, "## The interactive view"))
    assert "<iframe" in view and "notebook_view.html" in view
    assert "NEO4J_URI is not set" in outputs(cell_after(notebook, "## The same in Cypher"))


def test_cypher_cell_asks_a_real_neo4j(neo4j_db, neo4j_seeds_graph, tmp_path):
    from neo4j_fixture import cli_env
    graph, _ = neo4j_seeds_graph
    neo4j_db.load(graph, source="seeds")
    env = {name: value for name, value in cli_env(neo4j_db.connection).items() if name.startswith("NEO4J_")}
    notebook = execute(tmp_path, {"NEO4J_DATABASE": None, **env})
    table = outputs(cell_after(notebook, "## The same in Cypher"))
    assert "<table" in table and "张青" in table and "党组书记、局长" in table
