"""Provision alignment: which task of an upstream document each local task carries out.

Plain functions from task rows to links, deterministic and offline (DESIGN.md, "Provision
alignment"). A task is a `Item` (key, label, title, text, section); `align(local, upstream)` returns one
`Link` per (local task, upstream task) it answers, each with a score in 0–1, the method that found
it and its evidence (the upstream sentence that matched best and the phrases the two share).

How a pair is scored:
- `cited` (score at least 0.9): the local headline takes in the upstream headline whole (at least
  four characters), or the local text quotes it (“…”, 《…》);
- `lexical`: the highest of two cosines of character-bigram TF-IDF vectors, one over the two
  tasks' texts, one over their headlines alone (an upstream text abridged to its headings still
  meets its local answer on the headline), and the headlines' cross-coverage (how much of each
  headline's weight the other task's text prints, their geometric mean times `CROSS_WEIGHT`: a
  short annex row 海绵城市达标评估 meets the item whose text carries out the 评估); the IDF is taken
  over the tasks of both documents, so that words every task prints (推进, 工作, 各级) weigh little
  and rare terms (负面清单, 政务舆情) much. Responsibility clauses (（X牵头，Y负责）) are left out:
  they name bodies, not work. A framing item (指导思想, 基本原则…, data/alignment_framing.tsv)
  meets only the other document's framing items.
A local task answers its best-scoring upstream task when that score reaches `THRESHOLD`, or
`MUTUAL_THRESHOLD` when each is the other's best match; it also
answers another upstream task (a merge) that scores at least `MERGE_THRESHOLD`, whose own best
local task it is, by `MERGE_MARGIN` over the runner-up. Several local tasks may answer one
upstream task (a split). Then the outline of both documents (`_by_structure`, method
`structure`): a task that answers nothing yet, in a local section that follows an upstream section,
answers that section's item of the same number or its best match there; an annex row that
restates another local task's headline answers what that task answers. A local task that none of
this links answers none (purely local). An upstream task that no local task answers is unanswered
(`unanswered`), unless it is a framing item.

The same matching links two years of one series (`CONTINUES`, `continues`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

# Chosen on ../shared/alignment, the real development set: the middle of the plateau of best F1
# (0.22–0.24, P=1.000 R=0.957) over both its pairs; `python -m bench.alignment_eval DIR --tune`
# shows it. tests/alignment (the project's own set) is held out for it.
THRESHOLD = 0.23
MERGE_THRESHOLD = 0.20
# A local task and an upstream task that are each other's best match are linked from this score.
# ../shared/alignment scores the same from 0.04 to 0.22; in tests/alignment_build a purely local
# city task (政府公报) is the mutual best of an unrelated national one (数据开放) at 0.166: above it.
MUTUAL_THRESHOLD = 0.17
CROSS_WEIGHT = 0.8
MERGE_MARGIN = 1.5
CITED_SCORE = 0.9
METHOD_CITED = "cited"
METHOD_LEXICAL = "lexical"
METHOD_STRUCTURE = "structure"
# The structure of both documents (see `_by_structure`): a local task that no score above links
# answers the item of the same number in the upstream section its own section follows from this
# score, or that section's best-scoring item from `SECTION_THRESHOLD` (from
# `SECTION_MUTUAL_THRESHOLD` when each is the other's best match: the ratio of `MUTUAL_THRESHOLD`
# to `THRESHOLD`). Set by hand, not tuned: no task of ../shared/alignment reaches these rules.
PARALLEL_FLOOR = 0.05
SECTION_THRESHOLD = 0.13
SECTION_MUTUAL_THRESHOLD = 0.10


@dataclass(frozen=True)
class Item:
    """One top-level task: `key` identifies it (a Task id in the store, a label in a gold file)."""

    key: str
    label: str = ""
    title: str = ""
    text: str = ""
    section: str = ""  # the headings it falls under ("二、重点任务 / （一）…"), "" for none


@dataclass(frozen=True)
class Link:
    local: str  # key of the local task
    upstream: str  # key of the upstream task it answers
    score: float
    method: str
    evidence: str  # the upstream sentence that matched best
    shared: tuple[str, ...] = field(default=())  # phrases both texts print

    def properties(self) -> dict:
        """The ANSWERS / CONTINUES relationship's properties."""
        return {"score": round(self.score, 3), "method": self.method, "evidence": self.evidence,
                "shared": "、".join(self.shared)}


# --- vocabulary (data, not code) -------------------------------------------------------------

@lru_cache(maxsize=None)
def framing_headings() -> tuple[str, ...]:
    """Headlines of items that frame a document instead of setting work (指导思想, 基本原则…)."""
    text = resources.files(__package__).joinpath("data/alignment_framing.tsv").read_text("utf-8")
    return tuple(line.split("\t")[0].strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def is_framing(item: Item) -> bool:
    return _framing_title(item.title)


@lru_cache(maxsize=1 << 14)
def _framing_title(title: str) -> bool:
    title = _plain(title)
    return any(title == h or (title.endswith(h) and len(title) <= len(h) + 6) for h in framing_headings())


# --- text -------------------------------------------------------------------------------------

# （市发展改革委牵头，市财政局、各县区政府负责）: a responsibility clause, bodies not work
_CLAUSE = re.compile(r"[（(][^（）()]{0,120}?(?:牵头|负责|配合|责任单位|完成时限)[^（）()]{0,120}?[）)]")
_LEADING_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[、．.])\s*")
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


