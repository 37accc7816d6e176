# govkg — `make demo` builds the sample graph; `make test` installs what the tests need and runs them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test venv clean bench neo4j-up neo4j-down

venv: $(STAMP)

# installed with the pip that ships with $(PYTHON), not an upgraded one: what a new user has
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m graph build seeds --out out

test: $(STAMP)
	bash scripts/install-browser.sh
	bash scripts/neo4j-server.sh jars
	$(PY) -m pytest

# figures against the speed and memory targets (minutes; not part of make test) -> bench/RESULTS.md
bench: $(STAMP)
	$(PY) -m bench.run

# a local Neo4j Community server on 127.0.0.1:7687 (user neo4j, password $$NEO4J_PASSWORD or govkg-local)
neo4j-up: $(STAMP)
	bash scripts/neo4j-server.sh up

neo4j-down: $(STAMP)
	bash scripts/neo4j-server.sh down

clean:
	rm -rf out .pytest_cache
