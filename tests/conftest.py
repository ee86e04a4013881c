"""Shared fixtures: a fresh store folder per test and the samples built once per session.

Every store server a test starts is stopped at the end (`stop_server`), whatever its leases say.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph.build import build
from policykg.graph.embedded import stop_server
from policykg.graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


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
def sample_store(sample_store_dir):
    """An open store holding the samples, shared by the session's read-only tests."""
    with open_store(sample_store_dir) as store:
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
