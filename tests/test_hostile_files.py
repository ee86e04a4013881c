"""Hostile and pathological files cannot exhaust memory or hang a build.

Each hostile file (a zip bomb .docx, one that lies about its sizes, 200,000 nested <div>s, a table
of 20,000 × 50 cells in a page and one of 5,000 × 50 in a .docx, a pdf of more pages than the limit) is made here and built with
`policykg build` in one folder beside good files of every format: it is refused in one line that
names the file and the limit, in under 60 s, with the build process and its parsing worker each
under 500 MB at their peak (their kernel high-water marks, VmHWM) and together under 500 MB, and
every good file loads. A file that takes longer than the parse budget is abandoned and the build
goes on with a new worker; so does a build whose worker dies on a file.
"""
from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import notice_text

from bench.large import HOSTILE, ledger_page, long_pdf, measured
from policykg.graph import build as build_module
from policykg.graph.embedded import stop_server
from policykg.records import FileResult

MIB = 2**20
POLICYKG = str(Path(sys.executable).parent / "policykg")
# what the one line of each refusal must say (the limit, or what is wrong)
REFUSAL = {
    "zip bomb 600MB.docx": "MAX_ZIP_PART_BYTES",
    "zip bomb lying sizes.docx": "lies about its sizes",
    "200000 nested divs.html": "MAX_HTML_DEPTH",
    "table 20000x50.html": "MAX_HTML_CELLS",
    "table 5000x50.docx": "MAX_DOCX_CELLS",
    "1001 pages.pdf": "MAX_PDF_PAGES",
}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, int]:
    """Good files of every format (a 0.5 MB 台账 page among them); returns (folder, documents)."""
    folder = tmp_path_factory.mktemp("good")
    for i in (1, 2):
        (folder / f"notice {i}.txt").write_text(notice_text(i), encoding="utf-8")
    (folder / "notice 3.html").write_text("<html><body>" + "".join(
        f"<p>{line}</p>" for line in notice_text(3).splitlines()) + "</body></html>", encoding="utf-8")
    document = docx.Document()
    for line in notice_text(4).splitlines():
        document.add_paragraph(line)
    document.save(folder / "notice 4.docx")
    ledger_page(folder / "台账 page.html", 0.5)
    long_pdf(folder / "notice 5.pdf", 3)
    return folder, 6


def _batch(folder: Path, good_folder: Path) -> None:
    for path in good_folder.iterdir():
        os.link(path, folder / path.name)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_is_refused_quickly_in_little_memory_and_the_rest_loads(name, good, tmp_path):
    good_folder, documents = good
    folder = tmp_path / "batch"
    folder.mkdir()
    _batch(folder, good_folder)
    HOSTILE[name](folder / name)
    store = tmp_path / "store"
    try:
        run = measured([POLICYKG, "--store", str(store), "build", str(folder)], timeout=300)
    finally:
        stop_server(store)
    print(f"\n{name} ({(folder / name).stat().st_size / MIB:.1f} MB) beside {documents} good files: "
          f"{run['wall']:.1f} s, peak build {run['peak_build'] / MIB:.0f} MiB, worker "
          f"{run['peak_worker'] / MIB:.0f} MiB, together {run['peak_tree'] / MIB:.0f} MiB")
    lines = run["output"].splitlines()
    skipped = [line for line in lines if line.startswith("skipped")]
    assert len(skipped) == 1 and skipped[0].startswith(f"skipped {folder / name}: "), run["output"]
    assert REFUSAL[name] in skipped[0]
    assert lines[0] == f"{documents + 1} files, {documents} documents written", run["output"]
    assert run["status"] == 1
    assert run["wall"] < 60
    assert run["peak_build"] < 500 * MIB and run["peak_worker"] < 500 * MIB and run["peak_tree"] < 500 * MIB


def test_a_file_over_the_parse_budget_is_abandoned_and_the_build_goes_on(good, tmp_path):
    good_folder, documents = good
    folder = tmp_path / "batch"
    folder.mkdir()
    long_pdf(folder / "0 slow.pdf", 200)  # some 7 s to parse: read first, over a 1 s budget
    _batch(folder, good_folder)
    store = tmp_path / "store"
    started = time.monotonic()
    try:
        run = measured([POLICYKG, "--store", str(store), "build", "--parse-timeout", "1", str(folder)])
    finally:
        stop_server(store)
    lines = run["output"].splitlines()
    assert lines[0] == f"{documents + 1} files, {documents} documents written", run["output"]
    (skipped,) = [line for line in lines if line.startswith("skipped")]
    assert skipped.startswith(f"skipped {folder / '0 slow.pdf'}: parsing took longer than the 1 s budget")
    assert "--parse-timeout" in skipped
    assert run["status"] == 1 and time.monotonic() - started < 60


