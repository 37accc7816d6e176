#!/usr/bin/env bash
# The local Neo4j server: jars | up | down | status (graph/neo4j_server.py does the work).
# Installs Java 17 and Maven from Debian when they are missing and we may (root, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless maven
    else
        echo "neo4j-server: Java 17 and Maven are needed (apt-get install openjdk-17-jre-headless maven)" >&2
        exit 1
    fi
fi
exec .venv/bin/python -m graph.neo4j_server "$@"
