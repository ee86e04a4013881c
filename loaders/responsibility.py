"""Responsibility clauses: who leads (牵头) a task and who cooperates (配合).

Forms read: bracketed clauses `（A负责，B、C配合）` `(责任单位:A,B、C)` `［A、B分别牵头，C负责］`
`（A、B等按职责分工负责）`, label lines `牵头单位：A；配合单位：B、C` `责任单位：A（牵头）、B`, inline
`由A牵头`, and a flattened table row's last cells `…。AB区直有关单位，C` (`row_cells`). Rule: explicit
牵头/配合 wins; otherwise the first-named leads and the rest cooperate; `分别牵头` makes each named
body a lead; a body named twice keeps its strongest role.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .agencies import (LONG_ENDINGS, MORE_OF_A_NAME, NAME_MAX, UNNAMED, kind_of, lists_bodies, looks_like_agency,
                       name_opening, names_a_place, split_names, whole_name)
from .vocabulary import (ACTION_WORDS, DEADLINE_LABEL, GENERIC_LABELS, GUIDES_ONLY, LABEL, OTHER_LABEL, ROLE, ROLE_OF,
                         ROLE_TAIL, TIME_CELL_OPENING, WATCHER)

BRACKETS = {"（": "）", "(": ")", "［": "］", "[": "]", "【": "】", "〔": "〕"}  # 〔责任单位：…〕 too
BRACKET_CHARS = re.compile(r"[（(［\[【〔）)］\]】〕]")
GUIDED = re.compile(r"在[^，,；;]{2,30}?(?:的)?(?:指导|领导|统筹|监督)下[，,]?")
TOGETHER = re.compile(r"([^，,；;、]{2,30}?)会同([^，,；;]{2,80}?)(?=按职责分工负责|共同负责|负责|落实|实施|$)")
# A time limit written inside the clause: （A牵头，B配合；2023年底前完成） （长期坚持，A负责）
TIME_PART = (r"(?:完成时限[:：]\s*)?(?:\d{4}\s*年[^，,；;（）()]{0,16}|[上下]半年[^，,；;]{0,6}|年底前[^，,；;]{0,4}"
             r"|长期坚持|持续推进|常态化推进|长期推进)")
TIME_EDGE = re.compile(r"[，,；;。]\s*(" + TIME_PART + r")\s*$|^\s*(" + TIME_PART + r")\s*[，,；;。]")
# the same, for reading a clause's time limit fast: at its start, or near its end (a search of the
# whole clause for an end-anchored pattern tries every position)
TIME_FIRST = re.compile(r"\s*(" + TIME_PART + r")\s*[，,；;。]")
TIME_LAST = re.compile(r"[，,；;。]\s*(" + TIME_PART + r")\s*$")  # sought in the last TIME_TAIL characters only
TIME_TAIL = 48
LABEL_CLAUSE = re.compile(r"(?:^|[。；;\n])\s*((?:" + LABEL.pattern + r")[^。\n]*)")  # a label opening a sentence
META = re.compile(r"[，,。；;]?\s*(?:(?:负责部门|责任单位)?(?:排在|排|列|位列)(?:在)?第一位的?(?:部门|单位)?"
                  r"|(?:逗号|分号)前的?(?:部门|单位)?)(?:为|是)?牵头(?:部门|单位)?"
                  r"[，,]?\s*(?:下同)?|[，,。]?\s*下同")  # …团市委。逗号前为牵头单位，下同
# 以下均需各区政府负责，不再列出: bodies that take part in every task after this one (a standing clause,
# written once in the first task's clause instead of in every one).
STANDING = re.compile(r"[。；;，,]?\s*[〔（(]?以下[^。；;，,（）()]{0,6}?(?:均需|均由|均请|均要|均应)"
                      r"((?:[^。；;（）()]|[（(][^（）()。；;]{1,8}[）)]){2,200}?)"  # 各县（市、区）党委和人民政府
                      r"(?:负责落实|负责|落实|组织实施|实施|配合)[，,]?\s*(?:[^。；;（）()]{2,80}?[，,]\s*)?"  # (…，市局执法总队负责…，)
                      r"不再(?:一一|逐一|逐项|单独)?(?:列出|列举)[。]?[〕）)]?")  # 〔以下措施均需…，不再逐一列出〕
# 由…负责监督落实 names a watcher, 由…负责解释 (or 牵头解释) who interprets the text: neither is work
INLINE = re.compile(r"由([^，,。；;（）()]{2,40}?)(牵头(?!解释)|负责(?!监督|督办|督查|解释))"
                    r"(?:[，,]\s*((?:[^，,。；;（）()]|[（(][^（）()，,。]{1,8}[）)]){2,80}?)(配合|参与|协助))?")  # 各镇（街道）配合


@dataclass(frozen=True)
class Role:
    name: str  # surface form
    lead: bool
    role_text: str
    evidence: str


@dataclass(frozen=True)
class Clause:
    span: tuple[int, int]
    evidence: str
    roles: tuple[Role, ...] = ()
    standing: tuple[str, ...] = ()  # bodies named for every later task (STANDING)

    @property
    def deadline(self) -> str:
        """A time limit written inside the clause (（A牵头，B配合；2023年底前完成） → 2023年底前完成)."""
        content = self.evidence.strip("（(［[【】］)）")
        m = TIME_FIRST.match(content) or TIME_LAST.search(content, max(0, len(content) - TIME_TAIL))
        return m.group(1).strip() if m else ""


def _bracketed(text: str):
    """Top-level bracketed spans (start, end, content), nested brackets kept inside."""
    stack = []
    for m in BRACKET_CHARS.finditer(text):  # only brackets matter: skip the other characters
        i, ch = m.start(), m.group()
        if ch in BRACKETS:
            stack.append((i, BRACKETS[ch]))
        elif stack and ch == stack[-1][1]:
            start, _ = stack.pop()
            if not stack:
                yield start, i + 1, text[start + 1:i]
        elif ch in "）)］]】" and stack:  # mismatched closer from PDF damage: close the group
            start, _ = stack.pop()
            if not stack:
                yield start, i + 1, text[start + 1:i]


def _clause_body(content: str) -> str:
    """A clause's content without asides: 排在第一位的为牵头, time limits, 在A指导下; A会同B read as
    A牵头，B配合."""
    body = STANDING.sub("", META.sub("", content)).strip(" 。；;，,")
    while True:  # …负责，2018年3月底前取得阶段性成果，2018年4月至2019年10月深化提升: every time limit
        shorter = TIME_EDGE.sub("", body).strip(" 。；;，,")
        if shorter == body:
            break
        body = shorter
    if "下" in body:
        body = GUIDED.sub("", body)  # 在A指导下，B负责: A only guides
    if "会同" in body:
        body = TOGETHER.sub(r"\1牵头，\2配合", body)  # A会同B、C负责: A leads, B and C cooperate
    return body


def _labelled_groups(body: str, labels: list[re.Match]) -> list[tuple[str, str]]:
    """(label, list text) for each label: 牵头单位：A；配合单位：B、C."""
    groups = []
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(body)
        chunk = body[m.end():end]
        deadline = DEADLINE_LABEL.search(chunk)  # sought first: 集团完成时限： is no label of six characters
        other = OTHER_LABEL.search(chunk, 0, deadline.start() if deadline else len(chunk)) or deadline
        chunk = chunk[:other.start()] if other else chunk
        watcher = WATCHER.search(chunk)
        groups.append((m.group(1), (chunk[:watcher.start()] if watcher else chunk).strip(" ；;，,。")))
    return groups


OBJECT = re.compile(r"[^，,；;。、：:]{1,12}")  # what a labelled list's last body does: …，B负责|法制审查工作


def _worded_groups(body: str, label: str = "") -> list[tuple[str, str]] | None:
    """(role word, list text) for each role word closing a list: A负责，B、C配合; None when text
    follows the last role word (a sentence, not a clause). Under a `label` the text may go on
    with the rest of the bodies it names (责任单位：A、B牵头，C) or with what the last one does
    (…，C负责法制审查工作)."""
    groups = []
    last = 0
    for m in ROLE.finditer(body):
        chunk = body[last:m.start()].strip(" ；;，,。")
        if chunk:
            groups.append((m.group(0), chunk))
        last = m.end()
    rest = body[last:].rstrip(" 。")
    listed = rest.lstrip("，,、 ")
    if rest and label and groups and all(looks_like_agency(n) for n in split_names(listed)):
        groups.append((label, listed))
    elif rest and not (label and OBJECT.fullmatch(rest)):
        return None
    return groups


DUTY_PREFIX = re.compile(r"(?:具体|全力|积极|共同|分别|业务)$")


def _duty_groups(listed: str) -> list[tuple[str, str]] | None:
    """(role word, list text) for each sentence of a duty list under a label (责任分工：区规划局负责
    开展规划编制工作，所在乡镇人民政府组织实施，区直有关责任部门配合): each sentence opens with the
    bodies, then their role word, then what they do. The first sentence must be such a one; a later
    one that names no bodies, or bodies that only guide or check, adds nobody (其他项目由B负责实施:
    the bodies after 由)."""
    groups = []
    for sentence in filter(None, (s.strip() for s in re.split(r"[，,；;。]", listed))):
        m = ROLE.search(sentence)
        names = DUTY_PREFIX.sub("", sentence[:m.start()].strip().rpartition("由")[2]) if m else ""
        if names and not GUIDES_ONLY.match(sentence[m.end():]) and all(
                looks_like_agency(n) for n in split_names(names)):
            groups.append((m.group(0), names))
        elif not groups and not sentence.startswith(("按照", "根据", "依据", "围绕")):  # 按照…要求，A负责
            return None
    return groups or None


def _named(groups: list[tuple[str, str]], labelled: bool) -> list[tuple[str, str, str]]:
    """(surface, role kind, role text) of every body in the groups; watchers left out."""
    named: list[tuple[str, str, str]] = []
    for word, chunk in groups:
        kind = ROLE_OF[word]  # lead | coop | resp | watch (data/role_words.tsv, data/clause_labels.tsv)
        if kind == "watch":  # 监督, 督办单位：
            continue
        for name in split_names(chunk):
            if labelled:  # 配合处室：A；B负责落实 — under a label, a role word after a name adds nothing
                name = ROLE_TAIL.sub("", name)
            marked = re.match(r"^(.+?)[（(]牵头[）)]$", name)
            if marked:
                named.append((marked.group(1), "lead", "牵头"))
                continue
            named.append((name, kind, word))
    return [x for x in named if x[0] not in UNNAMED]  # 有关部门按职责分工负责 names no one


def _roles(named: list[tuple[str, str, str]], evidence: str) -> tuple[Role, ...]:
    """Explicit 牵头 wins; otherwise the first responsible body leads; a body named twice keeps
    its strongest role."""
    strongest: dict[str, tuple[bool, str]] = {}  # name → (leads, role text), in order of first mention
    first_resp_done = any(k == "lead" for _, k, _ in named)
    for name, kind, word in named:
        lead = kind == "lead"
        if kind == "resp" and not first_resp_done:
            lead, first_resp_done = True, True
        if name not in strongest or lead and not strongest[name][0]:
            strongest[name] = (lead, word)
    return tuple(Role(name, lead, word, evidence) for name, (lead, word) in strongest.items())


@lru_cache(maxsize=16384)
def parse_roles(content: str, evidence: str) -> tuple[Role, ...] | None:
    """Roles in one clause's content, or None when it is not a responsibility clause (cached; the
    roles are frozen, so sharing them is safe)."""
    body = _clause_body(content)
    labels = list(LABEL.finditer(body))
    if len(labels) == 1 and labels[0].start() == 0 and labels[0].group(1) in GENERIC_LABELS and ROLE.search(
            re.sub(r"[（(][^（）()]*[）)]", "", body[labels[0].end():])):  # 责任单位：A牵头，B配合 (not A（牵头）、B)
        listed = body[labels[0].end():].strip()
        roles = (_roles_of(_worded_groups(listed, labels[0].group(1)), False, evidence)
                 or _roles_of(_duty_groups(listed), False, evidence))
        if roles:  # else the role words sit in sentences after the list (…，B审批科牵头承办)
            return roles
    return _roles_of(_labelled_groups(body, labels) if labels else _worded_groups(body), bool(labels), evidence)


def _roles_of(groups: list[tuple[str, str]] | None, labelled: bool, evidence: str) -> tuple[Role, ...] | None:
    if not groups:
        return None
    named = _named(groups, labelled)
    if labelled:  # under a label the text is a list of bodies for sure: leave out only what is no name
        named = [x for x in named if looks_like_agency(x[0]) or names_a_place(x[0])]  # …、杨浦区
    if not named or not all(looks_like_agency(n) or labelled and names_a_place(n) for n, _, _ in named):
        return None
    return _roles(named, evidence)


def bare_list_roles(content: str, evidence: str) -> tuple[Role, ...] | None:
    """A bracketed list of bodies with no role word, where a clause stands (（A、B、C） closing a
    task, as after "排在第一位的部门为牵头部门，下同"): the first-named leads."""
    names = split_names(content.strip(" 。；;，,"))
    if not names or not all(looks_like_agency(n) for n in names):
        return None
    return tuple(Role(n, k == 0, "列名", evidence) for k, n in enumerate(dict.fromkeys(names)))


def _standing(content: str, at_start: bool = False) -> tuple[str, ...]:
    """The bodies a standing clause names (以下均需A、B落实，不再列出): anywhere in a clause's content,
    or `at_start` of the sentence after a labelled clause."""
    if "以下" not in content[:8 if at_start else None]:
        return ()
    m = STANDING.match(content) if at_start else STANDING.search(content)
    return tuple(n for n in split_names(m.group(1)) if looks_like_agency(n)) if m else ()


@lru_cache(maxsize=4096)
def find_clauses(text: str) -> tuple[Clause, ...]:
    """Every responsibility clause in a provision's text, in order (cached: asked often; the
    clauses are frozen)."""
    clauses: list[Clause] = []
    text_end = len(text.rstrip(" 。；;\n"))
    for start, end, content in _bracketed(text):
        roles = parse_roles(content, text[start:end])
        if roles is None and end == text_end and not _names_aside(text, start):
            roles = bare_list_roles(content, text[start:end])
        if roles:
            clauses.append(Clause((start, end), text[start:end], roles, _standing(content)))
    taken = [c.span for c in clauses]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    labelled = [m for m in LABEL_CLAUSE.finditer(text) if free(m.start(1), m.end(1))] if (
        "：" in text or ":" in text) else []
    runs: list[list[re.Match]] = []  # label lines one after another are one clause (牵头单位：A / 责任单位：B)
    for m in labelled:  # on one line too: 牵头单位：A。推进单位：B、C
        if runs and not text[runs[-1][-1].end(1):m.start(1)].strip(" \t\n　。；;"):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        a, b = run[0].start(1), run[-1].end(1)
        content = "；".join(m.group(1).strip() for m in run)
        roles = parse_roles(content, text[a:b].strip())
        if roles:  # a standing sentence may close it or follow it (责任单位：…。以下均需各设区市人民政府…落实，不再列出)
            standing = _standing(content) or _standing(text[b:b + 300].lstrip("。；; "), at_start=True)
            clauses.append(Clause((a, b), text[a:b].strip(), roles, standing))
            taken.append((a, b))
    for m in INLINE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        content = m.group(1) + m.group(2) + (("，" + m.group(3) + m.group(4)) if m.group(3) else "")
        roles = parse_roles(content, m.group(0))
        if roles:
            clauses.append(Clause((m.start(), m.end()), m.group(0), roles))
    if not clauses:
        cells = row_cells(text) or marked_cells(text)
        if cells:
            clauses.append(cells)
    clauses.sort(key=lambda c: c.span)
    return tuple(clauses)


SENTENCE_STOPS = "。；;！？"
ROW_TAIL = 200  # the cells after a row's last sentence: a few names, not a paragraph


def _names_aside(text: str, start: int) -> bool:
    """Is the bracket at `start` glued to a body's name before it (各乡镇人民政府（街道办事处）): part of
    that name, not a clause of its own?"""
    before = re.split(r"[，,、；;。\s]", text[max(0, start - 30):start])[-1]
    return bool(before) and looks_like_agency(before)


@lru_cache(maxsize=4096)  # asked by find_clauses and again for the document's rows (tasks.read_lone_cells)
def row_cells(text: str, lone: bool = False) -> Clause | None:
    """The last cells of a table row flattened into the task's text, the bodies printed after its
    last sentence with nothing between them (…集中展示。区经济发展局区自然资源与生态环境局区直有关单位，
    各区属事业单位): a name glued to the one before it starts a cell (the cell's lines run
    together), names joined by ，、 stay in one cell. The last cell cooperates and the cells before
    it lead. Only a row whose last cell lists several bodies counts: names in one cell or one name
    a cell are a list closing a sentence or the signers, unless the document is known to be such
    rows (`lone`, tasks.read_lone_cells): then one cell is a bare list, the first-named leads."""
    body = text.rstrip()
    if not body or body[-1] in SENTENCE_STOPS:  # it ends in a sentence, not in cells (most texts)
        return None
    tail = body[max(body.rfind(c) for c in SENTENCE_STOPS) + 1:].strip()
    if len(tail) > ROW_TAIL:
        return None
    names = split_names(tail)
    if lone:  # 公卫家庭处医政医管处医保处: one cell's names, a line each, run together
        names = [piece for name in names for piece in _glued_names(name)]
    if not names or not all(looks_like_agency(n) for n in names) or names[0].startswith(ACTION_WORDS):
        return None  # (积极做好…公开省法制办: a title glued to its row's cells, cells_after_title's to read)
    cells: list[list[str]] = [[]]
    pos = 0
    for name in names:
        at = tail.find(name, pos)
        if at < 0:
            return None
        if cells[-1] and not re.search(r"[，,、]", tail[pos:at]):
            cells.append([])
        cells[-1].append(name)
        pos = at + len(name)
    if lone and (len(cells) == 1 or all(len(cell) == 1 for cell in cells)):
        leads = 1  # the first-named
    elif len(cells) < 2 or len(cells[-1]) < 2:  # a list closing a sentence (…。市财政局、市税务局), joint
        return None  # signers (市住房城乡建设管理委 市房屋管理局): no cells
    else:
        leads = sum(map(len, cells[:-1]))
    roles: dict[str, Role] = {}  # a body named twice keeps its first, stronger role
    for k, name in enumerate(n for cell in cells for n in cell):
        if name not in UNNAMED:
            roles.setdefault(name, Role(name, k < leads, "列名", tail))
    start = text.rfind(tail)
    return Clause((start, start + len(tail)), tail, tuple(roles.values())) if roles else None


LEAD_MARK = re.compile(r"[（(]牵头[）)]")
ROW_TIME_CELL = re.compile(TIME_CELL_OPENING + r"[^。；;、，,]{0,20}$")  # a row's last cell, after its bodies


def marked_cells(text: str) -> Clause | None:
    """The cells of a table row run into its text, where the lead cell marks its body (…养老服务设施建设
    市住房城乡规划建设局（牵头）、市民政局、市老龄办和各区市县人民政府、园区管委会2014年4季度出台具体措施):
    from the whole name glued before the first （牵头） (opening with its level, 市…) to the row's time
    cell, a list of bodies whose marked ones lead and the others cooperate."""
    mark = LEAD_MARK.search(text)
    if not mark:
        return None
    start = next((k for k in range(mark.start() - 2, max(-1, mark.start() - NAME_MAX), -1)  # the shortest:
                  if text[k] in "市省区县团" and not text.startswith("市场", k)
                  and whole_name(text[k:mark.start()])), None)  # 市住房城乡规划建设局, not 设施建设市住房…, 县|市场…
    if start is None:
        return None
    cells = re.sub(r"(?<=[）)])(?:和|及)|会同", "、", text[start:].rstrip(" 。"))  # A（牵头）和B, A会同B
    time = ROW_TIME_CELL.search(cells)
    cells = cells[:time.start()] if time else cells
    if re.search(r"[。；;]", cells):
        return None
    roles = _roles_of([("负责", cells)], True, cells)
    if not roles or not any(r.lead for r in roles):
        return None
    return Clause((start, start + len(cells)), cells, roles)


DIVISION_ENDINGS = ("处", "科", "股")  # a division's name ends there: 医政医管处|办公室 are two
WORDS_OF_NAMES = LONG_ENDINGS + ("办公室", "办公厅", "人民政府")


@lru_cache(maxsize=1024)
def _glued_names(name: str) -> tuple[str, ...]:
    """A run of bodies' names with nothing between them, cut into the shortest names that cover it
    whole (项目办医政医管处 → 项目办, 医政医管处; 医政医管处办公室（财务科） → 医政医管处, 办公室（财务科））:
    never inside a bracket or before one, nor before what goes on with a name (平潭综合实验区|管委会|
    办公室) unless a division (…处, …科) ends there; the name itself when no cut covers it."""
    for p in range(3, len(name) - 2):
        head = name[:p]
        if name[p] in "（(" or head.count("（") + head.count("(") > head.count("）") + head.count(")"):
            continue
        if MORE_OF_A_NAME.match(name, p) and not head.endswith(DIVISION_ENDINGS) or any(
                name.startswith(w, q) for w in WORDS_OF_NAMES for q in range(max(0, p - len(w) + 1), p)):
            continue  # (nor through a word: 区管委会办|公室)
        if looks_like_agency(head) and kind_of(head) != "collective":  # 各区|属事业单位 is one
            rest = _glued_names(name[p:])
            if all(looks_like_agency(r) for r in rest):
                return (head,) + rest
    return (name,)


# A row whose cells run on after the task's title (工作任务 | 牵头单位 | 责任单位 | 工作要求, flattened):
# 按月公开全省财政收支情况省财政厅各设区市，平潭综合实验区在“中国福建”门户网站… Its bodies' names open
# with their jurisdiction (省财政厅, 各设区市, 中央驻闽…).
ROW_NAME_START = re.compile(r"[省市区县各]|中央")




def _names_glued_before(seg: str) -> list[str]:
    """The bodies glued to the end of `seg`, in order: the shortest name at the end that opens
    with a jurisdiction, then the one before it, and so on. A name of 各… goes on back over 省直
    (省直各部门) or a government's name (省政府各部门: its departments)."""
    names, end = [], len(seg)
    while True:
        k = next((k for k in range(end - 3, max(-1, end - NAME_MAX), -1)
                  if ROW_NAME_START.match(seg, k) and looks_like_agency(seg[k:end])), None)
        if k is None:
            return names[::-1]
        if seg[k] == "各":
            k = next((j for j in range(k - 1, max(-1, k - NAME_MAX), -1) if ROW_NAME_START.match(seg, j) and (
                k - j <= 2 and looks_like_agency(seg[j:end])
                or seg[j:k].endswith(("政府", "管委会")) and looks_like_agency(seg[j:k]))), k)
        names.append(seg[k:end])
        end = k


@lru_cache(maxsize=4096)  # asked by the provisions stage (structure._has_cells) and the tasks stage
def cells_after_title(text: str) -> tuple[int, Clause] | None:
    """(where the title ends, the roles) of a row whose lead and responsible cells follow its
    title with nothing between (…情况省财政厅各设区市，平潭综合实验区在…): the names glued to the
    title lead, the list they run into (joined by ，、) cooperates; with no name glued before the
    list, the list is unmarked and its first-named leads; a body before 会同 leads and the rest
    take part. Read in the first sentence only, and only where the list holds two bodies or more."""
    first = text.split("。", 1)[0]
    parts = re.split(r"[，、]", first)  # one character each: offsets add up
    for i, seg in enumerate(parts[:-1]):
        glued = _names_glued_before(seg)
        title_end = sum(len(p) + 1 for p in parts[:i]) + len(seg) - sum(map(len, glued))
        if not glued or len(first[:title_end].strip()) < 2:
            continue
        listed = [glued[-1]]
        j = i + 1
        while j < len(parts) - 1 and whole_name(parts[j]):
            listed.append(parts[j])
            j += 1
        end = name_opening(parts[j])
        if end:
            listed.append(parts[j][:end])
        if len(listed) < 2:
            continue
        leads = glued[:-1] or listed[:1]
        cooperates = listed if glued[:-1] else listed[1:]
        evidence = "".join(glued[:-1]) + "，".join(listed)
        together = _names_glued_before(first[:title_end - 2]) if first[:title_end].endswith("会同") else []
        if together:  # 省公安厅会同省人社厅、卫计委…: the body before 会同 leads, the others take part
            leads, cooperates = together, glued[:-1] + listed
            evidence = "".join(together) + "会同" + evidence
            title_end -= 2 + sum(map(len, together))
        roles = {}  # each piece as split_names reads it: 教育厅等相关部门 is 教育厅
        for piece, lead in [(n, True) for n in leads] + [(n, False) for n in cooperates]:
            for name in split_names(piece):
                if name not in UNNAMED:
                    roles.setdefault(name, Role(name, lead, "列名", evidence))
        return title_end, Clause((title_end, title_end + len(evidence)), evidence, tuple(roles.values()))
    return None


TITLE_CELL = 80  # a row's title cell is a phrase, not a paragraph
CELL_MAX = 40  # how far into a line a responsibility cell may run


def _cell_clause(line: str) -> tuple[str, tuple[Role, ...]] | None:
    """The longest opening of a line that reads as a clause, the next cell's text run into it
    (综合处牵头，各处、单位配合落实|通过政府门户网站… , 各处、单位分别牵头落实, 农业处牵头落实)."""
    found = None
    for m in ROLE.finditer(line, 0, CELL_MAX):
        roles = parse_roles(line[:m.end()], line[:m.end()])
        if roles:
            found = (line[:m.end()], roles)
    if found:  # A、B分别牵头，市直相关单位，各县（区）政府（管委会）: the bodies listed after the leads take part
        rest = line[len(found[0]):].strip("，,、；; ")
        names = [n for n in split_names(rest) if n] if rest and "。" not in rest else []
        if names and all(looks_like_agency(n) for n in names):
            known = {r.name for r in found[1]}
            found = (line, found[1] + tuple(Role(n, False, "列名", line) for n in dict.fromkeys(names) if n not in known))
    return found


def cells_on_lines(text: str) -> tuple[int, Clause] | None:
    """(where the title ends, the roles) of a row whose cells follow its title a line each (a task
    table flattened one cell a line): a line that lists bodies is an unmarked list (the first-named
    leads) unless a clause line that names a lead follows it, which makes both cells lead
    (党工委管委会牵头部门: 区行政审批局 | 本局责任处: 综合处牵头，各处、单位配合落实)."""
    title, _, rest = text.partition("\n")
    if len(title) > TITLE_CELL or "。" in title.rstrip("。"):
        return None  # a paragraph, not a row's title: the names under it sign the document
    listed: list[str] = []
    evidence: list[str] = []
    cell = None
    for line in rest.split("\n"):
        if lists_bodies(line):
            listed += [n for n in split_names(line.strip()) if n not in listed]
            evidence.append(line.strip())
            continue
        cell = _cell_clause(line.strip())
        if cell and not any(r.lead for r in cell[1]):
            cell = None
        break
    roles = {name: Role(name, k == 0 or cell is not None, "列名", evidence[0]) for k, name in enumerate(listed)}
    if cell:
        evidence.append(cell[0])
        for role in cell[1]:
            roles.setdefault(role.name, role)
    if not roles:
        return None
    joined = "\n".join(evidence)
    return len(title), Clause((len(title), len(title) + len(joined)), joined, tuple(roles.values()))
