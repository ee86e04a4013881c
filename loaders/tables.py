"""The data tables of loaders/data, read once. Tables are data, not code: edit the .tsv files."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def read_tsv(name: str) -> list[dict]:
    text = resources.files("policykg.loaders").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class Region:
    name: str  # 淄博市
    short: str  # 淄博
    level: str  # provincial | municipal | county | district
    province: str
    city: str  # the prefecture a county belongs to ("" for provinces and 直辖市 districts)
    adcode: str

    def __hash__(self) -> int:
        """The name alone: a region is a key of the resolution caches, hashed for every mention of
        a body, and hashing all six fields cost more (two regions of one name, 普陀区 of 上海 and
        of 舟山, share a hash and are told apart by equality)."""
        return hash(self.name)


@lru_cache(maxsize=None)
def regions_named() -> dict[str, list[Region]]:
    """Every region of each name: 朝阳区 is Beijing's and 长春's, 普陀区 上海's and 舟山's (in the
    table's adcode order, so the province-level cities' come first)."""
    out: dict[str, list[Region]] = {}
    for r in read_tsv("regions.tsv"):
        out.setdefault(r["name"], []).append(Region(**r))
    return out


@lru_cache(maxsize=None)
def regions() -> dict[str, Region]:
    """The region a name means where nothing says which (the first of the name's, as above)."""
    return {name: found[0] for name, found in regions_named().items()}


@lru_cache(maxsize=None)
def regions_by_short() -> dict[str, list[Region]]:
    out: dict[str, list[Region]] = {}
    for found in regions_named().values():
        for r in found:
            out.setdefault(r.short, []).append(r)
    return out


@lru_cache(maxsize=None)
def regions_by_initial() -> dict[str, list[Region]]:
    """Prefectures and counties by the first character of their name (淄 → 淄博市, 淄川区 excluded)."""
    out: dict[str, list[Region]] = {}
    for found in regions_named().values():
        for r in found:
            if r.level != "district":
                out.setdefault(r.short[0], []).append(r)
    return out


@lru_cache(maxsize=None)
def province_abbreviations() -> dict[str, str]:
    return {r["abbr"]: r["province"] for r in read_tsv("province_abbreviations.tsv")}


@lru_cache(maxsize=None)
def city_abbreviations() -> dict[str, str]:
    return {r["abbr"]: r["region"] for r in read_tsv("city_abbreviations.tsv")}


@lru_cache(maxsize=None)
def issuer_bodies() -> dict[str, tuple[str, str]]:
    return {r["suffix"]: (r["issuer"], r["kind"]) for r in read_tsv("issuer_bodies.tsv")}


@dataclass(frozen=True)
class Reform:
    """One row of successions.tsv: the bodies' own names (no region) before and after, as printed."""
    old: tuple[str, ...]
    new: tuple[str, ...]
    year: int
    levels: frozenset
    basis: str


@lru_cache(maxsize=None)
def reforms() -> tuple[Reform, ...]:
    return tuple(Reform(tuple(r["old"].split("|")), tuple(r["new"].split("|")), int(r["year"]),
                        frozenset(r["levels"].split()), r["basis"]) for r in read_tsv("successions.tsv"))


@lru_cache(maxsize=None)
def issuer_codes() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in read_tsv("issuer_codes.tsv"):
        out.setdefault(r["code"], []).append(r)
    return out


@lru_cache(maxsize=None)
def agency_names() -> dict[str, str]:
    """Every known form of a body's name → its canonical form."""
    out = {}
    for r in read_tsv("agency_names.tsv"):
        out[r["canonical"]] = r["canonical"]
        for v in r["variants"].split("|"):
            out.setdefault(v, r["canonical"])
    return out


@lru_cache(maxsize=None)
def noise_patterns() -> list[dict]:
    return read_tsv("noise_patterns.tsv")


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """A one-column word list (section keywords, agency suffixes …)."""
    return tuple(r["word"] for r in read_tsv(name))