_NOT_WORD = re.compile(r"[\W_]+")  # \w less "_" is exactly the letters and digits (L*, N*)


@lru_cache(maxsize=1 << 16)
def _plain(text: str) -> str:
    """Letters and digits only (punctuation, spaces and symbols dropped)."""
    return _NOT_WORD.sub("", text)


@lru_cache(maxsize=1 << 16)
def _body_text(title: str, text: str) -> str:
    text = text or title
    if title and title not in text:
        text = title + "。" + text
    return _CLAUSE.sub("", _LEADING_LABEL.sub("", text))


def _body(item: Item) -> str:
    """The task's own words: headline and text, without its label and responsibility clauses."""
    return _body_text(item.title, item.text)


def _codes(s: str) -> list[int]:
    """The bigrams of `s`, in order, as the column ids `_bigram_rows` gives them."""
    o = list(map(ord, s))
    return [(a << _CODE_BITS) | b for a, b in zip(o, o[1:])]


@lru_cache(maxsize=1 << 16)
def _gram_set(text: str) -> frozenset:
    """The character bigrams of the letters and digits of `text` (as column ids)."""
    return frozenset(_codes(_plain(text)))


class _Part:
    """The rows of a document in its own columns (each task's body, then each task's headline:
    row `n + t` is task t's headline): the entries (row, column, log-tf), and per row the sums a
    pair's norms are made from."""

    def __init__(self, rows, k, tf, n, b_own):
        self.rows, self.k, self.tf = rows, k, tf
        tf2 = tf * tf
        b = b_own[k]
        self.s0 = np.bincount(rows, tf2, n)
        self.s1 = np.bincount(rows, tf2 * b, n)
        self.s2 = np.bincount(rows, tf2 * b * b, n)

    def on_shared(self, a, pos, w_pair, b_own_shared, n):
        """(rows on the shared columns, dense: few columns; each row's norm under the pair's
        IDF, a - log(1 + df of both documents)). A norm is the document's own sums corrected on
        the shared columns, whose df the other document adds to: one product with the rows."""
        m = np.zeros((n, len(w_pair)))
        p = pos[self.k]
        on = p >= 0
        m[self.rows[on], p[on]] = self.tf[on]
        own = a - b_own_shared
        sq = a * a * self.s0 - 2 * a * self.s1 + self.s2 + (m * m) @ (w_pair * w_pair - own * own)
        out = np.sqrt(np.maximum(sq, 0.0))
        out[out == 0] = 1.0
        return m, out


class _Features:
    """The tasks of one document (bodies and headlines) as sparse log-tf rows over the columns
    it uses (sorted global bigram ids), with each column's document frequency among its tasks."""

    def __init__(self, items: tuple[Item, ...]):
        self.n = n = len(items)
        self.bodies = [_body(it) for it in items]
        rows, grams, tf = _bigram_rows([_plain(b) for b in self.bodies] + [_plain(it.title) for it in items])
        self.cols = np.unique(grams)  # every column this document uses
        k = np.searchsorted(self.cols, grams)
        body = rows < n
        self.df = np.bincount(k[body], minlength=len(self.cols)).astype(np.float64)  # a task counts a bigram once
        self.b_own = np.log1p(self.df)
        self.rows = _Part(rows, k, tf, 2 * n, self.b_own)  # bodies, then headlines
        self._sentences = None

    def sentences(self) -> "_Sentences":
        """The sentences of the task bodies (`_Sentences`)."""
        if self._sentences is None:
            self._sentences = _Sentences(self)
        return self._sentences


class _Sentences:
    """The sentences of a document's task bodies in order (`_sentences`), for evidence: which
    task each begins (`starts`, one more at the end), each sentence's distinct bigrams as
    entries (`srow`, `scol`: sentence, column) and, per sentence, its stretches between
    punctuation joined (`_segments`) with their bigrams in order as entries from `first[k]` to
    `first[k + 1]` of `qcol` (a column, or -1 across two stretches). A sentence prints a stretch
    of its body, so its bigrams are among the document's columns."""

    def __init__(self, f: "_Features"):
        self.texts, self.joined, starts, srow, scodes, qcodes, first = [], [], [0], [], [], [], [0]
        for body in f.bodies:
            for sent, grams in _sentences(body):
                srow += [len(self.texts)] * len(grams)
                scodes += grams
                joined, seq = _segments(sent)
                qcodes += seq
                first.append(len(qcodes))
                self.texts.append(sent)
                self.joined.append(joined)
            starts.append(len(self.texts))
        self.starts = np.array(starts)
        self.srow = np.array(srow, dtype=np.int64)
        self.scol = np.searchsorted(f.cols, np.array(scodes, dtype=np.int64))
        q = np.array(qcodes, dtype=np.int64)
        self.qcol = np.where(q >= 0, np.searchsorted(f.cols, q), -1)
        self.first = np.array(first)


