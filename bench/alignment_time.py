"""What provision alignment adds to the build: the same corpus built twice into fresh stores,
once with alignment switched off and once as shipped, then `policykg align` over the result.

    python -m bench.alignment_time --docs 1000 --out /tmp/policykg-align-bench
    python -m bench.alignment_time --matching --runs 3

`--matching` times the matching alone (no store in the loop): every pair of documents the built
store aligns, their tasks read once, `alignment.align` over all of them with its caches emptied
before each run (as a fresh build starts), CPU seconds of each run and the links found.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import time

import psutil
from pathlib import Path

from bench.corpus import generate
from policykg.graph import alignment, build as build_mod
from policykg.graph.embedded import stop_server
from policykg.graph.store import open_store


def _server_cpu(store) -> float:
    """CPU seconds the store's server process has used so far (0 for a store without one)."""
    pid = store.server._pid() if hasattr(store, "server") else None
    if not pid:
        return 0.0
    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed_build(corpus: Path, store_dir: Path, align: bool) -> tuple[float, float, float, object]:
    shutil.rmtree(store_dir, ignore_errors=True)
    original = build_mod.alignment.update
    if not align:
        build_mod.alignment.update = lambda *args, **kwargs: alignment.AlignSummary()
    try:
        with open_store(store_dir) as store:
            wall, cpu, server = time.perf_counter(), time.process_time(), _server_cpu(store)
            worker = _children_cpu()
            summary = build_mod.build(store, [corpus / "docs"], progress=False)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            server = _server_cpu(store) - server
            cpu = (cpu, _children_cpu() - worker)  # this process; the parse worker (joined)
    finally:
        build_mod.alignment.update = original
    return wall, cpu, server, summary


def _clear_caches() -> None:
    for name in dir(alignment):
        fn = getattr(alignment, name)
        if callable(getattr(fn, "cache_clear", None)) and name != "framing_headings":
            fn.cache_clear()


def _matching(corpus: Path, store_dir: Path, runs: int) -> None:
    if not (store_dir / "redis.conf").exists():
        _timed_build(corpus, store_dir, True)
    with open_store(store_dir) as store:
        chains, _ = alignment.plan(store)
        tasks = alignment._tasks(store, set(chains) | {u for ups in chains.values() for u in ups})
    stop_server(store_dir)
    pairs = [(tasks[local], tasks[up]) for local, ups in chains.items() for up in ups]
    for run in range(runs):
        _clear_caches()
        cpu = time.process_time()
        links = sum(len(alignment.align(local, up)) for local, up in pairs)
        print(f"run {run + 1} matching {len(pairs)} pairs: {time.process_time() - cpu:.2f} s CPU, {links} links")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/policykg-align-bench"))
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--matching", action="store_true",
                    help="time alignment.align alone over the pairs of a store built once")
    args = ap.parse_args(argv)
    corpus = args.out / f"corpus-{args.docs}"
    if not (corpus / "summary.json").exists():
        generate(args.docs, corpus)
    store_dir = args.out / "store"
    if args.matching:
        return _matching(corpus, store_dir, args.runs)
    for run in range(args.runs):
        for align in (False, True):
            wall, cpu, server, s = _timed_build(corpus, store_dir, align)
            print(f"run {run + 1} build {'with' if align else 'without'} alignment: {wall:.2f} s wall, "
                  f"CPU {cpu[0]:.2f} s in the build process, {cpu[1]:.2f} s in the parse worker, "
                  f"{server:.2f} s in the store server, total {sum(cpu) + server:.2f} s; "
                  f"{s.documents_written} documents")
    with open_store(store_dir) as store:
        chains, series = alignment.plan(store)
        t, cpu, server = time.perf_counter(), time.process_time(), _server_cpu(store)
        summary = alignment.realign(store, progress=False)
        t, cpu, server = time.perf_counter() - t, time.process_time() - cpu, _server_cpu(store) - server
        print(f"policykg align over the store: {t:.2f} s wall, CPU {cpu:.2f} s here + {server:.2f} s in "
              f"the store server; {len(chains)} local documents with a loaded "
              f"upstream, {len(series)} series years; {alignment.render(summary)}")
    stop_server(store_dir)


if __name__ == "__main__":
    main()
