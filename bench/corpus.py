"""A deterministic synthetic corpus of policy documents, with the ground truth of what it holds.

    python -m bench.corpus --docs 10000 --out /tmp/corpus --seed 1

Documents come from a realistic hierarchy (the State Council, provinces, prefecture cities and
counties of loaders/data/regions.tsv) and carry 发文字号 made of real 机关代字 (鲁政办发, 淄政发,
国办发 …), so every citation resolves to its issuer. Each document implements one of its parent
region's documents (根据《…》（number）), county and city notices forward their parent's document
in the same file (转发), and tasks name the departments of their jurisdiction in the
responsibility forms the loaders read (（A牵头，B配合）, 责任单位：, 牵头单位：/配合单位：, 由A牵头,
台账 rows …), in canonical and abbreviated spellings. Files are txt, html and docx.

Every document is a pure function of (seed, level, index), so files are written one at a time in
constant memory, and the same seed gives byte-identical files. `manifest.jsonl` (one line a file)
says what each file holds: documents, their tasks, the leading agencies of each task, and what
each document implements and forwards; `summary.json` gives the totals.
"""
from __future__ import annotations

import argparse
import html
import io
import json
import math
import random
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.loaders.tables import read_tsv

VOCAB = json.loads((Path(__file__).with_name("vocabulary.json")).read_text(encoding="utf-8"))
YEARS = 10  # documents are dated 2014 … 2023
FIRST_YEAR = 2014
FILES_PER_FOLDER = 1000
FORMAT_SHARES = (("txt", 60), ("html", 25), ("docx", 15))
NATIONAL_CODES = ("国办发", "国发")  # 国务院办公厅, 国务院


# --- the hierarchy ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    name: str  # 淄博市
    short: str
    level: str  # national | provincial | municipal | county
    code: str  # the region part of its 机关代字: 鲁, 淄, 张店 ("" for the State Council)
    parent: str  # name of the region above ("" for provinces)
    province: str
    word: str  # how its own documents name it before a body: 省 / 市 / 县 / 区, or the full name
    rank: str = ""  # level of the region as the loaders report it (a 区 is a district)

    @property
    def office(self) -> str:
        return "办公室" if self.level == "county" else "办公厅"


NATIONAL = Place("国务院", "国务院", "national", "国", "", "", "", "national")


@lru_cache(maxsize=None)
def hierarchy() -> tuple[list[Place], dict[str, list[Place]], dict[str, list[Place]]]:
    """Provinces, cities by province, counties by city: only places whose name, short name and
    机关代字 are unambiguous, so that a number names one issuer (as it does in real life)."""
    rows = read_tsv("regions.tsv")
    names = Counter(r["name"] for r in rows)
    shorts = Counter(r["short"] for r in rows)
    abbr: dict[str, str] = {}
    for r in read_tsv("province_abbreviations.tsv"):
        if r["province"] not in abbr or len(r["abbr"]) < len(abbr[r["province"]]):
            abbr[r["province"]] = r["abbr"]
    national = {r["code"] for r in read_tsv("issuer_codes.tsv")}
    used = set(abbr.values()) | {"国"}

    deeper = {"provincial": {r[k] for r in rows if r["level"] != "provincial" for k in ("name", "short")},
              "municipal": {r[k] for r in rows if r["level"] in ("county", "district") for k in ("name", "short")}}

    def unique(r) -> bool:
        """One region per name, and no deeper region's name inside it: the loaders read the
        deepest region named in an issuer line (黑龙江省 holds 龙江, 定西市 holds 西市: left out)."""
        name = r["name"]
        inner = {name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)} - {name, r["short"]}
        return names[name] == 1 and 2 <= len(r["short"]) <= 4 and not inner & deeper.get(r["level"], set()) \
            and not set(name[:-1]) & set(VOCAB["avoid_name_chars"]) and not name.startswith(("省", "市", "区", "县"))

    def free_code(*options: str) -> str:
        for code in options:
            if code[0] in VOCAB["avoid_code_initials"] or len(code) > 1 and shorts[code] != 1:
                continue
            if code not in used and not any((code + s).startswith(n) for n in national
                                            for s in ("政发", "政办发")):
                used.add(code)
                return code
        return ""

    provinces = [Place(r["name"], r["short"], "provincial", abbr[r["name"]], "", r["name"],
                       "省" if r["name"].endswith("省") else r["name"], "provincial")
                 for r in rows if r["level"] == "provincial" and r["name"] in abbr
                 and r["name"].endswith(("省", "自治区")) and unique(r)]
    known = {p.name for p in provinces}
    cities: dict[str, list[Place]] = {}
    for r in rows:
        if r["level"] == "municipal" and r["province"] in known and r["name"].endswith("市") and unique(r):
            code = free_code(*_code_options(r["short"], initial=True))
            if code:
                cities.setdefault(r["province"], []).append(
                    Place(r["name"], r["short"], "municipal", code, r["province"], r["province"], "市", "municipal"))
    city_names = {c.name for cs in cities.values() for c in cs}
    counties: dict[str, list[Place]] = {}
    for r in rows:
        if r["level"] in ("county", "district") and r["city"] in city_names and unique(r) \
                and r["name"].endswith(("县", "区", "市")):
            code = free_code(*_code_options(r["short"], initial=r["level"] != "district"))
            if code:
                counties.setdefault(r["city"], []).append(
                    Place(r["name"], r["short"], "county", code, r["city"], r["province"], r["name"][-1],
                          r["level"]))
    provinces = [p for p in provinces if p.name in cities]
    return provinces, cities, counties