def test_a_file_of_more_tasks_than_the_limit_is_refused_before_it_is_written(good, tmp_path):
    good_folder, documents = good
    folder = tmp_path / "batch"
    folder.mkdir()
    _batch(folder, good_folder)
    lines = ["淄博市人民政府办公室关于印发重点任务清单的通知", "淄政办发〔2019〕77号"]
    for part in range(1, 26):  # 25 parts of 1,000 tasks
        lines.append(f"第{part}部分任务")
        lines += [f"{i}.加强第{part}-{i}项工作，完善制度。（市卫生局牵头，市财政局配合）" for i in range(1, 1001)]
    (folder / "25000 项任务.txt").write_text("\n".join(lines + ["淄博市人民政府办公室", "2019年3月1日"]) + "\n",
                                           encoding="utf-8")
    store = tmp_path / "store"
    try:
        run = measured([POLICYKG, "--store", str(store), "build", str(folder)])
    finally:
        stop_server(store)
    lines = run["output"].splitlines()
    assert lines[0] == f"{documents + 1} files, {documents} documents written", run["output"]
    (skipped,) = [line for line in lines if line.startswith("skipped")]
    assert re.match(rf"skipped {re.escape(str(folder / '25000 项任务.txt'))}: 2\d,\d{{3}} tasks, more than the "
                    "20,000 one file may give", skipped), skipped
    assert "MAX_TASKS" in skipped
    assert run["peak_build"] < 500 * MIB and run["peak_worker"] < 500 * MIB


def _parse_or_die(path):
    """In the worker: a file named 'hang' never ends, one named 'die' kills the worker, one named
    'greedy' asks for 4 GiB."""
    if path.name == "hang":
        time.sleep(600)
    if path.name == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if path.name == "greedy":
        return bytearray(4 * 2**30)
    return FileResult(path.name)


@pytest.fixture
def worker_parses_with(monkeypatch):
    monkeypatch.setattr(build_module.loaders, "parse_file", _parse_or_die)  # the worker is forked after


@pytest.mark.parametrize("workers", ["1", "2", "3"])
def test_the_worker_is_replaced_after_a_hang_and_after_dying(worker_parses_with, tmp_path, monkeypatch, workers):
    """With one worker or several (file i parsed by worker i mod n), the files come back in
    their order, and a hang or a death costs only that file."""
    monkeypatch.setenv("POLICYKG_PARSE_WORKERS", workers)
    files = [tmp_path / n for n in ("a", "hang", "b", "die", "c", "hang", "die")]
    started = time.monotonic()
    got = [(path.name, result and result.path, error)
           for path, result, error in build_module._parsed(files, parse_timeout=1)]
    assert time.monotonic() - started < 20
    assert [(n, r) for n, r, _ in got] == [("a", "a"), ("hang", None), ("b", "b"), ("die", None), ("c", "c"),
                                          ("hang", None), ("die", None)]
    assert all("longer than the 1 s budget" in e for n, _, e in got if n == "hang")
    assert all("killed by signal 9" in e for n, _, e in got if n == "die")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_file_that_wants_more_memory_than_the_worker_may_take_is_skipped(worker_parses_with, tmp_path,
                                                                           monkeypatch, workers):
    monkeypatch.setenv("POLICYKG_PARSE_WORKERS", workers)
    files = [tmp_path / n for n in ("a", "greedy", "b")]
    got = [(path.name, result and result.path, error)
           for path, result, error in build_module._parsed(files, parse_timeout=60)]
    assert [(n, r) for n, r, _ in got] == [("a", "a"), ("greedy", None), ("b", "b")]
    assert "needed more memory than the 1024 MiB the parsing worker may take" in got[1][2]


def test_the_cli_default_budget_is_the_library_default():
    from policykg.cli import build

    (option,) = [p for p in build.params if p.name == "parse_timeout"]
    assert option.default == build_module.DEFAULT_PARSE_TIMEOUT