_CODE_BITS = 21  # a code point fits in 21 bits; a bigram is two of them, its column id


def _bigram_rows(texts: list[str]):
    """(task, bigram, 1 + log count) of each distinct character bigram of each text (letters and
    digits only, as `_plain` leaves them), the bigram as its two code points in one integer: one
    pass over all texts of a document in numpy instead of a Counter per task."""
    joined = "\x00".join(texts)  # \x00 is no letter or digit: no bigram spans two texts
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if len(codes) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    row = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) + 1 for t in texts])[:len(codes) - 1]
    keep = (codes[:-1] != 0) & (codes[1:] != 0)
    gram = (codes[:-1] << _CODE_BITS) | codes[1:]
    keys, counts = np.unique((row[keep] << (2 * _CODE_BITS)) | gram[keep], return_counts=True)
    return keys >> (2 * _CODE_BITS), keys & ((1 << (2 * _CODE_BITS)) - 1), 1.0 + np.log(counts)


@lru_cache(maxsize=4096)
def _features(items: tuple[Item, ...]) -> _Features:
    return _Features(items)


def _cites(local: Item, up: Item) -> bool:
    """The local task takes the upstream headline whole (at least four characters) into its own
    headline, or quotes it (“…” or 《…》) in its text."""
    title = _plain(up.title)
    if len(title) < 4:
        return False
    if title in _plain(local.title):
        return True
    return any(q in local.text for q in (f"“{up.title}”", f"《{up.title}》", f'"{up.title}"'))


@lru_cache(maxsize=1 << 14)
def _sentences(body: str) -> tuple[tuple[str, frozenset], ...]:
    out = []
    for m in _SENTENCE.finditer(body):
        sent = m.group(0).strip()
        if _plain(sent):
            out.append((sent, _gram_set(sent)))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _segments(sentence: str) -> tuple[str, tuple[int, ...]]:
    """The stretches of a sentence between punctuation (3+ characters), joined by NUL, with the
    bigrams of the joined text in order (as column ids; -1 for a bigram across two stretches,
    which no text has): phrases never run across punctuation."""
    joined = "\x00".join(seg for seg in _NOT_WORD.split(sentence) if len(seg) >= 3)
    return joined, tuple(-1 if 0 in (a, b) else (a << _CODE_BITS) | b
                         for a, b in zip(map(ord, joined), map(ord, joined[1:])))


@lru_cache(maxsize=1 << 14)
def _punctuated(body: str) -> str:
    return _NOT_WORD.sub("|", body)


_RUN = re.compile(b"\x01{2,}")  # two or more shared bigrams in a row: a phrase of 3+ characters


def _phrases_of(joined: str, flags: bytes, body: str, limit: int = 6) -> tuple[str, ...]:
    """The phrases (3+ characters, longest first) that an upstream sentence and a local text
    (`body`) both print, from the sentence's joined stretches (`_segments`) and, per bigram of
    them, 1 where the local text prints it: runs of consecutive shared bigrams (never across
    two stretches), kept where the local text prints them."""
    if flags.count(1) < 2:
        return ()
    local_text = _punctuated(body)  # phrases never run across punctuation
    phrases = set()
    for m in _RUN.finditer(flags):
        run = joined[m.start():m.end() + 1]
        if run in local_text:
            phrases.add(run)
    return tuple(sorted(phrases, key=lambda p: (-len(p), p))[:limit])


# --- matching ---------------------------------------------------------------------------------

