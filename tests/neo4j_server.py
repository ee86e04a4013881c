"""The Neo4j 5 server that the Neo4j side of the tests runs against.

By default the tests start Neo4j Community 5 themselves: `tests/neo4j-launcher/` is a small Maven project
(Neo4j embedded with its Bolt connector, APOC Core on the procedure path), compiled on first use,
its artifacts cached in ~/.m2. One JVM runs two database-management systems on free loopback
ports: `samples` (built once per session, only read) and `scratch` (emptied for every test that
needs a fresh store). Authentication is on: user neo4j and a random password.

With NEO4J_URI set, the tests use that server instead, for both roles (credentials from
NEO4J_USER / NEO4J_PASSWORD). The tests empty its database, so they only take one that is empty
or was marked by an earlier test run (see `Database.empty`).
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


PROJECT = Path(__file__).resolve().parent / "neo4j-launcher"
MARK = "policykg_tests_may_empty_this"  # an index on an unused label: "a test database"
READY = b"policykg: neo4j ready"  # what the launcher prints when every Bolt connector listens
START_TIMEOUT = 600.0  # the first run downloads Neo4j and APOC from Maven Central


class Unavailable(Exception):
    """No Neo4j server can be had here; the message says why and what to do."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _launcher() -> list[str]:
    """The java command line (without arguments); compiles tests/neo4j first when needed."""
    hint = "or set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD to a Neo4j 5 server (see README)"
    java, mvn = shutil.which("java"), shutil.which("mvn")
    if java is None:
        raise Unavailable(f"Neo4j tests need Java 17+ on PATH to start Neo4j, {hint}")
    target = PROJECT / "target"
    classpath = target / "classpath.txt"
    sources = [PROJECT / "pom.xml", *(PROJECT / "src").rglob("*.java")]
    stale = (not classpath.exists()
             or classpath.stat().st_mtime < max(p.stat().st_mtime for p in sources)
             or not all(Path(jar).exists() for jar in classpath.read_text().strip().split(os.pathsep)))
    if stale:
        if mvn is None:
            raise Unavailable(f"Neo4j tests need Maven on PATH to fetch Neo4j, {hint}")
        proc = subprocess.run([mvn, "-q", "-B", "-f", str(PROJECT / "pom.xml"), "package"],
                              capture_output=True, text=True, timeout=START_TIMEOUT)
        if proc.returncode != 0:
            raise Unavailable(f"mvn package in {PROJECT} failed ({hint}):\n"
                              + (proc.stdout + proc.stderr)[-3000:])
    return [java, "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", f"{target / 'classes'}{os.pathsep}{classpath.read_text().strip()}",
            "policykg.NeoServer", str(target / "plugins")]


@dataclass
class Database:
    """One Neo4j database the tests use, and what it holds now."""

    uri: str
    user: str
    password: str
    holds: object = None  # what a module- or session-scoped fixture keeps in it, or None

    @contextmanager
    def credentials(self):
        """NEO4J_USER / NEO4J_PASSWORD set while the block runs (the store reads them)."""
        saved = {k: os.environ.get(k) for k in ("NEO4J_USER", "NEO4J_PASSWORD")}
        os.environ.update(NEO4J_USER=self.user, NEO4J_PASSWORD=self.password)
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def env(self) -> dict:
        """The environment for a `policykg --neo4j` subprocess."""
        return {**os.environ, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}

    def driver(self):
        from neo4j import GraphDatabase
        return GraphDatabase.driver(self.uri, auth=(self.user, self.password))

    def claim(self) -> None:
        """Take the database for the tests: only one that is empty or carries the MARK index of
        an earlier test run, so that a NEO4J_URI pointing at a real graph (even one policykg
        built) is never wiped."""
        with self.driver() as driver, driver.session() as session:
            marked = session.run("SHOW INDEXES YIELD name WHERE name = $mark RETURN count(*) AS n",
                                 mark=MARK).single()["n"]
            nodes = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
            if nodes and not marked:
                raise Unavailable(f"{self.uri} holds {nodes} nodes and no mark of a test run; "
                                  "the tests empty their database, so give them an empty one")
            session.run(f"CREATE INDEX {MARK} IF NOT EXISTS FOR (n:PolicykgTestRun) ON (n.id)").consume()

    def empty(self) -> None:
        """Delete every node, constraint and index (but the mark): a new database."""
        with self.driver() as driver, driver.session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
            for row in list(session.run("SHOW CONSTRAINTS YIELD name")):
                session.run(f"DROP CONSTRAINT `{row['name']}` IF EXISTS").consume()
            for row in list(session.run("SHOW INDEXES YIELD name, type "
                                        "WHERE type <> 'LOOKUP' AND name <> $mark", mark=MARK)):
                session.run(f"DROP INDEX `{row['name']}` IF EXISTS").consume()
        self.holds = None