def _code_options(short: str, initial: bool) -> tuple[str, ...]:
    """The region part of a 机关代字 is one or two characters (淄政发, 张店政发)."""
    options = (short[0],) if initial else ()
    return options + ((short,) if len(short) == 2 else ())


@dataclass(frozen=True)
class Plan:
    """How many documents of each level, and the region each index falls on."""

    docs: int
    seed: int

    @property
    def counts(self) -> dict[str, int]:
        n = self.docs
        national = max(1, round(n * 0.005))
        provincial = max(1, round(n * 0.07))
        municipal = max(1, round(n * 0.225))
        return {"national": national, "provincial": provincial, "municipal": municipal,
                "county": max(0, n - national - provincial - municipal)}

    @property
    @lru_cache(maxsize=None)
    def places(self) -> dict[str, list[Place]]:
        """Regions per level, in the order documents are dealt to them: a city's province and a
        county's city always have documents of their own, so every chain is complete."""
        provinces, cities, counties = hierarchy()
        rng = random.Random(f"{self.seed}|places")
        provinces = provinces[:]
        rng.shuffle(provinces)
        provinces = provinces[:self.counts["provincial"]]
        city_order = _round_robin([rng.sample(cities[p.name], len(cities[p.name])) for p in provinces])
        city_order = city_order[:max(1, self.counts["municipal"])]
        county_order = _round_robin([rng.sample(counties.get(c.name, []), len(counties.get(c.name, [])))
                                     for c in city_order])
        return {"national": [NATIONAL], "provincial": provinces, "municipal": city_order,
                "county": county_order}

    def place(self, level: str, k: int) -> Place:
        places = self.places[level]
        return places[k % len(places)]

    def parent_doc(self, level: str, k: int, rng: random.Random) -> tuple[str, int]:
        """An upstream document of this document's parent region (always in the corpus)."""
        parent_level = {"provincial": "national", "municipal": "provincial", "county": "municipal"}[level]
        place = self.place(level, k)
        parents = self.places[parent_level]
        index = 0 if parent_level == "national" else next(
            i for i, p in enumerate(parents) if p.name == place.parent)
        available = (self.counts[parent_level] - index + len(parents) - 1) // len(parents)
        year = self.year(level, k)
        best = 0
        for _ in range(4):  # prefer an upstream document that is not newer
            j = rng.randrange(available)
            best = j
            if self.year(parent_level, index + j * len(parents)) <= year:
                break
        return parent_level, index + best * len(parents)

    def year(self, level: str, k: int) -> int:
        places = self.places[level]
        slot, ri = divmod(k, len(places))
        return FIRST_YEAR + (slot + ri) % YEARS

    def number(self, level: str, k: int, body_code: str) -> str:
        """Unique per region: the slot decides the year and the sequence number."""
        places = self.places[level]
        slot, ri = divmod(k, len(places))
        seq = 1 + (ri * 7) % 9 + (slot // YEARS) * 9
        return f"{places[ri].code}{body_code}〔{self.year(level, k)}〕{seq}号"


def _round_robin(lists):
    out, i = [], 0
    while any(i < len(x) for x in lists):
        out += [x[i] for x in lists if i < len(x)]
        i += 1
    return out


@lru_cache(maxsize=None)
def agency_canonical() -> dict[str, str]:
    out = {}
    for r in read_tsv("agency_names.tsv"):
        out[r["canonical"]] = r["canonical"]
        for v in r["variants"].split("|"):
            out.setdefault(v, r["canonical"])
    return out


# --- one document -------------------------------------------------------------------------------

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


@dataclass
class Agency:
    printed: str
    canonical: str


class Doc:
    """One official document: its lines (a table is a list of rows) and what it holds."""

    def __init__(self, plan: Plan, level: str, k: int):
        self.plan, self.level, self.k = plan, level, k
        self.rng = random.Random(f"{plan.seed}|{level}|{k}")
        rng = self.rng
        self.place = plan.place(level, k)
        self.upstream = None if level == "national" else plan.parent_doc(level, k, rng)
        topics = VOCAB["topics"]
        self.topic = topics[rng.randrange(len(topics))]
        if self.upstream and rng.random() < 0.8:  # a local document mostly carries out its parent's topic
            self.topic = Doc(plan, *self.upstream).topic
        self.year = plan.year(level, k)
        self.month, self.day = rng.randint(1, 12), rng.randint(1, 28)
        if level == "national":
            code = NATIONAL_CODES[0 if rng.random() < 0.7 else 1]
            self.issuer = "国务院办公厅" if code == "国办发" else "国务院"
            self.issuer_printed = self.issuer
            self.number = plan.number(level, k, code[1:])
        else:
            gov = rng.random() < 0.65
            body = ("人民政府" + self.place.office) if gov else "人民政府"
            code = "政办发" if gov else "政发"
            if self.topic["name"] == "深化医药卫生体制改革" and rng.random() < 0.4 and level != "county":
                body, code = "深化医药卫生体制改革领导小组", "医改发"
            self.issuer_printed = self.place.name + body
            self.issuer = self.place.name + agency_canonical().get(body, body)
            self.number = plan.number(level, k, code)
        kinds = {"national": ("实施方案", "行动计划"), "provincial": ("实施方案", "工作方案", "行动计划"),
                 "municipal": ("实施方案", "工作方案"), "county": ("实施方案", "工作方案")}[level]
        self.plan_title = f"{self.place.name if level != 'national' else ''}{self.topic['name']}" \
                          f"{rng.choice(kinds)}"
        self.genre = self._genre()
        self.title = (f"关于印发{self.plan_title}的通知" if self.genre != "ledger"
                      else f"关于印发{self.place.name}{self.topic['name']}重点任务分工的通知")
        if self.genre == "forward":
            up = self.upstream_doc()
            if up.genre == "forward":  # a notice forwards a document, not another notice
                self.genre = "plan"
            else:
                self.title = f"转发{up.issuer_printed}{up.title}"
        self.national_ref = None
        if level in ("municipal", "county") and rng.random() < 0.3:
            self.national_ref = rng.randrange(plan.counts["national"])
        self.truth = {"number": self.number, "issuer": self.issuer, "level": self.place.rank,
                      "region": self.place.name if level != "national" else "", "genre": self.genre,
                      "tasks": 0, "subtasks": 0, "leads": [], "cooperates": [], "implements": [],
                      "forwards": [], "task_implements": []}

    def _genre(self) -> str:
        r = self.rng.random()
        if self.level == "county":
            return "forward" if r < 0.35 else "ledger" if r < 0.55 else "plan"
        if self.level == "municipal":
            return "forward" if r < 0.12 else "ledger" if r < 0.25 else "plan"
        return "plan"

    # names --------------------------------------------------------------------------------
    def agency(self, key: str) -> Agency:
        level = self.level
        forms = VOCAB["bodies"][key]
        if level == "national":
            return Agency(forms["national"], forms["national"])
        variants = forms[level]
        printed_body = variants[0] if self.rng.random() < 0.55 else self.rng.choice(variants)
        canonical = self.place.name + agency_canonical().get(printed_body, printed_body)
        if self.place.word in ("省", "市", "县", "区") and self.rng.random() < 0.85:
            printed = self.place.word + printed_body
        else:
            printed = self.place.name + printed_body
        return Agency(printed, canonical)

    def collective(self) -> str:
        return {"national": "各省、自治区、直辖市人民政府", "provincial": "各市人民政府",
                "municipal": "各区县人民政府", "county": "各乡镇人民政府"}[self.level]

    def addressees(self) -> str:
        return {"national": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
                "provincial": "各市人民政府，省政府各部门、各直属机构：",
                "municipal": "各区县人民政府，市政府各部门，各有关单位：",
                "county": "各乡镇人民政府，街道办事处，县政府各部门："}[self.level]

    def date_line(self) -> str:
        if self.rng.random() < 0.1:
            digits = "〇一二三四五六七八九"
            y = "".join(digits[int(c)] for c in str(self.year))
            return f"{y}年{cn(self.month)}月{cn(self.day)}日"
        return f"{self.year}年{self.month}月{self.day}日"

    def sentence(self) -> str:
        return self.rng.choice(VOCAB["sentences"])

    # the document -------------------------------------------------------------------------
    def lines(self) -> list:
        """The document's lines; tables are lists of rows. Fills `self.truth`."""
        rng = self.rng
        out: list = []
        layout = rng.random()
        if self.level == "county" and layout < 0.3:
            out += [self.issuer_printed, self.title, f"（{self.number}）", ""]
        elif layout < 0.6:
            out += [f"{self.issuer_printed}文件", "", self.number, "", self.title, ""]
        else:
            out += [self.number, self.title, ""]
        out.append(self.addressees())
        basis = self.basis_clause()
        if self.genre == "ledger":
            out.append(f"{basis}现将《{self.place.name}{self.topic['name']}重点任务分工》印发给你们，"
                       "请结合实际认真抓好落实。")
        else:
            out.append(f"{basis}现将《{self.plan_title}》印发给你们，请认真贯彻执行。")
        out += ["", self.issuer_printed, self.date_line()]
        if rng.random() < 0.3:
            out.append("（此件公开发布）")
        out.append("")
        if self.genre == "ledger":
            out.append(self.ledger())
        else:
            out += self.plan_body()
        if rng.random() < 0.5:
            out += ["", "抄送：" + ("市委各部门，市人大常委会办公室，市政协办公室。" if self.level != "county"
                                   else "县委各部门，县人大常委会办公室，县政协办公室。")]
        return out

    def upstream_doc(self) -> "Doc | None":
        return Doc(self.plan, *self.upstream) if self.upstream else None

    def basis_clause(self) -> str:
        up = self.upstream_doc()
        if up is None:
            return "为深入贯彻落实党中央、国务院决策部署，经国务院同意，"
        self.truth["implements"].append(up.number)
        return f"为贯彻落实《{up.issuer_printed}{up.title}》（{up.number}）精神，"

    def clause(self, form: str, keys: list[str]) -> tuple[str, list[str], int]:
        """A responsibility clause: (text, canonical leads, number of cooperating bodies)."""
        ags = [self.agency(k) for k in keys]
        names = [a.printed for a in ags]
        lead = [ags[0].canonical]
        coop = len(ags) - 1
        if form == "lead_coop":
            text = f"（{names[0]}牵头，{'、'.join(names[1:])}配合）" if coop else f"（{names[0]}牵头）"
        elif form == "resp":
            text = f"（{'、'.join(names)}负责）"
        elif form == "by_duty":
            text = f"（{'、'.join(names)}等按职责分工负责）"
        elif form == "resp_label":
            text = f"(责任单位:{names[0]}{',' + '、'.join(names[1:]) if coop else ''})"
        elif form == "multi_lead" and len(ags) >= 3:
            text = f"（{names[0]}、{names[1]}分别牵头，{'、'.join(names[2:])}负责）"
            lead = [ags[0].canonical, ags[1].canonical]
            coop = len(ags) - 2
        elif form == "lead_mark" and coop:
            text = f"\n责任单位：{names[0]}（牵头）、{'、'.join(names[1:])}"
        elif form == "labels" and coop:
            text = f"\n牵头单位：{names[0]}；配合单位：{'、'.join(names[1:])}"
        else:
            text = f"（{'、'.join(names)}负责）"
        return text, lead, coop

    def task_keys(self) -> list[str]:
        bodies = self.topic["bodies"]
        n = self.rng.choice((1, 1, 2, 2, 3, 3, 4))
        first = bodies[min(int(self.rng.expovariate(0.9)), len(bodies) - 1)]  # the topic's lead dominates
        rest = [b for b in self.rng.sample(bodies, len(bodies)) if b != first]
        keys = [first] + rest[:n - 1]
        if self.level == "national":
            keys = [k for k in keys if k != "approval"] or ["devreform"]
        return keys

    def task_text(self, label: str, form: str, allow_sub: bool) -> tuple[list[str], dict]:
        rng = self.rng
        head = f"{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}"
        body = "".join(self.sentence() for _ in range(rng.randint(2, 6)))
        ref = ""
        task_refs = []
        if self.national_ref is not None and rng.random() < 0.15:
            nat = Doc(self.plan, "national", self.national_ref)
            ref = f"认真落实《{nat.issuer_printed}{nat.title}》（{nat.number}）有关要求。"
            task_refs.append(nat.number)
        deadline = ""
        if rng.random() < 0.3:
            deadline = f"（{self.year + rng.randint(0, 2)}年底前完成）"
        truth = {"leads": [], "cooperates": 0, "subtasks": 0, "implements": task_refs}
        if rng.random() < 0.05:  # a task nobody is named for
            return [f"{label}{head}。{body}{ref}{deadline}"], truth
        if form == "inline":
            keys = self.task_keys()
            a = self.agency(keys[0])
            b = self.agency(keys[1]) if len(keys) > 1 else None
            if b is not None:
                text = f"由{a.printed}牵头，{b.printed}配合，{head}。{body}{ref}"
                truth.update(leads=[a.canonical], cooperates=1)
            else:
                text = f"由{a.printed}牵头{head}。{body}{ref}"
                truth.update(leads=[a.canonical])
            return [f"{label}{head}。{text}{deadline}"], truth
        clause, leads, coops = self.clause(form, self.task_keys())
        truth.update(leads=leads, cooperates=coops)
        lines = (f"{label}{head}。{body}{ref}{deadline}{clause}").split("\n")
        if form in ("labels",) and rng.random() < 0.5:
            lines.append(f"完成时限：{self.year + 1}年{rng.randint(1, 12)}月底前")
        if allow_sub and "\n" not in clause and rng.random() < 0.12:
            n = rng.randint(2, 3)
            for i in range(1, n + 1):
                lines.append(f"（{i}）{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}。"
                             f"{self.sentence()}")
            truth["subtasks"] = n
        return lines, truth

    def record(self, truth: dict) -> None:
        self.truth["tasks"] += 1
        self.truth["subtasks"] += truth["subtasks"]
        self.truth["leads"].append(truth["leads"])
        self.truth["cooperates"].append(truth["cooperates"])
        self.truth["task_implements"] += truth["implements"]

    def plan_body(self) -> list[str]:
        rng = self.rng
        out = [self.plan_title, ""]
        forms = ["lead_coop", "resp", "by_duty", "resp_label", "multi_lead", "lead_mark", "labels", "inline"]
        style = rng.sample(forms, 2)  # a document keeps to one or two house styles
        layout = rng.choice(("flat", "sections", "numbered"))
        if self.level != "national":
            up = self.upstream_doc()
            out.append(f"根据《{up.issuer_printed}{up.title}》（{up.number}）精神，结合"
                       f"{'我省' if self.level == 'provincial' else '我市' if self.level == 'municipal' else '我县'}"
                       "实际，制定本方案。")
        else:
            out.append("为深入贯彻落实党中央、国务院决策部署，制定本方案。")
        n_top = 0
        heads = []
        if layout != "numbered":
            for name, text in VOCAB["framing"]:
                n_top += 1
                heads.append(n_top)
                out += [f"{cn(n_top)}、{name}", text]
            n_top += 1
            out.append(f"{cn(n_top)}、重点任务")
        n_sections = rng.randint(2, 5)
        per = [rng.randint(2, 7) for _ in range(n_sections)]
        counter = 0
        for s in range(n_sections):
            section = f"{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}"
            if layout == "sections":
                out.append(f"（{cn(s + 1)}）{section}")
            elif layout == "numbered":
                n_top += 1
                out.append(f"{cn(n_top)}、{section}")
            for t in range(per[s]):
                counter += 1
                if layout == "flat":
                    label = f"（{cn(counter)}）"
                else:
                    label = f"{counter}. " if rng.random() < 0.5 else f"{counter}."
                form = style[0] if rng.random() < 0.7 else style[1]
                lines, truth = self.task_text(label, form, allow_sub=True)
                out += lines
                self.record(truth)
        if layout != "numbered":
            n_top += 1
            out.append(f"{cn(n_top)}、保障措施")
            for i, (name, text) in enumerate(VOCAB["safeguards"], 1):
                out.append(f"（{cn(i)}）{name}。{text}")
        return out

    def ledger(self) -> list[list[str]]:
        rng = self.rng
        with_title = rng.random() < 0.4
        header = (["序号", "重点任务", "具体工作", "牵头部门", "配合部门", "完成时限"] if with_title
                  else ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"])
        rows = [header]
        for i in range(1, rng.randint(5, 16) + 1):
            keys = self.task_keys()
            lead = self.agency(keys[0])
            coops = [self.agency(k) for k in keys[1:]]
            coop_cell = "、".join([a.printed for a in coops] + ([self.collective()] if rng.random() < 0.2 else []))
            work = f"{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}。{self.sentence()}"
            due = f"{self.year + rng.randint(0, 1)}年{rng.randint(1, 12)}月底前"
            n_coop = len(coops) + (1 if "各" in coop_cell else 0)
            if with_title:
                rows.append([str(i), f"{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}",
                             work, lead.printed, coop_cell, due])
            else:
                rows.append([str(i), work, lead.printed, coop_cell, due])
            if rng.random() < 0.15:  # a second row of the same task, merged cells left blank
                extra = f"{rng.choice(VOCAB['verbs'])}{rng.choice(self.topic['objects'])}。{self.sentence()}"
                rows.append(["", "", extra, lead.printed, "", ""] if with_title
                            else ["", extra, lead.printed, "", ""])
            self.record({"leads": [lead.canonical], "cooperates": n_coop, "subtasks": 0, "implements": []})
        return rows


def forwarding_notice(doc: Doc, up: Doc) -> list:
    """A 转发 notice by `doc`'s issuer, followed in the same file by the document it forwards."""
    rng = doc.rng
    title = doc.title
    doc.truth.update(genre="forward", forwards=[up.number], implements=[])
    head = ([doc.issuer_printed, title, f"（{doc.number}）", ""] if rng.random() < 0.5
            else [f"{doc.issuer_printed}文件", "", doc.number, "", title, ""])
    return head + [
        doc.addressees(),
        f"现将{up.issuer_printed}《{up.title}》（{up.number}）转发给你们，请结合实际，认真贯彻执行。",
        "", doc.issuer_printed, doc.date_line(), "", *up.lines()]


def file_of(plan: Plan, level: str, k: int) -> tuple[list, list[dict]]:
    """The lines of one file and the ground truth of each document it holds."""
    doc = Doc(plan, level, k)
    if doc.genre == "forward":
        up = doc.upstream_doc()
        lines = forwarding_notice(doc, up)
        return lines, [doc.truth, up.truth]
    return doc.lines(), [doc.truth]


# --- writing --------------------------------------------------------------------------------

def to_txt(lines: list) -> bytes:
    out = []
    for line in lines:
        if isinstance(line, list):
            out += ["\t".join(row) for row in line]
        else:
            out.append(line)
    return ("\n".join(out) + "\n").encode("utf-8")


def to_html(lines: list, title: str) -> bytes:
    esc = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{esc(title)}</title></head><body>",
             '<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | 政策文件</div>',
             '<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>',
             '<div class="article">']
    for line in lines:
        if isinstance(line, list):
            parts.append("<table>")
            parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in line]
            parts.append("</table>")
        elif line:
            parts.append(f"<p>{esc(line)}</p>")
    parts += ["</div>", '<div class="footer">主办单位：人民政府办公室 版权所有 技术支持：信息中心</div>',
              "</body></html>"]
    return ("\n".join(parts) + "\n").encode("utf-8")


FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def to_docx(lines: list) -> bytes:
    import datetime

    import docx

    document = docx.Document()
    for line in lines:
        if isinstance(line, list):
            table = document.add_table(rows=len(line), cols=len(line[0]))
            for r, row in enumerate(line):
                cells = table.rows[r].cells
                for c, value in enumerate(row):
                    cells[c].text = value
        else:
            document.add_paragraph(line)
    props = document.core_properties
    props.created = props.modified = datetime.datetime(2020, 1, 1)
    props.last_printed = datetime.datetime(2020, 1, 1)
    props.author = props.last_modified_by = "policykg bench"
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    # zip entries carry the time of writing: rewrite them with a fixed time (byte-identical files)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return fixed.getvalue()


def schedule(plan: Plan):
    """(level, index) of every file, levels interleaved the way a crawl meets them (a county
    notice often before the city document it cites): a fixed permutation, in constant memory."""
    counts = plan.counts
    total = sum(counts.values())
    rng = random.Random(f"{plan.seed}|order")
    step = rng.randrange(1, max(2, total))
    while math.gcd(step, total) != 1:
        step += 1
    offset = rng.randrange(total)
    starts, acc = [], 0
    for level in ("national", "provincial", "municipal", "county"):
        starts.append((level, acc))
        acc += counts[level]
    for n in range(total):
        g = (offset + n * step) % total
        level, start = next((lv, st) for lv, st in reversed(starts) if g >= st)
        yield level, g - start