class _Pair:
    """Two documents' tasks on the columns both use, under the pair's IDF (the scores of
    `similarity`, and what `align` takes its links' evidence from).

    Only the columns both documents use reach a numerator; a task's norm under the pair's IDF,
    log((1 + n) / (1 + df)) + 1 with n and df over both documents, comes from sums each document
    keeps, corrected on those shared columns (exactly: the same scores as dense vectors over the
    union of both vocabularies, at a fraction of the cost)."""

    def __init__(self, fl: _Features, fu: _Features):
        self.fl, self.fu = fl, fu
        _, il, iu = np.intersect1d(fl.cols, fu.cols, assume_unique=True, return_indices=True)
        m = len(il)
        a = np.log1p(fl.n + fu.n) + 1.0
        w = a - np.log1p(fl.df[il] + fu.df[iu])  # the pair's IDF on the shared columns
        posl = np.full(len(fl.cols), -1, dtype=np.int64)
        posl[il] = np.arange(m)
        posu = np.full(len(fu.cols), -1, dtype=np.int64)
        posu[iu] = np.arange(m)
        # one pass per document over its bodies and headlines (rows 0..n-1, then n..2n-1)
        lr, nl = fl.rows.on_shared(a, posl, w, fl.b_own[il], 2 * fl.n)
        ur, nu = fu.rows.on_shared(a, posu, w, fu.b_own[iu], 2 * fu.n)
        self.present = lr[:fl.n] > 0  # each local body's bigrams among the shared columns
        self.posu = posu
        lr *= w
        ur *= w
        lb, lh, nlb, nlh = lr[:fl.n], lr[fl.n:], nl[:fl.n], nl[fl.n:]
        ub, uh, nub, nuh = ur[:fu.n], ur[fu.n:], nu[:fu.n], nu[fu.n:]
        text = (lb @ ub.T) / nlb[:, None] / nub[None, :]
        head = (lh @ uh.T) / nlh[:, None] / nuh[None, :]
        # each headline's weight that the other task's text prints (a short local item named after
        # its upstream item's subject, a headline reworded from the other's sentences)
        cover_l = ((lh * lh) @ (ub > 0).T) / (nlh * nlh)[:, None]
        cover_u = ((uh * uh) @ self.present.T) / (nuh * nuh)[:, None]
        cross = np.sqrt(cover_l * cover_u.T)
        self.sims = np.maximum(np.maximum(text, head), CROSS_WEIGHT * cross)

    def evidence(self, pairs: list[tuple[int, int]]) -> list[tuple[str, tuple[str, ...]]]:
        """Each link's evidence, for (local task, upstream task) pairs: the upstream sentence
        that shares the most bigrams with the local task's body (the first such sentence on a
        tie), and the phrases (`_phrases_of`) that sentence and the local text both print. What
        the local body has of each upstream sentence's bigrams is read for all pairs at once."""
        st = self.fu.sentences()
        if not pairs or not st.texts:
            return [("", ())] * len(pairs)
        li = np.array([i for i, _ in pairs], dtype=np.int64)
        uj = np.array([j for _, j in pairs], dtype=np.int64)
        s0 = st.starts[uj]
        n = st.starts[uj + 1] - s0  # the sentences of each pair's upstream task
        # the distinct bigrams of every sentence of each pair's upstream task: (pair, entry)
        lo = np.searchsorted(st.srow, s0)
        size = np.searchsorted(st.srow, st.starts[uj + 1]) - lo
        pair_of = np.repeat(np.arange(len(pairs)), size)
        entry = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size) + np.repeat(lo, size)
        p = self.posu[st.scol[entry]]
        hit = p >= 0
        hit[hit] = self.present[li[pair_of[hit]], p[hit]]
        width = max(int(n.max()), 1)
        counts = np.bincount(pair_of * width + (st.srow[entry] - s0[pair_of]), hit,
                             len(pairs) * width).reshape(len(pairs), width)
        counts[np.arange(width)[None, :] >= n[:, None]] = -1  # past the task's last sentence
        best = np.where(n > 0, s0 + np.argmax(counts, axis=1), 0)  # (a task without sentences has no evidence)
        # the best sentence's bigrams in order, each 1 where the local body prints it
        lo, hi = st.first[best], st.first[best + 1]
        size = hi - lo
        pair_of = np.repeat(np.arange(len(pairs)), size)
        entry = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size) + np.repeat(lo, size)
        q = st.qcol[entry]
        q = np.where(q >= 0, self.posu[np.maximum(q, 0)], -1)
        flag = q >= 0
        flag[flag] = self.present[li[pair_of[flag]], q[flag]]
        flags = flag.astype(np.uint8).tobytes()
        ends = np.cumsum(size).tolist()
        bodies = self.fl.bodies
        out = []
        for (i, _), k, m, e, z in zip(pairs, best.tolist(), n.tolist(), ends, size.tolist()):
            if not m:
                out.append(("", ()))
                continue
            out.append((st.texts[k][:300], _phrases_of(st.joined[k], flags[e - z:e], bodies[i])))
        return out


def similarity(local: list[Item], upstream: list[Item]) -> np.ndarray:
    """The score of every (local, upstream) pair: the highest of two cosines of bigram TF-IDF
    vectors (IDF over the tasks of both documents), of the two tasks' texts and of their
    headlines alone (an upstream text abridged to its headings, or a local text much longer than
    its upstream item, still meets it on the headline), and of the headlines' cross-coverage:
    the geometric mean of the share of each headline's weight that the other task's text
    prints, times `CROSS_WEIGHT`."""
    return _Pair(_features(tuple(local)), _features(tuple(upstream))).sims


def scores(local: list[Item], upstream: list[Item]):
    """(the scores `align` decides on, which pairs are `cited`, which local and which upstream
    tasks are framing items): `similarity`, raised to `CITED_SCORE` where the local task cites
    the upstream one, and 0 between a framing item and an item that sets work."""
    return _scores(local, upstream)[:4]


def _scores(local: list[Item], upstream: list[Item]):
    """`scores`, and the `_Pair` they come from."""
    pair = _Pair(_features(tuple(local)), _features(tuple(upstream)))
    sims = np.round(pair.sims, 12)  # equal texts tie exactly, whatever the float noise
    cited = np.zeros(sims.shape, dtype=bool)
    titles = "\x00".join(_plain(it.title) for it in local)
    texts = "\x00".join(it.text for it in local)
    for j, up in enumerate(upstream):
        t = _plain(up.title)
        # one look at all local tasks first: most upstream headlines are quoted by none
        if len(t) >= 4 and (t in titles or up.title in texts):
            for i, it in enumerate(local):
                cited[i, j] = _cites(it, up)
    sims = np.where(cited, np.maximum(sims, CITED_SCORE), sims)
    # a framing item (指导思想…) sets no work: it meets only the other document's framing items
    lf = np.array([is_framing(it) for it in local])
    uf = np.array([is_framing(it) for it in upstream])
    sims = np.where(lf[:, None] == uf[None, :], sims, 0.0)
    return sims, cited, lf, uf, pair


