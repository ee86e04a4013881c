"""Property-based tests of the parsers: any text in, no exception out (a `LoaderError` only for a
text with nothing left to read), and records that always make a sound graph.

The strategies write Chinese-document-like text: headings 一、（一）1.（1）①, responsibility clauses
in every bracket, 发文字号 in random brackets and spacing, dates, signatures, and random junk.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from policykg.graph.check import check
from policykg.graph.cypher import write_statements
from policykg.graph.model import to_graph
from policykg.graph.store import open_store
from policykg.loaders import LoaderError, parse_text
from policykg.numbers import canonicalize
from policykg.loaders.responsibility import find_clauses
from policykg.loaders.structure import build_tree, split_pieces

CANONICAL = re.compile(r"^[^\s\[\]［］()（）〔〕]+〔\d{4}〕[1-9]\d*号$")
PROPERTIES = settings(max_examples=150, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- strategies -------------------------------------------------------------------------------

CODES = ["国办发", "国发", "鲁政办发", "鲁政发", "淄政发", "淄政办发", "桓政办发", "大医改办", "吉医改发", "浙政发",
         "慈政办发", "卫医发", "财社"]
AGENCIES = ["市卫生局", "市财政局", "市发展改革委", "县人力资源社会保障局", "省卫生健康委", "市卫计委", "国务院办公厅",
            "各区县政府", "市医改领导小组办公室", "县民政局", "市场监管局", "区教育局", "市政府办公室"]
OPENERS, CLOSERS = "〔[［(（【", "〕]］)）】"  # around the year of a 发文字号
CLAUSE_BRACKETS = [("（", "）"), ("(", ")"), ("［", "］"), ("[", "]"), ("【", "】")]  # around a clause
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(list("，。；：、（）()［］【】《》〔〕“”：:;,. \t"))


def number_text():
    """A 发文字号 as people type it: any bracket pair, spaces, 第, leading zeros."""
    return st.builds(
        lambda code, o, y, c, seq, sp, di: f"{code}{sp}{o}{sp}{y}{sp}{c}{di}{seq}号",
        st.sampled_from(CODES), st.sampled_from(OPENERS), st.integers(1990, 2030),
        st.sampled_from(CLOSERS), st.from_regex(r"0{0,2}[1-9][0-9]{0,4}", fullmatch=True),
        st.sampled_from(["", " ", "  "]), st.sampled_from(["", "第"]))


def heading():
    cn = st.sampled_from(list("一二三四五六七八九十") + ["十一", "十二", "二十"])
    return st.one_of(
        st.builds(lambda n: f"{n}、", cn),
        st.builds(lambda n, o, c: f"{o}{n}{c}", cn, st.sampled_from("（("), st.sampled_from("）)")),
        st.builds(lambda n, s: f"{n}{s}", st.integers(0, 1200), st.sampled_from([".", "．", "、", " "])),
        st.builds(lambda n: f"（{n}）", st.integers(0, 30)),
        st.sampled_from(list("①②③④⑤⑳")))


def agency_lists(invented: bool = True):
    """Names of bodies; `invented` adds random ones (…局) that may not look like an agency."""
    name = st.sampled_from(AGENCIES)
    if invented:
        name = st.one_of(name, st.text(CJK, min_size=1, max_size=6).map(lambda s: s + "局"))
    return st.lists(name, min_size=1, max_size=4)


def clause(watch: bool = True, invented: bool = True):
    """A responsibility clause in one of the forms the loader documents (and, if `watch`,
    a watch-only one, which names no responsible body)."""

    def agencies():
        return agency_lists(invented)

    sep = st.sampled_from(["、", "，", ",", "；"])
    brackets = st.sampled_from(CLAUSE_BRACKETS)
    forms = [
        st.builds(lambda a, b, br, s: f"{br[0]}{a[0]}牵头，{s.join(b)}配合{br[1]}", agencies(), agencies(), brackets, sep),
        st.builds(lambda a, br: f"{br[0]}{'、'.join(a)}负责{br[1]}", agencies(), brackets),
        st.builds(lambda a, b: f"牵头单位：{'、'.join(a)}；配合单位：{'、'.join(b)}", agencies(), agencies()),
        st.builds(lambda a, b: f"责任单位：{a[0]}（牵头）、{'、'.join(b)}", agencies(), agencies()),
        st.builds(lambda a, b: f"由{a[0]}牵头，{b[0]}配合", agencies(), agencies()),
        st.builds(lambda a: f"（{'、'.join(a)}等按职责分工负责）", agencies()),
    ]
    if watch:
        forms.append(st.builds(lambda a: f"（{a[0]}督办）", agencies()))
    return st.one_of(*forms)


def sentence():
    words = st.text(st.one_of(CJK, st.sampled_from(list("，、的工作制度"))), min_size=1, max_size=30)
    return st.one_of(
        words.map(lambda w: w + "。"),
        st.builds(lambda w, n: f"按照《国务院办公厅关于{w}的通知》（{n}）要求，", words, number_text()),
        st.builds(lambda n: f"根据{n}文件精神，", number_text()),
        st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.integers(1990, 2030), st.integers(0, 13), st.integers(0, 32)),
        st.builds(lambda y: f"完成时限：{y}年底前", st.integers(2015, 2030)),
        st.sampled_from(["转发", "印发给你们", "现将《实施方案》印发给你们", "各区县人民政府，市政府各部门：", "淄博市人民政府办公室",
                         "关于印发深化医药卫生体制改革实施方案的通知", "——1——", "- 2 -", "第3页"]))


JUNK = st.text(max_size=40)  # any unicode: controls, surrogates excluded by hypothesis, brackets


def line():
    part = st.one_of(sentence(), clause(), number_text(), PUNCT, JUNK)
    return st.builds(lambda h, parts: h + "".join(parts),
                     st.one_of(st.just(""), heading()), st.lists(part, max_size=6))


def document_text():
    return st.builds(lambda lines, join: join.join(lines),
                     st.lists(line(), min_size=1, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n", ""]))


# --- parse_text → records → graph -------------------------------------------------------------

def parse_or_refuse(text: str):
    """parse_text's contract: a FileResult, or a LoaderError naming the source (no text left)."""
    try:
        return parse_text(text, "hypothesis.txt")
    except LoaderError as exc:
        assert exc.path == "hypothesis.txt" and exc.problem
        assert "no text left" in exc.problem
        return None


