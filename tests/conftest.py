# Neo4j: one server per test session (see tests/neo4j_fixture.py)
from neo4j_fixture import neo4j_connection, neo4j_db, neo4j_local_server, neo4j_seeds_graph  # noqa: F401