def align(local: list[Item], upstream: list[Item], threshold: float = THRESHOLD,
          merge_threshold: float = MERGE_THRESHOLD) -> list[Link]:
    """The upstream tasks each local task answers, in local then upstream order.

    A local task answers its best upstream task when the score reaches `threshold`; it also
    answers (a merge) any other upstream task that scores at least `merge_threshold` and whose
    own best local task it is, by a clear margin over the next one. Several local tasks may
    answer one upstream task (a split)."""
    if not local or not upstream:
        return []
    sims, cited, lf, uf, pair = _scores(local, upstream)
    # per upstream task: its best local task (first on ties) and the runner-up's score
    best_local = np.argmax(sims, axis=0)
    runner_up = np.sort(sims, axis=0)[-2] if len(local) > 1 else np.zeros(len(upstream))
    rows = np.arange(len(local))
    best = np.argmax(sims, axis=1)
    top = sims[rows, best]
    # below the threshold, and not each other's best match either: purely local
    answers = (top >= threshold) | ((best_local[best] == rows) & (top >= MUTUAL_THRESHOLD))
    take = ((sims >= merge_threshold) & (best_local[None, :] == rows[:, None])
            & (sims >= MERGE_MARGIN * runner_up[None, :]))  # merges
    take[rows, best] = True
    take &= answers[:, None]
    structure = _by_structure(local, upstream, sims, take, lf, uf)
    take |= structure
    found = list(zip(*(k.tolist() for k in np.nonzero(take))))
    links = []
    for (i, j), (sentence, shared) in zip(found, pair.evidence(found)):
        method = METHOD_CITED if cited[i, j] else METHOD_STRUCTURE if structure[i, j] else METHOD_LEXICAL
        links.append(Link(local[i].key, upstream[j].key, float(min(sims[i, j], 1.0)), method, sentence, shared))
    return links


_NUMERAL = re.compile(r"([一二三四五六七八九十]+|\d+)\D*$")
_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", 1)}


@lru_cache(maxsize=1 << 14)
def item_number(label: str) -> int | None:
    """The number an item prints last in its label: 5 for "5", "（二）5" and "5．"; 1 for "二、（一）"."""
    m = _NUMERAL.search(label or "")
    if not m:
        return None
    s = m.group(1)
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return _DIGITS.get(s)


def _top(section: str) -> str:
    """The outermost heading of a section path ("二、重点任务 / （一）…" → "二、重点任务")."""
    return section.split(" / ", 1)[0]


def _by_structure(local, upstream, sims, take, lf, uf) -> np.ndarray:
    """Links the outline of both documents gives where the words alone fall short.

    A local section (the headings its tasks fall under) follows the upstream section that most
    of its linked tasks answer (at least two, more than half of its links) when that section
    holds at most half of the upstream document's work; first with the whole headings, then
    with the outermost heading alone (a work plan whose chapter 四 carries out its programme's
    part 三 under other sub-headings). Then:
    - a task of it that answers nothing yet answers the upstream section's item of the same
      number when no local task answers that item (parallel numbering: a district plan that
      keeps its municipal plan's items in order; whole headings only), from `PARALLEL_FLOOR`,
      else the section's best-scoring item from `SECTION_THRESHOLD`, or from
      `SECTION_MUTUAL_THRESHOLD` when the task is that item's best match too (under the
      outermost heading alone, only such a mutual match: a weaker sign of the outline);
    - a task that still answers nothing and whose headline another local task's headline takes
      in whole (an annex row 生态空间保护 restating 加强生态空间保护) answers what that task answers."""
    out = np.zeros(take.shape, dtype=bool)
    unlinked = ~take.any(axis=1) & ~lf
    if not unlinked.any():
        return out  # every task that sets work answers something already
    work = [j for j in range(len(upstream)) if not uf[j]]
    answered = take.any(axis=0)
    best_local = np.argmax(sims, axis=0)
    for level in (str, _top):
        usec = [level(u.section) for u in upstream]
        groups: dict[str, list[int]] = {}
        for i, it in enumerate(local):
            if it.section and not lf[i]:
                groups.setdefault(level(it.section), []).append(i)
        for rows in groups.values():
            target = _followed_section(rows, unlinked, take, usec, work) if unlinked[rows].any() else None
            if target is None:
                continue
            cands = [j for j in work if usec[j] == target]
            for i in rows:
                if take[i].any() or out[i].any():
                    continue
                j = _section_match(i, level is str, cands, local, upstream, sims, answered, best_local)
                if j is not None:
                    out[i, j] = answered[j] = True
    _restated(local, unlinked, take | out, out)
    return out


def _followed_section(rows: list[int], unlinked, take, usec: list[str], work: list[int]) -> str | None:
    """The upstream section a local section follows: the one most of its links answer (at least
    two, more than half), holding at most half of the upstream's work; None when there is none."""
    votes: dict[str, int] = {}
    for i in rows:
        for j in np.nonzero(take[i])[0]:
            votes[usec[j]] = votes.get(usec[j], 0) + 1
    if not votes:
        return None
    target, n = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    size = sum(1 for j in work if usec[j] == target)
    if not target or n < 2 or 2 * n <= sum(votes.values()) or 2 * size > len(work):
        return None
    return target


