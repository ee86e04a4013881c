"""Where a build's time goes: the bench corpus built into a fresh store, with the CPU seconds of
each process (the build, its parse worker, the store server and the server's background AOF
rewrites) and of each step (writing the documents, the closing alignment, coverage, ...).

    python -m bench.build_time --docs 1000 --out /tmp/policykg-build-bench --runs 3

CPU times are read from the kernel around the build, so other work on a shared machine changes
them much less than the wall time; the load average is printed with each run.
"""
from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import time
from pathlib import Path

import psutil

from bench.corpus import generate
from policykg.graph import build as build_mod
from policykg.graph.embedded import stop_server
from policykg.graph.store import open_store

STEPS = ("mark_conflicts", "relink")  # names in graph/build.py timed as steps of their own
MODULE_STEPS = (("alignment", "update"), ("coverage", "refresh"))


class Server:
    """The store server's own CPU seconds, and those of the children it reaped (AOF rewrites)."""

    def __init__(self, store):
        self.process = psutil.Process(store.server._pid())

    def cpu(self) -> tuple[float, float]:
        t = self.process.cpu_times()
        return t.user + t.system, t.children_user + t.children_system


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_build(corpus: Path, store_dir: Path) -> dict:
    """Build `corpus` into a fresh `store_dir`; seconds of wall and CPU, in all and per step."""
    shutil.rmtree(store_dir, ignore_errors=True)
    steps: dict[str, list[float]] = {}  # name -> [calls, wall, build CPU, server CPU]
    patched = []

    def timing(name, fn, server):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            wall, cpu, srv = time.perf_counter(), time.process_time(), server.cpu()[0]
            try:
                return fn(*args, **kwargs)
            finally:
                s = steps.setdefault(name, [0, 0.0, 0.0, 0.0])
                s[0] += 1
                s[1] += time.perf_counter() - wall
                s[2] += time.process_time() - cpu
                s[3] += server.cpu()[0] - srv
        return timed

    load = os.getloadavg()[0]
    with open_store(store_dir) as store:
        server = Server(store)
        try:
            for name in STEPS:
                patched.append((build_mod, name, getattr(build_mod, name)))
                setattr(build_mod, name, timing(name, getattr(build_mod, name), server))
            for module, name in MODULE_STEPS:
                owner = getattr(build_mod, module)
                patched.append((owner, name, getattr(owner, name)))
                setattr(owner, name, timing(f"{module}.{name}", getattr(owner, name), server))
            store.write = timing("writing documents", store.write, server)
            wall, cpu, workers, (srv, rewrites) = time.perf_counter(), time.process_time(), _children_cpu(), server.cpu()
            summary = build_mod.build(store, [corpus / "docs"], progress=False)
            srv_end, rewrites_end = server.cpu()
            out = {"wall": time.perf_counter() - wall, "build": time.process_time() - cpu,
                   "workers": _children_cpu() - workers, "server": srv_end - srv,
                   "rewrites": rewrites_end - rewrites, "steps": steps, "load": (load, os.getloadavg()[0]),
                   "written": summary.documents_written, "files": summary.files}
        finally:
            for owner, name, fn in reversed(patched):
                setattr(owner, name, fn)
    log = store_dir / "redis.log"
    out["rewrite_count"] = log.read_text(errors="replace").count("rewriting started") if log.exists() else 0
    return out


def render(run: int, r: dict) -> str:
    total = r["build"] + r["workers"] + r["server"] + r["rewrites"]
    lines = [f"run {run}: {r['written']} documents from {r['files']} files in {r['wall']:.2f} s wall "
             f"(load {r['load'][0]:.1f} → {r['load'][1]:.1f}); CPU {r['build']:.2f} s build process, "
             f"{r['workers']:.2f} s parse worker(s), {r['server']:.2f} s store server, {r['rewrites']:.2f} s "
             f"AOF rewrites ({r['rewrite_count']}); all {total:.2f} s"]
    for name, (calls, wall, cpu, srv) in r["steps"].items():
        lines.append(f"  {name:<20} x{calls:<6} {wall:7.2f} s wall, CPU {cpu:6.2f} s build process, "
                     f"{srv:6.2f} s store server")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/policykg-build-bench"))
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args(argv)
    corpus = args.out / f"corpus-{args.docs}"
    if not (corpus / "summary.json").exists():
        generate(args.docs, corpus)
    store_dir = args.out / "store"
    for run in range(1, args.runs + 1):
        print(render(run, timed_build(corpus, store_dir)), flush=True)
    stop_server(store_dir)


if __name__ == "__main__":
    main()
