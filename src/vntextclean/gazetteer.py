"""Vietnam's provinces and districts, read from the table underthesea ships.

underthesea carries the administrative units in ``underthesea/address/data/mapping.json``
(source: vietnamadminunits, effective 2025-07-01).  It lists the 63 provinces as
they were before the 2025 merger, the 34 after it, which old province went into
which new one, and every old district with its province.  We read it once, lazily,
with :mod:`importlib.resources`, so no path of any machine is involved and
nothing is downloaded.

Why the merger matters here: an article written before July 2025 that says
"tỉnh Bình Dương" is about the old province, which now lies inside Thành phố
Hồ Chí Minh.  A place keeps the name the article gives it (:attr:`Province.name`);
:attr:`Province.merged_into` says where it went in 2025.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["District", "Province", "districts", "find_province", "fold", "provinces"]


@dataclass(frozen=True, slots=True)
class Province:
    """One province (or centrally governed city) as named before the 2025 merger.

    ``name`` is the short name ("Long An"), ``full_name`` the official one
    ("Tỉnh Long An"), ``merged_into`` the short name of the province it belongs
    to since 2025-07-01 (itself when it was not merged), ``is_city`` whether it is a
    "thành phố trực thuộc trung ương".
    """

    name: str
    full_name: str
    merged_into: str
    is_city: bool


def fold(text: str) -> str:
    """Lower-case ``text`` and drop every Vietnamese diacritic (đ becomes d).

    Used for keys that must match text typed without diacritics.

    >>> fold("Đảng ủy Khối NGHỆ AN")
    'dang uy khoi nghe an'
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


@cache
def _mapping() -> dict:
    source = resources.files("underthesea").joinpath("address/data/mapping.json")
    with source.open("r", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def provinces() -> dict[str, Province]:
    """All 63 pre-2025 provinces, keyed by their folded short name.

    >>> provinces()["binh duong"].merged_into
    'Hồ Chí Minh'
    >>> provinces()["nghe an"].name
    'Nghệ An'
    """
    data = _mapping()
    new_names = {key: value["short"] for key, value in data["province_names"].items()}
    merged = data["province_mapping"]
    result: dict[str, Province] = {}
    for key, value in data["old_province_names"].items():
        target = merged.get(key, key)
        result[fold(value["short"])] = Province(
            name=value["short"],
            full_name=value["name"],
            merged_into=new_names.get(target, value["short"]),
            is_city=value["name"].startswith("Thành phố"),
        )
    return result


# Names an article uses that the table spells otherwise.
_ALIASES = {
    "tp.hcm": "ho chi minh",
    "tphcm": "ho chi minh",
    "tp hcm": "ho chi minh",
    "tp. hcm": "ho chi minh",
    "sai gon": "ho chi minh",
    "thua thien hue": "hue",
    "thua thien - hue": "hue",
    "ba ria vung tau": "ba ria - vung tau",
    "ba ria-vung tau": "ba ria - vung tau",
    "dak lak": "dak lak",
    "dac lac": "dak lak",
    "dak nong": "dak nong",
}


def find_province(name: str) -> Province | None:
    """The province called ``name`` (any case, with or without diacritics), or None.

    >>> find_province("Bà Rịa-Vũng Tàu").name
    'Bà Rịa - Vũng Tàu'
    >>> find_province("QUANG NINH").name
    'Quảng Ninh'
    >>> find_province("Hạ Long") is None
    True
    """
    key = " ".join(fold(name).split())
    key = _ALIASES.get(key, key)
    return provinces().get(key)


_DISTRICT_PREFIXES = ("thành phố ", "thị xã ", "huyện ", "quận ")


@dataclass(frozen=True, slots=True)
class District:
    """A pre-2025 district-level unit: ``name`` without its "huyện"/"quận"/"thị xã"/
    "thành phố" word, and the short names of the provinces that have one so called
    (more than one for an ambiguous name such as "Châu Thành")."""

    name: str
    provinces: frozenset[str]


@cache
def districts() -> dict[str, District]:
    """Folded district name → :class:`District`.

    >>> districts()["ha long"]
    District(name='Hạ Long', provinces=frozenset({'Quảng Ninh'}))
    >>> len(districts()["chau thanh"].provinces) > 1
    True
    """
    short = {value["name"]: value["short"] for value in _mapping()["old_province_names"].values()}
    names: dict[str, str] = {}
    found: dict[str, set[str]] = {}
    for ward in _mapping()["ward_mapping"]:
        district = ward["old_district"]
        lowered = district.lower()
        for prefix in _DISTRICT_PREFIXES:
            if lowered.startswith(prefix):
                district = district[len(prefix):]
                break
        key = fold(district)
        names.setdefault(key, district)
        found.setdefault(key, set()).add(short.get(ward["old_province"], ward["old_province"]))
    return {key: District(names[key], frozenset(value)) for key, value in found.items()}