def _section_match(i: int, whole_headings: bool, cands: list[int], local, upstream, sims, answered,
                   best_local) -> int | None:
    """The item of the followed section that local task i answers, if any: the unanswered item of
    the same number (whole headings only), else the best-scoring item over the section threshold
    (under the outermost heading alone, only a mutual best match)."""
    num = item_number(local[i].label) if whole_headings else None
    par = [j for j in cands if not answered[j] and num is not None and item_number(upstream[j].label) == num]
    if par and sims[i, par[0]] >= PARALLEL_FLOOR:
        return par[0]
    pool = cands if whole_headings else [c for c in cands if best_local[c] == i]
    if not pool:
        return None
    j = max(pool, key=lambda c: (sims[i, c], -c))
    if sims[i, j] < (SECTION_MUTUAL_THRESHOLD if best_local[j] == i else SECTION_THRESHOLD):
        return None
    return j


def _restated(local, unlinked, linked, out) -> None:
    """A task still unlinked whose headline another local headline takes in whole (an annex row
    生态空间保护 restating 加强生态空间保护) answers what that task answers (set in `out`)."""
    titles = [_plain(it.title) for it in local]
    for i in np.nonzero(unlinked & ~out.any(axis=1))[0]:
        t = titles[i]
        if len(t) < 4:
            continue
        for k, other in enumerate(titles):
            if k != i and t in other and len(other) > len(t) and linked[k].any():
                out[i] |= linked[k]
                break


def unanswered(upstream: list[Item], links: list[Link]) -> list[str]:
    """Keys of the upstream tasks that set work and that no link reaches."""
    reached = {ln.upstream for ln in links}
    return [u.key for u in upstream if u.key not in reached and not is_framing(u)]


# --- series: this year's list and last year's ------------------------------------------------

_YEARS = re.compile(r"(?:19|20)\d\d(?:年度?|—|-|～|~|至)?")


def series_key(issuer: str, title: str) -> str:
    """Documents of one issuer whose titles differ only in their years are one series."""
    return issuer + "|" + _plain(_YEARS.sub("", title))


def continues(this_year: list[Item], last_year: list[Item], threshold: float = THRESHOLD) -> list[Link]:
    """Which of this year's items carry on one of last year's (same matching as `align`)."""
    return align(this_year, last_year, threshold)


# --- the store: which documents to align, and writing the edges ------------------------------
# Reads and writes go through `store.query`, the same Cypher on both engines. Edges are derived
# data: each pass replaces a local document's outgoing ANSWERS (and CONTINUES) whole.

# a local document and every loaded document up its chain (document- or task-level IMPLEMENTS,
# FORWARDS), at any distance
_CHAIN = ("MATCH (d:Document)<-[:PART_OF*0..3]-(n)-[:IMPLEMENTS|FORWARDS*1..8]->(u:Document) "
          "WHERE (n:Document OR n:Task) AND u.id <> d.id {where} "
          "RETURN DISTINCT d.id AS local, u.id AS upstream")
_CHAIN_FROM = _CHAIN.format(where="AND d.id IN $ids")
_CHAIN_TO = _CHAIN.format(where="AND u.id IN $ids")
_CHAIN_ALL = _CHAIN.format(where="")
_DOCUMENTS = ("MATCH (d:Document) RETURN d.id AS id, d.issuer AS issuer, d.title AS title, "
              "d.year AS year, d.date AS date")
_TASKS = ("UNWIND $ids AS id MATCH (d:Document {id: id})<-[:PART_OF]-(t:Task) "
          "RETURN d.id AS doc, t.id AS id, t.label AS label, t.title AS title, t.text AS text, "
          "t.section AS section "
          "ORDER BY doc, t.order")
_EXISTING = ("UNWIND $ids AS id MATCH (:Document {id: id})<-[:PART_OF]-(a:Task)-[r:{rel}]->(b:Task) "
             "RETURN a.id AS start, b.id AS end, properties(r) AS props")
_DELETE_PAIRS = ("UNWIND $rows AS row MATCH (a:Task {id: row.start})-[r:{rel}]->(b:Task {id: row.end}) "
                 "DELETE r")
_SET_PAIRS = ("UNWIND $rows AS row MATCH (a:Task {id: row.start})-[r:{rel}]->(b:Task {id: row.end}) "
              "SET r = row.props")
# MERGE, not CREATE: a command sent again after its server hung (embedded._Watchdog) adds nothing twice
_CREATE_PAIRS = ("UNWIND $rows AS row MATCH (a:Task {id: row.start}) MATCH (b:Task {id: row.end}) "
                 "MERGE (a)-[r:{rel}]->(b) SET r = row.props")
_OF_FILES = ("MATCH (d:Document) WHERE d.loaded_from IS NOT NULL AND any(f IN d.loaded_from WHERE f IN $files) "
             "RETURN d.id AS id")
