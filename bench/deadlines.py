"""How many tasks of a folder of real documents get a deadline and a due date.

    python -m bench.deadlines ../shared/corpus [--list]

Parses every file with the installed loaders (no store) and counts tasks and sub-items, those
with a `deadline` (a time limit as printed) and those with a `due` date; `--list` prints each
dated task (file, document, label, deadline, due). Run it with the code before and after a change
to compare the two.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from policykg.loaders import LoaderError, iter_files, parse_file


def _tasks(tasks):
    for t in tasks:
        yield t
        yield from _tasks(t.subtasks)


def count(paths, listing: bool = False) -> Counter:
    c = Counter()
    for path in iter_files(paths):
        c["files"] += 1
        try:
            result = parse_file(path)
        except (LoaderError, OSError, ValueError) as exc:
            c["unread"] += 1
            print(f"# not read {path}: {exc}", file=sys.stderr)
            continue
        for doc in result.documents:
            for t in _tasks(doc.tasks):
                c["tasks"] += 1
                c["deadline"] += bool(t.deadline)
                c["due"] += bool(t.due)
                c["yearly"] += getattr(t, "recurs", "") == "yearly"
                if listing and t.deadline:
                    print(f"{path.name}\t{doc.number or doc.title[:20]}\t{doc.date}\t{t.label}\t{t.deadline}\t{t.due}")
    return c


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--list", action="store_true", help="print each task with a deadline")
    args = ap.parse_args(argv)
    c = count(args.paths, args.list)
    print(f"{c['files']} files ({c['unread']} not read), {c['tasks']} tasks and sub-items: "
          f"{c['deadline']} with a deadline, {c['due']} with a due date, {c['yearly']} yearly")


if __name__ == "__main__":
    main()
