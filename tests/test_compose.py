"""docker-compose.yml, checked without Docker: the same Neo4j version as the local server, the
usual ports on loopback, a named data volume, credentials from the environment, a healthcheck."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from graph.neo4j_server import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, NEO4J_VERSION
from loaders.neo4j import DEFAULT_PASSWORD, DEFAULT_USERNAME, ENV_PASSWORD

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


def service() -> dict:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    [(name, neo4j)] = services.items()
    assert name == "neo4j"
    return neo4j


def test_image_is_the_pinned_community_version():
    assert service()["image"] == f"neo4j:{NEO4J_VERSION}-community"
    assert re.fullmatch(r"5\.26\.\d+", NEO4J_VERSION)


def test_ports_are_bolt_and_http_on_loopback():
    assert sorted(service()["ports"]) == sorted([f"127.0.0.1:{DEFAULT_HTTP_PORT}:7474",
                                                f"127.0.0.1:{DEFAULT_BOLT_PORT}:7687"])


def test_data_lives_in_a_named_volume():
    document = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    mounts = dict(volume.split(":", 1) for volume in service()["volumes"])
    assert mounts.get("neo4j-data") == "/data"
    assert "neo4j-data" in document["volumes"]


def test_auth_comes_from_the_environment_with_govkg_defaults():
    auth = service()["environment"]["NEO4J_AUTH"]
    assert auth == f"{DEFAULT_USERNAME}/${{{ENV_PASSWORD}:-{DEFAULT_PASSWORD}}}"


def test_healthcheck_asks_bolt():
    check = service()["healthcheck"]
    command = " ".join(check["test"])
    assert check["test"][0] == "CMD-SHELL" and "cypher-shell" in command and "RETURN 1" in command
    # $$ keeps compose from interpolating: the container's shell reads its own NEO4J_AUTH
    assert "$${NEO4J_AUTH" in command
    assert check["retries"] >= 3 and check["interval"]