_CHUNK = 2000
_MARK_FRAMING = "UNWIND $ids AS id MATCH (t:Task {id: id}) SET t.framing = true"


def _series_pairs(docs: list[dict]) -> list[tuple[str, str]]:
    """(this year's document, the series' previous year) for every series of two or more years."""
    series: dict[str, list[tuple[int, str]]] = {}
    for d in docs:
        year = d.get("year") or (int(d["date"][:4]) if (d.get("date") or "")[:4].isdigit() else None)
        m = re.search(r"((?:19|20)\d\d)年", d.get("title") or "")
        year = int(m.group(1)) if m else year  # a yearly list is named by its year
        if not year or not _YEARS.search(d.get("title") or ""):
            continue
        series.setdefault(series_key(d.get("issuer") or "", d.get("title") or ""), []).append((year, d["id"]))
    pairs = []
    for items in series.values():
        items.sort()
        for (y0, prev), (y1, cur) in zip(items, items[1:]):
            if y1 > y0:
                pairs.append((cur, prev))
    return pairs


def _tasks(store, ids) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {i: [] for i in ids}
    for row in store.query(_TASKS, {"ids": sorted(ids)}):
        out[row["doc"]].append(Item(row["id"], row["label"] or "", row["title"] or "", row["text"] or "",
                                    row["section"] or ""))
    return out


@dataclass
class AlignSummary:
    documents: int = 0  # local documents aligned
    answers: int = 0  # ANSWERS edges written
    continues: int = 0  # CONTINUES edges written
    unanswered: int = 0  # upstream tasks that an aligned local document left out


def _below(store, ids: list[str]) -> set[str]:
    """The loaded documents whose chains reach any of `ids`."""
    return {r["local"] for r in store.query(_CHAIN_TO, {"ids": ids})} if ids else set()


def affected(store, doc_ids) -> set[str]:
    """The documents whose alignment depends on `doc_ids`: those documents, the documents below
    them (whose chains pass through them), and the next year of their series. Asked before a
    document goes (a changed file forgotten, `policykg remove`, `--drop-missing`), so that once
    it has gone `update(store, also=...)` can take out the edges its chain gave."""
    ids = sorted(set(doc_ids))
    if not ids:
        return set()
    out = set(ids) | _below(store, ids)
    out |= {cur for cur, prev in _series_pairs(store.query(_DOCUMENTS)) if prev in out}
    return out


def documents_of_files(store, files) -> list[str]:
    """Ids of the documents loaded from any of `files`."""
    if not files:
        return []
    return [r["id"] for r in store.query(_OF_FILES, {"files": sorted(files)})]


def plan(store, doc_ids: list[str] | None = None, also=()) -> tuple[dict[str, list[str]], dict[str, str]]:
    """What to (re)align: {local document: [upstream documents]} and {this year: last year}.
    With `doc_ids` (documents just written), the documents they touch: their own chains, the
    documents below them, and the series years around them; `also` are documents to recompute
    as well (an empty chain: their edges go); without either, the whole store."""
    if doc_ids is None:
        rows = store.query(_CHAIN_ALL)
    else:
        ids = sorted(set(doc_ids))
        below = _below(store, ids)
        mine = sorted(set(ids) | below | set(also))
        rows = store.query(_CHAIN_FROM, {"ids": mine}) if mine else []
    chains: dict[str, list[str]] = {}
    if doc_ids is not None:
        chains = {d: [] for d in set(also) | set(doc_ids) | below}
    for r in rows:
        ups = chains.setdefault(r["local"], [])
        if r["upstream"] not in ups:
            ups.append(r["upstream"])
    series = dict(_series_pairs(store.query(_DOCUMENTS)))
    if doc_ids is not None:
        touched = set(doc_ids) | set(also)
        series = {cur: prev for cur, prev in series.items() if cur in touched or prev in touched}
        series.update({d: "" for d in touched if d not in series})  # no earlier year: edges go
    return {k: sorted(v) for k, v in sorted(chains.items())}, series


def _write(store, rel: str, local_ids: list[str], rows: list[dict]) -> None:
    """Make the outgoing `rel` edges of these documents' tasks exactly `rows`, touching only what
    changed: an unchanged edge stays, a changed one gets its new properties, a gone one is
    deleted, a new one created. (Deleting and re-creating tens of thousands of edges at each
    `policykg align` left FalkorDB 4.16 stores that crashed the server when it next loaded them,
    in RdbLoadRelationMatrices; recomputing without a rules change now writes nothing.)"""
    if rel not in ("ANSWERS", "CONTINUES"):
        raise ValueError(rel)
    have: dict[tuple[str, str], dict] = {}
    for k in range(0, len(local_ids), _CHUNK):
        for r in store.query(_EXISTING.replace("{rel}", rel), {"ids": local_ids[k:k + _CHUNK]}):
            have[(r["start"], r["end"])] = r["props"] or {}
    want = {(r["start"], r["end"]): r for r in rows}
    gone = [{"start": a, "end": b} for (a, b) in have if (a, b) not in want]
    changed = [r for key, r in want.items() if key in have and have[key] != r["props"]]
    new = [r for key, r in want.items() if key not in have]
    for text, batch in ((_DELETE_PAIRS, gone), (_SET_PAIRS, changed), (_CREATE_PAIRS, new)):
        for k in range(0, len(batch), _CHUNK):
            store.query(text.replace("{rel}", rel), {"rows": batch[k:k + _CHUNK]}, read_only=False)


