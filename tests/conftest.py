"""Shared fixtures: a fresh store per test and the samples built once per session, on both
engines where the behaviour is the store's (`target`, `sample_target`, `sample_store`: the
embedded FalkorDB and a Neo4j 5 server, see neo4j_server.py), or in a store folder where it is the
embedded store's own (`store_dir`, `sample_store_dir`).

Every store server a test starts is stopped at the end (`stop_server`), whatever its leases say.
`pytest -m neo4j` (`make test-neo4j`) runs only the Neo4j side.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import neo4j_server
from policykg.graph.build import build
from policykg.graph.embedded import stop_server
from policykg.graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ENGINES = ["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def pytest_configure(config):
    config.addinivalue_line("markers", "neo4j: runs against a Neo4j 5 server (make test-neo4j)")


@dataclass
class Target:
    """Where a test's store lives: an embedded store folder or a Neo4j database."""

    engine: str
    path: Path | None = None
    database: neo4j_server.Database | None = None

    @contextmanager
    def open(self):
        if self.database is None:
            with open_store(self.path) as store:
                yield store
        else:
            with self.database.credentials():
                store = open_store(neo4j_uri=self.database.uri)
            with store:
                yield store

    @property
    def args(self) -> list[str]:
        """The global options of `policykg` that select this store."""
        return ["--store", str(self.path)] if self.database is None else ["--neo4j", self.database.uri]

    def env(self, **extra) -> dict:
        import os
        return {**(os.environ if self.database is None else self.database.env()), **extra}

    def cli(self, *args, timeout=300, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "policykg.cli", *self.args, *map(str, args)],
                              capture_output=True, text=True, timeout=timeout,
                              env=self.env(), **kwargs)


@pytest.fixture(scope="session")
def neo4j(tmp_path_factory):
    """The session's Neo4j server (started here unless NEO4J_URI names one)."""
    try:
        server = neo4j_server.start(tmp_path_factory.mktemp("neo4j"))
    except neo4j_server.Unavailable as exc:
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture(params=ENGINES)
def target(request, tmp_path):
    """A fresh, empty store on each engine."""
    if request.param == "falkordb":
        path = tmp_path / "store"
        yield Target("falkordb", path=path)
        if path.exists():
            stop_server(path)
    else:
        db = request.getfixturevalue("neo4j").scratch
        assert db.holds is None, f"Neo4j's scratch database is in use by {db.holds}"
        db.empty()
        yield Target("neo4j", database=db)


@contextmanager
def filled_store(request, key: str, fill, tmp_path_factory):
    """An open store on the engine `request.param` names, holding what `fill(store)` wrote; on
    Neo4j it takes the scratch database until the fixture ends (module- or session-scoped)."""
    if request.param == "falkordb":
        path = tmp_path_factory.mktemp(key) / "store"
        with open_store(path) as store:
            fill(store)
            yield store
        stop_server(path)
    else:
        db = request.getfixturevalue("neo4j").scratch
        assert db.holds is None, f"Neo4j's scratch database is in use by {db.holds}"
        db.empty()
        db.holds = key
        try:
            with Target("neo4j", database=db).open() as store:
                fill(store)
                yield store
        finally:
            db.holds = None


@pytest.fixture(scope="session", autouse=True)
def _stop_every_test_server(tmp_path_factory):
    """After the session, stop any store server left under the test folders (set up first,
    so torn down last, after every other fixture)."""
    yield
    for conf in tmp_path_factory.getbasetemp().rglob("redis.conf"):
        stop_server(conf.parent)


@pytest.fixture
def store_dir(tmp_path):
    """A fresh, empty store folder; its server is stopped after the test."""
    path = tmp_path / "store"
    yield path
    if path.exists():
        stop_server(path)


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory):
    """samples/*.txt built once into a store folder (server stopped between uses)."""
    path = tmp_path_factory.mktemp("samples") / "store"
    with open_store(path) as store:
        build(store, [SAMPLES], progress=False)
    yield path
    stop_server(path)


@pytest.fixture(scope="session")
def falkordb_samples(sample_store_dir):
    return Target("falkordb", path=sample_store_dir)


@pytest.fixture(scope="session")
def neo4j_samples(neo4j):
    """The samples built into the Neo4j database kept for them."""
    db = neo4j.samples
    if db is neo4j.scratch:
        pytest.skip("one Neo4j database (NEO4J_URI) cannot hold the samples beside the scratch "
                    "store; the Neo4j that the tests start themselves has two")
    db.empty()
    with Target("neo4j", database=db).open() as store:
        build(store, [SAMPLES], progress=False)
    db.holds = "samples"
    return Target("neo4j", database=db)


@pytest.fixture(scope="session", params=ENGINES)
def sample_target(request):
    """The samples built once per session on each engine; tests only read it."""
    return request.getfixturevalue(f"{request.param}_samples")


@pytest.fixture(scope="session")
def sample_store(sample_target):
    """An open store holding the samples, shared by the session's read-only tests."""
    with sample_target.open() as store:
        yield store


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


# --- shared helpers ---------------------------------------------------------------------------

AGENCIES = ["市卫生局", "市财政局", "市发展改革委", "市人力资源社会保障局", "市民政局", "市教育局",
            "市公安局", "市住房城乡建设局"]
TOPICS = ["深化医药卫生体制改革", "推进分级诊疗制度建设", "加强基层医疗卫生服务", "改革完善药品供应保障",
          "促进养老服务发展", "做好就业创业工作"]


def notice_text(i: int) -> str:
    """A small official notice in GB/T 9704 shape: number, title, a cited directive, tasks."""
    topic = TOPICS[i % len(TOPICS)]
    tasks = []
    for j in range(1, 4 + i % 4):
        lead, partner = AGENCIES[(i + j) % len(AGENCIES)], AGENCIES[(i + 2 * j + 1) % len(AGENCIES)]
        tasks.append(f"（{'一二三四五六七八'[j - 1]}）加强第{j}项{topic}工作。"
                     f"要完善制度，落实责任，2019年底前完成。（{lead}牵头，{partner}配合）")
    return (f"淄博市人民政府办公室关于印发{topic}第{i}号工作方案的通知\n"
            f"淄政办发〔2019〕{i + 1}号\n\n各区县人民政府，市政府各部门：\n"
            f"    为贯彻落实《国务院办公厅关于{topic}的意见》（国办发〔2018〕{i % 5 + 1}号），"
            f"现将《{topic}第{i}号工作方案》印发给你们，请认真贯彻执行。\n\n"
            f"一、重点任务\n" + "\n".join(tasks) +
            f"\n\n淄博市人民政府办公室\n2019年3月{i % 28 + 1}日\n")


def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"notice_{i:04d}.txt").write_text(notice_text(i), encoding="utf-8")
    return folder


def graph_snapshot(store, sort_lists: bool = False) -> tuple[list, list]:
    """Every node and relationship with all properties, in a comparable order."""
    def norm(props):
        if not sort_lists:
            return props
        return {k: sorted(v) if isinstance(v, list) else v for k, v in props.items()}
    nodes = sorted(({**n, "properties": norm(n["properties"])} for n in store.nodes()),
                   key=lambda n: n["id"])
    rels = sorted(store.relationships(), key=lambda r: r["id"])
    return nodes, rels


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """60 small generated notices (enough for kills to land mid-build)."""
    return make_corpus(tmp_path_factory.mktemp("corpus"), 60)
