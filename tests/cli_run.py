"""Running `python -m graph …` as a user does, for tests that check what the user sees."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from graph import schema as S

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def messages(self) -> list[str]:
        """The one-line messages govkg printed on stderr (the end-of-run list's lines excluded)."""
        return [line for line in self.stderr.splitlines() if line.startswith("govkg: ")]


def govkg(*args: str | Path, cwd: Path = ROOT, timeout: float = 300, env: dict[str, str] | None = None,
          traceback_expected: bool = False) -> Run:
    """`python -m graph ARGS`; `env` adds to this process's environment. No traceback may reach the
    user unless the test asks for one (--debug)."""
    proc = subprocess.run([sys.executable, "-m", "graph", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})} if env else None)
    assert ("Traceback" in proc.stderr) == traceback_expected, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def graph_data(out_dir: Path) -> dict:
    return json.loads((out_dir / "graph.json").read_text(encoding="utf-8"))


def without_paths(data: dict) -> dict:
    """graph.json data with each Article's file path left out (for comparing copies of inputs)."""
    for node in data["nodes"]:
        node.pop(S.PATH, None)
    return data


def article_node(data: dict, article_id: str) -> dict:
    wanted = S.node_id(S.ARTICLE, article_id)
    (node,) = [n for n in data["nodes"] if n[S.ID] == wanted]
    return node
