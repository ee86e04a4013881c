"""Provisions: numbered headings and items → sections, tasks and sub-items.

A task is a numbered item that carries work: it has a body (a sentence or a responsibility clause
of its own). Headings that only group tasks are sections; numbered items inside a task are its
sub-items. A heading with a body and no numbered items is a task when its siblings hold tasks
(慈溪's （五）巩固完善全民医保体系). Parts that frame a plan (总体要求, 保障措施 …, see
data/non_task_sections.tsv) hold no tasks, but for items with a responsibility clause of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .agencies import UNNAMED, looks_like_agency, name_opening, names_someone, split_names, whole_name
from .clean import squash
from .responsibility import INLINE, cells_after_title, find_clauses
from .vocabulary import (ACTION_WORDS, DOC_TYPES, FORM_RANK, FRAMING_ITEM, LABEL, LABEL_LINE, NON_TASK_HEADING,
                         TASK_SECTION, TOKEN, TOKEN_START, cn_number)

CJK = re.compile(r"[\u4e00-\u9fff]")
CLOSERS = "。；;：:］】）)”」!！?？"
RANK = {kind: k for k, kind in enumerate(FORM_RANK)}  # a numbering form's nesting depth, outermost 0
# A number inside a paragraph opens a piece only right after a closing mark or a comma (_glued), so
# only the places where a mark is followed by a number's first character are tried: the regex
# engine finds the marks by a fast scan (no numbering form holds such a mark but at its end).
MARK_BEFORE_NUMBER = re.compile("[" + re.escape(CLOSERS + "，,") + "](?=" + TOKEN_START + ")")
# The document's own closing provisions: when it starts and what stays under the old rules
# (十、本通知自2018年6月26日起施行, 上述政策于2023年2月1日起执行, 本通知执行之前已受理的贷款按原政策执行,
# 本通知未涉及的…按原政策执行, 原贷款管理办法中的其他相关政策不变), where it applies (本通知适用于全市区域), who explains it (本实施细则由…负责解释), which rules give way
# (原有政策与本通知不一致的，以本通知为准).
CLOSING = re.compile("^本[\u4e00-\u9fff]{0,4}?(?:" + "|".join(DOC_TYPES + ("政策",)) + r")(?:自|从|由|有效期|所称|未尽|未涉及|适用于?|"
                     r"(?:执行|实施|施行)(?:之|以)?前)"
                     "|^[^。]{0,30}不一致的[，,]以本(?:" + "|".join(DOC_TYPES) + ")为准"
                     r"|^(?:上述|以上)[^。，]{0,10}(?:政策|措施|规定)[^。，]{0,4}(?:自|于|从)[^。，]{2,20}起(?:执行|施行|实施)"
                     r"|^原[^。，；]{0,20}(?:其他|其余)[^。，；]{0,10}(?:政策|规定|条款)[^。，；]{0,4}(?:不变|继续执行)[。；]?$")


def _token_value(m: re.Match) -> tuple[str, int]:
    kind = m.lastgroup
    raw = m.group(kind)
    return kind, (ord(raw) - ord("①") + 1 if kind == "circ" else cn_number(raw))


@dataclass
class Piece:
    kind: str | None  # numbering kind, None for an unnumbered paragraph
    number: int
    label: str
    text: str


@dataclass(eq=False)  # a node is itself: two alike subtrees compared field by field recurse through parent
class Node:
    kind: str
    number: int = 0
    label: str = ""
    text: str = ""
    body: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    closed: bool = False  # its paragraph ended with a responsibility clause
    preamble: list[str] = field(default_factory=list)  # root only: text before the first item

    @property
    def own_text(self) -> str:
        return "\n".join([self.text, *self.body])

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *self.body, *(c.label + c.full_text for c in self.children)])

    @property
    def heading(self) -> str:
        return self.label + self.text


def split_pieces(paragraphs: list[str]) -> list[Piece]:
    """Paragraphs → numbered pieces, splitting headings glued to a previous line and inline
    sub-items ((1)…(2)…) where the numbers run in sequence."""
    last: dict[str, int] = {}  # the last number of each form seen so far
    pieces: list[Piece] = []
    for para in paragraphs:
        starts = _starts(para, last)
        para, tail = _closing_clause(para, starts)
        new = _cut(para, starts, last)
        if tail and new:
            new[0].text += tail
        pieces += new
    return pieces


def _glued(m: re.Match, para: str, starts: list[re.Match], last: dict[str, int]) -> bool:
    """Does a number inside a paragraph open a piece of its own?"""
    prev = para[m.start() - 1]
    kind = m.lastgroup
    if kind in ("cn", "pcn") and prev in "］】）)。；;":
        here = [_token_value(x)[1] for x in starts if x.lastgroup == kind]  # this paragraph's own
        # a heading glued to the end of the previous provision
        return _token_value(m)[1] == (here[-1] if here else last.get(kind, 0)) + 1
    return kind in ("par", "circ") and prev in CLOSERS + "，," and _sequence_ok(starts, kind, _token_value(m)[1])


def _starts(para: str, last: dict[str, int]) -> list[re.Match]:
    """The numbers that open pieces of a paragraph: at its start, and glued or inline ones."""
    starts = []
    m = TOKEN.match(para)
    if m and m.start() == 0:
        starts.append(m)
    for mark in MARK_BEFORE_NUMBER.finditer(para):
        m = TOKEN.match(para, mark.end())
        if m and _glued(m, para, starts, last):
            starts.append(m)
    return starts


def _closing_clause(para: str, starts: list[re.Match]) -> tuple[str, str]:
    """`1.总述。(1)…(2)…（A负责）`: a clause closing a paragraph of inline sub-items is the item's
    own: (the paragraph without it, the clause)."""
    inline = [m for m in starts if m.start() > 0 and m.lastgroup in ("par", "circ")]
    if not inline:
        return para, ""
    clauses = find_clauses(para)
    closing = clauses[-1] if clauses else None
    if sum(1 for c in clauses if c.span[0] > inline[0].start()) > 1:
        return para, ""  # (1)…（A牵头）(2)…（B牵头）(3)…（C牵头）: each sub-item's own, the last one's too
    if closing and closing.span[0] > inline[-1].start() and closing.span[1] >= len(para.rstrip("。； ")):
        return para[:closing.span[0]], para[closing.span[0]:]
    return para, ""


def _cut(para: str, starts: list[re.Match], last: dict[str, int]) -> list[Piece]:
    """The pieces of one paragraph: unnumbered text before the first number, then one a number."""
    pieces = []
    if not starts or starts[0].start() > 0:
        end = starts[0].start() if starts else len(para)
        if para[:end].strip():
            pieces.append(Piece(None, 0, "", para[:end].strip()))
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(para)
        kind, value = _token_value(m)
        last[kind] = value
        if kind in ("article", "cn", "pcn"):  # an outer number restarts the forms inside it
            for deeper in [x for x in last if RANK[x] > RANK[kind]]:
                last.pop(deeper)
        pieces.append(Piece(kind, value, m.group(0).strip(), para[m.end():end].strip()))
    return pieces


def _sequence_ok(starts: list[re.Match], kind: str, value: int) -> bool:
    same = [_token_value(m)[1] for m in starts if m.lastgroup == kind]
    return value == (same[-1] + 1 if same else 1)


def build_tree(pieces: list[Piece]) -> Node:
    root = Node("root")
    stack = [root]
    for p in pieces:
        if p.kind is None:
            top = stack[-1]
            if not root.children:
                root.preamble.append(p.text)
            elif top is root or top.closed and not LABEL_LINE.match(p.text) and not _next_measure(p.text):
                root.body.append(p.text)
            else:
                top.body.append(p.text)
                top.closed = top.closed or _ends_with_clause(p.text)
            continue
        same = [i for i, n in enumerate(stack) if n.kind == p.kind]
        if same:
            del stack[same[-1]:]
        parent = stack[-1]
        if parent is not root and LABEL.match(p.text) and has_clause(p.text):
            parent.body.append(p.text)  # （四）责任单位：A、B: a numbered line that only says who does the item above
            parent.closed = True
            continue
        node = Node(p.kind, p.number, p.label, p.text, parent=parent)
        node.closed = _ends_with_clause(p.text)
        parent.children.append(node)
        stack.append(node)
    _lift_trailing_clauses(root)
    return root


def _next_measure(text: str) -> bool:
    """A paragraph after an item's clause that is another measure of the item, a headline and its
    sentences closed by a clause of their own (一、支持工业互联网平台建设 / 培育各类工业互联网平台。…（责任单位：…）
    / 推动企业上云上平台。…（责任单位：…）), not text after the list."""
    return _headline(text) and _ends_with_clause(text)


def _is_clause_line(text: str) -> bool:
    """A line that is only a responsibility clause or a label line (（A牵头，B配合） 牵头单位：A 完成时限：…)."""
    if LABEL_LINE.match(text):
        return True
    clauses = find_clauses(text)
    return bool(clauses) and clauses[0].span[0] == 0 and clauses[-1].span[1] >= len(text.rstrip("。；; "))


def _lift_trailing_clauses(node: Node) -> None:
    """A clause printed on its own lines after an item's sub-items is the item's, when none of the
    sub-items before the last has a clause (（一）…：1.… 2.… 3.… （县医保局牵头，…配合））. A lone
    sub-item keeps its clause where the items of the sections beside print their own
    (（十一）强化改革驱动 55.推动… 牵头司局：思政司, between sections whose items 54., 56. carry theirs)."""
    for child in node.children:
        _lift_trailing_clauses(child)
    if node.kind == "root" or not node.children or not node.children[-1].body:
        return
    *before, last = node.children
    k = len(last.body)
    while k and _is_clause_line(last.body[k - 1]):
        k -= 1
    if k == len(last.body) or last.children or has_clause(last.text) or has_clause(node.own_text) or any(
            has_clause(c.full_text) for c in before):
        return
    if not before and any(has_clause(item.own_text) for section in node.parent.children if section is not node
                          for item in section.children):
        return
    if has_clause("\n".join(last.body[k:])):
        node.body += last.body[k:]
        del last.body[k:]
        last.closed, node.closed = False, True


# What follows the bodies an article gives work to: a duty word, an action (市发展改革部门推动…)
# or what names it the competent body (市房产局是全市…的主管部门).
DUTY = re.compile("(?:共同|分别|具体|依法)?(?:负责|牵头|主管|统筹|要?会同|应当|应(?!急|用)|配合|协助|通过|是|指导|监督|受理|审核|审批|"
                  + "|".join(sorted(ACTION_WORDS, key=len, reverse=True)) + ")")


# 保障|部门, 建设|主管部门: the word was in a name
NAME_GOES_ON = re.compile(r"(?:行政主管|主管|管理|[\u4e00-\u9fff])?(?:部门|局|委(?!托)|厅|办(?!理)|处(?!理|罚|置)|中心)")


# Words between an article's bodies and their duty (市无线电管理部门根据工作需要统筹建设…).
ADVERBIAL = re.compile(r"作为|统一|依照|按照|按(?=下列|规定|要求|程序)|根据|依据|结合|围绕|对|向|与|(?<!所)在|定期|每年|及时|另行|可以|可")
ACTS_AT_ONCE = re.compile(r"积极|进一步|加快|加大|大力|切实|认真|着力|全力|努力|持续|深入|主动")
OBJECT_MARKS = ("对", "向", "给", "把", "将")  # a clause that opens with one names what the work is done to
TOGETHER_WITH = re.compile(r"^(?:应当|应|要|可以)?会同")
PARTNERS_END = re.compile(r"[，,；;。]|以|依|按照|根据|将|把|" + DUTY.pattern)
AUTHORISES = re.compile(r"^[^，,。；;]{2,20}?(?:人民政府|政府)授权(?=[^，,。；;]{2,30}?负责)")  # 州人民政府授权州X部门负责…: the X部门
CONDITION = re.compile(r"^[^，,；;。]{4,60}?的[，,](?!由)")  # 房屋出现下列情形之一的，区房产主管部门应当…
LEARNS = re.compile(r"接到|接收到|收到|发现|获悉")
WHEN = re.compile(r"^[^，,；;。]{4,60}?(?:[之以]?[后前]|时)[，,](?!由)")  # 地名命名、更名后，市地名行政主管部门应当…
# 有下列行为之一的，基金办可以采取暂停拨付…: the sanctions a rule sets, no work it gives (法律责任)
PENALTY = re.compile(r"责令|罚款|处分|处以?[\d一二三四五六七八九十百千万]|暂停|取消|撤销|追回|没收|吊销|"
                     r"通报批评|追究|移送|信用记录|失信|约谈")
SANCTION = re.compile(r"(?:违反本[\u4e00-\u9fff]{1,8}(?:规定|办法|条例|细则)|(?:有|存在)下列[^，。]{0,8}(?:情形|行为)之一)"
                      r"[^。]{0,80}?(?:" + PENALTY.pattern + ")")
BODY_ACTS = re.compile(r"^本|鼓励|支持|引导")  # 本市鼓励有关单位, 本市地名文化保护实行: a sentence, not a body
# 主办单位, 依托单位, 物业企业, 房屋安全鉴定机构: whom a rule binds, not a body given public work
PRIVATE = re.compile(r"^(?![市区县省乡镇各])[^、]*(?:单位|企业|机构|公司|银行|个人)$")


@lru_cache(maxsize=4096)  # asked when the tree is walked and again when the task is made
def duty_holders(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(leads, cooperators, the sentence) of an article: the bodies that open the first of its first
    sentences that gives them work lead (县教育局、县财政局负责… → both; 市发展改革部门推动建立…;
    本市完善…制度。市发展改革部门负责… → 市发展改革部门; 市、区人民政府应当… → both); the bodies
    they work with (A会同B、C等部门组织…) and those its later sentences give work (B应当配合…,
    C、D等部门按照各自职责…) cooperate. ((), (), "") when it gives none."""
    text = re.sub(r"^\s*【[^】]{1,12}】", "", text)  # 第二十一条【定期评估】管委会…: the article's tag
    sentences = [s.strip() for s in re.split(r"[。\n]", text.strip()) if s.strip()]
    for k, sentence in enumerate(sentences[:5]):
        sentence = AUTHORISES.sub("", CONDITION.sub("", sentence).removeprefix("由"))
        leads, end = _holders_at_start(sentence)
        if not leads and k == 0:
            leads, end, sentence = _holders_inside(sentence)
        if leads:
            # 公积金中心、受托银行应…: the bank named beside the body takes part in its work
            others = [n for n in _names_before(ASIDE.sub("", sentence), end) if PRIVATE.search(n)]
            others += _partners(sentence[end:])
            for comma in re.finditer(r"[，,；;]", sentence[end:]):  # …主管部门，发展改革、教育等部门，在…做好
                others += _holders_at_start(sentence[end + comma.end():], partners=True)[0]
            for later in sentences[k + 1:]:
                others += _holders_at_start(CONDITION.sub("", later), partners=True)[0]
            if any(map(names_someone, leads)):  # 市、区地名行政主管部门以及其他有关部门…: the others take part
                others = [n for n in leads if not names_someone(n)] + others
                leads = [n for n in leads if names_someone(n)]
            return tuple(leads), tuple(dict.fromkeys(n for n in others if n not in leads)), sentence
    return (), (), ""


CONCERNED = re.compile(r"(?:有关|相关)(?:部门|单位|机构)$")  # …等市直有关部门: whoever else it concerns, no one named


def led_together(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(leads, cooperators, the sentence) of an item with no clause, one of whose first sentences
    opens with the bodies that do its work together with others (科技部会同中国社科院建立…; 科技部、
    中国社科院要会同教育部、…等部门和单位研究制定…; 北京市经济和信息化局会同专区监管部门将…纳入…): they
    lead and the others cooperate. ((), (), "") when none does."""
    for sentence in [s.strip() for s in re.split(r"[。\n]", text.strip()) if s.strip()][:5]:
        leads, end = _holders_at_start(sentence)
        if leads and TOGETHER_WITH.match(sentence[end:]) and not re.search("[由，,]", sentence[:end]):
            partners = tuple(n for n in _partners(sentence[end:]) if not CONCERNED.search(n) and n not in leads)
            return tuple(leads), partners, sentence
    return (), (), ""


def _partners(rest: str) -> list[str]:
    """The bodies a lead works with, from what follows its name: A会同B、C组织…, A应当会同有关部门，…,
    A会同行业主管部门应… (主管 inside the name ends no list), 有关部门 included."""
    start = TOGETHER_WITH.match(rest)
    if not start:
        return []
    for end in PARTNERS_END.finditer(rest, start.end() + 2, start.end() + 42):
        names = split_names(rest[start.end():end.start()])
        if names and all(looks_like_agency(n) or n in UNNAMED for n in names):
            return names
    return []


def _holders_inside(sentence: str) -> tuple[list[str], int, str]:
    """(bodies, where they end, the part of the sentence they open) of an article's first sentence
    that opens with something else: a time clause (地名命名、更名后，市地名行政主管部门应当…), a time
    clause that names them (街道办事处接到…报告后，应当及时核查), or a 由 clause after a comma
    (下列人员户籍准入，由人社部门受理审核; not a sanction: …的，由X责令改正)."""
    when = WHEN.match(sentence)
    if when:
        rest = sentence[when.end():].removeprefix("由")
        leads, end = _holders_at_start(rest)
        if leads:
            return leads, end, rest
        learns = LEARNS.search(when.group())
        if learns and re.match(r"应|要|及时|立即", rest):
            names = _or_split(split_names(when.group()[:learns.start()]))
            if names and all(map(_public_body, names)):
                return names, 0, sentence
    for by in re.finditer(r"[，,]由", sentence):
        rest = sentence[by.end():]
        leads, end = _holders_at_start(rest)
        if leads and not PENALTY.search(rest):
            return leads, end, rest
    return [], 0, sentence


THEN_DUTY = re.compile(r"[，,]\s*(?:" + ADVERBIAL.pattern + "|" + DUTY.pattern + ")")
ASIDE = re.compile(r"[（(]以下(?:简称|称)[^）)]{1,20}[）)]")  # 市交通行政管理部门（以下简称管理部门）
ORGANISES = re.compile(r"^(?:定期|及时|每年)?(?:组织|动员)(?:本辖区内?|辖区内|本行政区域内|本区域内)?")
HEAD_END = re.compile(r"[，,；;：:]|[（(](?![^）)]{1,6}[）)])")  # 区、县（市）房产主管部门 goes on past its （市）


def _holders_at_start(sentence: str, partners: bool = False) -> tuple[list[str], int]:
    """The first run before a duty word or an action that is a list of bodies, where the word does
    not begin a body's name itself (市人力资源和社会保障部门建立…: 保障 is part of the name), and
    where it ends; an adverbial may come between (市X部门依照…，编制…). `partners`: the bodies of a
    later clause may stand alone before its comma (…，发展改革、教育等部门，在各自职责范围内做好…)."""
    plain = ASIDE.sub("", sentence)
    if partners:
        if plain.lstrip().startswith(OBJECT_MARKS) or ACTS_AT_ONCE.match(plain):
            return [], 0  # …，对各级评委会…进行检查 (what is checked), …，积极争取中央财政城镇…: no body
        plain = ORGANISES.sub("", plain, count=1)  # …，定期组织本辖区内街道办事处开展应急培训: they take part
    head = HEAD_END.split(plain, maxsplit=1)[0]
    head = head if head.count("、") >= 4 else head[:62]  # a long list of bodies (市机关事务局、…、市检察院等) is read whole
    ends = [m.start() for m in DUTY.finditer(head, 2) if not NAME_GOES_ON.match(head, m.end())]
    adverbial = ADVERBIAL.search(head, 2)
    if adverbial and (ends and adverbial.start() < ends[0] or not ends and DUTY.search(sentence, len(head))):
        ends.insert(0, adverbial.start())
    elif partners and not ends and THEN_DUTY.match(plain, len(head)):
        ends.append(len(head))
    for end in ends:
        names = _names_before(head, end)
        if names and (_public_body(names[0]) or partners and names[0] in UNNAMED) and all(
                _public_body(n) or PRIVATE.search(n) or n in UNNAMED for n in names):
            # 公积金中心、受托银行应…: the centre; 地名行政主管部门和有关部门应当…: both (有关部门 takes part)
            return [n for n in names if _public_body(n) or n in UNNAMED], end
    return [], 0


def _names_before(text: str, end: int) -> list[str]:
    """The parties listed before `end` (具体细则由市X委另行制定: those after the 由)."""
    return [n for n in _or_split(split_names(text[:end].rsplit("由", 1)[-1])) if n]


def _or_split(names) -> list[str]:
    """公积金中心及受委托银行, 公积金中心或授权受托银行, 区地名行政主管部门以及其他有关部门: two
    parties (a body's own name keeps its 和 and 及, never 以及)."""
    out = []
    for name in (part for name in names for part in name.split("以及")):
        parts = re.split(r"及|或者|或", name)
        whole = len(parts) == 1 or _public_body(name) or not all(_public_body(p) or PRIVATE.search(p) for p in parts)
        out += [name] if whole else parts
    return out


def _public_body(name: str) -> bool:
    return looks_like_agency(name) and not BODY_ACTS.search(name) and not PRIVATE.search(name)


def _ends_with_clause(text: str) -> bool:
    tail = text.rstrip("。 ")
    if not tail or tail[-1] not in "）)］]】" and "：" not in text and ":" not in text and "由" not in text:
        return False  # no clause can end here: spare the clause parser (most paragraphs)
    clauses = find_clauses(text)
    return bool(clauses) and clauses[-1].span[1] >= len(text.rstrip("。 ")) - 1


FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}[:：]")


def _work_with_clause(text: str) -> bool:
    """A heading's text: work with the clause that assigns it (各地要成立工作专班…。 责任单位：…), not a
    list of labelled roles alone (主办单位：…。承办单位：…。)."""
    clauses = find_clauses(text)
    starts, ends = [0] + [c.span[1] for c in clauses], [c.span[0] for c in clauses] + [len(text)]
    rest = "".join(text[a:b] for a, b in zip(starts, ends))
    rest = "".join(line for line in rest.splitlines() if not FIELD_LINE.match(line))  # 承办单位：…
    return bool(clauses) and len(CJK.findall(rest)) >= 10


def title_like(node: Node) -> bool:
    """A heading line: no sentence of its own and no clause (（一）全面建立分级诊疗制度), or a short
    phrase closed by 。 on a line of its own above its text (（一）好规划。 1.提高供地与更新质量。 …)."""
    t = node.text
    if t.endswith("。") and (len(t) > 30 or "，" in t or not (node.body or node.children)):
        return False
    return len(t) <= 60 and "。" not in t.rstrip("。")[:-1] and not find_clauses(t)


ANNOUNCES = re.compile(r"(?:以下|下列)[^，。；]{0,8}(?:情形|条件|类型|方式|规定|规则|标准|要求|措施|家庭|人员)")


def _headline_over_items(node: Node) -> bool:
    """（三）建立长效机制。各地各有关部门要加强制度建设…。 over 1.完善培训机制。… 2.建立考评机制。…: a
    headline and a sentence that introduces items with headlines of their own (two in three) is a
    heading like a bare one, its items measures. Items that only spell it out (1.注重医防结合。… (1)坚持
    预防为主,…) leave it one measure."""
    return (bool(node.children) and _headline(node.text) and not has_clause(node.own_text)
            and sum(_headline(c.text) for c in node.children) >= HEADED_SHARE * len(node.children))


FIELD_LABEL = re.compile(r"^([^，,。；;：:（）()]{2,12})[：:]")


def _form(node: Node) -> tuple[str, ...]:
    """The labels its items open with when every one opens with one (1.改革方式：… 2.具体改革举措：…
    3.加强事中事后监管措施：…), else (): headings whose items repeat the same labels fill in one form,
    each heading a measure and its items the form's fields, never measures of their own."""
    labels = tuple(m[1] if (m := FIELD_LABEL.match(c.text)) else "" for c in node.children)
    return labels if len(labels) >= 2 and all(labels) else ()


def _introduces_its_items(node: Node) -> bool:
    """二、优化…计算规则 / 为…，容积率计算按以下规则执行： / （一）… （二）…: a heading whose own
    text announces the items under it (a colon ends it, or 对以下三种类型居民家庭，暂停…) is one
    measure, spelled out by them."""
    return bool(node.body) and (node.body[-1].rstrip().endswith(("：", ":")) or bool(ANNOUNCES.search(node.body[-1])))


def _list_item(node: Node) -> bool:
    """One short sentence and nothing under it (a condition or case in a list, not a measure)."""
    return not node.body and not node.children and len(node.text) <= 80 and "。" not in node.text.rstrip("。；;")


def _aspect(node: Node) -> bool:
    """A sub-heading over its text (（二）补贴总额度 / 本文件实施期内…) or a paragraph that opens with
    a short label (（一）获取方式。专业技术人员…): one aspect of a measure, never a measure of its own
    (（一）支持引进国际专业展会项目。…)."""
    label = node.text.split("。", 1)[0]
    bare = title_like(node) and not node.text.rstrip().endswith("。")
    return (bare or "。" in node.text and len(label) <= 6 and "，" not in label) and not _measure(node)


def _addresses_a_body(node: Node) -> bool:
    """An item that opens by naming the public body it gives work to (（二）各市县住房和城乡建设部门，
    支持购房人…，应予以办理…): a measure of that body's, never an aspect of its heading."""
    head = ASIDE.sub("", node.text.split("，", 1)[0]) if "，" in node.text[:40] else ""
    names = split_names(head) if head else []
    return bool(names) and all(map(_public_body, names))


def _led_from_its_start(node: Node) -> bool:
    """An item that opens by saying who leads it (（2）由区安监局牵头组织，负责…) or whose work it is
    (1.市卫生计生委负责统筹制定…, under 五、责任分工): its own task, even with no bracketed clause."""
    m = INLINE.match(node.text)
    return m is not None and m.group(2) == "牵头" and looks_like_agency(m.group(1)) or bool(opens_with_its_body(node.text))


DUTY_AT_START = re.compile(r"^([^，,。；;：:（）()]{2,40}?)(?:共同|分别|具体)?(?:负责|为[^，,。；;]{0,20}牵头单位)")


def opens_with_its_body(text: str) -> list[str]:
    """The public bodies a sentence opens with, right before 负责 (市财政局负责项目经费保障与监督) or
    …为…的牵头单位, else []."""
    m = DUTY_AT_START.match(text.strip())
    names = split_names(m.group(1)) if m else []
    return names if names and all(map(_public_body, names)) else []


def _has_cells(node: Node) -> bool:
    """A row of a flattened task table: its title runs on into its lead and responsible cells
    (30.加大…力度省商务厅省工商局各设区市，平潭综合实验区), a phrase before them (…，推进泰宁县、尤溪县
    联合镇… is a sentence that names the places of its work)."""
    cells = cells_after_title(node.text)
    return cells is not None and "，" not in node.text[:cells[0]]


def _question(node: Node) -> bool:
    return node.text.rstrip().endswith(("？", "?"))


def _measure(node: Node) -> bool:
    """A heading that opens with an action (调整…, 完善…, 引导…): a measure, not a topic."""
    return squash(node.text).startswith(ACTION_WORDS)


def duties_holder(node: Node) -> str:
    """The body an item is headed by, whose duties its text lists (1.街道消委办。牵头开展…; （一）区交通委
    over 1.… 2.…), or ""."""
    head = re.split(r"[。：:]", node.text, maxsplit=1)[0].strip()
    return head if len(head) <= 20 and whole_name(head) else ""


def _duties_by_body(node: Node) -> list[Node]:
    """二、职责分工 1.街道消委办。… 2.派出所。… or （一）区党群工作部按照…落实… （二）区宣传与影视发展部充分发挥…:
    the items of a heading that each list one body's duties, headed by it or opening with its name
    (most of them, two at least), else []."""
    assigns = DUTIES_HEADING.search(node.text, 0, 20) is not None
    holders = [c for c in node.children if holder_of(c, assigns)]
    return holders if len(holders) >= 2 and 2 * len(holders) > len(node.children) else []


DUTIES_HEADING = re.compile(r"职责|分工")  # 五、职责分工, 部门职责: a heading that assigns duties (not 工作要求)


def holder_of(node: Node, opening_too: bool = True) -> str:
    """The body whose duties an item under a heading of such lists gives: the name it is headed by,
    or (`opening_too`, under a heading that assigns duties) the public body its text opens with
    (区市场监督管理局严格监管…), or the kind of body that its text opens with before 负责 (公安机关负责…)."""
    if (holder := duties_holder(node)) or not opening_too:
        return holder
    opening = node.text[:name_opening(node.text)]
    if OF_A_PLACE.match(opening) and _public_body(opening):
        return opening
    duty = DUTY_OPENING.match(node.text)  # a kind of body, named at every level alike: 公安机关负责…
    return duty[1] if duty and (_public_body(duty[1]) or duty[1].endswith(("组织", "机关"))) else ""


OF_A_PLACE = re.compile(r"^[省市区县乡镇各].{2,}")  # 区财政金融局, 市卫生计生委: a body of the jurisdiction (not 加强组…)
# （五）公安机关负责依法办理…, （九）共青团组织负责…: a national plan's duties of a kind of body, named with no place
DUTY_OPENING = re.compile(r"^([\u4e00-\u9fff]{2,12}?)(?:负责|牵头)")


def non_task_heading(node: Node) -> bool:
    return bool(NON_TASK_HEADING.search(node.text[:20]))


@dataclass
class Provision:
    node: Node
    section: str
    subitems: list["Provision"] = field(default_factory=list)
    clauses: tuple = ()  # the responsibility clauses of its own text, found once (read_provisions)
    holder: str = ""  # the body whose duties it lists, under a heading of such lists (职责分工)


def find_tasks(root: Node, measures: bool = False) -> list[Provision]:
    """Walk the tree: sections hold tasks, tasks hold sub-items.

    A numbered item with a body is a task, unless it has no clause of its own while its numbered
    items carry theirs (then it is a section with an introduction). A heading with a body and no
    numbered items is a task when it names who is responsible, when its siblings are tasks or
    sections of tasks, or when its parent heading says it lists tasks (重点任务, 主要措施 …). Where
    no clause is printed, a heading over numbered items beside measures of its level is one measure
    too when its items only spell it out (sub-headings such as 补贴标准, or the cases of 调整…政策).
    """

    def sub(node: Node, section: str) -> list[Provision]:
        return [Provision(c, section, sub(c, section)) for c in node.children]

    def walk(node: Node, path: list[str]) -> list[Provision]:
        found: list[Provision | None] = []
        candidates: list[Provision] = []
        grouped: list[tuple[int, Node, str, list[str]]] = []  # headings over numbered items, read last
        def items_beside() -> bool:  # plain measures beside the heading (asked only when it matters;
            # 一、总体要求… framing the plan is none)
            return any(not c.children and not title_like(c) and not non_task_heading(c) for c in node.children)

        def leaves_beside() -> bool:  # most headings beside it are measures of one paragraph
            leaves = sum(1 for c in node.children if title_like(c) and c.body and not c.children)
            return leaves >= 3 and 2 * leaves > len(node.children)

        for child in node.children:
            here = path + [child.heading[:40]]
            section = " / ".join(path)
            if CLOSING.match(child.text) and not child.children:
                continue  # the document's own closing provision: no work item
            if (_question(child) or child.children and all(map(_question, child.children))) and not has_clause(
                    child.full_text):
                continue  # 二、主要修订了哪些内容？ （一）…, 四、重要举措解读 （一）为什么…？: an explainer's questions
            if child.body and not child.children and CLOSING.match(child.body[0]) and title_like(child):
                continue  # 四、其他 本通知自发布之日起执行…: the closing provisions under a heading
            if child.kind == "article":  # 第五条 县教育局负责…: an article is a task when it assigns work
                if measures or has_clause(child.own_text) or not SANCTION.search(child.own_text, 0, 150) and any(
                        map(names_someone, duty_holders(child.own_text)[0])):
                    found.append(Provision(child, section, sub(child, " / ".join(here))))
                continue
            if title_like(child) or _headline_over_items(child):
                if non_task_heading(child) and (holders := _duties_by_body(child)):  # 职责分工: each body's
                    found += [Provision(c, " / ".join(here), sub(c, " / ".join(here + [c.heading[:40]])),
                                        holder=holder_of(c)) for c in holders]  # duties, a task
                    continue
                if non_task_heading(child):  # 保障措施: only an item that names who does it is a task
                    if not child.children and child.body and _work_with_clause("\n".join(child.body)):
                        found.append(Provision(child, section))  # …（责任单位：…） under the heading itself
                    found += [p for p in walk(child, here) if has_clause(p.node.own_text)]
                    continue
                if child.children and not any(has_clause(c.full_text) or _addresses_a_body(c) or _has_cells(c)
                                              or _led_from_its_start(c) for c in child.children) and (
                        has_clause(child.own_text)  # 二、… (一)… (二)… （责任部门：A）
                        or all(_list_item(c) for c in child.children) or items_beside()
                        or _introduces_its_items(child) or leaves_beside()):
                    # or （八）探索入市规则和程序 1.… 2.… among plain measures: a measure with its steps
                    # or 一、… 需满足以下条件： 1.…的； 2.…的；: one-line items that spell out the heading
                    # or （八）… 1.… 2.… where most headings beside it are measures of one paragraph
                    found.append(Provision(child, section, sub(child, " / ".join(here))))
                elif child.children:  # read once its siblings are known; None keeps its place in `found`
                    grouped.append((len(found), child, section, here))
                    found.append(None)
                elif child.body and has_clause(child.own_text):
                    found.append(Provision(child, section))
                elif child.body:
                    candidates.append(Provision(child, section))
                elif _has_cells(child) or any(map(_has_cells, node.children)):  # a flattened row with its
                    found.append(Provision(child, section))  # cells and no requirement, or its cells merged above
            elif child.children and not has_clause(child.own_text) and any(
                    has_clause(c.full_text) for c in child.children):
                found += walk(child, here)
            elif FRAMING_ITEM.search(child.text[:24]) and not has_clause(child.own_text):
                continue  # 3.“十五五”时期…的总体要求和基本原则。…: it frames the plan
            else:
                found.append(Provision(child, section, sub(child, " / ".join(here))))
        # 一、补贴措施及标准 （一）适用范围 （二）补贴标准 … beside 二、鼓励在县城购房 (a measure of its own)
        # and 三、… （一）…（二）… (a measure with its steps), no clause anywhere: one level of measures,
        # so the heading is one measure too, its items the aspects it spells out
        beside = [p.node for p in found + candidates if p is not None and p.node.parent is node]
        one_level = grouped and beside and not has_clause(node.full_text)
        read: dict[int, list[Provision]] = {}
        forms = [_form(child) for _, child, _, _ in grouped]
        for (k, child, section, here), form in zip(grouped, forms):
            if form and forms.count(form) >= 2 and not has_clause(child.full_text):
                read[k] = [Provision(child, section, sub(child, " / ".join(here)))]
            elif one_level and not any(_measure(c) or _addresses_a_body(c) or _has_cells(c)
                                     for c in child.children) and not (
                    TASK_SECTION.search(child.text, 0, 20)) and (
                    _measure(child) and any(map(_measure, beside)) or all(map(_aspect, child.children))):
                read[k] = [Provision(child, section, sub(child, " / ".join(here)))]
            else:
                read[k] = walk(child, here)
        if grouped:
            found = [p for k, item in enumerate(found) for p in (read[k] if item is None else [item])]
        lists_tasks = node.kind != "root" and TASK_SECTION.search(node.text, 0, 20) is not None
        if candidates and (found or lists_tasks or any(c.children for c in node.children)
                           or node.kind == "root" or measures_only()):  # numbered measures, no clause at all
            found += candidates
            found.sort(key=lambda p: _position(p.node))
        return found

    @lru_cache(maxsize=None)
    def measures_only() -> bool:
        return not has_clause(root.full_text)

    return walk(root, [])


def has_clause(text: str) -> bool:
    """A bracketed or labelled responsibility clause (an inline 由…牵头 alone is not enough)."""
    return any(c.evidence[:1] in "（([［【" or LABEL_LINE.match(c.evidence) or LABEL.match(c.evidence)
               for c in find_clauses(text))


def _position(node: Node) -> tuple:
    path = []
    while node.parent is not None:
        path.append(node.parent.children.index(node))
        node = node.parent
    return tuple(reversed(path))


@dataclass
class Preamble:
    """The text before the first provision, and the sections that frame the plan (指导思想,
    总体要求 …) and a 办法's 第一条, where its basis is often cited again (…根据《…》（…号）)."""
    text: str
    framing: str = ""


def read_provisions(body: list[str], measures: bool = False) -> tuple[Preamble, list[Provision]]:
    """The provisions stage: a document's body → (its preamble, its tasks with their sub-items).
    Table rows are left to the tables stage. `measures`: its articles are measures (…十条措施),
    each a task; else rules (…办法: only an article that gives a body work is a task)."""
    text_lines = [line for line in body if line.strip() and "\t" not in line]
    root = build_tree(split_pieces(text_lines))
    provisions = find_tasks(root, measures)
    _attach_clauses(provisions)
    provisions = [m for prov in provisions for m in measures_apart(prov)]
    framing = [c.heading + "\n" + c.full_text for c in root.children if title_like(c) and non_task_heading(c)]
    first_article = next((n for n in _walk(root) if n.kind == "article" and n.number == 1), None)
    if first_article is not None:  # 第一条 为…，根据《…》（中发〔2020〕30号），制定本办法: its basis
        framing.append(first_article.own_text)
    return Preamble("\n".join(root.preamble), "\n".join(framing)), provisions


MEASURE_START = re.compile(r"\s*[\u4e00-\u9fff“\d]")  # a measure's headline opens after its predecessor's clause
HEADLINE_MAX = 16  # a measure's own headline: a short phrase closed by 。 (提升智育水平。), no comma in it
HEADED_SHARE = 2 / 3  # of an item's measures that open with one, for the item to be only their heading
HEADING_LINE = re.compile(r"[^。；;，,（）()]{2,40}。?")  # an item's line that is its heading alone


def measures_apart(prov: Provision) -> list[Provision]:
    """An item that holds several measures, each a headline and its sentences closed by a clause of
    its own (（三）坚持“五育”并举…。坚持立德树人。…（责任单位：…）提升智育水平。…（责任单位：…）): where
    most measures (two in three) open with a headline of their own (a short phrase closed by 。, the
    bold sub-heading of the page it was copied from), the item only groups them and each measure is a
    task under the item's heading; otherwise the item stays the task (a task is a numbered item) with
    every measure's bodies, each measure a sub-item of it with its own (1．狠抓…整治取缔“十小”企业。…
    （A牵头，B参与）专项整治…). Text after the last clause stays with the last measure. An item with
    numbered sub-items, or one clause, is left as it is."""
    text = prov.node.own_text
    closing = [c for c in prov.clauses if c.evidence[:1] in "（(［[〔"]  # 【A牵头】 opens its measure instead
    ends = [c.span[1] for c in closing if MEASURE_START.match(text, c.span[1])]
    if prov.subitems or len(closing) < 2 or not ends or len(ends) < len(closing) - 1:
        return [prov]
    cuts = [0] + ends + [len(text)]
    if any(c.span[0] - max(e for e in cuts if e <= c.span[0]) < 4 for c in closing):
        return [prov]  # a clause that opens its sentence: the item's measures are not cut by them
    heading_line = HEADING_LINE.fullmatch(prov.node.text.strip()) and text.startswith(prov.node.text + "\n")
    if heading_line:  # 一、支持工业互联网平台建设 / 1．提升政务服务便捷化水平。 on a line of its own, the measures under it
        heading = prov.node.text
        first = len(heading) + 1
    else:
        heading = text.split("。", 1)[0] + "。"  # （三）坚持“五育”并举，…素质教育。坚持立德树人。…: the item's
        first = len(heading) if _headline(text[len(heading):].lstrip()) else 0  # heading, then a measure's headline
    pieces = [text[a:b].strip() for a, b in zip([first] + cuts[1:], cuts[1:])]
    headed = HEADED_SHARE * len(pieces) <= sum(map(_headline, pieces)) and bool(
        heading_line or not prov.node.body)  # 3.统筹建设…。建设…平台。…（…） over paragraphs: its parts
    if headed:  # under the item's label and first sentence (（三）坚持“五育”并举，全面深化素质教育)
        section = " / ".join(x for x in (prov.section, (prov.node.label + heading.rstrip("。"))[:40]) if x)
    else:
        section = " / ".join(x for x in (prov.section, prov.node.heading[:40]) if x)
        pieces = [text[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    measures = []
    for piece in pieces:
        node = Node("measure", text=piece, parent=prov.node)
        measures.append(Provision(node, section, clauses=find_clauses(node.own_text)))
    if headed:
        return measures
    prov.subitems = measures
    return [prov]


def _headline(measure: str) -> bool:
    """Does a measure open with a headline of its own (提升智育水平。…), not with an enumeration's
    word (二是强化…。: the item's parts, counted in its text)?"""
    head = measure.split("。", 1)[0]
    return ("。" in measure and 2 <= len(head) <= HEADLINE_MAX and not re.search(r"[，,；;：:（(]", head)
            and not ENUMERATED.match(head))


ENUMERATED = re.compile(r"[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，,、]?|首先|其次|再次|最后")


def _walk(node: Node):
    for child in node.children:
        yield child
        yield from _walk(child)


def _attach_clauses(provisions: list[Provision]) -> None:
    """Each provision gets the clauses of its own text (the tree is complete: its text is final)."""
    for prov in provisions:
        prov.clauses = find_clauses(prov.node.own_text)
        _attach_clauses(prov.subitems)
