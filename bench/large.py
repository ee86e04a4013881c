"""Large and hostile files: how time and memory grow with a legitimate file, and what a hostile one
costs before it is refused.

    python -m bench.large --out /tmp/policykg-large

Legitimate inputs are made at several sizes: a 台账 web page (one notice with its 附件 table of
tasks, Word-export markup) of 1 to 10 MB, and a notice printed as a pdf of 50 to 500 pages. Each
is read and parsed alone in a fresh process (seconds and the process's peak memory, VmHWM), then
built into a fresh store with `policykg build` (wall time, peak memory of the build process and
of its parsing worker). Hostile files (the issue's zip bomb, 200,000 nested divs, a table of
20,000 × 50 cells, a Word table of 5,000 × 50, a pdf of too many pages) are built one at a time
beside a good file.

The generators are also used by tests/test_hostile_files.py.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import psutil

from bench.run import high_water_rss

VENV_BIN = Path(sys.executable).parent
MIB = 2**20

AGENCIES = ["市卫生健康委", "市财政局", "市发展改革委", "市人力资源社会保障局", "市民政局", "市教育局",
            "市公安局", "市住房城乡建设局", "市医保局", "市市场监管局", "市自然资源和规划局", "市生态环境局"]
VERBS = ["加强", "完善", "推进", "落实", "健全", "深化", "提升", "规范", "优化", "统筹"]
OBJECTS = ["基层医疗卫生服务体系", "家庭医生签约服务", "分级诊疗制度", "药品供应保障机制", "公立医院综合改革",
           "医疗保障制度", "养老服务体系", "公共卫生应急能力", "全民健康信息平台", "人才队伍建设"]

HEADER = ["淄博市人民政府办公室", "关于印发淄博市深化医药卫生体制改革重点任务台账的通知", "淄政办发〔2019〕66号",
          "各区县人民政府，高新区、经济开发区、文昌湖区管委会，市政府各部门，各有关单位：",
          "为贯彻落实《国务院办公厅关于印发深化医药卫生体制改革2019年重点工作任务的通知》（国办发〔2019〕28号），"
          "现将《淄博市深化医药卫生体制改革重点任务台账》印发给你们，请认真贯彻执行。",
          "淄博市人民政府办公室", "2019年7月1日"]


def _task(i: int) -> tuple[str, str, str, str]:
    """(work, lead, cooperating, deadline) of the i-th task, all different."""
    work = (f"{VERBS[i % len(VERBS)]}{OBJECTS[(i // len(VERBS)) % len(OBJECTS)]}第{i}项工作，"
            f"健全工作机制，明确责任分工，确保按期完成第{i}项目标任务。")
    lead = AGENCIES[i % len(AGENCIES)]
    coop = "、".join(AGENCIES[(i + k) % len(AGENCIES)] for k in (3, 5))
    return work, lead, coop, f"{2019 + i % 3}年{i % 12 + 1}月底前"


# --- legitimate large inputs -----------------------------------------------------------------------

CELL = ("<td width=120 valign=top style='width:90.0pt;border:solid windowtext 1.0pt;border-top:none;"
        "padding:0cm 5.4pt 0cm 5.4pt'><span style='font-size:12.0pt;font-family:仿宋_GB2312'>{}</span></td>")


def ledger_page(path: Path, megabytes: float) -> int:
    """A 台账 page of about `megabytes` MB in Word-export markup; returns the number of rows."""
    head = "".join(f"<p class=MsoNormal>{html.escape(line)}</p>\n" for line in HEADER[:5])
    tail = "".join(f"<p class=MsoNormal align=right>{html.escape(line)}</p>\n" for line in HEADER[5:])
    header_row = "<tr>" + "".join(CELL.format(c) for c in ("序号", "工作任务", "牵头单位", "配合单位", "完成时限")) + "</tr>\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset='utf-8'><title>台账</title></head><body>"
                f"<div class=WordSection1>{head}{tail}<p class=MsoNormal>附件</p>"
                "<p class=MsoNormal>淄博市深化医药卫生体制改革重点任务台账</p>"
                f"<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0>{header_row}")
        size, rows = f.tell(), 0
        while size < megabytes * MIB:
            rows += 1
            row = "<tr>" + "".join(CELL.format(html.escape(c)) for c in (str(rows), *_task(rows))) + "</tr>\n"
            f.write(row)
            size += len(row.encode("utf-8"))
        f.write("</table></div></body></html>\n")
    return rows


def _pdf_canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path))


def long_pdf(path: Path, pages: int, lines_per_page: int = 36) -> int:
    """A notice printed as a pdf of `pages` pages: header, then numbered tasks of three lines each,
    each with its responsibility clause; returns the number of tasks."""
    c = _pdf_canvas(path)
    lines = HEADER[1:5] + ["一、重点任务"]
    tasks = 0
    while len(lines) < pages * lines_per_page - 2:
        tasks += 1
        work, lead, coop, due = _task(tasks)
        lines += [f"{tasks}.{work[:30]}", f"{work[30:]}要加强督导检查，定期通报进展。",
                  f"（{lead}牵头，{coop}配合；{due}完成）"]
    lines = lines[:pages * lines_per_page - 2] + HEADER[5:]
    for p in range(pages):
        c.setFont("STSong-Light", 11)
        for i, line in enumerate(lines[p * lines_per_page:(p + 1) * lines_per_page]):
            c.drawString(40, 800 - 21 * i, line)
        c.drawString(280, 30, f"— {p + 1} —")
        c.showPage()
    c.save()
    return tasks


# --- hostile files ---------------------------------------------------------------------------------

DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'officeDocument" Target="word/document.xml"/></Relationships>')
DOCX_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def zip_bomb_docx(path: Path, inflated_mb: int = 600) -> None:
    """A .docx of about 1 MB whose document.xml inflates to `inflated_mb` MB."""
    paragraph = ("<w:p><w:r><w:t>" + "一" * 1000 + "</w:t></w:r></w:p>").encode() * 256
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        with z.open("word/document.xml", "w") as f:
            f.write(DOCX_HEAD.encode())
            for _ in range(inflated_mb * MIB // len(paragraph)):
                f.write(paragraph)
            f.write(b"</w:body></w:document>")


def lying_zip_bomb_docx(path: Path, inflated_mb: int = 600, declared: int = 100_000) -> None:
    """A zip bomb whose headers declare document.xml `declared` bytes long."""
    zip_bomb_docx(path, inflated_mb)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_at, name_at in ((b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                data[at + size_at:at + size_at + 4] = declared.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def huge_table_docx(path: Path, rows: int = 5_000, cells: int = 50) -> None:
    """A .docx whose one table has rows × cells cells (each a different number, so that it packs
    like a real table, some 10 times)."""
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>" * cells + "</w:tr>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", DOCX_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        with z.open("word/document.xml", "w") as f:
            f.write((DOCX_HEAD + "<w:p><w:r><w:t>台账</w:t></w:r></w:p><w:tbl>").encode())
            for r in range(rows):
                f.write(row.format(*(r * cells + c for c in range(cells))).encode())
            f.write(b"</w:tbl></w:body></w:document>")


def nested_html(path: Path, depth: int = 200_000) -> None:
    path.write_text("<html><body>" + "<div>" * depth + "深" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")


def huge_table_html(path: Path, rows: int = 20_000, cells: int = 50) -> None:
    row = "<tr>" + "<td>值</td>" * cells + "</tr>\n"
    path.write_text("<html><body><p>台账</p><table>" + row * rows + "</table></body></html>", encoding="utf-8")


def many_pages_pdf(path: Path, pages: int) -> None:
    """A pdf of `pages` short pages (one line each)."""
    c = _pdf_canvas(path)
    for p in range(pages):
        c.setFont("STSong-Light", 11)
        c.drawString(40, 800, f"第{p + 1}页 加强基层医疗卫生服务能力建设。")
        c.showPage()
    c.save()


HOSTILE = {  # file name → writer
    "zip bomb 600MB.docx": zip_bomb_docx,
    "zip bomb lying sizes.docx": lying_zip_bomb_docx,
    "200000 nested divs.html": nested_html,
    "table 20000x50.html": huge_table_html,
    "table 5000x50.docx": huge_table_docx,
    "1001 pages.pdf": lambda p: many_pages_pdf(p, 1001),
}


# --- measuring -------------------------------------------------------------------------------------

def measured(cmd: list[str], every: float = 0.05, timeout: float = 600) -> dict:
    """Run a command; wall time, exit status, output, and the peak memory of the command's own
    process and of its other Python processes (the parsing workers), each its kernel high-water
    mark (VmHWM) read while it runs, and the largest sum of their resident memory sampled together.
    The store server it starts is not counted."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks: dict[int, int] = {}
    tree_peak = 0
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    reader.start()
    try:
        main = psutil.Process(proc.pid)
        while proc.poll() is None:
            total = 0
            try:
                family = [main] + [c for c in main.children(recursive=True) if "redis" not in c.name()]
            except psutil.Error:
                family = []
            for p in family:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                peaks[p.pid] = max(peaks.get(p.pid, 0), rss, high_water_rss(p.pid))
            tree_peak = max(tree_peak, total)
            if time.perf_counter() - start > timeout:
                proc.kill()
            time.sleep(every)
    finally:
        proc.wait()
        reader.join()
    main_peak = peaks.pop(proc.pid, 0)
    return {"wall": time.perf_counter() - start, "status": proc.returncode, "output": "".join(out),
            "peak_build": main_peak, "peak_worker": max(peaks.values(), default=0), "workers": len(peaks),
            "peak_tree": max(tree_peak, main_peak)}


