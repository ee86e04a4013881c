"""Hostile text never gets in: saved queries cannot write, parameter values are never Cypher,
HTML views escape every string, the embedded store listens on a private Unix socket only, and
Neo4j credentials never show in output or on the command line.

(The viz tests open the views in a real browser; here the HTML text itself is checked.)
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES, graph_snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.graph.build import build
from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord, to_graph
from policykg.graph.store import StoreError, open_store
from policykg.queries import runner

SECRET = "s3cret-XYZ"
HOSTILE_VALUES = [
    "x' }) DETACH DELETE n //",
    'x" }) DETACH DELETE n //',
    "x\\' }) DETACH DELETE n //",
    "x\\\\' }) MATCH (n) DETACH DELETE n //",
    "'; MATCH (n) DETACH DELETE n; //",
    "x'\nMATCH (n) DETACH DELETE n\n//",
    "$number",
    "{number: 'x'}",
    "\\",
    "'",
    '"',
    "`",
    "大连市卫生计生委' OR 1=1 //",
]


def cli(*args, env=None, store_dir=None) -> subprocess.CompletedProcess:
    pre = ["--store", str(store_dir)] if store_dir else []
    return subprocess.run([sys.executable, "-m", "policykg.cli", *pre, *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """A writable store holding the samples (tests here try to damage it)."""
    from policykg.graph.embedded import stop_server
    path = tmp_path_factory.mktemp("security") / "store"
    with open_store(path) as store:
        build(store, [SAMPLES], progress=False)
        yield path, store, store.counts(), graph_snapshot(store)
    stop_server(path)


def assert_unchanged(samples):
    _, store, counts, snapshot = samples
    assert store.counts() == counts
    assert graph_snapshot(store) == snapshot


# --- saved queries are read-only ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "MATCH (n) DETACH DELETE n",
    "CREATE (:Agency {id: 'agency:intruder'})",
    "MATCH (d:Document) SET d.title = 'owned' RETURN d.id AS id",
    "MERGE (a:Agency {id: 'agency:intruder'}) RETURN a.id AS id",
])
def test_a_write_in_a_read_only_query_fails_and_changes_nothing(samples, text):
    _, store, _, _ = samples
    with pytest.raises(StoreError):
        store.query(text, {}, read_only=True)
    assert_unchanged(samples)


def test_a_saved_query_that_writes_is_refused_by_the_runner(samples, monkeypatch):
    """Even a saved query file holding a write (a user cannot add one, but a bad edit could)
    runs in a read-only transaction."""
    _, store, _, _ = samples
    evil = runner.parse_query("// name: evil\n// description: deletes everything\n"
                              "MATCH (n) DETACH DELETE n RETURN 1 AS done\n", "evil.cypher")
    shipped = runner.list_queries()
    monkeypatch.setattr(runner, "list_queries", lambda: [*shipped, evil])
    with pytest.raises(StoreError):
        runner.run_query(store, "evil", {})
    assert_unchanged(samples)


def test_every_shipped_saved_query_is_read_only_text():
    writes = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|LOAD\s+CSV|CALL\s+db\.)\b", re.I)
    for q in runner.list_queries():
        body = "\n".join(line.split("//")[0] for line in q.text.splitlines())
        assert not writes.search(re.sub(r"'[^']*'", "''", body)), q.name


# --- parameters are values, never Cypher ----------------------------------------------------------

def _string_params(q):
    return [p for p in q.params if p.type == "string"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_parameter_values_match_nothing_and_delete_nothing(samples, value):
    _, store, _, _ = samples
    for q in runner.list_queries():
        for target in _string_params(q):
            params = {p.name: p.example for p in q.params if p.required}
            params[target.name] = value
            for group in q.one_of:  # give one complete group of alternatives
                if target.name in group:
                    params.update({n: value if n == target.name else next(p.example for p in q.params if p.name == n)
                                   for n in group})
                    break
            else:
                if q.one_of:
                    params.update({n: next(p.example for p in q.params if p.name == n) for n in q.one_of[0]})
            try:
                result = runner.run_query(store, q.name, params)
            except runner.QueryError:
                continue  # e.g. a value the declared type refuses
            if target.required and "DELETE" in value:  # no name, number or text holds these
                assert result.rows == [], (q.name, target.name, value, result.rows[:3])
    assert_unchanged(samples)


def test_hostile_parameter_through_the_cli_returns_no_rows(samples):
    path, _, _, _ = samples
    proc = cli("query", "run", "agency-tasks", "-p", "agency=x' }) DETACH DELETE n //", "--format", "json",
               store_dir=path)
    assert json.loads(proc.stdout) == []
    # a lookup by a key the store does not hold says so (the value travelled as data)
    assert proc.returncode == 1 and "no agency named x' }) DETACH DELETE n //" in proc.stderr
    assert_unchanged(samples)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60))
def test_any_string_parameter_comes_back_unchanged(samples, value):
    """The embedded store sends parameters in a text header: quotes and backslashes must survive."""
    _, store, _, _ = samples
    assert store.query("RETURN $v AS v", {"v": value}) == [{"v": value}]


def test_a_nul_in_a_value_fails_safe(samples):
    """FalkorDB ends the query text at a NUL: the query fails and does nothing (the reader drops
    NULs from every text it parses for this reason)."""
    _, store, _, _ = samples
    with pytest.raises(StoreError):
        store.query("RETURN $v AS v", {"v": "x\x00' }) MATCH (n) DETACH DELETE n //"})
    with pytest.raises(StoreError):
        store.query("MATCH (n) WHERE n.id = $v DETACH DELETE n", {"v": "\x00"}, read_only=False)
    assert_unchanged(samples)


def test_a_document_write_that_fails_leaves_nothing(store_dir):
    doc = DocumentRecord(source="nul.txt", number="淄政发〔2019〕77号", title="含\x00的标题",
                         tasks=[TaskRecord("（1）", "任务", "任务。")])
    with open_store(store_dir) as store:
        with pytest.raises(StoreError):
            store.write(to_graph(doc))
        assert store.counts()["labels"] == {"Agency": 0, "Directive": 0, "Document": 0, "Task": 0}


# --- HTML views escape every string ---------------------------------------------------------------

PAYLOADS = {"script": "<script>alert(1)</script>", "attr": '"onmouseover=alert(1) x="',
            "js": "javascript:alert(1)", "close": "</script><img src=x onerror=alert(2)>"}
NUMBER = "淄政发〔2019〕66号"
DIRECTIVE = "国办发〔2018〕99号"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    from policykg.graph.embedded import stop_server
    path = tmp_path_factory.mktemp("hostile") / "store"
    lead = AgencyRef("淄博市" + PAYLOADS["script"] + "局", PAYLOADS["attr"], region="淄博市", level="municipal",
                     aliases=[PAYLOADS["js"]], role_text="牵头", evidence=PAYLOADS["close"])
    helper = AgencyRef(PAYLOADS["attr"] + "委", "市" + PAYLOADS["attr"], role_text=PAYLOADS["js"])
    doc = DocumentRecord(
        source=PAYLOADS["close"] + ".txt", number=NUMBER, title="关于" + PAYLOADS["script"] + PAYLOADS["attr"] + "的通知",
        issuers=[AgencyRef(PAYLOADS["js"], PAYLOADS["js"], kind="government")], date="2019-01-02",
        doc_type=PAYLOADS["attr"], level="municipal", region=PAYLOADS["script"],
        implements=[Reference(number=DIRECTIVE, title=PAYLOADS["close"], issuer=PAYLOADS["script"],
                              level="national", year=2018, evidence=PAYLOADS["attr"])],
        tasks=[TaskRecord(f"（{i}）", PAYLOADS["script"] + f"任务{i}", PAYLOADS["close"] + PAYLOADS["attr"],
                          section=PAYLOADS["js"], deadline=PAYLOADS["script"], leads=[lead], cooperates=[helper],
                          subtasks=[TaskRecord("1", PAYLOADS["attr"], PAYLOADS["script"])]) for i in range(1, 4)])
    with open_store(path) as store:
        store.write(to_graph(doc))
        yield store, lead.name
    stop_server(path)


UNSAFE = [
    re.compile(re.escape("<script>alert(1)")),  # the payload as markup
    re.compile(r"</script><img", re.I),  # breaking out of a script block
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r'(?<!\\)"onmouseover', re.I),  # breaking out of an attribute (JSON keeps it as \")
    re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I),
]


@pytest.mark.parametrize("kind", ["overview", "document", "agency", "directive"])
def test_views_escape_every_string(hostile_store, tmp_path, kind):
    views = pytest.importorskip("policykg.viz.views")
    store, agency = hostile_store
    key = {"overview": None, "document": NUMBER, "agency": agency, "directive": DIRECTIVE}[kind]
    path = tmp_path / f"{kind}.html"
    drawn = views.write_view(store, kind, key, path)
    assert drawn["nodes"] > 0
    page = path.read_text(encoding="utf-8")
    for pattern in UNSAFE:
        assert not pattern.search(page), (kind, pattern.pattern, page[max(0, pattern.search(page).start() - 80):][:200])
    assert "alert(1)" in page  # the hostile names are drawn, escaped, not dropped


# --- the embedded store: a private Unix socket, no TCP port -----------------------------------------

def _listening_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        inodes |= {cols[9] for cols in map(str.split, lines) if cols[3] == "0A"}  # 0A = LISTEN
    return inodes


def test_embedded_store_listens_on_no_tcp_port(samples):
    path, store, _, _ = samples
    server = store.server
    conn = server.client()
    try:
        assert conn.config_get("port") == {"port": "0"}
        assert conn.config_get("unixsocketperm") == {"unixsocketperm": "700"}
    finally:
        conn.close()
    pid = int(server.pidfile.read_text())
    sockets = {os.readlink(f"/proc/{pid}/fd/{fd}")[len("socket:["):-1] for fd in os.listdir(f"/proc/{pid}/fd")
               if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:[")}
    assert sockets, "the server holds no socket at all?"
    assert not sockets & _listening_inodes(), "the store server listens on a TCP port"
    assert oct(server.socket.parent.stat().st_mode & 0o777) == "0o700"


# --- Neo4j credentials stay out of output and command lines -----------------------------------------

def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYKG_"))}
    return {**env, **extra}


def test_password_never_appears_when_neo4j_is_unreachable(tmp_path):
    env = _env(NEO4J_USER="neo4j", NEO4J_PASSWORD=SECRET)
    proc = cli("--neo4j", "bolt://127.0.0.1:1", "stats", env=env)
    assert proc.returncode != 0
    assert "bolt://127.0.0.1:1" in proc.stderr and "Traceback" not in proc.stderr
    assert SECRET not in proc.stdout + proc.stderr


def test_credentials_in_a_uri_are_refused_and_redacted():
    for args, env in [(["--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:1"], _env()),
                      ([], _env(NEO4J_URI=f"neo4j://admin:{SECRET}@127.0.0.1:1"))]:
        proc = cli(*args, "stats", env=env)
        assert proc.returncode != 0
        assert SECRET not in proc.stdout + proc.stderr
        assert "***@127.0.0.1:1" in proc.stderr and "NEO4J_PASSWORD" in proc.stderr


def test_the_command_line_has_no_credential_options():
    import click

    from policykg.cli import cli as root

    def options(cmd, path):
        for p in cmd.params:
            yield path, p
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                yield from options(sub, f"{path} {name}")

    for path, p in options(root, "policykg"):
        names = " ".join([*getattr(p, "opts", []), *getattr(p, "secondary_opts", []), p.name or ""]).lower()
        assert not re.search(r"pass|secret|token|auth|user|cred", names), (path, names)
    help_text = cli("--help", env=_env()).stdout
    assert "NEO4J_PASSWORD" in help_text  # where credentials come from is documented


def test_the_password_is_not_on_the_command_line_of_a_running_command(tmp_path):
    """`ps` shows argv: the secret travels in the environment only."""
    env = _env(NEO4J_USER="neo4j", NEO4J_PASSWORD=SECRET)
    proc = subprocess.Popen([sys.executable, "-m", "policykg.cli", "--neo4j", "bolt://127.0.0.1:1", "stats"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode(errors="replace")
    finally:
        out, err = proc.communicate(timeout=60)
    assert SECRET not in cmdline and SECRET not in out + err
