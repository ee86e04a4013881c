"""Build a store from files: parse each file, turn each document into a batch, write it.

A file that cannot be read is reported (path and reason) and skipped; the rest still loads.
Each document is one transaction, so an interrupted build leaves whole documents only, and
re-running the build completes it.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from policykg import loaders
from policykg.loaders import LoaderError, limits

from . import alignment, coverage
from .check import conflict_warnings, mark_conflicts
from .identity import Identities
from .files import forget_files, missing_under
from .store import StoreError
from .successions import relink

# CPU seconds one file may take to parse before it is abandoned (a 500-page pdf takes about 20 s,
# a 10 MB 台账 page about 6 s): a file within every limit of loaders/limits.py that still hangs.
DEFAULT_PARSE_TIMEOUT = 120.0
WAIT_FACTOR = 4  # a worker that does not compute is given this many times the budget in wall time
# Memory the parsing worker may take beyond what it starts with (its address-space limit): the last
# line of defence against a file no limit foresaw (e.g. a pdf stream that inflates to gigabytes).
# Parsing the largest files the limits let through takes under 200 MB (see README).
PARSE_MEMORY = 1024 * 2**20


@dataclass
class BuildSummary:
    files: int = 0
    documents_written: int = 0
    documents: int = 0  # in the store after the build
    tasks: int = 0
    agencies: int = 0
    directives: int = 0
    relationships: int = 0
    warnings: dict[str, list[str]] = field(default_factory=dict)  # file -> what to check
    errors: dict[str, str] = field(default_factory=dict)  # file -> why it was skipped
    dropped: list[str] = field(default_factory=list)  # files gone from the folders (drop_missing)
    not_read: list[str] = field(default_factory=list)  # files of a folder in no document format

    def render(self, warnings: bool = True) -> str:
        lines = [f"{self.files} files, {self.documents_written} documents written",
                 f"store: {self.documents} documents, {self.tasks} tasks, {self.agencies} agencies, "
                 f"{self.directives} directives, {self.relationships} relationships"]
        if self.dropped:
            lines.append(f"dropped what {len(self.dropped)} file(s) no longer in the folders gave:")
            lines.extend(f"  - {path}" for path in self.dropped)
        for path, reason in self.errors.items():
            lines.append(f"skipped {path}: {reason}")
        if self.not_read:
            lines.append(f"not read, {len(self.not_read)} file(s) in no document format "
                         "(txt, html, docx, pdf, xlsx, xls, doc, wps, json):")
            lines.extend(f"  - {path}" for path in self.not_read)
        if warnings:
            lines.append(self.render_warnings())
        return "\n".join(line for line in lines if line)

    def render_warnings(self) -> str:
        lines = []
        for path, warnings in self.warnings.items():
            lines.append(f"warnings for {path}:")
            lines.extend(f"  - {w}" for w in warnings)
        return "\n".join(lines)


def _progress(items, enabled, total):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return items
    from tqdm import tqdm
    return tqdm(items, desc="building", unit="file", total=total, file=sys.stderr)


def _parse(path):
    """(path, result, None), or (path, None, why the file was skipped)."""
    try:
        result = loaders.parse_file(path)
        if problem := limits.check_tasks(result.documents):  # before the store holds it whole
            return path, None, problem
        return path, result, None
    except MemoryError:
        return path, None, (f"needed more memory than the {PARSE_MEMORY // 2**20} MiB the parsing worker "
                            "may take (PARSE_MEMORY); skipped: a pathological file, or split it")
    except (LoaderError, OSError, UnicodeError, ValueError) as exc:
        # a LoaderError names the file itself; the summary line already does
        return path, None, getattr(exc, "problem", None) or str(exc) or type(exc).__name__
    except Exception as exc:  # a loader bug must not stop the other files
        return path, None, f"{type(exc).__name__}: {exc}"


def _exit_with(parent: int) -> None:
    """In the worker: end it as soon as the build that started it has gone (killed), wherever
    the worker waits (a full queue, a pipe nobody reads)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _cap_memory(extra: int) -> None:
    """Limit this process's address space to what it has now plus `extra` bytes: an allocation
    beyond fails with MemoryError instead of taking the machine's memory."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = size + extra if hard == resource.RLIM_INFINITY else min(hard, size + extra)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: no cap


def _parse_into(files, start: int, step: int, skip: dict, out, state, parent: int) -> None:
    """A worker: parse files start, start + step, … and hand each on, in order. `state` tells the
    build which file is being parsed and since when; files in `skip` are not parsed again."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build; it ends the worker
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _cap_memory(PARSE_MEMORY)
    for i in range(start, len(files), step):
        state[1], state[2] = time.monotonic(), time.process_time()
        state[0] = i
        out.put((files[i], None, skip[i]) if i in skip else _parse(files[i]))
    state[0] = len(files)
    out.put(None)


