"""The extraction's vocabulary, read from loaders/data and compiled once: the one place where words
become patterns. Adding a role word, a clause label or a document type is a line in a table:

    role_words.tsv        牵头 / 配合 / 负责 / 督办 … and the role each gives
    clause_labels.tsv     牵头单位： 责任单位： 配合单位： … and the role of the bodies after them
    document_types.tsv    实施方案, 通知 … (Document.doc_type, complete title lines, cited titles)
    numbering_forms.tsv   一、 （一） 1. （1） ① 第一条: how provisions are numbered, outermost first
    task_sections.tsv     headings of parts that list tasks (重点任务 …)
    non_task_sections.tsv headings of parts that frame a plan (总体要求, 保障措施 …)
    task_table_titles.tsv the ends of an attachment's title that make it a task table (分解表 …)
    action_words.tsv      words a work item opens with (加强, 推进 …)

Each pattern below is defined once here and imported by the stage that uses it.
"""
from __future__ import annotations

import re

from .tables import read_tsv, words

# --- role words and clause labels ------------------------------------------------------------

ROLE_WORDS = read_tsv("role_words.tsv")
CLAUSE_LABELS = read_tsv("clause_labels.tsv")


def _role_words(role: str, where: str | None = None) -> tuple[str, ...]:
    return tuple(r["word"] for r in ROLE_WORDS if r["role"] == role and where in (None, r["where"]))


LEAD_WORDS = _role_words("lead")
COOP_WORDS = _role_words("coop")
WATCH_WORDS = _role_words("watch")  # supervisors and the notified are no cooperators
# what only guides or checks, after a duty list's role word (区交通与建设局负责检查指导, 业务指导): a watch word,
# perhaps after 业务/技术 and 检查
GUIDES_ONLY = re.compile(r"(?:业务|技术)?(?:检查)?(?:" + "|".join(map(re.escape, WATCH_WORDS)) + r")|检查")
# The role each role word or label gives: lead | coop | resp | watch.
ROLE_OF = {**{r["word"]: r["role"] for r in ROLE_WORDS}, **{r["label"]: r["role"] for r in CLAUSE_LABELS}}
GENERIC_LABELS = tuple(r["label"] for r in CLAUSE_LABELS if r["generic"] == "yes")

_END = r"(?=$|[，,；;。、\s])"  # where a list of bodies ends (group_end words)
# 市场监督管理局, 县委督查室, 价格监督检查办公室, 价格监督检查与反不正当竞争处 are bodies
_NOT_A_NAME = r"(?![管理室办处局科组队站所中委]|检[查验测][^，,；;。、\s（）()]{0,12}?[办室处局科站所中])"
# 省十大新兴产业推进组工作专班牵头单位按职责分工负责: a body's lead units, named before their own role word
_NAMES_UNITS = r"(?!(?:单位|部门)(?:按职责|牵头|负责|配合|参与|协助|协办))"
_GUARD = {"anywhere": "", "not_in_name": _NOT_A_NAME, "group_end": _END, "not_before_role": _NAMES_UNITS}

# Any role word, the longest pattern first (负责监督 before 负责; a guarded word before a bare one).
ROLE = re.compile("|".join(sorted((re.escape(r["word"]) + _GUARD[r["where"]] for r in ROLE_WORDS),
                                  key=len, reverse=True)))
# A watcher after a label's list: ；县审计局负责资金使用情况监督 (every watch word, not inside a name).
WATCHER = re.compile(r"[；;，,][^；;，,]*(?:" + "|".join(re.escape(w) + _NOT_A_NAME for w in WATCH_WORDS) + ")")
# A clause label: 牵头单位： 责任单位： 责任单位及承办科室（单位）：
LABEL = re.compile("(" + "|".join(r["label"] for r in CLAUSE_LABELS) + r")(?:[（(][^（）()]{1,6}[）)])?\s*[:：]")

# A role word closing a name in a list or a table cell (A按职责分工负责, B配合, C开展落实).
ROLE_TAIL = re.compile(r"(?:按职责分工|按职责)?(?:开展)?(?:负责落实|具体负责|牵头承办|负责|配合|牵头|落实|承办|协办)$")

# A label line: two to six characters and a colon (完成时限：… 责任单位：…).
LABEL_WORD = r"[\u4e00-\u9fff]{2,6}[:：]"
LABEL_LINE = re.compile(r"^\s*" + LABEL_WORD)
OTHER_LABEL = re.compile(r"[；;。，,]?\s*" + LABEL_WORD)  # 完成时限： after a label's bodies

# --- document types ------------------------------------------------------------------------------

