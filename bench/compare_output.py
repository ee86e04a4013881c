"""A canonical dump of everything the loaders read from a fixed set of files, to prove that a
change to the extraction code leaves its output byte-identical (or to show exactly what moved).

    python -m bench.compare_output --out /tmp/before.jsonl            # on main
    python -m bench.compare_output --out /tmp/after.jsonl             # on the branch
    cmp /tmp/before.jsonl /tmp/after.jsonl && echo identical
    python -m bench.compare_output --out /tmp/after.jsonl --against /tmp/before.jsonl   # lists diffs

Files parsed, in this order: samples/, tests/layouts/docs/, the first --bench files (default 400)
of the bench corpus (bench/corpus.py, seed 1, generated once into --cache), and, with --shared,
../shared/corpus/ (real pages; not in a user's clone). Each file gives one JSON line: every
document (number, title, issuers, date, type, level, region, implements, forwards) with every task
and sub-task (label, title, text, section, order, deadline, due, leads and cooperating agencies
with their role text and evidence, implemented references), and every warning; a file that cannot
be read gives its error message instead. Dataclasses are dumped field by field, so a new field
shows up as a difference too.

The parse speed over the bench files is printed to stderr: MB of text (UTF-8) per second of the
process's CPU time, parsing only (reading excluded), so that other work on a shared machine does
not count; `--repeat 3` takes the best of three runs (the loaders' caches are warm after the first).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _plain(obj):
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


def bench_files(cache: Path, count: int) -> list[Path]:
    from bench.corpus import generate
    from policykg.loaders import iter_files

    docs = cache / "docs"
    if not (cache / "summary.json").exists():
        generate(count, cache, seed=1)
    return list(iter_files([docs]))[:count]


def file_sets(args) -> list[tuple[str, list[Path]]]:
    from policykg.loaders import iter_files

    sets = [("samples", list(iter_files([ROOT / "samples"]))),
            ("layouts", list(iter_files([ROOT / "tests" / "layouts" / "docs"]))),
            ("bench", bench_files(Path(args.cache), args.bench))]
    shared = ROOT.parent / "shared" / "corpus"
    if args.shared and not shared.exists():
        shared = Path("/work/shared/corpus")
    if args.shared:
        sets.append(("shared", list(iter_files([shared]))))
    return sets


def dump(args) -> None:
    from policykg.loaders.parse import parse_text
    from policykg.loaders.read import LoaderError, read_text

    texts: list[tuple[str, str, Path, str | None, str]] = []
    for name, files in file_sets(args):
        for path in files:
            rel = f"{name}/{path.name}" if name != "bench" else f"bench/{path.relative_to(Path(args.cache))}"
            try:
                notes: list[str] = []
                text, _ = read_text(path, notes)
                texts.append((name, rel, path, text, json.dumps(notes, ensure_ascii=False)))
            except LoaderError as exc:
                texts.append((name, rel, path, None, str(exc)))
    best = None
    lines: list[str] = []
    for run in range(args.repeat):
        lines = []
        bench_seconds = bench_bytes = 0.0
        for name, rel, path, text, notes in texts:
            if text is None:
                lines.append(json.dumps({"file": rel, "error": notes}, ensure_ascii=False))
                continue
            t0 = time.process_time()
            try:
                result = parse_text(text, str(path))
                out = {"file": rel, "read_notes": json.loads(notes), **_plain(result)}
                out["path"] = rel
            except LoaderError as exc:
                out = {"file": rel, "error": str(exc)}
            if name == "bench":
                bench_seconds += time.process_time() - t0
                bench_bytes += len(text.encode("utf-8"))
            lines.append(json.dumps(out, ensure_ascii=False, sort_keys=True))
        speed = bench_bytes / 1e6 / bench_seconds if bench_seconds else 0.0
        best = max(best or 0.0, speed)
        print(f"run {run + 1}: bench {bench_bytes / 1e6:.2f} MB of text parsed in {bench_seconds:.2f} s CPU "
              f"= {speed:.2f} MB/s", file=sys.stderr)
    print(f"parse speed (best of {args.repeat}): {best:.2f} MB/s; {len(lines)} files dumped", file=sys.stderr)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    """Print the files whose dump differs; returns how many."""
    a = {json.loads(x)["file"]: x for x in before.read_text(encoding="utf-8").splitlines()}
    b = {json.loads(x)["file"]: x for x in after.read_text(encoding="utf-8").splitlines()}
    differ = sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f))
    for f in differ:
        print(f"differs: {f}", file=sys.stderr)
    print(f"{len(differ)} of {len(a.keys() | b.keys())} files differ", file=sys.stderr)
    return len(differ)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="file to write the dump (JSON lines) to")
    ap.add_argument("--against", help="an earlier dump: list the files that differ from it")
    ap.add_argument("--bench", type=int, default=400, help="bench corpus files to parse (default 400)")
    ap.add_argument("--cache", default="/tmp/policykg-compare-corpus",
                    help="folder the bench corpus is generated into once (seed 1)")
    ap.add_argument("--shared", action="store_true", help="also parse ../shared/corpus (real pages)")
    ap.add_argument("--repeat", type=int, default=1, help="parse runs; the speed is the best run's")
    args = ap.parse_args(argv)
    dump(args)
    if args.against and compare(Path(args.against), Path(args.out)):
        sys.exit(1)


if __name__ == "__main__":
    main()
