"""A local Neo4j Community server for development and tests, run from Maven Central's jars.

No Docker here: `org.neo4j:neo4j` on Maven Central carries the whole community server, so Maven
resolves its jars into an ignored folder (`.neo4j/` by default) and the server runs as a plain Java
process from them. One pinned version, NEO4J_VERSION, is used here and by docker-compose.yml.

    python -m graph.neo4j_server jars|up|down|status      (what `make neo4j-up` / `neo4j-down` run)

Auth stays on: user `neo4j`, password from NEO4J_PASSWORD (default loaders.neo4j.DEFAULT_PASSWORD),
set with the server's own admin tool before the first start. The server listens on 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from loaders.neo4j import DEFAULT_PASSWORD, DEFAULT_USERNAME, ENV_PASSWORD

NEO4J_VERSION = "5.26.30"
#: Where jars and the default server home live; ignored by git.
STATE_DIR = Path(os.environ.get("GOVKG_NEO4J_DIR") or Path(__file__).resolve().parent.parent / ".neo4j")
DEFAULT_HOME = STATE_DIR / "home"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474

SERVER_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
#: What the stock launcher passes to the JVM and we need without it: Netty and the page cache
#: reflect into java.nio; the rest keeps failures loud and the JVM from lingering.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)

POM = """<?xml version="1.0" encoding="UTF-8"?>
<!-- written by graph/neo4j_server.py: resolves the Neo4j Community server's runtime jars -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>govkg.local</groupId>
  <artifactId>neo4j-server-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


class ServerError(RuntimeError):
    """The local server could not be set up, started or stopped; the message says why."""


def lib_dir(version: str = NEO4J_VERSION) -> Path:
    return STATE_DIR / f"lib-{version}"


