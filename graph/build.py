"""Build a store from files: parse each file, turn each document into a batch, write it.

A file that cannot be read is reported (path and reason) and skipped; the rest still loads.
Each document is one transaction, so an interrupted build leaves whole documents only, and
re-running the build completes it.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from dataclasses import dataclass, field

from policykg import loaders
from policykg.loaders import LoaderError

from .model import to_graph
from .store import StoreError


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

    def render(self) -> str:
        lines = [f"{self.files} files, {self.documents_written} documents written",
                 f"store: {self.documents} documents, {self.tasks} tasks, {self.agencies} agencies, "
                 f"{self.directives} directives, {self.relationships} relationships"]
        for path, reason in self.errors.items():
            lines.append(f"skipped {path}: {reason}")
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
        return path, loaders.parse_file(path), None
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


def _parse_into(files, out, parent: int) -> None:
    """The worker: parse each file and hand it on, in order."""
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    for path in files:
        out.put(_parse(path))
    out.put(None)


def _parsed(files):
    """Each file parsed, in order, by a worker process a few files ahead: parsing (CPU) then runs
    beside the writes, while this process waits on the store (a thread would share one GIL).
    Where no process can be started, files are parsed here."""
    try:
        ctx = multiprocessing.get_context("fork")
        out = ctx.Queue(maxsize=32)
        worker = ctx.Process(target=_parse_into, args=(files, out, os.getpid()), daemon=True)
        worker.start()
    except (OSError, ValueError):
        yield from map(_parse, files)
        return
    try:
        while (item := out.get()) is not None:
            yield item
    finally:
        worker.terminate()
        worker.join()


def build(store, paths, progress: bool | None = None) -> BuildSummary:
    """Load every file under `paths` into `store`; `progress=None` shows a bar on a terminal."""
    summary = BuildSummary()
    files = list(loaders.iter_files(paths))
    for path, result, error in _progress(_parsed(files), progress, len(files)):
        summary.files += 1
        if error is not None:
            summary.errors[str(path)] = error
            continue
        if result.warnings:
            summary.warnings[str(path)] = list(result.warnings)
        for doc in result.documents:
            try:
                store.write(to_graph(doc))
            except StoreError as exc:  # this document is refused whole; the others still load
                summary.errors[str(path)] = str(exc)
                continue
            summary.documents_written += 1
    counts = store.counts()
    labels, rels = counts["labels"], counts["relationships"]
    summary.documents = labels.get("Document", 0)
    summary.tasks = labels.get("Task", 0)
    summary.agencies = labels.get("Agency", 0)
    summary.directives = labels.get("Directive", 0)
    summary.relationships = sum(rels.values())
    store.compact()  # the embedded store rewrites its AOF so it reopens quickly
    return summary