@dataclass
class Neo4jServer:
    samples: Database
    scratch: Database
    process: subprocess.Popen | None = None
    start_seconds: float | None = None
    log: Path | None = None
    versions: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wait_for_bolt(db: Database, deadline: float, process=None) -> None:
    from neo4j.exceptions import Neo4jError, ServiceUnavailable
    while True:
        try:
            with db.driver() as driver:
                driver.verify_connectivity()
            return
        except (ServiceUnavailable, Neo4jError, OSError) as exc:
            if process is not None and process.poll() is not None:
                raise Unavailable(f"the Neo4j launcher ended with code {process.returncode}") from exc
            if time.monotonic() > deadline:
                raise Unavailable(f"Neo4j at {db.uri} did not answer: {exc}") from exc
            time.sleep(0.2)


def start(workdir: Path) -> Neo4jServer:
    """The server for this test session: NEO4J_URI's, or Neo4j started here."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        db = Database(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        _wait_for_bolt(db, time.monotonic() + 30)
        server = Neo4jServer(samples=db, scratch=db)
    else:
        command = _launcher()
        password = secrets.token_urlsafe(12)
        ports = [_free_port(), _free_port()]
        homes = [workdir / "samples", workdir / "scratch"]
        log = workdir / "neo4j.log"
        began = time.monotonic()
        with open(log, "wb") as out:
            process = subprocess.Popen([*command, password, str(homes[0]), str(ports[0]),
                                        str(homes[1]), str(ports[1])],
                                       stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        dbs = [Database(f"bolt://127.0.0.1:{port}", "neo4j", password) for port in ports]
        server = Neo4jServer(samples=dbs[0], scratch=dbs[1], process=process, log=log)
        try:
            deadline = began + START_TIMEOUT
            while READY not in log.read_bytes():
                if process.poll() is not None:
                    raise Unavailable(f"the Neo4j launcher ended with code {process.returncode}:\n"
                                      + log.read_text(errors="replace")[-3000:])
                if time.monotonic() > deadline:
                    raise Unavailable(f"Neo4j did not start within {START_TIMEOUT:.0f} s")
                time.sleep(0.1)
            for db in dbs:
                _wait_for_bolt(db, deadline, process)
        except BaseException:
            server.stop()
            raise
        server.start_seconds = time.monotonic() - began
    for db in {id(server.samples): server.samples, id(server.scratch): server.scratch}.values():
        db.claim()
    with server.scratch.driver() as driver, driver.session() as session:
        row = session.run("CALL dbms.components() YIELD versions, edition "
                          "RETURN versions[0] AS neo4j, edition").single()
        server.versions = {"neo4j": row["neo4j"], "edition": row["edition"]}
        try:
            server.versions["apoc"] = session.run("RETURN apoc.version() AS v").single()["v"]
        except Exception:  # noqa: BLE001 - a server without APOC: the import test says so
            server.versions["apoc"] = None
    print(f"\nNeo4j {server.versions} ready"
          + (f" in {server.start_seconds:.1f} s" if server.start_seconds else ""), file=sys.stderr)
    return server
