"""Which node each loaded document becomes, across the files of a build and the store.

The rules (DESIGN.md, model.document_id) give a document its id: `doc:` + canonical number;
else a hash of issuer and title; else `doc:t` + a digest of the document's own text. The text
digest, not the file's path, stands for "the file and the document's place in it": a file moved
to another folder, renamed, re-encoded or re-wrapped still gives the same document, and two
documents that differ in any character never share a node.

Two documents can still meet on one id: one 发文字号 printed on two different documents, or one
document printed in two files (a plan and a county's forwarding notice that reprints it). This
module tells them apart with what the store and the build already hold:
- different documents (same number, titles that do not agree): both are kept, the newcomer under
  its text id, and the build warns naming both titles and files;
- the same document in two files: one node, loaded from both (`loaded_from`, `source`); its
  tasks come from the copy with more tasks (a reprint is often abridged; on a tie, the copy read
  first), and the build says which it kept and why. A task's `source` opens with the file it was
  read from and lists every other file whose copy prints it (same place, same title or one the
  start of the other: a PDF that glued a heading to its text). When the
  file the tasks came from is forgotten, the files that still print the document are read again
  (`reread`), so what the graph says is the copy that remains. An unnumbered document
  is the same as one of the same issuer and title only when both print the same 成文日期
  (各地 reissue 关于进一步加强房地产市场调控的通知 year after year); otherwise both are kept;
- a file read before: if its documents changed, what it gave before is forgotten first (in the
  same transaction as its first document), so a corrected 发文字号 leaves no ghost.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .model import DocumentRecord, GraphBatch, identity, record_fingerprint, reprint, same_headline, to_graph

KNOWN_DOCUMENTS = (
    "MATCH (d:Document) WHERE d.loaded_from IS NOT NULL "
    "OPTIONAL MATCH (t:Task)-[:PART_OF]->(d) "
    "RETURN d.id AS id, d.number AS number, d.title AS title, d.date AS date, d.loaded_from AS files, "
    "d.fingerprint AS fingerprint, count(t) AS tasks, collect(DISTINCT t.source[0]) AS read_from"
)
# The tasks a stored copy gave, with the files that print each (a fuller copy replacing it keeps them).
STORED_TASKS = ("MATCH (:Document {id: $doc_id})<-[:PART_OF*1..]-(t:Task) "
                "RETURN t.id AS id, t.title AS title, t.source AS source")

_NOISE = re.compile(r"[\s《》〈〉“”‘’\"'「」『』]")
_ISSUING = re.compile(r"(?:印发|转发|发布|颁布)(.+?)(?:的(?:通知|决定|函|通告))?$")


def _title_forms(title: str) -> set[str]:
    """A title and what it may be cited as: without the issuer before 关于, the plan an 印发 or
    转发 notice carries, without its quotation marks."""
    t = _NOISE.sub("", title)
    forms = {t}
    m = _ISSUING.search(t)
    if m:
        forms.add(m.group(1))
    for f in list(forms):
        i = f.find("关于")
        if i > 0:
            forms.add(f[i:])
    return {f for f in forms if f}


def titles_agree(a: str, b: str) -> bool:
    """Can two titles name one document? (an empty title agrees with any; a plan's own title and
    the notice that issues it, a title with or without its issuer, an abbreviated citation)"""
    if not a or not b:
        return True
    fa, fb = _title_forms(a), _title_forms(b)
    return any(x in y or y in x for x in fa for y in fb)


def document_name(number: str, title: str) -> str:
    return number or (f"《{title}》" if title else "an untitled document")


@dataclass
class Known:
    """A document the store (or this build) holds."""

    number: str
    title: str
    files: list[str]
    fingerprint: str
    tasks: int
    date: str = ""
    read_from: str = ""  # the file its tasks were read from ("" when it has none)


@dataclass
class FilePlan:
    """What to write for one file: its batches (the first carries `forget`), and what to say."""

    batches: list[GraphBatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Identities:
    """Gives each document of a build its node, knowing what the store held when the build began
    and what the build has written since."""

    def __init__(self, store):
        self.store = store
        self.known: dict[str, Known] = {}
        self.by_file: dict[str, set[str]] = {}  # file -> ids of the documents read from it
        # files that print a document whose tasks came from a file forgotten since: read them again
        self.reread: set[str] = set()
        for row in store.query(KNOWN_DOCUMENTS):
            self._set(row["id"], Known(row["number"] or "", row["title"] or "",
                                       list(row["files"] or []), row["fingerprint"] or "",
                                       row["tasks"] or 0, row["date"] or "",
                                       next((f for f in row["read_from"] or [] if f), "")))

    def _set(self, did: str, known: Known) -> None:
        old = self.known.get(did)
        for f in old.files if old else ():
            self.by_file.get(f, set()).discard(did)
        self.known[did] = known
        for f in known.files:
            self.by_file.setdefault(f, set()).add(did)

    def gave_before(self, path: str) -> dict[str, str]:
        """id -> text digest of what `path` gave when it was read last (for a document whose
        tasks came from another file, the digest of that file's copy)."""
        return {did: self.known[did].fingerprint for did in self.by_file.get(path, ())}

    def plan(self, path: str, documents: list[DocumentRecord]) -> FilePlan:
        plan = FilePlan()
        say = plan.warnings.append
        chosen: list[tuple[DocumentRecord, str, bool]] = []  # (document, id, its tasks written from here)
        here: dict[str, tuple[int, str]] = {}  # id -> (place in this file, text digest)
        forget: set[str] = set()
        for place, doc in enumerate(documents, 1):
            did, whole = self._node_of(path, place, doc, here, forget, say)
            if did:
                here[did] = (place, record_fingerprint(doc))
                chosen.append((doc, did, whole))
        before = self.gave_before(path)
        if before and before != {did: record_fingerprint(doc) if whole else self.known[did].fingerprint
                                 for doc, did, whole in chosen}:
            forget.add(path)
        for f in forget:
            for did in self.by_file.pop(f, set()):
                known = self.known[did]
                known.files.remove(f)
                if known.read_from == f and known.files:  # its tasks went with f: read a copy left
                    self.reread.update(known.files)
        for doc, did, whole in chosen:
            other = self.known.get(did)
            files = [f for f in (other.files if other else []) if f != path] + [path]
            if whole:
                batch = to_graph(doc, did)
                if other and len(files) > 1:
                    self._keep_other_prints(batch, did, path, files)
                self._set(did, Known(doc.number, doc.title, files, record_fingerprint(doc), len(doc.tasks),
                                     doc.date, path))
            else:
                batch = reprint(doc, did, path)
                other.files = files
                self._set(did, other)
            plan.batches.append(batch)
        if forget:
            if not plan.batches:
                plan.batches.append(GraphBatch(""))
            plan.batches[0].forget = sorted(forget)
        return plan

    def _keep_other_prints(self, batch: GraphBatch, did: str, path: str, files: list[str]) -> None:
        """The copy read here replaces the stored one: each of its tasks that the files printing
        the stored copy print as well (same place, same title: model.same_headline) keeps them in
        its `source`."""
        printed = {row["id"]: (row["title"], row["source"] or [])
                   for row in self.store.query(STORED_TASKS, {"doc_id": did})}
        for node in batch.nodes:
            title, source = printed.get(node["id"], (None, []))
            if "Task" in node["labels"] and title is not None and same_headline(
                    title, node["properties"].get("title", "")):
                node["properties"]["source"] += [f for f in source if f != path and f in files]

    def _node_of(self, path: str, place: int, doc: DocumentRecord, here: dict, forget: set,
                 say) -> tuple[str, bool]:
        """The id document `place` of `path` is written under ("" when it is not: a second print
        of it in this file), and whether its tasks are written from here (False: a fuller copy
        was read from another file, and this file is only recorded as printing it)."""
        did, fp = identity(doc), record_fingerprint(doc)
        name = document_name(doc.number, doc.title)
        if did in here:
            first, first_fp = here[did]
            if first_fp == fp:
                say(f"{name}: printed twice in this file (documents {first} and {place}); loaded once")
                return "", False
            say(f"{name}: documents {first} and {place} of this file would share the id {did}; "
                f"kept both, document {place} as doc:t{fp}")
            did = "doc:t" + fp
        other = self.known.get(did)
        if other and path not in other.files and other.fingerprint != fp:
            if doc.number and not titles_agree(doc.title, other.title):
                say(f"{doc.number}: one number, two different documents: 《{other.title}》 "
                    f"({', '.join(other.files)}) and 《{doc.title}》 (this file); kept both, "
                    f"this one as doc:t{fp}")
                did = "doc:t" + fp
            elif not doc.number and (not doc.date or doc.date != other.date):
                say(f"{name}: {', '.join(other.files)} holds a document of the same issuer and title "
                    f"({other.date or 'no date'}, here {doc.date or 'no date'}); nothing shows it is the same "
                    f"document, so both are kept, this one as doc:t{fp}")
                did = "doc:t" + fp
            other = self.known.get(did)
        elsewhere = [f for f in other.files if f != path] if other else []
        if elsewhere and other.read_from != path:
            if not any(os.path.exists(f) for f in elsewhere):
                forget.update(elsewhere)  # the file moved (or was renamed): same document
            elif other.read_from in elsewhere and other.tasks >= len(doc.tasks):
                if path not in other.files:
                    say(f"{name} is also printed in {other.read_from}: kept the {other.tasks} "
                        f"tasks read there over the {len(doc.tasks)} read here")
                return did, False
            elif path not in other.files:
                say(f"{name} is also printed in {', '.join(elsewhere)}: its tasks now come from "
                    f"this file ({len(doc.tasks)} tasks, {other.tasks} there)")
        return did, True
