"""Take out what files or documents gave (`policykg remove PATH|NUMBER...`, `build --drop-missing`).

A file's contributions are forgotten as when a changed file is built again (cypher.FORGET_FILE):
its tasks, the documents only it loaded, the citations and agencies no other file gives. A
document given by number loses its tasks and what it cites; a document that other documents
still cite stays, as a `Directive`. A document whose tasks came from a removed file but that
another loaded file also prints is read again from that file. Provision alignment is recomputed for the documents whose
chains ran through what went (a city plan whose province was removed no longer answers the State
Council's tasks through it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from policykg.numbers import canonicalize

from . import alignment
from .build import build
from .check import mark_conflicts
from .files import forget_files, loaded_files, under
from .model import GraphBatch
from .successions import relink

DOCUMENTS_NUMBERED = "MATCH (d:Document {number: $number}) RETURN d.id AS id ORDER BY id"


@dataclass
class RemoveSummary:
    files: list[str] = field(default_factory=list)  # files whose contributions went
    documents: list[str] = field(default_factory=list)  # document ids taken out by number
    not_found: list[str] = field(default_factory=list)  # targets that matched nothing
    read_again: list[str] = field(default_factory=list)  # files that still print a document that went

    def render(self) -> str:
        lines = [f"removed what {len(self.files)} file(s) and {len(self.documents)} document(s) gave"]
        lines += [f"  file {f}" for f in self.files]
        lines += [f"  document {d}" for d in self.documents]
        lines += [f"read again (it prints a document whose tasks came from a file removed): {f}"
                  for f in self.read_again]
        lines += [f"not in the store: {t}" for t in self.not_found]
        return "\n".join(lines)


def remove(store, targets) -> RemoveSummary:
    """Each target is a path (a file or a folder that was built) or a 发文字号 in any bracket style."""
    summary = RemoveSummary()
    files = loaded_files(store)
    stale: set[str] = set()  # documents whose provision alignment may change
    for target in targets:
        number = canonicalize(target) if not os.path.exists(target) else ""
        if number:
            ids = [row["id"] for row in store.query(DOCUMENTS_NUMBERED, {"number": number})]
            if not ids:
                summary.not_found.append(f"{target} (no document numbered {number})")
            stale |= alignment.affected(store, ids)
            for did in ids:
                store.write(GraphBatch("", forget_documents=[did]))
                summary.documents.append(did)
            continue
        matched = [f for f in files if under(f, target) and f not in summary.files]
        if not matched:
            summary.not_found.append(f"{target} (no document was read from it)")
        stale |= alignment.affected(store, alignment.documents_of_files(store, matched))
        again = forget_files(store, matched)
        summary.files.extend(matched)
        summary.read_again = sorted(set(summary.read_again + again) - set(summary.files))
    if summary.read_again:  # a document printed in a file that stays is read from it again; the
        build(store, summary.read_again, progress=False)  # build marks conflicts and relinks after it
    else:
        mark_conflicts(store)  # a conflict with a document taken out is gone
        relink(store)  # what the rest of the store gives: no edge to or from a body that went
    if stale:  # ANSWERS and CONTINUES that ran through what went are taken out or recomputed
        alignment.update(store, [], also=sorted(stale))
    return summary
