"""Agency names: split lists, tell a body from a phrase, and qualify each by its jurisdiction.

"市卫生局" in a document of 淄博市 is 淄博市卫生局 — also when that document sits inside a county's
forwarding notice, because the context is the document's own region. Abbreviations resolve
through loaders/data/agency_names.tsv within one jurisdiction; different jurisdictions never merge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from policykg.records import AgencyRef

from .regions import DIRECT_CITIES, level_of, lineage, region, region_prefix
from .tables import Region, agency_names, words

# 市财政局和市税务局, 有关部门及各县政府, 区城管执法局和属地街镇, 地名行政主管部门和有关部门
AND = r"(?<=[局委办部会院厅处门位府])(?:和|及|与|以及)(?=[市区县省各街乡镇]|属地)|(?<=部门)(?:和|及|与|以及)(?=有关|相关)"
LEVELS_JOINED = re.compile(r"(^|[、，,])([市区县省])(?:和|及|与)(?=[市区县乡镇])")  # 市和区人民政府: 市、区人民政府
LIST_SEPARATOR = re.compile(r"[、，,；;/\s]")
GLUED = re.compile(r"[局委办部会院厅处组室](?=[市区县省](?!场|长|委员|级))|(?<=中)心(?=[市区县]直)|(?<=单)位(?=各)")  # 市卫健委市外办, …中心区直…, …单位各…
TRAILING = re.compile(r"(?:等|等(?:有关|相关)?(?:单位|部门)(?:[和及](?:单位|部门))?|按职责分工|按职责|分别|共同|具体)$")
LEADING = re.compile(r"^(?:由|请|会同|并|同时|其中|以及|(?:和|及)(?=[市区县省各]))")  # not 和平乡
NATIONAL = words("national_bodies.tsv")  # 自然资源部办公厅 is in no local jurisdiction


def is_national(name: str) -> bool:
    """Does the name open with a national body's (生态环境部门 is a local department's kind)?"""
    return any(name.startswith(w) and not name[len(w):].startswith("门") for w in NATIONAL)
ROLE_ASIDE = re.compile(r"[（(](?:按职责分工|按职责|分别)?(?:负责|配合|落实|参与)[）)]")  # 市财政局（按职责分工负责）
KEPT = "\x01"  # a 、 inside one name while the list is split
COLLECTIVE_LIST = re.compile(r"各[区市县镇乡街](?:[、，][区市县镇乡街])+|委[、，]办[、，]局")  # 各区、市、县人民政府, 相关委、办、局
COLLECTIVE = re.compile(r"^(?:各|全[市区县省])|(?:相关|有关|成员)(?:单位|部门)$|成员单位$")
LOCALITIES = re.compile(r"^(?:(?:相关|有关)各?|各)(?:设区市|片区|行政村|[县市区州盟旗乡镇街]|街道|村|社区){1,3}(?:[（(][^）)]*[）)]|[、，][乡镇街道村社区]+)*$")  # 各乡镇（街道）, 各片区


@dataclass
class Context:
    """Where a document sits: its region decides what 市/区/县/省 mean."""

    region: Region | None = None

    @property
    def city(self) -> Region | None:
        r = self.region
        if r is None:
            return None
        if r.level == "municipal" or r.name.endswith("市") and r.level == "county":
            return r
        if not r.city and r.province in DIRECT_CITIES:  # 市教委 in a 璧山区 document is 重庆市's
            return region(r.province)
        return region(r.city) if r.city else None

    @property
    def province(self) -> Region | None:
        r = self.region
        if r is None:
            return None
        return r if r.level == "provincial" else region(r.province)


@lru_cache(maxsize=65536)
def split_names(chunk: str) -> tuple[str, ...]:
    """Split a list of bodies (A、B，C和D) into names, keeping parentheses whole (cached: the same
    lists recur in every document of a region)."""
    chunk = GLUED.sub(lambda m: m.group() + "、", chunk)  # 市卫健委市外办
    chunk = LEVELS_JOINED.sub(r"\1\2、", chunk)
    chunk = COLLECTIVE_LIST.sub(lambda m: m.group(0).replace("、", KEPT).replace("，", KEPT), chunk)  # one body
    if "（" not in chunk and "(" not in chunk:
        parts = LIST_SEPARATOR.split(chunk)
    else:  # split outside parentheses only: 各县（市、区）政府 is one name
        parts, depth, cur = [], 0, ""
        for ch in chunk:
            if ch in "（(":
                depth += 1
            elif ch in "）)":
                depth = max(0, depth - 1)
            if depth == 0 and LIST_SEPARATOR.match(ch):
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        parts.append(cur)
    parts = _distribute_suffix(_share_levels([p.replace(KEPT, "、") for p in parts]))
    kind = KIND_LIST.search(parts[-1]) if len(parts) > 1 else None
    if kind:  # 教育、科技、广电等部门: the kind belongs to each field before it
        parts[-1] = parts[-1][:kind.start()]
        parts = [p if looks_like_agency(p) else p + kind.group(1) for p in parts]
    elif len(parts) > 1 and parts[-1].endswith("部门"):  # 公安、安监、质监、信息化部门: so does 部门
        parts = [p if looks_like_agency(p) or not 1 < len(p.strip()) <= 8 else p + "部门" for p in parts]
    # 各处、单位: 各 belongs to a bare kind of body listed after it (各单位)
    parts = ["各" + p if k and p.strip() in BARE_KINDS and parts[k - 1].strip().startswith("各") else p
             for k, p in enumerate(parts)]
    out = []
    for p in parts:
        for q in re.split(AND, p):
            q = TRAILING.sub("", LEADING.sub("", ROLE_ASIDE.sub("", q).strip(" 　:：。")))
            q = re.sub(r"按职责.*$", "", q)
            aside = re.match(r"^(各.+?)[（(]([^）)]+)[）)]$", q)
            head, _, rest = q.partition("等")
            if aside and looks_like_agency(aside.group(2)) and not re.fullmatch(r"[乡镇街道社区村、]+(?:办事处)?", aside.group(2)):  # 各区市县政府（先导区管委会）: two bodies
                out += [aside.group(1), aside.group(2)]
            elif rest and looks_like_agency(head) and looks_like_agency(rest):  # 市工信局等…成员单位
                out += [head, rest]
            elif q:
                out += _joined_names(q)
    return tuple(out)


JOINED = re.compile(r"(?<=[局委办会院厅处门府心司站队所])(?:以及|和|及|与)(?!其)")


def _joined_names(text: str) -> list[str]:
    """公路局和公安部门, 安监局及保险公司: two whole names joined by 和 (but 住房和城乡建设局 is one: 住房
    is no name; so are 各相关部门和单位 and 各乡镇党委和人民政府: a bare ending shares the first's
    words)."""
    for m in JOINED.finditer(text):
        left, right = text[:m.start()], text[m.end():]
        if looks_like_agency(left) and looks_like_agency(right) and right not in words("agency_suffixes.tsv") and (
                len(right) > 2):
            return [left] + _joined_names(right)
    return [text]


BARE_KINDS = {"单位", "部门", "处室", "科室", "机构"}
UNNAMED = {"有关部门", "相关部门", "有关单位", "相关单位", "有关方面", "其他部门", "有关机构"}
# 政府及有关部门, 有关政府部门, 市有关政府部门, 其他有关部门: whoever it may concern, where a rule binds the
# state at large or names the rest after the bodies that lead
UNNAMED_HOLDER = re.compile(r"^(?:本市|[省市区县])?(?:各级)?(?:人民)?(?:政府)?(?:及其?|和)?"
                            r"(?:(?:其他|其它)(?:有关|相关)?|有关|相关|各有关)(?:政府)?(?:行政)?(?:部门|单位|机构)$")


def names_someone(name: str) -> bool:
    """政府及有关部门 names no one in particular; 市发展改革部门, 区人民政府 do."""
    return not UNNAMED_HOLDER.match(name)


PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:新区|区|县|市|镇|乡|街道)$")
# a place's stem then the kind of place and its body (澳前片区开发管理局, 城西镇人民政府), whose kind and
# body the bare stems listed before it share (金井、澳前片区开发管理局; 城关、城西镇人民政府)
PLACE_THEN_BODY = re.compile(r"^(?![各所有相])[\u4e00-\u9fff]{2,3}?((?:片区|新区|园区|开发区|街道|镇|乡)[\u4e00-\u9fff]*"
                             r"(?:政府|管委会|局|办事处|中心|委员会|办))$")
BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
SHARED_SUFFIX = re.compile(r"(?<=[区县市镇乡])(人民政府|政府|管委会)$")


LEVEL = re.compile(r"^(?:县（市）|县\(市\)|区县|[省市区县乡镇])")


def _share_levels(parts: list[str]) -> list[str]:
    """市、区人民政府 and 区、县（市）房产主管部门: each level names its own body, the name after the
    last level shared (市人民政府, 区人民政府; 区房产主管部门, 县（市）房产主管部门)."""
    out = list(parts)
    for k in range(len(parts) - 2, -1, -1):
        level, after = LEVEL.match(parts[k]), LEVEL.match(out[k + 1])
        if level and level.end() == len(parts[k]) and after and len(out[k + 1]) > after.end():
            out[k] = parts[k] + re.split(AND, out[k + 1][after.end():])[0]
    return out


KIND_LIST = re.compile(r"等(?:有关|相关)?(?:行政)?(?:主管)?(部门|机构)$")  # 教育、科技等有关行政主管部门


def _distribute_suffix(parts: list[str]) -> list[str]:
    """浦东新区、徐汇区、嘉定区政府: a name's 政府 belongs to each bare place right before it (the
    list may go on: 嘉定区、松江区政府，临港新片区管委会)."""
    parts = [p.strip() for p in parts]
    out = list(parts)
    for k, part in enumerate(parts):
        zone = PLACE_THEN_BODY.match(part) if k else None  # 金井、澳前片区开发管理局: 金井 is 金井片区开发管理局
        j = k - 1
        while zone and j >= 0 and BARE_PLACE.match(parts[j]) and not looks_like_agency(parts[j]) and out[j] == parts[j]:
            out[j] = parts[j] + zone.group(1)
            j -= 1
        m = SHARED_SUFFIX.search(part) if k else None
        j = k - 1
        while m and j >= 0 and (not parts[j] or PLACE.match(parts[j])):
            if parts[j] and out[j] == parts[j]:
                out[j] = parts[j] + m.group(1)
            j -= 1
    return out


BRANCH = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:税务局|监管局|监管分局|分行|支行|总部|营业管理部)$")


@lru_cache(maxsize=65536)
def split_glued_bodies(text: str) -> list[str]:
    """Names of bodies printed one after another with nothing between them, as joint issuers are
    (中共中央办公厅国务院办公厅, 上海市交通委员会上海市发展和改革委员会): a name ends where, after a
    body's ending, the next opens with a region's name, a national body's, 中共, 国务院, 国家, or the
    市 or 省 of the same jurisdiction (上海市住房城乡建设管理委市房屋管理局)."""
    cuts = [0]
    for m in re.finditer(r"(?:人民政府|政府|委员会|办公厅|办公室|中心|厅|局|委|部|办|银行)(?=\S)", text):
        rest = text[m.end():]
        if text[cuts[-1]:m.end()].endswith(("总局", "银行")) and BRANCH.match(rest):
            continue  # 国家税务总局北京市税务局, 中国人民银行广州分行: a national body's branch
        if rest.startswith(("中共", "国务院", "国家", "全国", "市", "省")) or is_national(rest) or (
                region_prefix(rest) is not None):
            if looks_like_agency(text[cuts[-1]:m.end()]):
                cuts.append(m.end())
    parts = [text[a:b] for a, b in zip(cuts, cuts[1:] + [len(text)])]
    return parts if all(looks_like_agency(p) for p in parts) else [text]


# What no body's name holds: punctuation; the words of a sentence (各地要…, …应当报告…, 机要局 is a
# body); a clause that forms one (…委员会聘请…专家组成…) or acts (定期组织…, 使用权人持…,
# 登记中相关…); a purpose (为适应…经济社会); a cut name (住房城乡|建设委); a PDF's stray letters
# (CSCR-2022-…会)
NO_NAME = re.compile(r"[。！？；，,：:\t]|(?<!机)要|应当|可以|进行|另行|按下列|传递|指导监督|之日|[日月]内"
                     r"|聘请|组成(?!员)|定期|(?<![支主坚扶保维])持|中(?:相关|有关)"
                     r"|的(?!.*(?:领导小组|委员会))|^为|社会$|城乡$|[A-Za-z]{3}")


def looks_like_agency(name: str) -> bool:
    """A body's name ends with a body word (局, 委, 政府, 管委会 …) and is not a sentence; 有关部门
    with no jurisdiction names no one."""
    if not name or len(name) > 32 or len(name) < 2 or name in UNNAMED:
        return False
    if NO_NAME.search(name):
        return False
    if LOCALITIES.match(name):
        return True
    base = re.sub(r"[（(][^）)]*[）)]$", "", name)
    if base in agency_names():
        return True
    return base.endswith(words("agency_suffixes.tsv")) or base.startswith(words("agency_openings.tsv")) and len(base) <= 12


# A body's name that goes on with these words (平潭综合实验区|管委会), and the endings of two characters
# or more, after which a name does not go on a character at a time (综合实验区, not …实验区办)
MORE_OF_A_NAME = re.compile(r"(?:人民政府|政府|管委会|管理委员会|办公室|办公厅)|(?<=委)会")
NAME_MAX = 24
LONG_ENDINGS = tuple(w for w in words("agency_suffixes.tsv") if len(w) > 1)


def name_opening(seg: str) -> int:
    """Where the body that opens `seg` ends (0 when none): its shortest name, which goes on while
    it ends in a one-character ending and one more character still names a body (人社 → 人社厅,
    not 平潭综合实验区 → …实验区办), with 管委会, 办公室 … after it (平潭综合实验区管委会办公室)."""
    for p in range(2, min(len(seg), NAME_MAX) + 1):
        if looks_like_agency(seg[:p]):
            while p < len(seg) and not seg[:p].endswith(LONG_ENDINGS) and looks_like_agency(seg[:p + 1]):
                p += 1
            more = MORE_OF_A_NAME.match(seg, p)
            while more:  # 区党工委|管委会|办公室
                p = more.end()
                more = MORE_OF_A_NAME.match(seg, p)
            return p
    return 0


def whole_name(seg: str) -> bool:
    """A cell's piece that is a body's name and nothing else (a long one must not read on into
    text: 平潭综合实验区利用政府网站 is a name and a requirement)."""
    base = re.sub(r"[（(][^（）()]{1,10}[）)]$", "", seg)  # 区党工委管委会办公室（政策法规处）
    return looks_like_agency(seg) and (len(base) <= 8 or name_opening(base) == len(base))


def lists_bodies(line: str) -> bool:
    """A line that is a list of whole names and nothing else (区办公室、区经济发展局): a table's cell
    printed on a line of its own."""
    line = line.strip()
    return bool(line) and len(line) <= 60 and all(whole_name(p) for p in re.split(r"[、，,]", line))


def names_a_place(name: str) -> bool:
    """A city, county or district named alone where bodies are listed (责任单位：市规划资源局、杨浦区):
    its government."""
    place = region(name)
    return place is not None and place.level in ("municipal", "county", "district")


def kind_of(name: str) -> str:
    if COLLECTIVE.search(name):
        return "collective"
    if "领导小组" in name or re.search(r"(?:医改|医管|扶贫|爱卫|防控)办|秘书处$|指挥部", name):
        return "leading_group"
    if name.endswith(("人民政府", "政府", "管委会", "管理委员会", "办事处")) or names_a_place(name):
        return "government"
    if name.endswith(("局", "委", "办", "部", "厅", "署", "委员会", "办公室", "中心", "海关", "分局")) or (
            name.endswith("司") and not name.endswith("公司")):  # 思政司: a ministry's department
        return "department"
    return "other"


def fold_name(body: str) -> str:
    """The spelling-free form of a body's name: 自然资源和规划局 = 自然资源规划局,
    民族宗教事务委员会 = 民族宗教事务委 (but 管理委员会 stays: 管委会 is its own short form)."""
    if body.endswith("委员会") and not body.endswith("管理委员会") and len(body) >= 6:
        body = body[:-2]
    return re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:和|与)(?=[\u4e00-\u9fff]{2})", "", body)


@lru_cache(maxsize=None)
def _folded_names() -> dict[str, str]:
    table = agency_names()
    return {fold_name(form): canonical for form, canonical in table.items()}


def _canonical_body(body: str) -> str:
    """卫健委 → 卫生健康委 (within a jurisdiction) through the table, spellings folded (住房城乡建设局 =
    住房和城乡建设局); a body the table does not know keeps its printed name (merge_abbreviations
    joins its spellings within a document)."""
    table = agency_names()
    if body in table:
        return table[body]
    for prefix in ("委", "政府"):  # 市委组织部, 市政府办公室
        if body.startswith(prefix) and body[len(prefix):] in table:
            return prefix + table[body[len(prefix):]]
    return _folded_names().get(fold_name(body), body)


def _collective_key(name: str) -> str:
    """各区、市、县人民政府 = 各区市县政府 = 各区(市、县)政府."""
    return re.sub(r"[、，,（）()\s]|人民(?=政府)", "", name)


def resolve(surface: str, ctx: Context, role_text: str = "", evidence: str = "") -> AgencyRef:
    """Surface form in a document → the jurisdiction-qualified agency it names."""
    a = _resolve(surface.strip(), ctx.region)
    # A copy for this mention. Positional, in AgencyRef's field order: passing the nine fields by
    # keyword took twice as long, and this runs for every mention of a body.
    return AgencyRef(a.name, a.surface, a.region, a.level, a.kind, list(a.aliases), role_text, evidence, a.full_name)


@lru_cache(maxsize=65536)
def _resolve(surface: str, region_of_context: Region | None) -> AgencyRef:
    """The resolution itself, the same for every mention in one jurisdiction (cached; callers get
    a copy, as the record is theirs to change)."""
    ctx = Context(region_of_context)
    aliases: list[str] = []
    base = surface
    m = re.match(r"^(.+?)[（(]([^）)]+)[）)]$", surface)
    if m and not surface.startswith("各"):
        base = m.group(1)  # 社会事务局（社保局）: one body acting under a second name
        aliases.append(m.group(2))
    if region_of_context and region_of_context.level not in ("district", "county") and not _calls_itself_qu(
            region_of_context) and re.match(r"^[区县](?!域|级|委|属)", base):
        base = "各" + base  # 区人民政府 in a city's rules: each of its districts' (北京市各区政府)
    reg, body = _jurisdiction(base, ctx)
    kind = kind_of(base)
    printed = (reg.name if reg else "") + body
    if kind == "collective":
        body = _collective_key(body)
        aliases += [_collective_key(surface), re.sub(r"[、，,\s]", "", surface)]
    else:
        body = _canonical_body(body)
    name = (reg.name if reg else "") + body
    if reg and kind != "collective" and not base.startswith(("省", "市", "区", "县", reg.name)) and (
            reg.short in base[:12] or any(n in base[:12] for n in lineage_shorts(reg))):
        name = printed = base  # 大连银保监局筹备组, 人民银行济南分行: the printed name already says where
    aliases.append(surface)
    if base != surface:
        aliases.append(base)
    zone = ZONE_BODY.match(base)
    if zone:  # 杨凌示范区、西咸新区管委会: the zone named alone is its 管委会
        aliases.append(zone.group(1))
    level = level_of(reg) if reg else ("national" if is_national(name) else LEVEL_OF_PREFIX.get(name[:1], ""))
    return AgencyRef(name=name, surface=surface, region=reg.name if reg else "", level=level,
                     kind=kind, aliases=sorted(set(aliases)),
                     full_name=printed if len(printed) > len(name) and kind != "collective" else "")


ZONE_BODY = re.compile(r"^([^、，,（）()]{2,}?区)(?:管委会|管理委员会)$")  # 西咸新区管委会, 广安经开区管委会


# The level a name's own jurisdiction word gives where no region is known (省商务厅: provincial).
LEVEL_OF_PREFIX = {"省": "provincial", "市": "municipal", "县": "county", "区": "district"}


def lineage_shorts(reg: Region) -> list[str]:
    return [region(n).short for n in lineage(reg) if region(n)]


def _jurisdiction(name: str, ctx: Context) -> tuple[Region | None, str]:
    """Split a name into the region it belongs to and the body's own name."""
    if is_national(name):
        return None, name
    if name.startswith("中共") and region_prefix(name[2:], ctx.region) is not None:
        return _jurisdiction(name[2:], ctx)[0], name  # 中共四川省委办公厅: 四川省's, wherever it is named
    local = ctx.region if ctx.region and (ctx.region.level in ("district", "county") or _calls_itself_qu(ctx.region)) else None
    prefecture = ctx.city if ctx.city and ctx.city.name.endswith("自治州") else None  # 州人民政府, 州数据资源主管部门
    for prefix, reg in (("省", ctx.province), ("市", ctx.city or ctx.region), ("区", local),
                        ("县", local), ("自治州", ctx.city), *((("州", prefecture),) if prefecture else ())):
        # (区… in a city's document is its districts', read as 各区… by _resolve, not the city's)
        if name.startswith(prefix) and not name.startswith(("市场", "县级", "区域", "市级", "省级", "州级")):
            # where the document names no region, 省商务厅 stays as printed: it is no national 商务厅
            return (reg, name[len(prefix):]) if reg else (None, name)
    named = region_prefix(name, ctx.region)
    rest = name
    while named is not None:  # 上海市宝山区人民政府办公室: 宝山区 of 上海市, not 上海市 itself
        rest = rest[len(named.name if rest.startswith(named.name) else named.short):]
        deeper = region_prefix(rest, named)
        if deeper is None or named.name not in lineage(deeper)[1:]:
            return named, rest
        named = deeper
    return ctx.region, name


def _calls_itself_qu(reg: Region) -> bool:
    """A zone governed at prefecture level whose name ends in 区 (平潭综合实验区) calls its own bodies
    区…: 区经济发展局 is its own, not each district's."""
    return reg.level == "municipal" and reg.name.endswith("区")


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def merge_abbreviations(refs: list[AgencyRef]) -> None:
    """Within one document, a short form made of a longer name's characters in order, with the
    same first and last character, is that body (区安委办 = 区安委会办公室, 市文旅体局 =
    市文化旅游体育局): the table of names cannot list every local abbreviation."""
    bodies: dict[tuple[str, str], str] = {}  # (region, name) → the body's own name, 办公室 as 办, 委员会 as 委
    for a in refs:  # a body is named many times in a document: its short form is made once
        if (a.region, a.name) not in bodies and a.kind != "collective" and a.name.startswith(a.region):
            bodies[a.region, a.name] = re.sub(r"办公[室厅]$", "办", re.sub(r"委员会$", "委", a.name[len(a.region):]))
    longer: dict[str, str] = {}
    for (region_name, name), short in bodies.items():
        body = name[len(region_name):]
        if len(body) < 3 or body in agency_names():
            continue
        fits = [n for (r, n), full in bodies.items() if r == region_name and len(n) > len(name)
                and full[0] == body[0] and full[-1] == body[-1] and _is_subsequence(body, full)]
        if len(fits) == 1:
            longer[name] = fits[0]
    for a in refs:
        if a.name in longer:
            a.aliases = sorted(set(a.aliases) | {a.name})
            a.name = longer[a.name]