# Local documents aligned at a time: what is held is a batch and the documents up its chains, not
# the store (a 100k build's closing alignment read every written document's tasks at once, 3.5 GiB).
BATCH = 500
# Fewer local documents than this are aligned in this process: starting workers costs more.
PARALLEL_FROM = 40


def _align_one(job) -> tuple[list[dict], int, set[str], list[dict]]:
    """One local document against each document up its chain and its last year: the edges'
    rows, how many upstream tasks it left out, the upstream framing items, the CONTINUES rows."""
    mine, ups, prev, threshold = job
    answers, left_out, framing = [], 0, set()
    for up in ups:
        links = align(mine, up, threshold)
        answers += [{"start": ln.local, "end": ln.upstream, "props": ln.properties()} for ln in links]
        left_out += len(unanswered(up, links)) if mine else 0
        framing |= {u.key for u in up if is_framing(u)}
    cont = ([{"start": ln.local, "end": ln.upstream, "props": ln.properties()}
             for ln in continues(mine, prev, threshold)] if prev is not None else [])
    return answers, left_out, framing, cont


def align_workers() -> int:
    """Processes that align at once: the build's parsing is over by then, so every core."""
    from .build import parse_workers  # POLICYKG_PARSE_WORKERS and the cores, counted once

    return parse_workers() + 1


_JOBS: list = []  # the batch's jobs, which forked workers inherit instead of receiving them pickled


def _align_job(k: int):
    return _align_one(_JOBS[k])


def _aligned(jobs: list):
    """_align_one of each job, in order: by align_workers() forked processes when there are
    enough jobs and cores (a pool a batch, so that no worker's caches outlive it), else here."""
    import multiprocessing

    global _JOBS
    workers = align_workers()
    try:
        ctx = multiprocessing.get_context("fork") if len(jobs) >= PARALLEL_FROM and workers > 1 else None
    except ValueError:
        ctx = None
    if ctx is None:
        yield from map(_align_one, jobs)
        return
    _JOBS = jobs
    try:
        with ctx.Pool(workers) as pool:
            yield from pool.imap(_align_job, range(len(jobs)), chunksize=4)
    finally:
        _JOBS = []


def update(store, doc_ids: list[str] | None = None, progress=None,
           threshold: float = THRESHOLD, also=()) -> AlignSummary:
    """Recompute ANSWERS and CONTINUES for the documents `plan` names (with `also`, documents
    `affected` named before some document went); `progress(iterable, total)` may wrap the loop
    in a bar. Documents are aligned BATCH at a time: their tasks and those up their chains read
    in one query, their edges written before the next batch is read; the matching runs in
    worker processes where there are cores (_aligned)."""
    if doc_ids is None and also:
        doc_ids = []
    chains, series = plan(store, doc_ids, also)
    summary = AlignSummary()
    local_ids = sorted(set(chains) | set(series))
    ticks = iter(progress(local_ids, len(local_ids))) if progress is not None else None
    framing: set[str] = set()
    for k in range(0, len(local_ids), BATCH):
        batch = local_ids[k:k + BATCH]
        needed = set(batch) | {u for x in batch for u in chains.get(x, [])} | {series[x] for x in batch if series.get(x)}
        tasks = _tasks(store, needed)
        jobs = [(tasks[x], [tasks[u] for u in chains.get(x, [])],
                 tasks[series[x]] if series.get(x) else None, threshold) for x in batch]
        answers, cont = [], []
        for (rows, left_out, upstream_framing, continued), local in zip(_aligned(jobs), batch):  # the pool ends first
            if ticks is not None:
                next(ticks, None)
            answers += rows
            cont += continued
            summary.unanswered += left_out
            framing |= upstream_framing
            summary.documents += bool(chains.get(local) or series.get(local))
        _write(store, "ANSWERS", [x for x in batch if x in chains], answers)
        _write(store, "CONTINUES", [x for x in batch if x in series], cont)
        summary.answers += len(answers)
        summary.continues += len(cont)
        _features.cache_clear()  # a batch's features go with it: memory bounded by a batch, not the store
    if framing:
        store.query(_MARK_FRAMING, {"ids": sorted(framing)}, read_only=False)
    return summary


def realign(store, progress: bool | None = None, threshold: float = THRESHOLD) -> AlignSummary:
    """Recompute the alignment over the whole store (after a rules change); `progress=None`
    shows a bar on a terminal."""
    import sys

    if progress is None:
        progress = sys.stderr.isatty()

    def bar(items, total):
        from tqdm import tqdm
        return tqdm(items, desc="aligning", unit="document", total=total, file=sys.stderr)

    return update(store, None, bar if progress else None, threshold)


def render(summary: AlignSummary) -> str:
    return (f"{summary.documents} documents aligned: {summary.answers} ANSWERS, "
            f"{summary.continues} CONTINUES, {summary.unanswered} upstream tasks left out")