def check_batch(batch) -> None:
    nodes = {}
    for n in batch.nodes:
        assert n["id"] not in nodes, f"duplicate node id {n['id']}"
        nodes[n["id"]] = n
        assert n["properties"]["id"] == n["id"] and isinstance(n["properties"]["source"], list)
        for label in ("Document", "Directive"):
            if label in n["labels"]:
                number = n["properties"].get("number", "")
                assert number == "" or CANONICAL.match(number), f"not canonical: {number!r}"
    assert "Document" in nodes[batch.document_id]["labels"]
    parent = {}
    rel_ids = set()
    for r in batch.relationships:
        assert r["id"] not in rel_ids, f"duplicate relationship id {r['id']}"
        rel_ids.add(r["id"])
        start, end = nodes[r["start"]["id"]], nodes[r["end"]["id"]]  # no dangling edge
        if r["label"] in ("LEADS", "COOPERATES"):
            assert "Agency" in start["labels"] and "Task" in end["labels"], r
        if r["label"] == "PART_OF":
            assert "Task" in start["labels"] and start["id"] not in parent, r
            parent[start["id"]] = end["id"]
    for nid, n in nodes.items():
        if "Task" in n["labels"]:
            seen, at = set(), nid
            while at in parent and at not in seen:  # the PART_OF chain ends at the document
                seen.add(at)
                at = parent[at]
            assert at == batch.document_id, f"task {nid} does not belong to the document"
    leads_and_coops = {(r["start"]["id"], r["end"]["id"]) for r in batch.relationships
                       if r["label"] in ("LEADS", "COOPERATES")}
    assert len(leads_and_coops) == sum(r["label"] in ("LEADS", "COOPERATES") for r in batch.relationships), \
        "an agency both leads and cooperates on one task"
    write_statements(batch)  # labels and types from the allow-lists, every edge inside the batch


