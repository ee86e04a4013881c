"""Build a store from files: parse each file, turn each document into a batch, write it.

A file that cannot be read is reported (path and reason) and skipped; the rest still loads.
Each document is one transaction, so an interrupted build leaves whole documents only, and
re-running the build completes it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from policykg import loaders

from .model import to_graph
from .store import StoreError

LoaderError = getattr(loaders, "LoaderError", Exception)


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


def _progress(files, enabled):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return files
    from tqdm import tqdm
    return tqdm(files, desc="building", unit="file", file=sys.stderr)


def build(store, paths, progress: bool | None = None) -> BuildSummary:
    """Load every file under `paths` into `store`; `progress=None` shows a bar on a terminal."""
    summary = BuildSummary()
    files = list(loaders.iter_files(paths))
    for path in _progress(files, progress):
        summary.files += 1
        try:
            result = loaders.parse_file(path)
        except (LoaderError, OSError, UnicodeError, ValueError) as exc:
            # a LoaderError names the file itself; the summary line already does
            summary.errors[str(path)] = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
            continue
        except Exception as exc:  # a loader bug must not stop the other files
            summary.errors[str(path)] = f"{type(exc).__name__}: {exc}"
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