DOCUMENT_TYPES = read_tsv("document_types.tsv")
DOC_TYPES = tuple(r["word"] for r in DOCUMENT_TYPES if r["doc_type"] == "yes")  # longest first
DOC_TYPE_END = tuple(r["word"] for r in DOCUMENT_TYPES if r["title_end"] == "yes")
CITED_TITLE = re.compile("(" + "|".join(r["word"] for r in DOCUMENT_TYPES if r["cited"] == "yes") + ")$")
ARTICLES = {r["word"]: r["articles"] for r in DOCUMENT_TYPES if r["articles"]}  # 措施: measures, 细则: rules
PROCEDURE_TITLES = {r["word"]: r["numbers"] for r in read_tsv("procedure_titles.tsv")}
TITLE_VERB = re.compile("关于(" + "|".join(sorted(PROCEDURE_TITLES, key=len, reverse=True)) + ")")

# --- numbering forms -------------------------------------------------------------------------------

NUMBERING_FORMS = read_tsv("numbering_forms.tsv")
FORM_RANK = [r["form"] for r in NUMBERING_FORMS if r["item"]]  # outermost first


def _line_start(rows) -> str:
    return r"^\s*(?:" + "|".join(r["line"] for r in rows) + ")"


# A numbered heading or item at the start of a line (一、 （一） 1. （1） ① 第一条 …).
NUMBERING = re.compile(_line_start(NUMBERING_FORMS))
# A line that shows the provisions have begun (一、 （一） 1.).
BODY_NUMBERING = re.compile(_line_start([r for r in NUMBERING_FORMS if r["body"] == "yes"]))
# A heading row inside a 台账 table (一、推进学前教育普及普惠发展).
GROUP_ROW = re.compile(_line_start([r for r in NUMBERING_FORMS if r["heading"] == "yes"]) + r"[^。\t]{2,40}$")
# A number opening a piece of a provision; the group named after its form holds the numeral.
TOKEN_START = r"[一二三四五六七八九十（(\d①-⑳第]"  # the characters a number opens with
TOKEN = re.compile(
    "(?=" + TOKEN_START + ")(?:"  # the lookahead skips the other characters fast
    + "|".join(r["item"] for r in NUMBERING_FORMS if r["item"]) + ")")

# --- task tables ------------------------------------------------------------------------------------

# Column headings of a 台账 and the kind of cell under each (data/table_columns.tsv).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {}
for _row in read_tsv("table_columns.tsv"):
    TABLE_COLUMNS[_row["column"]] = TABLE_COLUMNS.get(_row["column"], ()) + (_row["name"],)
# A time limit's label, which crawled pages glue to the last body of a list (…区交通集团完成时限：…).
DEADLINE_LABEL = re.compile(r"[；;。，,]?\s*(?:" + "|".join(sorted(TABLE_COLUMNS["deadline"], key=len, reverse=True))
                            + r")[:：]")

# --- dates ----------------------------------------------------------------------------------------

# A line that is a date and nothing else (2018年12月21日, 二〇一八年十二月二十一日): a 成文日期.
NUMERIC_DATE = re.compile(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$")  # a page's 2024-05-01
DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                       r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


# --- Chinese numerals ------------------------------------------------------------------------------

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}


def cn_digits(s: str) -> str:
    """Chinese digits written one by one (二〇一八 → 2018); other characters kept."""
    return "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in s)


def cn_number(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; digits as they are (12 → 12)."""
    if s.isdigit():
        return int(s)
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        return CN_DIGITS.get(hundreds, 1) * 100 + (cn_number(rest.lstrip("零〇")) if rest else 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(s, 0)


# --- section headings ------------------------------------------------------------------------------

TASK_SECTIONS = words("task_sections.tsv")
NON_TASK_SECTIONS = words("non_task_sections.tsv")
# sought in a heading's first 20 characters, opening it (四、时间安排从2020年7月…, its text run on) or as a
# phrase of its own (工作目标和主要任务, 强化保障措施), not 完善与强国建设目标任务相匹配的…制度 (a measure)
_NON_TASK_WORDS = "(?:" + "|".join(map(re.escape, NON_TASK_SECTIONS)) + ")"
NON_TASK_HEADING = re.compile("^" + _NON_TASK_WORDS + "|" + _NON_TASK_WORDS + r"(?![\u4e00-\u9fff](?<![和与及暨]))")
FRAMING_ITEM = re.compile("|".join(re.escape(r["word"]) for r in read_tsv("non_task_sections.tsv") if r["item"] == "yes"))
TASK_SECTION = re.compile("|".join(map(re.escape, TASK_SECTIONS)))  # sought in a heading's first 20 characters
TASK_TABLE_TITLE = re.compile("(?:" + "|".join(map(re.escape, words("task_table_titles.tsv"))) + r")\s*$")
ACTION_WORDS = words("action_words.tsv")


# A table's time cell opens so (2019年5月, 2014年4季度出台具体措施, 年底前完成, 长期坚持, 持续实施, 逐年落实).
TIME_CELL_OPENING = r"(?:\d{4}\s*年|[上下]半年|年底|年内|长期|持续|逐年|每年|常态化)"