@PROPERTIES
@given(document_text())
@example("")
@example("\n \u3000\n")
@example("（一）（市卫生局负责）（二）（")
@example("淄政发〔2019〕3号\n关于印发方案的通知\n一、任务\n（一）加强工作。（市卫生局牵头，市财政局配合）")
@example("、。\n0000年0月0日\n一、、。完成时限：2015年底前")  # a date no calendar has (found by hypothesis)
def test_any_text_parses_to_records_that_make_a_sound_graph(text):
    result = parse_or_refuse(text)
    if result is None:
        return
    ids = set()
    for doc in result.documents:
        batch = to_graph(doc)
        check_batch(batch)
        assert batch.document_id not in ids, f"two documents of one file share the id {batch.document_id}"
        ids.add(batch.document_id)
    assert all(isinstance(w, str) and w for w in result.warnings)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    result = parse_or_refuse(text)
    if result is not None:
        for doc in result.documents:
            check_batch(to_graph(doc))


# --- the pieces -------------------------------------------------------------------------------

@PROPERTIES
@given(st.one_of(number_text(), st.text(max_size=40), st.builds(lambda a, n, b: a + n + b, JUNK, number_text(), JUNK)))
@example("吉医改发 [2021] 1号")
@example("国办发〔2018〕007号")
def test_canonicalize_gives_a_canonical_number_or_nothing(text):
    number = canonicalize(text)
    assert number == "" or CANONICAL.match(number), number
    assert canonicalize(number) == number  # idempotent


@pytest.mark.parametrize("text", ["国办发〔2018〕0号", "淄政发 [2019] 000号"])
def test_a_zero_sequence_number_is_not_a_number(text):
    assert canonicalize(text) == ""


@PROPERTIES
@given(st.sampled_from(CODES), st.sampled_from(OPENERS), st.integers(1990, 2030), st.sampled_from(CLOSERS),
       st.integers(1, 99999), st.sampled_from(["", "0", "00"]), st.sampled_from(["", " "]))
def test_every_bracket_and_spacing_style_gives_the_same_number(code, o, year, c, seq, zeros, sp):
    assert canonicalize(f"{code}{sp}{o}{sp}{year}{sp}{c}{sp}{zeros}{seq}{sp}号") == f"{code}〔{year}〕{seq}号"


@PROPERTIES
@given(st.lists(st.one_of(sentence(), clause(), JUNK, PUNCT), max_size=8).map("".join))
def test_clauses_are_ordered_disjoint_spans_of_the_text(text):
    clauses = find_clauses(text)
    end = 0
    for c in clauses:
        a, b = c.span
        assert end <= a < b <= len(text)
        assert c.evidence == text[a:b].strip()
        names = [r.name for r in c.roles]
        assert names and all(names) and len(names) == len(set(names)), names
        end = b


@PROPERTIES
@given(clause(watch=False, invented=False))
def test_a_generated_clause_is_found(text):
    clauses = find_clauses("加强基层工作。" + text)
    assert clauses, text
    assert any(r.lead for c in clauses for r in c.roles)


def _tree_nodes(node):
    for child in node.children:
        yield child
        yield from _tree_nodes(child)


@PROPERTIES
@given(st.lists(line(), max_size=30))
def test_split_and_tree_keep_every_piece_of_text(paragraphs):
    pieces = split_pieces(paragraphs)
    squeeze = lambda s: "".join(s.split())  # noqa: E731
    assert squeeze("".join(p.label + p.text for p in pieces)) == squeeze("".join(paragraphs))
    root = build_tree(pieces)
    nodes = list(_tree_nodes(root))
    loose = len(root.preamble) + len(root.body) + sum(len(n.body) for n in nodes)
    # every piece is a node or a line of a body (a numbered line that only names who is
    # responsible, （四）责任单位：A, is a line of the item above)
    assert len(nodes) + loose == len(pieces)
    assert len(nodes) <= sum(p.kind is not None for p in pieces)
    for n in nodes:
        assert n.parent is not None and n in n.parent.children


# --- the same records in a real store -----------------------------------------------------------

@pytest.fixture(scope="module")
def property_store(tmp_path_factory):
    from policykg.graph.embedded import stop_server
    path = tmp_path_factory.mktemp("properties") / "store"
    with open_store(path) as store:
        yield store
    stop_server(path)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(document_text())
def test_generated_documents_written_to_the_store_pass_check(property_store, text):
    result = parse_or_refuse(text)
    assume(result is not None and result.documents)
    for doc in result.documents:
        property_store.write(to_graph(doc))
    assert check(property_store) == []
