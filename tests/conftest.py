# Neo4j: one server per test session (see tests/neo4j_fixture.py)
from neo4j_fixture import neo4j_connection, neo4j_db, neo4j_local_server, neo4j_seeds_graph  # noqa: F401

# Chromium: one headless browser per test module that asks for it (see tests/browser.py)
import pytest  # noqa: E402

import browser  # noqa: E402


@pytest.fixture(scope="module")
def chromium():
    browser.require_chromium()
    with browser.launch() as launched:
        yield launched
