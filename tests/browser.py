"""Headless Chromium for the page tests: Debian's /usr/bin/chromium driven by Playwright, offline.

Every request that is not for a local file is aborted and recorded, and so are console errors,
uncaught page errors, failed requests and JavaScript dialogs: a page passes only if all stay empty.

Run as a script to refresh the README's screenshot:
    .venv/bin/python tests/browser.py out/graph.html docs/screenshot.png
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
LOCAL_SCHEMES = ("file:", "data:", "about:")
READY_TIMEOUT_S = 120


def require_chromium() -> None:
    """Skip outside CI when there is no browser; under CI=true a missing browser is a failure
    (`make test` installs it with scripts/install-browser.sh)."""
    import pytest
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (run scripts/install-browser.sh, or `make test`)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(f"{reason}; page tests run only with a real browser")


@dataclass
class Watch:
    """What went wrong on a page, as seen from outside it."""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {name: items for name, items in vars(self).items() if items}


@contextmanager
def launch():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def open_page(browser, path: Path):
    """A fresh context with the network blocked, `path` loaded; yields (page, watch)."""
    context = browser.new_context(viewport=VIEWPORT)
    watch = Watch()

    def route(route):
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            watch.blocked_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: watch.failed_requests.append(f"{req.url} {req.failure}"))

    def dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    try:
        page.goto(Path(path).resolve().as_uri())
        yield page, watch
    finally:
        context.close()


def wait_view_ready(page, timeout_s: float = READY_TIMEOUT_S) -> float:
    """Wait until a view says its network is laid out and drawn; returns the seconds waited."""
    started = time.perf_counter()
    page.wait_for_function("() => window.govkg && window.govkg.ready === true", timeout=timeout_s * 1000)
    return time.perf_counter() - started


def dataset_items(page, name: str) -> list[dict]:
    """The items of the page's vis DataSet `nodes` or `edges` (without functions or elements)."""
    return page.evaluate(f"() => window.govkg.{name}.get()")


def point_of(page, kind: str, item_id: str) -> dict:
    """Page coordinates of a node (its centre) or an edge (a point of its drawn curve that no node
    covers, after zooming onto the edge)."""
    return page.evaluate(
        """([kind, id]) => {
            const net = window.govkg.network;
            let dom;
            if (kind === "node") {
                dom = net.canvasToDOM(net.getPositions([id])[id]);
            } else {
                const edge = net.body.edges[id];
                net.fit({nodes: [edge.fromId, edge.toId], animation: false});
                const curve = edge.edgeType;
                for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]) {
                    const at = net.canvasToDOM(curve.getPoint(t));
                    if (net.getNodeAt(at) === undefined && net.getEdgeAt(at) === id) { dom = at; break; }
                }
                if (!dom) throw new Error("no free point on edge " + id);
            }
            const box = document.getElementById("network").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""", [kind, item_id])


def hover_text(page, kind: str, item_id: str) -> str:
    """Move the mouse onto a node or an edge and return the tooltip's text once it shows."""
    point = point_of(page, kind, item_id)
    tooltip = page.locator("div.vis-tooltip")
    before = tooltip.inner_text() if tooltip.count() and tooltip.is_visible() else None
    page.mouse.move(point["x"] - 40, point["y"] - 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_function(
        """(before) => {
            const tip = document.querySelector("div.vis-tooltip");
            return tip && tip.style.visibility !== "hidden" && tip.offsetParent !== null
                && tip.innerText !== before;
        }""", arg=before, timeout=10_000)
    return tooltip.inner_text()


def screenshot(page_path: Path, png: Path) -> None:
    with launch() as browser, open_page(browser, page_path) as (page, watch):
        wait_view_ready(page)
        page.screenshot(path=str(png))
        if watch.problems():
            raise SystemExit(f"{page_path}: {watch.problems()}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {sys.argv[2]}")
