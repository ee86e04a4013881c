"""How well the reader agrees with what publishing sites say about their own documents.

    python -m bench.corpus_agreement [--corpus ../shared/corpus] [--export OUT.jsonl] [-v]

Builds a corpus of real pages and files (default `../shared/corpus`, which has a `meta.jsonl` of
the sites' own metadata: title, 发文字号, 成文日期 — silver, not hand-checked), exports the store,
and prints per field how many files agree out of the files whose site states that field, then every
disagreement. Nothing is asserted: the figures are for reading (the README quotes them).

What counts as agreeing:
- read: the file gave at least one document (a skipped file is listed with the build's reason);
- title: one of the file's documents has the site's title, with or without the issuer's name in
  front (GB/T 9704 titles open with it, many pages leave it out) and the document's own 发文字号,
  which some sites print before the title or after it in brackets. The site's value is cleaned of
  what the site added around it: a page `<title>`'s site name (`…_中房网_…`, `长沙市政府门户网站-…`,
  `… - 定州市住房公积金管理中心`), a site's tag (`【已废止】`), 《》 around the whole title, a crawler
  link text's `附件1：` and `.pdf`, a repost site's bare city name before 关于 (`太原关于…`); a link
  text that is only a 发文字号 states no title;
- number: one of the file's documents has the site's 发文字号 (brackets and spaces folded);
- date: one of the file's documents has the site's 成文日期. A 发布日期 is a publication date, not
  the 成文日期, so it is not compared.
Then responsibility coverage: of the phrases that assign work in the documents' texts (labels such
as 牵头单位：, bracketed 牵头/配合/负责 asides, a table's lead column: loaders/coverage.py), how many
gave a lead or cooperator, and every phrase that did not.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from policykg.loaders.tables import regions_by_short

VENV_BIN = Path(sys.executable).parent
FIELDS = ("read", "title", "number", "date")


def fold(s) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s or "")))


def fold_number(s) -> str:
    return re.sub(r"[\[(（〔【]\s*(\d{4})\s*[\])）〕】]", r"〔\1〕", fold(s))


TAG = re.compile(r"^(?:【[^】]{1,16}】|\[[^\]]{1,16}\])")  # 【已废止】, 【稳经济大盘一揽子政策】
NUMBER_ONLY = re.compile(r"^[^\s〔]{2,12}〔\d{4}〕\d+号$")


def site_title(meta: dict) -> str:
    """The site's title without what the site or the crawler put around it; "" when the value is
    no title at all (a crawler's link text that is only a 发文字号)."""
    title = meta.get("title") or ""
    origin = meta.get("x_fields_from", {}).get("title", "")
    if "<title>" in origin:  # 长沙市政府门户网站-…, …_中房网_…, … - 定州市住房公积金管理中心
        pieces = re.split(r"_|\s+-\s+|——|-", title)
        title = max(pieces, key=lambda p: ("关于" in p or p.endswith(("通知", "意见", "建议", "公告")), len(p)))
    if "crawler" in origin:
        title = re.sub(r"\.(pdf|docx?|wps)$", "", title, flags=re.I)
        title = re.sub(r"^附件\s*\d*\s*[:：]", "", title)
    title = fold(TAG.sub("", fold(title)))
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return "" if NUMBER_ONLY.match(title) else title


def issuer_names(doc: dict) -> set[str]:
    return {fold(p) for p in re.split(r"[、,，\s]+", str(doc.get("issuer") or "")) if p}


def same_title(doc: dict, want: str) -> bool:
    """Equal, or equal once the issuer names in front of the longer one are set aside, or a city's
    bare name that a repost site puts in front (and the 《》 a site's metadata often drops:
    关于印发《…》的通知 is 关于印发…的通知)."""
    got, want = (re.sub(r"[《》〈〉]", "", t) for t in (fold(doc.get("title")), want))
    number = fold_number(doc.get("number"))
    if number:  # the document's own number in front of the title or after it in brackets
        want = fold_number(want)
        want = want.removeprefix(number)
        want = re.sub(r"[（(]" + re.escape(number) + r"[）)]$", "", want)
    if not got or not want:
        return False
    if got == want:
        return True
    short, full = sorted((got, want), key=len)
    if not full.endswith(short):
        return False
    prefix = full[: len(full) - len(short)]
    if prefix in regions_by_short() and short.startswith("关于"):
        return True  # 太原关于…的通知: a repost site's bare city name, no issuer's
    names = issuer_names(doc)
    return any(prefix == n or prefix.startswith(n) for n in names) and all(
        any(part.startswith(n) or n.startswith(part) for n in names)
        for part in re.split(r"[、,，]", prefix) if part)


def documents_by_file(export_path: Path) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = {}
    with export_path.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["type"] == "node" and "Document" in obj["labels"]:
                props = obj["properties"]
                sources = props.get("source") or []
                for src in sources if isinstance(sources, list) else [sources]:
                    docs.setdefault(Path(str(src)).name, []).append(props)
    return docs


def coverage(export_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Responsibility phrases in the documents' texts, and those that gave no role (file, phrase)."""
    found, unread = 0, []
    for name, docs in documents_by_file(export_path).items():
        for d in docs:
            found += d.get("role_phrases") or 0
            unread += [(name, p) for p in d.get("unread_role_phrases") or []]
    return found, sorted(unread)


def build_and_export(corpus: Path, store: Path) -> tuple[Path, str]:
    policykg = str(VENV_BIN / "policykg")
    built = subprocess.run([policykg, "--store", str(store), "build", str(corpus)],
                           capture_output=True, text=True)
    if built.returncode not in (0, 1):
        sys.exit(f"build failed:\n{built.stderr[-2000:]}")
    out = store.parent / "corpus.jsonl"
    subprocess.run([policykg, "--store", str(store), "export", "--format", "jsonl", "-o", str(out)],
                   check=True, capture_output=True)
    return out, built.stdout + built.stderr


def compare(meta_rows: list[dict], docs: dict[str, list[dict]]):
    """(agree, stated) per field, and the disagreements as (field, file, site's value, ours)."""
    tally = {f: [0, 0] for f in FIELDS}
    misses = []
    for meta in meta_rows:
        found = docs.get(meta["file"], [])
        checks = {
            "read": (True, bool(found), ""),
            "title": (bool(site_title(meta)), any(same_title(d, site_title(meta)) for d in found),
                      meta.get("title")),
            "number": (bool(meta.get("number")),
                       any(fold_number(d.get("number")) == fold_number(meta["number"]) for d in found),
                       meta.get("number")),
            "date": (bool(meta.get("date_written")),
                     any(str(d.get("date") or "")[:10] == meta["date_written"] for d in found),
                     meta.get("date_written")),
        }
        for field, (stated, agrees, want) in checks.items():
            if not stated:
                continue
            tally[field][1] += 1
            tally[field][0] += agrees
            if not agrees:
                key = {"date": "date", "read": "title"}.get(field, field)
                misses.append((field, meta["file"], want, [d.get(key, "") for d in found]))
    return tally, misses


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    ap.add_argument("--export", type=Path, help="compare this jsonl export instead of building")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the build's summary too")
    args = ap.parse_args(argv)
    meta_rows = [json.loads(line) for line in (args.corpus / "meta.jsonl").open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        if args.export:
            export_path, log = args.export, ""
        else:
            export_path, log = build_and_export(args.corpus, Path(tmp) / "store")
        tally, misses = compare(meta_rows, documents_by_file(export_path))
        found, unread = coverage(export_path)
    if args.verbose:
        print(log)
    print("field   agree / stated")
    for field, (ok, n) in tally.items():
        print(f"{field:7} {ok:5} / {n:<5} {ok / n if n else 0:.3f}")
    print(f"responsibility phrases read: {found - len(unread)} / {found} "
          f"{(found - len(unread)) / found if found else 0:.3f}")
    for name, phrase in unread:
        print(f"unread {name}: {phrase}")
    for field, name, want, got in misses:
        print(f"{field} {name}: site {want!r}, read {got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