def resolve_jars(version: str = NEO4J_VERSION, quiet: bool = False) -> Path:
    """The folder holding the server's jars, resolved with Maven on first use (cached in ~/.m2)."""
    lib = lib_dir(version)
    stamp = lib / ".complete"
    if stamp.exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed; it resolves the Neo4j jars (apt-get install maven)")
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    pom = STATE_DIR / f"pom-{version}.xml"
    pom.write_text(POM.format(version=version), encoding="utf-8")
    partial = lib.with_name(lib.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    if not quiet:
        print(f"resolving Neo4j {version} jars with Maven into {lib} ...", file=sys.stderr, flush=True)
    command = [mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
               "-DincludeScope=runtime", f"-DoutputDirectory={partial}"]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise ServerError(f"Maven could not resolve org.neo4j:neo4j:{version}:\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    stamp.touch()
    return lib


def java_executable() -> str:
    java_home = os.environ.get("JAVA_HOME")
    java = Path(java_home, "bin", "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ServerError("Java 17+ is not installed; Neo4j 5.26 needs it (apt-get install openjdk-17-jre-headless)")
    return str(java)


@dataclass
class LocalServer:
    """One Neo4j home (config, data, logs) served on loopback ports."""
    home: Path = DEFAULT_HOME
    bolt_port: int = DEFAULT_BOLT_PORT
    http_port: int | None = None      # None: no HTTP connector
    password: str = DEFAULT_PASSWORD
    heap: str = "1g"
    pagecache: str = "256m"
    version: str = NEO4J_VERSION

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "govkg-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # ------------------------------------------------------------------ setup

    def configure(self) -> None:
        """Write neo4j.conf (every start, so ports and memory follow the arguments) and, before the
        first start only, the initial password."""
        if len(self.password) < 8:
            raise ServerError(f"{ENV_PASSWORD} must have at least 8 characters (Neo4j's rule)")
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.bolt_port}",
            "server.http.enabled": str(self.http_port is not None).lower(),
            "server.https.enabled": "false",
            "server.memory.pagecache.size": self.pagecache,
            "dbms.usage_report.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "db.tx_log.rotation.retention_policy": "2 files",
        }
        if self.http_port is not None:
            settings["server.http.listen_address"] = f"127.0.0.1:{self.http_port}"
        text = "# written by graph/neo4j_server.py on every start\n" + "".join(
            f"{key}={value}\n" for key, value in settings.items())
        (self.conf_dir / "neo4j.conf").write_text(text, encoding="utf-8")
        if not (self.home / "data" / "dbms").exists():
            self.admin("dbms", "set-initial-password", self.password)

    def admin(self, *args: str, timeout: float = 600) -> str:
        """Run the server's own admin tool (neo4j-admin) on this home; its output, or ServerError."""
        command = [java_executable(), "-Xmx1g", *JVM_FLAGS, "-cp", f"{resolve_jars(self.version)}/*",
                   ADMIN_CLASS, *args]
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.conf_dir)}
        # in the home: the importer writes its import.report into the working directory
        done = subprocess.run(command, env=env, cwd=self.home, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
        output = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            raise ServerError(f"neo4j-admin {' '.join(args[:3])} failed:\n" + _tail(output, 20))
        return output

    # ------------------------------------------------------------------ run

    def pid(self) -> int | None:
        """The server's process id when it is running from this home."""
        try:
            pid = int(self.pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return None
        expected = f"--home-dir={self.home}".encode()
        return pid if SERVER_CLASS.encode() in cmdline and expected in cmdline else None

    def start(self, timeout: float = 180) -> None:
        """Start in the background and return once Bolt answers; a no-op when already running."""
        if self.pid() is not None:
            self.wait_until_ready(timeout)
            return
        self.configure()
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        command = [java_executable(), f"-Xms{self.heap}", f"-Xmx{self.heap}", *JVM_FLAGS,
                   "-cp", f"{resolve_jars(self.version)}/*", SERVER_CLASS,
                   f"--home-dir={self.home}", f"--config-dir={self.conf_dir}"]
        with open(self.console_log, "ab") as log:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                       start_new_session=True)
        self.pid_file.write_text(str(process.pid))
        try:
            self.wait_until_ready(timeout, process)
        except BaseException:
            self.stop()
            raise

    def wait_until_ready(self, timeout: float, process: subprocess.Popen | None = None) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        deadline = time.monotonic() + timeout
        with GraphDatabase.driver(self.uri, auth=(DEFAULT_USERNAME, self.password),
                                  connection_timeout=2) as driver:
            while True:
                if process is not None and process.poll() is not None:
                    raise ServerError(f"Neo4j exited with code {process.returncode} while starting; "
                                      f"log tail:\n{self.log_tail()}")
                try:
                    driver.verify_connectivity()
                    return
                except AuthError:
                    raise ServerError(
                        f"the server in {self.home} was set up with another password than "
                        f"{ENV_PASSWORD}; give that one, or stop it and delete {self.home / 'data'} "
                        "to start afresh") from None
                except (ServiceUnavailable, SessionExpired, OSError):
                    if time.monotonic() > deadline:
                        raise ServerError(f"Neo4j did not answer on {self.uri} within {timeout:.0f}s; "
                                          f"log tail:\n{self.log_tail()}") from None
                    time.sleep(0.5)

    def stop(self, timeout: float = 60) -> bool:
        """Stop cleanly (SIGTERM lets Neo4j checkpoint), forcefully past the deadline; True when a
        server was running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid() is not None and _alive(pid):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                break
            time.sleep(0.2)
        _reap(pid)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL, no checkpoint: what a crash looks like to the database."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)
            _reap(pid)
        self.pid_file.unlink(missing_ok=True)

    def log_tail(self, lines: int = 30) -> str:
        parts = []
        for log in (self.console_log, self.home / "logs" / "neo4j.log", self.home / "logs" / "debug.log"):
            if log.exists():
                parts.append(f"--- {log}\n" + _tail(log.read_text(encoding="utf-8", errors="replace"), lines))
        return "\n".join(parts) or "(no log written)"


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (tests), so no zombie is left."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _default_server() -> LocalServer:
    return LocalServer(password=os.environ.get(ENV_PASSWORD) or DEFAULT_PASSWORD,
                       bolt_port=int(os.environ.get("GOVKG_NEO4J_BOLT_PORT", DEFAULT_BOLT_PORT)),
                       http_port=int(os.environ.get("GOVKG_NEO4J_HTTP_PORT", DEFAULT_HTTP_PORT)),
                       heap=os.environ.get("GOVKG_NEO4J_HEAP", LocalServer.heap),
                       pagecache=os.environ.get("GOVKG_NEO4J_PAGECACHE", LocalServer.pagecache))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.neo4j_server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("jars", "up", "down", "status"))
    args = parser.parse_args(argv)
    server = _default_server()
    try:
        if args.action == "jars":
            print(resolve_jars())
        elif args.action == "up":
            already = server.pid() is not None
            server.start()
            print(f"Neo4j {server.version} {'already running' if already else 'started'} on {server.uri} "
                  f"(home {server.home}, pid {server.pid()}, user {DEFAULT_USERNAME}, password from "
                  f"{ENV_PASSWORD} or the default)")
        elif args.action == "down":
            print("Neo4j stopped" if server.stop() else "Neo4j was not running")
        else:
            pid = server.pid()
            print(f"Neo4j running on {server.uri}, pid {pid}" if pid else "Neo4j is not running")
            return 0 if pid else 3
    except ServerError as exc:
        print(f"neo4j-server: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
