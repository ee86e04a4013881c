"""Where a document or body belongs: region names in text, and issuers read from the 机关代字.

Everything here is driven by the tables in loaders/data (regions, province and city
abbreviations, issuer bodies, national issuer codes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import (Region, city_abbreviations, issuer_bodies, issuer_codes, province_abbreviations,
                     reforms, regions, regions_by_initial, regions_by_short, regions_named, words)

LEVEL_OF_REGION = {"provincial": "provincial", "municipal": "municipal", "county": "county",
                   "district": "district"}
DIRECT_CITIES = {"北京市", "天津市", "上海市", "重庆市"}


@dataclass
class Issuer:
    name: str
    level: str
    region: str
    kind: str = "government"


def region(name: str) -> Region | None:
    return regions().get(name)


def lineage(r: Region | None) -> list[str]:
    """The region and the regions above it, nearest first."""
    if r is None:
        return []
    out = [r.name]
    if r.city and r.city != r.name:
        out.append(r.city)
    if r.province and r.province != r.name:
        out.append(r.province)
    return out


@lru_cache(maxsize=16384)
def find_region(text: str, context: Region | None = None) -> Region | None:
    """The most specific region named in `text` (full or short name), preferring the context's kin."""
    names, shorts, initials = regions_named(), regions_by_short(), _initials()
    best: Region | None = None
    i = 0
    while i < len(text) - 1:
        step = 1
        if text[i] not in initials:
            i += 1
            continue
        for n in range(min(12, len(text) - i), 1, -1):
            part = text[i:i + n]
            full = part in names
            candidates = names[part] if full else shorts.get(part, [])
            r = _pick(candidates, best or context, named=full)  # 上海市宝山区: the 宝山区 of 上海市
            if r is not None and not full and r.level in ("county", "district") and not _kin(r, best or context):
                r = None  # 沈阳市自然资源局 names no 资源县: a county's short name counts only beside its kin
            if r is not None:
                # 南昌市城区: a district of another city (汕尾市城区) is no deeper reading of 南昌市
                if best is None or _depth(r) > _depth(best) and (
                        _kin(r, best) or full and r.level not in ("county", "district")):
                    best = r
                step = n  # 长沙市 holds 沙市 (沙市区): a name is not read again inside a longer one
                break
        i += step
    return best


def _kin(r: Region, other: Region | None) -> bool:
    """Is `r` within `other` (its city or province)?"""
    return other is not None and (other.name in (r.city, r.province) or other.name == r.name)


@lru_cache(maxsize=None)
def _initials() -> frozenset[str]:
    """The characters a region's full or short name can open with."""
    return frozenset(n[0] for n in list(regions()) + list(regions_by_short()))


def region_prefix(text: str, context: Region | None = None) -> Region | None:
    """The region whose full or short name opens `text` (大连银保监局 → 大连市), longest first. A
    county's or district's short name counts only in its own province (公安部门 in a Beijing rule is
    no body of 公安县: the short name is a word) but where the county became a city (禄丰市, 禄丰县
    until 2021: the table predates it), and a short name before 街道, 镇 or 乡 is that
    street's own name (岳阳街道 in 松江区 is no street of 岳阳市)."""
    names = regions_named()
    for n in range(min(len(text), 12), 1, -1):
        head = text[:n]
        full = head in names
        r = _pick(names[head] if full else regions_by_short().get(head, []), context, named=full)
        if r is not None and not full and (
                r.level in ("county", "district") and (context is None or r.province != context.province)
                and not (r.name.endswith("县") and text.startswith("市", n) and not text.startswith("市场", n))
                or text.startswith(("街道", "镇", "乡"), n)):
            r = None
        if r is not None:
            return r
    return None


def _depth(r: Region) -> int:
    return {"provincial": 0, "municipal": 1, "county": 2, "district": 2}[r.level]


def _pick(candidates: list[Region], context: Region | None, named: bool = False) -> Region | None:
    """The candidate the context points to; `named`: they all bear the name that was read (普陀区 of
    上海 and of 舟山), and where nothing points to one, the table's first stands."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    if context is not None:
        kin = set(lineage(context))
        for c in candidates:
            if c.name in kin:
                return c
        for c in candidates:
            if c.city and c.city in kin or c.province in kin and c.level == "municipal":
                return c
        for c in candidates:  # 宝山区 in 上海市 (a district of a municipality has no city between)
            if c.province in kin:
                return c
    top = [c for c in candidates if c.level in ("provincial", "municipal")]
    return top[0] if len(top) == 1 else (candidates[0] if named else None)


# The code of a national body's inner office between its 代字 and 发 (国卫|老龄|发, 发改|价格|规): the body.
INNER_OFFICE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:发|函|字|便函|明电|规)")


def office_word(level: str, region_name: str = "") -> str:
    """办公厅 for the State Council, provinces and the cities of data/city_general_offices.tsv;
    办公室 for other cities and below."""
    if level in ("national", "provincial") or region_name in words("city_general_offices.tsv"):
        return "办公厅"
    return "办公室"


def issuer_from_code(code: str, year: int | None = None, context: Region | None = None) -> Issuer | None:
    """Issuer, level and region from a 机关代字 (国办发 → 国务院办公厅, 淄政发 → 淄博市人民政府)."""
    found = _issuer_fields(code, year, context)
    return Issuer(*found) if found else None  # the caller's own record


@lru_cache(maxsize=16384)
def _issuer_fields(code: str, year: int | None, context: Region | None) -> tuple[str, str, str, str] | None:
    """The reading itself (cached: one 代字 is cited many times in a jurisdiction, and a
    one-character code's candidate regions are many)."""
    for length in range(len(code), 0, -1):
        rows = issuer_codes().get(code[:length])
        rest = code[length:]
        if rows and (rest in ("", "发", "字", "函", "文") or INNER_OFFICE.fullmatch(rest) and (
                length >= 2 or rest[0] not in "政府")  # 商流通函 is 商务部's, 建政发 no 建设部 code
                or rows[0]["level"] != "national" and len(rest) <= 4):  # 沪交|设养, 京教|基二: its offices
            for row in rows:
                since, until = row["since"], row["until"]
                if year is None or ((not since or year >= int(since)) and (not until or year <= int(until))):
                    place = find_region(row["issuer"]) if row["level"] != "national" else None
                    return row["issuer"], row["level"], place.name if place else "", _kind(row["issuer"])
    for prefix_len in range(min(4, len(code) - 1), 0, -1):
        prefix, rest = code[:prefix_len], code[prefix_len:]
        body = issuer_bodies().get(rest) or _department_word(rest)
        if body is None:
            continue
        own = [regions()[n] for n in lineage(context) if len(prefix) == 1 and regions()[n].level == "municipal"
               and (prefix in regions()[n].name[1:] or city_abbreviations().get(prefix) == n)]
        if own:
            r = own[0]  # 宁政办 in a 西宁 document is 西宁市's (宁夏 and 南京 use 宁 too)
        elif prefix in province_abbreviations() and rest.startswith("政"):
            r = regions()[province_abbreviations()[prefix]]  # 苏政发 is 江苏省's, also in 苏州 (苏府)
        else:
            r = _region_for_abbreviation(prefix, context, rest)
        if r is None:
            continue
        name, kind = body
        level = LEVEL_OF_REGION[r.level]
        if r.name in DIRECT_CITIES:
            level = "provincial"
        name = name.replace("{office}", office_word(level, r.name)).replace(
            "{dept}", "厅" if level == "provincial" and r.name not in DIRECT_CITIES else "局")
        name = named_in(name, year, level)
        name = name.replace("{region}", r.name) if "{region}" in name else r.name + name
        return name, level, r.name, kind
    return None


def named_in(body: str, year: int | None, level: str) -> str:
    """A department's name in the year of the document: a code read by its department word names
    the body of today (川|卫|发 → 卫生健康委员会), which before its reform at that level bore the old
    name (川卫发〔2017〕 → 卫生和计划生育委员会: successions.tsv). Where the reform merged several
    bodies into one, the old name is not known from the code, and today's stays."""
    if year is None:
        return body
    for reform in reforms():
        old = reform.old
        if year < reform.year and level in reform.levels and body in reform.new and all(
                _within(o, old[0]) for o in old[1:]):
            return old[0]
    return body


def _within(short: str, long: str) -> bool:
    """卫生计生委 is a short form of 卫生和计划生育委员会: its characters in order."""
    chars = iter(long)
    return all(c in chars for c in short)


def _department_word(rest: str) -> tuple[str, str] | None:
    """A department's code word opening the rest of a 代字 (鄂|建|文, 鄂|发改|价格, 琼|财|建)."""
    for n in range(min(3, len(rest)), 0, -1):
        body = issuer_bodies().get(rest[:n])
        if body and body[1] == "department" and len(rest) - n <= 4:
            return body
    return None


def _kind(name: str) -> str:
    if "领导小组" in name:
        return "leading_group"
    return "government" if name.endswith(("国务院", "人民政府", "办公厅", "国务院办公厅")) else "department"


def _region_for_abbreviation(prefix: str, context: Region | None, rest: str = "") -> Region | None:
    candidates: list[Region] = []
    if len(prefix) == 2 and province_abbreviations().get(prefix[0]) in DIRECT_CITIES and rest.startswith(("府", "政")):
        # 沪崇府办发, 京朝政发: a district of a municipality under the central government, by its initial
        inside = [r for r in regions().values() if r.province == province_abbreviations()[prefix[0]]
                  and r.level in ("district", "county") and r.name.startswith(prefix[1])]
        if len(inside) == 1:
            return inside[0]
    if prefix in province_abbreviations():
        candidates.append(regions()[province_abbreviations()[prefix]])
    if prefix in city_abbreviations():
        candidates.append(regions()[city_abbreviations()[prefix]])
    candidates += regions_by_short().get(prefix, [])
    by_initial = regions_by_initial().get(prefix, []) if len(prefix) == 1 else []
    candidates += by_initial
    seen, unique = set(), []
    for c in candidates:
        if c.name not in seen:
            seen.add(c.name)
            unique.append(c)
    if not unique:
        return None
    if context is not None:
        kin = lineage(context)
        for name in kin:  # the document's own region or one above it
            for c in unique:
                if c.name == name:
                    return c
        for c in unique:  # a sibling within the same city or province
            if c.city and c.city in kin or (c.level == "municipal" and c.province in kin):
                return c
    if prefix in province_abbreviations():
        return regions()[province_abbreviations()[prefix]]
    if prefix in city_abbreviations():
        return regions()[city_abbreviations()[prefix]]
    # 滨房公委发 is 滨州市's, but the initial of a county or district far from the document's region (房县)
    # is no code's prefix
    unique = [c for c in unique if c not in by_initial or c.level in ("municipal", "provincial")]
    top = [c for c in unique if c.level == "municipal"]
    return top[0] if len(top) == 1 else (unique[0] if len(unique) == 1 else None)


def level_of(r: Region | None) -> str:
    if r is None:
        return ""
    if r.name in DIRECT_CITIES:
        return "provincial"
    return LEVEL_OF_REGION[r.level]