def parse_workers() -> int:
    """How many processes parse beside the writes: POLICYKG_PARSE_WORKERS, or one for every core
    but the one the build and the store server share (at least one, at most four)."""
    given = os.environ.get("POLICYKG_PARSE_WORKERS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(4, cores - 1))


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds a process has used (Linux /proc), None where that cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _spent(pid: int, state) -> float:
    """What the worker has spent on its file so far: CPU seconds, so that a loaded machine does
    not make a file look slow; or a quarter of the seconds waited, where a worker that waits
    (a file on a stalled network share) or /proc is not there."""
    waited = (time.monotonic() - state[1]) / WAIT_FACTOR
    cpu = _cpu_seconds(pid)
    return waited if cpu is None else max(cpu - state[2], waited)


def _over_budget(seconds: float) -> str:
    return (f"parsing took longer than the {seconds:g} s budget a file has; abandoned (the worker was "
            "replaced and the build went on). Split the file, or give it more time with "
            "--parse-timeout / POLICYKG_PARSE_TIMEOUT")


def _worker_died(exitcode) -> str:
    how = f"was killed by signal {-exitcode}" if exitcode and exitcode < 0 else f"ended (status {exitcode})"
    hint = " (out of memory?)" if exitcode == -9 else ""
    return (f"the parsing worker {how}{hint} while reading this file; skipped (the worker was replaced "
            "and the build went on)")


class _Worker:
    """One parsing process and its queue: files start, start + step, … of the build's list."""

    def __init__(self, ctx, files, start: int, step: int, skip: dict):
        self.out = ctx.Queue(maxsize=32)
        self.state = ctx.Array("d", [start, time.monotonic(), 0.0], lock=False)
        self.process = ctx.Process(target=_parse_into,
                                   args=(files, start, step, skip, self.out, self.state, os.getpid()),
                                   daemon=True)
        self.process.start()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.out.cancel_join_thread()
        self.out.close()


def _parsed(files, parse_timeout: float | None = DEFAULT_PARSE_TIMEOUT, workers: int | None = None):
    """Each file parsed, in order, by worker processes a few files ahead: parsing (CPU) then runs
    beside the writes, while this process waits on the store (a thread would share one GIL).
    With `workers` processes (default: parse_workers()) file i is parsed by worker i mod
    `workers`, and the files are handed on in their order all the same. A file that takes more
    than `parse_timeout` CPU seconds (or four times that waiting; None or 0: no limit) is
    abandoned: its worker is killed and a new one goes on with that worker's next file; so is a
    file on which a worker dies. Where no process can be started, files are parsed here, without
    a budget."""
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:
        yield from map(_parse, files)
        return
    step = max(1, min(workers or parse_workers(), len(files)))
    position, skip = 0, {}
    poll = min(1.0, parse_timeout / 4) if parse_timeout else 1.0
    running: dict[int, _Worker] = {}
    try:
        while position < len(files):
            k = position % step
            if k not in running:
                try:
                    running[k] = _Worker(ctx, files, position, step, skip)
                except OSError:
                    yield from map(_parse, files[position:])
                    return
            worker = running[k]
            try:
                item = worker.out.get(timeout=poll)
            except queue.Empty:
                busy_on = int(worker.state[0])
                failed = None
                if not worker.process.is_alive():  # died (killed by the kernel, a crash in a C library)
                    worker.process.join()
                    failed = _worker_died(worker.process.exitcode)
                elif parse_timeout and busy_on == position and _spent(worker.process.pid, worker.state) > parse_timeout:
                    failed = _over_budget(parse_timeout)
                if failed is not None:
                    skip[busy_on] = failed
                    worker.stop()
                    del running[k]  # a new worker starts where this one was
                continue
            if item is None:  # this worker's files are done (not reached while it has one to give)
                return
            yield item
            position += 1
    finally:
        for worker in running.values():
            worker.stop()


def _write_files(store, files, identities: Identities, summary: BuildSummary, parse_timeout,
                 progress) -> tuple[list[str], set[str]]:
    """Parse and write each file; the ids written, and the documents whose alignment a forgotten
    file may have changed."""
    written: list[str] = []
    stale: set[str] = set()
    for path, result, error in _progress(_parsed(files, parse_timeout), progress, len(files)):
        summary.files += 1
        if error is not None:
            summary.errors[str(path)] = error
            continue
        plan = identities.plan(str(path), result.documents)
        warnings = list(result.warnings) + plan.warnings
        if warnings:
            summary.warnings[str(path)] = warnings
        if plan.batches and plan.batches[0].forget:  # what the forgotten files gave is aligned again
            stale |= alignment.affected(store, alignment.documents_of_files(store, plan.batches[0].forget))
        for batch in plan.batches:
            batch.coverage = False  # counted once, at the end
            try:
                store.write(batch)
            except StoreError as exc:  # this document is refused whole; the others still load
                summary.errors[str(path)] = str(exc)
                continue
            summary.documents_written += bool(batch.document_id)
            if batch.document_id:
                written.append(batch.document_id)
    return written, stale


def build(store, paths, progress: bool | None = None,
          parse_timeout: float | None = DEFAULT_PARSE_TIMEOUT, drop_missing: bool = False) -> BuildSummary:
    """Load every file under `paths` into `store`; `progress=None` shows a bar on a terminal.
    A file whose parsing takes longer than `parse_timeout` seconds is skipped (None: no limit).
    `drop_missing` also takes out what files once loaded from these folders, and no longer in
    them, gave."""
    summary = BuildSummary()
    not_read = []
    files = list(loaders.iter_files(paths, not_read))
    summary.not_read = [str(p) for p in not_read]
    identities = Identities(store)
    written, stale = _write_files(store, files, identities, summary, parse_timeout, progress)
    again = set(identities.reread)  # files that print a document whose tasks came from a file forgotten here
    if drop_missing:
        summary.dropped = missing_under(store, [p for p in paths if os.path.isdir(p)])
        stale |= alignment.affected(store, alignment.documents_of_files(store, summary.dropped))
        again |= set(forget_files(store, summary.dropped))
    again = sorted(f for f in again - {str(p) for p in files} if os.path.exists(f))
    if again:  # read again, so that such a document is what the files that remain print
        more_written, more_stale = _write_files(store, [Path(f) for f in again], identities, summary,
                                                parse_timeout, False)
        written += more_written
        stale |= more_stale
    # the links that cross a number conflict, for the traces to show; said for the files read here
    for path, warnings in conflict_warnings(mark_conflicts(store), map(str, files)).items():
        summary.warnings.setdefault(path, []).extend(warnings)
    relink(store)  # SUCCEEDED_BY between the agencies the store now holds
    coverage.refresh(store)  # the directives above what was written or taken out
    if written or stale:  # task-level alignment of what was written and of the documents below it
        alignment.update(store, written, also=sorted(stale))
    counts = store.counts()
    labels, rels = counts["labels"], counts["relationships"]
    summary.documents = labels.get("Document", 0)
    summary.tasks = labels.get("Task", 0)
    summary.agencies = labels.get("Agency", 0)
    summary.directives = labels.get("Directive", 0)
    summary.relationships = sum(rels.values())
    store.compact()  # the embedded store rewrites its AOF so it reopens quickly
    return summary
