"""The offline site (`policykg site -o DIR`), clicked through in headless Chromium with the
network off: index → search finds a task → its document → an agency of its 台账 → a document
of that agency → the directive that document carries out. No script error, no request that
leaves the site's folder, hostile text shown as text. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import re

from click.testing import CliRunner

from policykg.cli import cli
from offline_tab import OfflineTab
from policykg.viz.site import write_site
from test_views import (ARTIFACTS, MUNICIPAL, NATIONAL, SCRIPT_TAG, bench_store,  # noqa: F401
                        hostile_store, legend_covers_nothing)


class Visit(OfflineTab):
    """One browser tab on the site, offline (OfflineTab), with screenshots."""

    def shot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def drawn(self):
        self.page.wait_for_selector('#pkg-status[data-ready="1"]', state="attached", timeout=60000)


def test_site_clicks_through_offline(hostile_store, browser, tmp_path):
    out = tmp_path / "site"
    counts = write_site(hostile_store, out)
    assert counts["documents"] == 4 and counts["agencies"] >= 8 and counts["directives"] >= 3
    visit = Visit(browser)
    p = visit.page
    try:
        p.goto((out / "index.html").resolve().as_uri())
        p.wait_for_selector('#task-status[data-loaded="1"]', state="attached", timeout=30000)
        assert p.locator("#results .hit").count() == 4  # every document listed before a search
        # facets: level, then back
        p.select_option("#f-level", "county")
        assert p.locator("#results").get_attribute("data-documents") == "1"
        p.select_option("#f-level", "")
        # search finds a task (its title is only in the task index)
        p.fill("#q", "城市医联体")
        p.wait_for_function("() => document.getElementById('results').dataset.tasks === '1'")
        visit.shot("site-index-search")
        p.locator("#results .hit", has_text="城市医联体").locator("a").click()
        # the document page: its 台账 and its view
        p.wait_for_load_state()
        assert MUNICIPAL in p.inner_text("h1") and SCRIPT_TAG in p.inner_text("h1")
        ledger = p.locator("table.ledger tbody tr.task, table.ledger tbody tr.sub")
        assert ledger.count() == 3
        visit.drawn()
        assert legend_covers_nothing(p)
        visit.shot("site-document")
        p.locator("table.ledger a", has_text="大连市卫生计生委").first.click()
        # the agency page: its tasks by document, and its view
        p.wait_for_load_state()
        assert p.inner_text("h1") == "单位 大连市卫生计生委"
        assert p.locator("table.ledger tbody tr").count() == 3  # two tasks and a sub-item
        visit.drawn()
        visit.shot("site-agency")
        p.locator("table.ledger a", has_text=MUNICIPAL).first.click()
        p.wait_for_load_state()
        p.locator("table.meta a", has_text="辽政办发").first.click()  # what the city plan carries out
        p.wait_for_load_state()
        assert "辽政办发〔2018〕5号" in p.inner_text("h1")
        p.locator("table.meta a", has_text=NATIONAL).click()
        # the directive page: its implementation tree, listed and drawn
        p.wait_for_load_state()
        assert p.inner_text("h1").startswith("上级文件 " + NATIONAL)
        tree = p.inner_text("ul.tree")
        for number in ("辽政办发〔2018〕5号", MUNICIPAL, "长政办发〔2019〕3号"):
            assert number in tree
        visit.drawn()
        visit.shot("site-directive")
        # and back home
        p.click("#home")
        p.wait_for_load_state()
        assert p.title() == "政策文件库"
        assert visit.errors == [] and visit.requests == [] and visit.dialogs == []
    finally:
        visit.context.close()


def test_site_files_hold_no_raw_markup_or_remote_reference(hostile_store, tmp_path):
    out = tmp_path / "site"
    write_site(hostile_store, out)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js"):
            text = path.read_text(encoding="utf-8")
            if path.name != "vis-network.min.js":
                assert SCRIPT_TAG not in text, path
            assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
                                 text, re.IGNORECASE), path


def test_site_command_prints_a_summary(sample_store_dir, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(sample_store_dir), "site", "-o",
                                      str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert re.search(r"已写出网站 .*index.html：\d+ 个文件、\d+ 项任务", result.output), result.output
    assert (tmp_path / "s" / "index.html").exists()


def test_bench_site_pages_open_offline(bench_store, browser, tmp_path):
    """The site of a 120-document generated corpus: every directive page and a spread of
    document and agency pages open with no script error and no request, their drawings
    ready; every link between pages leads to a page that exists."""
    out = tmp_path / "site"
    counts = write_site(bench_store, out)
    assert counts["documents"] >= 120 and counts["pages"] == (counts["documents"] + counts["agencies"]
                                                             + counts["directives"])
    for page in out.rglob("*.html"):
        for target in re.findall(r'href="(?:\.\./)?((?:doc|agency|directive)/[0-9a-f]{16}\.html)"',
                                 page.read_text(encoding="utf-8")):
            assert (out / target).exists(), (page, target)
    pages = (sorted(out.glob("directive/*.html")) + sorted(out.glob("doc/*.html"))[::15]
             + sorted(out.glob("agency/*.html"))[::40])
    visit = Visit(browser)
    try:
        for i, path in enumerate(pages):
            visit.page.goto(path.resolve().as_uri())
            if visit.page.locator("#pkg-status").count():
                visit.drawn()
            if i == 0:
                visit.shot("site-bench-directive")
        assert visit.errors == [] and visit.requests == [] and visit.dialogs == []
    finally:
        visit.context.close()


def test_site_from_worker_processes_is_the_site_from_one(bench_store, tmp_path):
    """Pages made by two forked workers, each reading its batches through its own connection,
    are the pages one process makes, file for file and byte for byte."""
    one, two = tmp_path / "one", tmp_path / "two"
    counts = write_site(bench_store, one, workers=1)
    assert write_site(bench_store, two, workers=2) == counts
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert len([f for f in files if f.parts[0] in ("doc", "agency", "directive")]) == counts["pages"]
    for rel in files:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel
