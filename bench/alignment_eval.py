"""Score the provision alignment (graph/alignment.py) against hand-made links.

    python -m bench.alignment_eval DIR [DIR...] [--threshold T] [--tune] [-v] [--misses]

Each DIR holds `gold.json` and `docs/` in the format of ../shared/alignment (its check.py and
NOTES.md): documents with their tasks (label, title), `links` from each local task to the
upstream tasks it answers, and `unanswered` upstream tasks per pair of documents. A task's text is
its stretch as printed, from its label and headline to the next task (or the end of its document),
read the way check.py reads it. Scores link pairs (local task, upstream task) over every linked
pair of documents (and the optional `cross_level` block), and the unanswered upstream tasks
(framing items marked `optional` are exempt on both sides). `--tune` prints P/R/F1 for a range of
thresholds, so that one set chooses it and the other tests it. `--misses` goes through the local
tasks whose links differ from the gold one by one: each gold upstream task with its score and its
rank among the local task's candidates, what the matcher linked (score, method) and its best
candidates, so that a rule is written after reading why each miss happened.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from policykg.graph import alignment

SEPS = ("", "．", ".", "、")
SECTION_LABEL = re.compile(r"^([一二三四五六七八九十]+)、(（[一二三四五六七八九十]+）)$")
# an item numbered afresh under each （一）-style heading: "（一）1", "(一)1" (heading, then item)
HEADED_LABEL = re.compile(r"^([（(][一二三四五六七八九十]+[）)])(\d+)$")
HEADING = re.compile(r"[（(][一二三四五六七八九十]+[）)]")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _find(plain: str, label: str, title: str, lo: int, hi: int) -> int:
    m = SECTION_LABEL.match(label)
    if m:
        label = m.group(2)
    m = HEADED_LABEL.match(label)
    if m:  # the item under the nearest heading before it, which must be this one
        for sep in SEPS:
            for hit in re.finditer(re.escape(m.group(2) + sep + title), plain[lo:hi]):
                i = lo + hit.start()
                if i > 0 and plain[i - 1].isdigit():
                    continue
                heads = HEADING.findall(plain, lo, i)
                if heads and _same_heading(heads[-1], m.group(1)):
                    return i
        raise ValueError(f"task {label} {title} not printed under its heading")
    for sep in SEPS:
        start = lo
        while True:
            i = plain.find(label + sep + title, start, hi)
            if i < 0:
                break
            if not (label[:1].isdigit() and i > 0 and plain[i - 1].isdigit()):
                return i
            start = i + 1
    raise ValueError(f"task {label} {title} not printed")


def _same_heading(a: str, b: str) -> bool:
    return a.translate(_BRACKETS) == b.translate(_BRACKETS)


_BRACKETS = str.maketrans("()", "（）")


@lru_cache(maxsize=None)
def _parsed(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(plain headline, section, text) of each top-level task the build reads in a file, in order."""
    from policykg.loaders.parse import parse_file

    return tuple((alignment._plain(t.title), t.section, t.text) for d in parse_file(path).documents
                 for t in d.tasks)


def _as_built(path: Path, titles: list[str]) -> list[tuple[str, str] | None]:
    """(section, text) of each annotated task as the build reads it: the section is the headings
    it falls under, the text its own (no heading of the next section, no signature after the
    last task); from the next task the build reads with the same headline, in order; None where
    it reads none (an annex row it does not list)."""
    parsed, out, k = _parsed(path), [], 0
    for title in titles:
        t = alignment._plain(title)
        hit = next((i for i in range(k, len(parsed)) if parsed[i][0] == t), None)
        if hit is None:
            out.append(None)
        else:
            out.append(parsed[hit][1:])
            k = hit + 1
    return out


def _text(path: Path) -> str:
    """A document's text: a .txt as it is (check.py reads it so), a page or file as the build reads
    it (an html page's tags, a docx's or pdf's layout left out)."""
    if path.suffix.lower() == ".txt":
        return path.read_bytes().decode("utf-8-sig")
    from policykg.loaders.read import read_text

    return read_text(path, [])[0]


def load(folder: Path):
    """({doc key: [(label, Item, optional)]}, gold dict)."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    docs = {}
    for fname, g in gold["documents"].items():
        plain = squeeze(_text(folder / "docs" / fname))
        bounds = [0 if i == 0 and not d.get("starts_at") else plain.find(squeeze(d["starts_at"]))
                  for i, d in enumerate(g["documents"])]
        for i, d in enumerate(g["documents"]):
            lo, hi = bounds[i], bounds[i + 1] if i + 1 < len(bounds) else len(plain)
            starts = [_find(plain, t["label"], t["title"], lo, hi) for t in d["tasks"]]
            built = _as_built(folder / "docs" / fname, [t["title"] for t in d["tasks"]])
            tasks = []
            for k, t in enumerate(d["tasks"]):
                end = starts[k + 1] if k + 1 < len(starts) else hi
                section, text = built[k] or ("", plain[starts[k]:end])
                tasks.append((t["label"], alignment.Item(t["label"], t["label"], t["title"], text, section),
                              bool(t.get("optional"))))
            docs[d.get("number") or fname] = tasks
    return docs, gold


def records(folder: Path):
    """The gold documents as records for the store: metadata and tasks (label, headline, the text
    as check.py reads it) as annotated, so that a real chain can be written and queried even
    where the loaders do not yet read a layout. A cited number is stored in its canonical form
    (榕政办[2016]180号 as 榕政办〔2016〕180号), as the loaders store it."""
    from policykg.graph.model import AgencyRef, DocumentRecord, Reference, TaskRecord
    from policykg.numbers import canonicalize

    docs, gold = load(folder)
    out = []
    for fname, g in gold["documents"].items():
        for d in g["documents"]:
            key = d.get("number") or fname
            issuer = d["issuer"][0] if d["issuer"] else ""
            refs = lambda nums: [Reference(canonicalize(n) or n, g.get("directives", {}).get(n, {}).get("title", ""),
                                           g.get("directives", {}).get(n, {}).get("issuer", ""),
                                           g.get("directives", {}).get(n, {}).get("level", ""))
                                 for n in nums]
            out.append(DocumentRecord(
                source=f"{folder.name}/docs/{fname}", number=d.get("number", ""), title=d["title"],
                issuers=[AgencyRef(name=issuer, surface=issuer, level=d["level"], kind="government")],
                date=d.get("date", ""), level=d["level"], region=d.get("region", ""),
                tasks=[TaskRecord(lab, it.title, it.text, section=it.section, order=k) for k, (lab, it, _) in enumerate(docs[key], 1)],
                implements=refs(d.get("implements", [])), forwards=refs(d.get("forwards", []))))
    return out


def write_store(folders, store_dir) -> str:
    """Write every gold document of `folders` into a store and align it (as a build would)."""
    from policykg.graph.model import to_graph
    from policykg.graph.store import open_store

    with open_store(store_dir) as store:
        ids = []
        for folder in folders:
            for rec in records(folder):
                batch = to_graph(rec)
                store.write(batch)
                ids.append(batch.document_id)
        return alignment.render(alignment.update(store, ids))


def blocks(gold):
    yield "links", gold["links"], gold.get("unanswered", {})
    if gold.get("cross_level"):
        yield "cross_level", gold["cross_level"]["links"], gold["cross_level"].get("unanswered", {})


def predict(docs, links_gold, threshold, only=None):
    """Predicted link pairs and unanswered tasks for every (local, upstream) pair of the gold
    (or only for the pairs whose local document is `only`)."""
    pairs = sorted({(ln["local_doc"], ln["upstream_doc"]) for ln in links_gold
                    if only is None or ln["local_doc"] == only})
    pred, una = set(), set()
    per_pair = {}
    for loc, up in pairs:
        local = [it for _, it, _ in docs[loc]]
        upstream = [it for _, it, opt in docs[up]]
        links = alignment.align(local, upstream, threshold=threshold)
        per_pair[(loc, up)] = links
        pred |= {(loc, ln.local, up, ln.upstream) for ln in links}
        optional = {lab for lab, _, opt in docs[up] if opt}
        una |= {(loc, up, k) for k in alignment.unanswered(upstream, links) if k not in optional}
    return pred, una, per_pair


def prf(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp


def score(folders, threshold, verbose=False, only=None):
    pred_all, gold_all, una_pred, una_gold = set(), set(), set(), set()
    for folder in folders:
        docs, gold = load(folder)
        for name, links_gold, una_g in blocks(gold):
            want = {(ln["local_doc"], ln["local_task"], ln["upstream_doc"], u)
                    for ln in links_gold for u in ln["upstream_tasks"] if only in (None, ln["local_doc"])}
            want_una = {(loc, up, lab) for up, per in una_g.items() for loc, labs in per.items()
                        for lab in labs if only in (None, loc)}
            pred, una, per_pair = predict(docs, links_gold, threshold, only)
            tag = f"{folder.name}:{name}"
            pred_all |= {(tag, *x) for x in pred}
            gold_all |= {(tag, *x) for x in want}
            una_pred |= {(tag, *x) for x in una}
            una_gold |= {(tag, *x) for x in want_una}
            if verbose:
                titles = {k: {lab: it.title for lab, it, _ in v} for k, v in docs.items()}
                print(f"\n{tag}")
                for (loc, up), links in per_pair.items():
                    print(f"  {loc} -> {up}")
                    got = {(ln.local, ln.upstream): ln for ln in links}
                    for x in sorted(want | pred, key=str):
                        if x[0] != loc or x[2] != up:
                            continue
                        mark = "TP" if x in want and x in pred else ("FN" if x in want else "FP")
                        ln = got.get((x[1], x[3]))
                        s = f"{ln.score:.3f} {ln.method}" if ln else "     -"
                        print(f"    {mark} {s:14} {x[1]} {titles[loc][x[1]]} -> {x[3]} {titles[up][x[3]]}")
                    for x in sorted((una | want_una), key=str):
                        if x[0] == loc and x[1] == up:
                            mark = "TP" if x in una and x in want_una else ("FN" if x in want_una else "FP")
                            print(f"    unanswered {mark} {x[2]} {titles[up][x[2]]}")
    return prf(pred_all, gold_all), prf(una_pred, una_gold), len(gold_all), len(una_gold)


def misses(folders, threshold, only=None):
    """Lines explaining every local task whose predicted links differ from the gold links."""
    import numpy as np

    out = []
    for folder in folders:
        docs, gold = load(folder)
        for name, links_gold, _ in blocks(gold):
            want: dict = {}
            for ln in links_gold:
                if only in (None, ln["local_doc"]):
                    want.setdefault((ln["local_doc"], ln["upstream_doc"]), {})[ln["local_task"]] = set(ln["upstream_tasks"])
            for (loc, up), per_task in sorted(want.items()):
                local = [it for _, it, _ in docs[loc]]
                upstream = [it for _, it, _ in docs[up]]
                sims = alignment.scores(local, upstream)[0]
                got: dict = {}
                for ln in alignment.align(local, upstream, threshold=threshold):
                    got.setdefault(ln.local, {})[ln.upstream] = ln
                keys = [u.key for u in upstream]
                titles = {u.key: u.title for u in upstream}
                head = f"{folder.name}:{name} {loc} -> {up}"
                for i, it in enumerate(local):
                    gold_ups, mine = per_task.get(it.key, set()), got.get(it.key, {})
                    if gold_ups == set(mine):
                        continue
                    if head:
                        out.append(head)
                        head = ""
                    order = [int(j) for j in np.argsort(-sims[i], kind="stable")]
                    rank = {keys[j]: r for r, j in enumerate(order, 1)}
                    out.append(f"  {it.key} {it.title}" + (f"  [{it.section}]" if it.section else ""))
                    for u in sorted(gold_ups, key=keys.index):
                        mark = "found" if u in mine else "MISSED"
                        out.append(f"    gold   {u} {titles[u]}: {sims[i, keys.index(u)]:.3f}, "
                                   f"rank {rank[u]} of {len(keys)} ({mark})")
                    if not gold_ups:
                        out.append("    gold   none (purely local)")
                    for u, ln in mine.items():
                        if u not in gold_ups:
                            out.append(f"    WRONG  {u} {titles[u]}: {ln.score:.3f} {ln.method}; "
                                       f"evidence {ln.evidence[:40]}… shared {'、'.join(ln.shared) or '-'}")
                    best = ", ".join(f"{keys[j]} {sims[i, j]:.3f}" for j in order[:4])
                    out.append(f"    best candidates: {best}")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--threshold", type=float, default=alignment.THRESHOLD)
    ap.add_argument("--tune", action="store_true", help="scores for thresholds 0.04 … 0.40")
    ap.add_argument("--store", metavar="DIR", help="also write the documents into this store and align them")
    ap.add_argument("--only", metavar="LOCAL_DOC", help="score only the pairs of this local document (its key)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--misses", action="store_true",
                    help="explain each local task whose links differ from the gold: scores, ranks, what was linked")
    args = ap.parse_args(argv)
    if args.store:
        print(write_store(args.folders, args.store))
    if args.misses:
        print("\n".join(misses(args.folders, args.threshold, args.only)))
    if args.tune:
        for k in range(4, 41):
            t = k / 100
            (p, r, f, _), (up, ur, uf, _), n, nu = score(args.folders, t, only=args.only)
            print(f"t={t:.2f}  links P={p:.3f} R={r:.3f} F1={f:.3f}   unanswered P={up:.3f} R={ur:.3f} F1={uf:.3f}")
        return 0
    (p, r, f, tp), (up, ur, uf, utp), n, nu = score(args.folders, args.threshold, args.verbose, args.only)
    print(f"threshold {args.threshold:.3f}: links P={p:.3f} R={r:.3f} F1={f:.3f} ({tp} of {n} gold pairs found); "
          f"unanswered P={up:.3f} R={ur:.3f} F1={uf:.3f} ({utp} of {nu})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