def generate(docs: int, out, seed: int = 1, formats=FORMAT_SHARES, progress=False) -> dict:
    """Write `docs` files under `out/docs/`, `out/manifest.jsonl` and `out/summary.json`."""
    plan = Plan(docs, seed)
    out = Path(out)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    totals = Counter()
    names, weights = zip(*formats)
    with open(out / "manifest.jsonl", "w", encoding="utf-8", newline="\n") as manifest:
        for n, (level, k) in enumerate(schedule(plan)):
            lines, truths = file_of(plan, level, k)
            fmt = random.Random(f"{seed}|fmt|{level}|{k}").choices(names, weights)[0]
            rel = f"docs/{n // FILES_PER_FOLDER:04d}/{n:06d}_{level[:4]}{k}.{fmt}"
            path = out / rel
            path.parent.mkdir(exist_ok=True)
            title = truths[0]["number"]
            data = (to_txt(lines) if fmt == "txt" else to_html(lines, title) if fmt == "html"
                    else to_docx(lines))
            path.write_bytes(data)
            manifest.write(json.dumps({"file": rel, "format": fmt, "bytes": len(data), "documents": truths},
                                      ensure_ascii=False) + "\n")
            main = truths[0]
            totals["files"] += 1
            totals["bytes"] += len(data)
            totals[f"files_{fmt}"] += 1
            totals["documents"] += 1  # a forwarded document is also a file of its own
            totals["tasks"] += main["tasks"]
            totals["subtasks"] += main["subtasks"]
            totals["leads"] += sum(len(x) for x in main["leads"])
            totals["forwarding_files"] += main["genre"] == "forward"
            if progress and n % 1000 == 999:
                print(f"{n + 1} files", file=sys.stderr)
    summary = {"docs": docs, "seed": seed, "counts": plan.counts, **totals}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of files (documents) to write")
    ap.add_argument("--out", required=True, help="folder to write docs/, manifest.jsonl, summary.json into")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    summary = generate(args.docs, args.out, args.seed, progress=True)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