PARSE_ONE = """
import json, sys, time
from policykg.loaders.read import read_text
from policykg.loaders.parse import parse_text
c0 = time.process_time(); t0 = time.perf_counter(); text, fmt = read_text(sys.argv[1])
t1, c1 = time.perf_counter(), time.process_time()
result = parse_text(text, sys.argv[1]); t2, c2 = time.perf_counter(), time.process_time()
hwm = next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"read": t1 - t0, "parse": t2 - t1, "read_cpu": c1 - c0, "parse_cpu": c2 - c1,
                  "chars": len(text), "peak": hwm,
                  "documents": len(result.documents), "tasks": sum(len(d.tasks) for d in result.documents)}))
"""


def parse_alone(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", PARSE_ONE, str(path)], capture_output=True, text=True,
                         check=True, timeout=900)
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_alone(folder: Path, store: Path) -> dict:
    from policykg.graph.embedded import stop_server

    shutil.rmtree(store, ignore_errors=True)
    try:
        return measured([str(VENV_BIN / "policykg"), "--store", str(store), "build", str(folder)])
    finally:
        stop_server(store)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="/tmp/policykg-large")
    ap.add_argument("--html-mb", default="1,2.5,5,10", help="sizes of the 台账 page, MB")
    ap.add_argument("--pdf-pages", default="50,125,250,500", help="sizes of the pdf, pages")
    ap.add_argument("--no-build", action="store_true", help="parse only (no store)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from bench.run import machine
    print("machine:", machine())
    rows = []
    inputs = [("html", float(x)) for x in args.html_mb.split(",") if x] + \
             [("pdf", int(x)) for x in args.pdf_pages.split(",") if x]
    for kind, size in inputs:
        folder = out / f"{kind}-{size:g}"
        folder.mkdir(exist_ok=True)
        path = folder / (f"台账 {size:g}MB.html" if kind == "html" else f"通知 {size:g}页.pdf")
        if not path.exists():
            ledger_page(path, size) if kind == "html" else long_pdf(path, int(size))
        p = parse_alone(path)
        row = {"file": path.name, "mb": path.stat().st_size / MIB, **p}
        if not args.no_build:
            b = build_alone(folder, out / "store")
            row.update(build=b["wall"], status=b["status"], peak_build=b["peak_build"],
                       peak_worker=b["peak_worker"], peak_tree=b["peak_tree"])
        rows.append(row)
        print(f"{row['file']:<16} {row['mb']:6.1f} MB {row['chars'] / 1e6:5.2f} M chars {row['tasks']:6} tasks  "
              f"read {row['read']:5.1f} s ({row['read_cpu']:5.1f} CPU)  parse {row['parse']:4.1f} s "
              f"({row['parse_cpu']:4.1f} CPU)  peak {row['peak'] / MIB:4.0f} MiB"
              + (f"  | build {row['build']:5.1f} s (exit {row['status']}), peak build {row['peak_build'] / MIB:4.0f}"
                 f" + worker {row['peak_worker'] / MIB:4.0f} MiB, together {row['peak_tree'] / MIB:4.0f} MiB"
                 if "build" in row else ""), flush=True)
    print("\nhostile files, each built beside one good file:")
    good = out / "good.txt"
    good.write_text("\n".join(HEADER[1:5] + ["一、重点任务", "（一）加强基层医疗卫生服务。（市卫生健康委牵头，市财政局配合）"]
                              + HEADER[5:]) + "\n", encoding="utf-8")
    for name, write in HOSTILE.items():
        folder = out / ("hostile-" + name.replace(" ", "_"))
        folder.mkdir(exist_ok=True)
        if not (folder / name).exists():
            write(folder / name)
        if not (folder / "good.txt").exists():
            os.link(good, folder / "good.txt")
        b = build_alone(folder, out / "store")
        said = next((line for line in b["output"].splitlines() if line.startswith("skipped")), "(not refused)")
        written = b["output"].splitlines()[0] if b["output"] else "?"
        print(f"{name:<26} {(folder / name).stat().st_size / MIB:5.1f} MB: {b['wall']:5.1f} s, peak build "
              f"{b['peak_build'] / MIB:4.0f} + worker {b['peak_worker'] / MIB:4.0f} MiB "
              f"(together {b['peak_tree'] / MIB:4.0f} MiB); {written}\n    {said[:220]}", flush=True)
    (out / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
