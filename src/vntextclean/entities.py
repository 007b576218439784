"""People, organisations and places in Vietnamese articles, linked across articles.

Two steps, each usable alone:

* :func:`extract_entities` finds PER, ORG and LOC mentions in one text, with
  character spans.  Patterns carry most of the weight because underthesea's shipped
  CRF tagger, good at proper-noun words, is weak at extents: it tags "đồng chí
  Nguyễn Văn Thông" as a place and cuts "Đảng ủy Khối Các cơ quan tỉnh" after
  "Đảng".  So names come from titles and honorifics (ông, bà, đồng chí…) and from
  Vietnamese family names; organisations from their head words with their full
  extent ("Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Long An", "Sở GTVT",
  "Trường Đại học Hạ Long"); provinces and districts from the gazetteer
  (:mod:`vntextclean.gazetteer`).  The tagger adds the people and places the
  patterns miss (a byline such as "Duy Tiến"), one call per sentence, keeping
  only spans of Vietnamese syllables that do not merely open a sentence.

* :func:`match_entities` links mentions of many documents into :class:`Cluster` s,
  over normalised keys: NFC, one tone style, case, abbreviations expanded
  (UBND = Ủy ban nhân dân).  A key without diacritics is compared with the
  diacritic-free form of the others only when the mention has no diacritics at
  all, so "Nguyen Van Thong" joins "Nguyễn Văn Thông" while "Nguyễn Văn Thống"
  stays another person (and when both accented names exist, the plain one joins
  neither unless its article's province decides).  rapidfuzz compares
  organisation names inside small blocks (same province and level, same first
  two words) to absorb a one-letter slip or a swapped word order, never a
  difference of one diacritic; people and places are linked on exact keys only.
  Inside one article a bare "Đảng ủy Khối" or "ĐUK" joins the one longer body it
  begins, and "ông Định" the one full name ending in Định.

Where an organisation is matters: "Đảng ủy Khối các cơ quan tỉnh" in a Quảng Ninh
article and in a Nghệ An article are two bodies.  A local body named without its
province ("UBND tỉnh", "Sở GTVT") takes the province the document is about,
found by :func:`document_province`; when that is unknown the body stays inside
its own document.  People are linked across documents unless both documents are
known to be about different provinces (two officials of the same name in two
provinces are more often two people than one), except when a national office
comes with the name somewhere ("Chủ tịch nước Trương Tấn Sang").

Provinces keep the name the article uses, as they were before the 2025 merger
("Bình Dương"); the cluster notes the province it became part of.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import chain as _chain
from typing import Literal

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from vntextclean.gazetteer import districts, find_province, fold, provinces

__all__ = [
    "Cluster",
    "Mention",
    "document_province",
    "name_key",
    "extract_entities",
    "match_entities",
]

EntityType = Literal["PER", "ORG", "LOC"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: ``text`` is ``source_text[start:end]`` of document ``doc``.

    ``source`` says what found it (``pattern``, ``gazetteer`` or ``ner``) and
    ``confidence`` how sure that finder is.  ``place`` is the province or district
    named inside the mention ("Long An" in "UBND tỉnh Long An"), ``unit`` the
    administrative word before it ("tỉnh"), ``scope`` for organisations whether
    their identity depends on a province (``local``), not (``national``) or is
    carried by their own proper name (``named``).
    """

    doc: str
    text: str
    start: int
    end: int
    type: EntityType
    source: str = "pattern"
    confidence: float = 0.9
    place: str | None = None
    unit: str = ""
    scope: str = ""


@dataclass(frozen=True, slots=True)
class Cluster:
    """Mentions, maybe across documents, judged to name one entity.

    ``canonical`` is the fullest, best-spelled name among the mentions (with the
    province added when the best mention leaves it implicit); ``province`` the
    province that is part of the identity (pre-2025 name, as the articles use it);
    ``confidence`` the weakest link that holds the cluster together, times how
    sure extraction was.
    """

    type: EntityType
    canonical: str
    mentions: tuple[Mention, ...]
    confidence: float
    province: str | None = None
    key: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def docs(self) -> list[str]:
        """The documents the entity appears in, in order of document id."""
        return list(dict.fromkeys(m.doc for m in self.mentions))


# --------------------------------------------------------------------------
# Text forms used for matching and keys
# --------------------------------------------------------------------------

def _tone_key(text: str) -> str:
    """``text`` in the traditional tone style (the project's converter)."""
    from vntextclean.tone import to_style

    return to_style(text, style="traditional")


# Latin Eth (Ð, U+00D0) is a common stand-in for Đ (U+0110) in damaged text.
_LATIN_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})


def _matchable(text: str) -> str:
    """Traditional tone placement for pattern matching, only if spans stay valid.

    Moving a mark between "oa", "oe", "uy" keeps the length, so a span found in
    the converted copy is a span of the original.
    """
    converted = _tone_key(text).translate(_LATIN_ETH)
    return converted if len(converted) == len(text) else text.translate(_LATIN_ETH)


def _has_diacritics(text: str) -> bool:
    return any(c.isalpha() and fold(c) != c.lower() for c in text)


def _ascii_copy(text: str) -> str:
    """``text`` with diacritics dropped but case kept, same length."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        base = {"đ": "d", "Đ": "D"}.get(char, base)
        out.append(base if len(base) == 1 else char)
    return "".join(out)


# --------------------------------------------------------------------------
# Abbreviations: the project dictionary (vntextclean.abbreviations)
# --------------------------------------------------------------------------


@cache
def _expansions() -> dict[str, str]:
    """Abbreviation (and each written variant) → expansion, for keys.

    Ambiguous entries (DN: doanh nghiệp or Đà Nẵng) are left as written: an
    identity key must not guess.
    """
    from vntextclean.abbreviations import dictionary

    table: dict[str, str] = {}
    for short, entry in dictionary().items():
        if entry.ambiguous:
            continue
        for form in (short, *entry.variants):
            table.setdefault(form, entry.expansion)
    # Text typed without diacritics writes HĐND as HDND, ĐUK as DUK.
    for form, expansion in list(table.items()):
        plain = _ascii_copy(form)
        if plain != form and table.get(plain, expansion) == expansion:
            table[plain] = expansion
    return table


@cache
def _expansion_re() -> regex.Pattern:
    keys = sorted(_expansions(), key=len, reverse=True)
    alternation = "|".join(regex.escape(k) for k in keys)
    return regex.compile(rf"(?<![\p{{L}}\d])(?:{alternation})(?![\p{{L}}\d])")


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn "
    "Trương Lâm Mai Trịnh Đào Cao Lương Hà Tạ Tô Chu Thái Kiều Quách Lưu Vương Châu "
    "Tăng Triệu Lại Hứa Phùng Mạc Khúc Nông Thân Doãn Đàm Tôn Lò Nghiêm Hầu Diệp "
    "Bạch Lục Khổng Giáp Lạc Kim Ninh Cù Cầm Trình"
).split()

# Capitalised words that end a name: what follows a name in a title line.
_NAME_STOPS = (
    "Tỉnh Huyện Quận Xã Phường Phó Bí Chủ Ủy Ban Đảng Sở Giám Hội Nghị Thứ Chánh Cục Bộ Viện "
    "Thường Phòng Khối Nhà Ông Bà Chị Các Những Sáng Chiều Tối Ngày Tháng Năm Theo Tại Trong "
    "Với Của Và Là Người Dự Cùng Ảnh Nguồn Tin Bài Đây Đó Khi Sau Trước Trưởng Hiệu Tổng Thủ Giáo "
    "Bác Thượng Thiếu Cán UBND HĐND MTTQ BTV BCH"
).split()

# Places outside the gazetteer that read like a name ("Thái Lan": Thái is a family name).
_FOREIGN_PLACES = (
    "Thái Lan", "Hà Lan", "La Mã", "Mã Lai", "Bồ Đào Nha", "Tây Ban Nha", "Thái Bình Dương",
    "Đại Tây Dương", "Ấn Độ Dương", "Bắc Băng Dương", "Âu Châu", "Á Châu", "Châu Âu", "Châu Á",
    "Châu Phi", "Châu Mỹ", "Châu Úc", "Trung Quốc", "Hàn Quốc", "Triều Tiên", "Nhật Bản", "Ấn Độ",
    "Ba Lan", "Phần Lan", "Hy Lạp", "Thụy Điển", "Thụy Sĩ", "Đan Mạch", "Na Uy", "Ai Cập",
    "Việt Nam", "Đông Nam Á", "Đông Dương", "Liên Xô", "Hoa Kỳ", "Vương quốc Anh", "Vương Quốc Anh",
    "Buôn Ma Thuột", "Cao Miên", "Campuchia", "Lào", "Đài Loan", "Hồng Kông", "Ma Cao",
    "Mông Cổ", "Thổ Nhĩ Kỳ", "Ả Rập", "Nam Phi", "Tân Tây Lan", "Úc", "Nga", "Pháp", "Đức", "Anh Quốc",
    "Tây Nguyên", "Nam Bộ", "Bắc Bộ", "Trung Bộ", "Tây Bắc", "Đồng bằng sông Cửu Long",
    "Đồng bằng sông Hồng", "Cửu Long", "Trường Sa", "Hoàng Sa", "Hồ Tây", "Hồ Gươm",
    "Hồ Hoàn Kiếm", "Châu Á - Thái Bình Dương", "Châu Á Thái Bình Dương", "Chu Lai", "Cù Lao",
)
_FOREIGN_FOLDED = frozenset(fold(name) for name in _FOREIGN_PLACES)

_TITLES_LOWER = ("ông", "bà", "anh", "chị", "đồng chí", "cô", "chú", "cụ", "em", "thầy")
_TITLES_FORMAL = (
    "GS", "PGS", "TS", "ThS", "BS", "NSND", "NSƯT", "Nhà báo", "nhà báo", "Nhà văn", "nhà văn",
    "Nghệ sĩ", "nghệ sĩ", "Thiếu tướng", "Trung tướng", "Thượng tướng", "Đại tướng",
    "Thiếu tá", "Trung tá", "Thượng tá", "Đại tá", "Thiếu úy", "Trung úy", "Thượng úy", "Đại úy",
)

_DEPARTMENTS = (
    "Giao thông vận tải", "Tài chính", "Nội vụ", "Ngoại vụ", "Y tế", "Công Thương", "Xây dựng",
    "Tư pháp", "Giáo dục và Đào tạo", "Kế hoạch và Đầu tư", "Tài nguyên và Môi trường",
    "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường",
    "Văn hóa, Thể thao và Du lịch", "Văn hóa - Thể thao và Du lịch", "Văn hóa và Thể thao",
    "Khoa học và Công nghệ", "Thông tin và Truyền thông", "Du lịch", "Dân tộc và Tôn giáo",
    "Quốc phòng", "Công an", "Ngoại giao", "Thanh tra",
)

_ABBR = r"(?-i:[A-ZĐ]{2,}(?:\s?[&-]\s?[A-ZĐ]{2,})?)"


def _alternation(words: Iterable[str]) -> str:
    unique = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", " ") for w in unique)


@cache
def _place_names() -> tuple[str, str]:
    """Alternations of province names and of district names (traditional tone)."""
    province_words = [p.name for p in provinces().values()]
    province_words += ["Thừa Thiên Huế", "Thừa Thiên - Huế", "Bà Rịa-Vũng Tàu", "TP.HCM", "TPHCM",
                       "Đắk Lắk", "Đắc Lắc", "Đắk Nông"]
    district_words = [d.name for d in districts().values()]
    return (_alternation(_tone_key(w) for w in province_words),
            _alternation(_tone_key(w) for w in district_words))


# --------------------------------------------------------------------------
# Patterns.  Compiled once per mode ("accented" or "ascii" for text typed
# without diacritics, where the same sources are folded).
# --------------------------------------------------------------------------


# Words that stop a name in accented text but read as a given name once the
# diacritics are gone (Ảnh -> Anh, Năm -> Nam).
_AMBIGUOUS_STOPS_PLAIN = {
    "Ảnh", "Năm", "Dự", "Đó", "Đây", "Tối", "Khi", "Tin", "Chị", "Bà", "Khối", "Thường", "Hội",
    "Chủ", "Tỉnh", "Tháng", "Sáng", "Chiều", "Cục", "Viện", "Cùng", "Đảng", "Phòng", "Ủy",
    "Nghị", "Thứ", "Chánh", "Huyện", "Quận", "Phường", "Trong", "Tại", "Những", "Thủ", "Hiệu",
    "Giáo", "Bác", "Thượng", "Cán", "Trưởng", "Thiếu",
}


def _sources(mode: str = "accented") -> dict[str, str]:
    prov, dist = _place_names()
    unit = r"(?P<unit>tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)"
    place = rf"(?P<place>(?-i:(?=\p{{Lu}}))(?:{prov}|{dist}))"
    tail = rf"(?: {unit}(?: {place}(?![\p{{L}}\d]))?)?"
    cap_word = r"(?-i:\p{Lu}[\p{L}]*)"
    proper = rf"(?P<proper>{cap_word}(?:[ -](?:{cap_word}|\d+))" + r"{0,4})"
    departments = _alternation(_DEPARTMENTS)
    surnames = _alternation(_SURNAMES)
    surnames_upper = _alternation(s.upper() for s in _SURNAMES)
    foreign = _alternation(_FOREIGN_PLACES)
    name_stops = [w for w in _NAME_STOPS if mode != "ascii" or w not in _AMBIGUOUS_STOPS_PLAIN]
    stops = _alternation(name_stops + [w.upper() for w in name_stops])
    syll = r"(?:\p{Lu}\p{Ll}*)"
    syll_caps = r"(?:\p{Lu}+)"
    title_run = rf"(?:(?!(?:{stops})(?!\p{{L}})){syll})"
    caps_run = rf"(?:(?!(?:{stops})(?!\p{{L}})){syll_caps})"
    titles_lower = _alternation(_TITLES_LOWER)
    titles_capital = _alternation(tuple(t.capitalize() for t in _TITLES_LOWER)
                                  + tuple(t.upper() for t in _TITLES_LOWER))
    formal = _alternation(_TITLES_FORMAL)
    local_heads = _alternation((
        "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ", "Mặt trận Tổ quốc",
        "MTTQ", "Bộ đội Biên phòng", "BĐBP", "Tòa án nhân dân", "TAND", "Viện Kiểm sát nhân dân",
        "VKSND", "Liên đoàn Lao động", "LĐLĐ", "Bộ Chỉ huy Quân sự", "Bộ CHQS",
    ))
    tail_heads = _alternation((
        "Công an", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Đoàn Thanh niên",
        "Đoàn đại biểu Quốc hội", "Đoàn ĐBQH", "Kho bạc Nhà nước", "Cục Thuế", "Cục Hải quan",
        "Đài Phát thanh và Truyền hình", "Thanh tra", "Văn phòng", "Đảng ủy", "Đảng bộ",
        "Ban Tuyên giáo", "Ban Tổ chức", "Ban Dân vận", "Ban Nội chính", "Ủy ban Kiểm tra",
        "Trung tâm Y tế", "Bệnh viện Đa khoa", "Trường Chính trị", "Tỉnh đoàn",
    ))
    institutions = _alternation((
        "Trường Đại học", "Trường Cao đẳng", "Trường Trung cấp", "Trường THPT", "Trường THCS",
        "Trường Tiểu học", "Trường Mầm non", "Trường Trung học phổ thông", "Trường Trung học cơ sở",
        "Trường Phổ thông Dân tộc nội trú", "Trường PTDTNT", "Đại học", "Học viện",
        "Bệnh viện Đa khoa", "Bệnh viện", "Ngân hàng", "Công ty TNHH", "Công ty Cổ phần",
        "Công ty CP", "Công ty", "Tổng công ty", "Tập đoàn", "Viện", "Báo", "Nhà máy",
        "Khu công nghiệp", "Cảng",
    ))
    national = _alternation((
        "Quốc hội", "Chính phủ", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng",
        "Ban Chấp hành Trung ương", "Trung ương Đảng", "Ủy ban Thường vụ Quốc hội",
        "Đảng Cộng sản Việt Nam", "Tổng Liên đoàn Lao động Việt Nam", "Thông tấn xã Việt Nam",
        "Văn phòng Chính phủ", "Văn phòng Trung ương Đảng", "Ủy ban Kiểm tra Trung ương",
        "Ban Tuyên giáo Trung ương", "Ban Tổ chức Trung ương", "Ban Dân vận Trung ương",
        "Ban Nội chính Trung ương", "Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước",
    ))
    sub_bodies = _alternation((
        "Ban Thường vụ", "Ban Chấp hành", "BTV", "BCH", "Thường trực", "Văn phòng",
        "Ủy ban Kiểm tra", "Ban Tuyên giáo", "Ban Tổ chức", "Ban Dân vận", "Đảng ủy", "Đảng bộ",
        "Chi bộ", "Công đoàn", "Đoàn Thanh niên", "Lãnh đạo",
    ))
    khoi_body = r"(?:cơ quan|doanh nghiệp)"
    no_code = r"(?<![\p{L}\d/\-])"
    end = r"(?![\p{L}\d])"
    return {
        # Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Long An; Đảng bộ Khối các cơ quan tỉnh
        "khoi": rf"{no_code}(?i:(?-i:Đ)ảng (?:ủy|bộ) (?-i:K)hối"
                rf"(?: (?:các )?{khoi_body}(?:(?:,| và) (?:các )?{khoi_body})?)?"
                rf"(?: (?P<unit>tỉnh|thành phố|Trung ương)(?: {place}{end})?)?){end}",
        "khoi_abbr": rf"{no_code}(?P<abbr>ĐUK|ĐBK){end}(?![/\-]\p{{L}})",
        # Tỉnh ủy Nghệ An; Thành ủy Hà Nội; Huyện ủy Diễn Châu
        "committee": rf"{no_code}(?i:(?-i:[TH])(?:ỉnh|hành|uyện|uận|hị) ủy(?: {place}{end})?){end}",
        # UBND tỉnh Quảng Ninh; HĐND; Ủy ban MTTQ Việt Nam tỉnh
        "local": rf"{no_code}(?i:(?-i:(?={local_heads}))(?:{local_heads}){tail}){end}",
        "local_tail": rf"{no_code}(?i:(?-i:(?={tail_heads}))(?:{tail_heads})"
                      rf" {unit}(?: {place}{end})?){end}",
        # Sở GTVT tỉnh Quảng Ninh; Bộ Nông nghiệp và Phát triển nông thôn
        "department": rf"{no_code}(?i:(?P<head>(?-i:[SB])(?:ở|ộ)) (?:{departments}|{_ABBR})"
                      rf"(?: (?P<place>(?-i:(?=\p{{Lu}}))(?:{prov})(?![\p{{L}}\d]))|{tail})){end}",
        # Trường Đại học Hạ Long; Bệnh viện Đa khoa tỉnh
        "institution": rf"{no_code}(?i:(?-i:(?={institutions}))(?:{institutions})"
                       rf"(?: (?!(?i:tỉnh|thành phố|huyện)\b){proper})?{tail}){end}",
        # Trung tâm Phục vụ hành chính công tỉnh: a lower-case body up to its unit
        "generic": rf"{no_code}(?P<head>Trung tâm|Chi cục|Ban Quản lý|Hội)(?: \p{{Lu}}\p{{Ll}}*)?"
                   rf"(?: \p{{Ll}}+){{0,7}}? (?P<unit>tỉnh|thành phố|huyện|quận|thị xã)"
                   rf"(?: {place}{end})?{end}",
        "national": rf"{no_code}(?:{national}){end}",
        "sub_body": rf"(?:{sub_bodies}) $",
        # Provinces and districts
        "place_after_unit": rf"(?i:(?P<unit>tỉnh|thành phố|TP\.?|huyện|quận|thị xã)) {place}{end}",
        "province": rf"(?<![\p{{L}}\d])(?-i:(?=\p{{Lu}}))(?P<place>{prov}){end}",
        # People
        # a capitalised title right after a capitalised word is part of a name
        # ("Nguyễn Anh Việt"); "Theo ông Định" is a title
        "per_title": rf"(?<![\p{{L}}])(?:(?P<title>{titles_lower})|(?<!\p{{Lu}}\p{{Ll}}* )(?P<title>{titles_capital})"
                     rf"|(?P<formal>{formal})\.?)"
                     rf" (?P<name>{title_run}(?: {title_run}){{0,3}}|{caps_run}(?: {caps_run}){{0,3}}){end}",
        "per_surname": rf"(?<![\p{{L}}])(?P<name>(?:{surnames})(?: {title_run}){{1,3}}){end}",
        # NGUYỄN VĂN THÔNG, but not "AN NINH MẠNG" inside a capitalised heading
        "per_caps": rf"(?<![\p{{L}}])(?<!\p{{Lu}}[ ,])(?P<name>(?:{surnames_upper})(?: {caps_run}){{1,3}})"
                    rf"{end}(?! \p{{Lu}})",
        # Countries and regions whose names begin like a family name (Thái Lan, Hà Lan)
        "foreign": rf"(?<![\p{{L}}])(?P<place>{foreign}){end}",
    }


@cache
def _patterns(mode: str) -> dict[str, regex.Pattern]:
    compiled = {}
    for name, source in _sources(mode).items():
        if mode == "ascii":
            source = _ascii_copy(source)
        compiled[name] = regex.compile(source, regex.V0)
    return compiled


# --------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    priority: float
    source: str
    confidence: float
    place: str | None = None
    unit: str = ""
    scope: str = ""


_NESTING = {("ORG", "LOC"), ("ORG", "ORG")}
# Unit words (folded) after which a name is a province, not a district.
_PROVINCE_UNITS = frozenset({"", "tinh", "thanh pho", "tp", "trung uong"})


def _place_of(name: str | None, unit: str) -> str | None:
    """The display name of a province or district written ``name``."""
    if not name:
        return None
    unit = fold(unit).rstrip(".")
    province = find_province(name)
    if province and unit in _PROVINCE_UNITS:
        return province.name
    district = districts().get(fold(name))
    if district:
        return district.name
    return province.name if province else None


def _org_candidates(text: str, patterns: dict[str, regex.Pattern]) -> Iterator[_Candidate]:
    def group(match: regex.Match, name: str) -> str | None:
        try:
            return match.group(name)
        except IndexError:
            return None

    for family in ("khoi", "khoi_abbr", "committee", "local", "local_tail", "department",
                   "institution", "generic", "national"):
        for match in patterns[family].finditer(text):
            start, end = match.span()
            unit = (group(match, "unit") or "").strip()
            place_text = group(match, "place")
            place_start = match.start("place") if place_text else -1
            proper = group(match, "proper")
            if family == "institution" and proper and not unit:
                end, unit, place_text, place_start = _extend_institution(text, match.end("proper"), patterns)
            if family == "institution" and proper:
                cut = _person_inside(text, match.start("proper"), end)
                if cut is not None:
                    end, unit, place_text = cut, "", None
            place = _place_of(place_text, unit)
            if place_text and place is None:
                end = place_start - 1  # a word that only looked like a place
            if family == "national":
                scope = "national"
            elif family == "department" and fold(group(match, "head") or "") == "bo":
                scope = "national"
            elif family == "institution" and proper:
                # a university is one wherever it is named; "Trường THPT Lê Lợi"
                # exists in many provinces
                scope = "local" if _SCHOOL_RE.match(match.group(0)) else "named"
            elif family == "institution" and not unit:
                continue
            else:
                scope = "local"
            priority = 3.0 + (end - start) / 1000
            yield _Candidate(start, end, "ORG", priority, "pattern", 0.9, place, unit, scope)


_SURNAME_SET = frozenset(_SURNAMES)
_WORD_RE = regex.compile(r"\p{L}+")


def _person_inside(text: str, start: int, end: int) -> int | None:
    """Where a person's name begins inside a proper name, if it does.

    "Trường Đại học Hạ Long Nguyễn Văn An": a family name followed by a
    capitalised word, after the first word of the name, starts the person (the
    first word may be one: "Trường Đại học Tôn Đức Thắng").
    """
    words = list(_WORD_RE.finditer(text, start, end))
    for first, second in zip(words[1:], words[2:]):
        if first.group(0) in _SURNAME_SET and second.group(0)[0].isupper():
            return text.rfind(" ", start, first.start()) if text[first.start() - 1] == " " else first.start()
    return None


_TOKEN_RE = regex.compile(r" (\p{L}+)")
_SCHOOL_RE = regex.compile(r"(?i)trường (?:thpt|thcs|tiểu học|mầm non|trung học|phổ thông|ptdtnt)")


def _extend_institution(text: str, end: int, patterns: dict[str, regex.Pattern]
                        ) -> tuple[int, str, str | None, int]:
    """Carry a name such as "Viện Ngôn ngữ học" or "Báo Tuổi trẻ" past its capitals.

    Vietnamese capitalises only the first syllable of each word of a name, so a
    lower-case syllable belongs to the name when it completes a dictionary word
    with the syllables before it ("Ngôn" + "ngữ học"); "Báo Nghệ An cho biết" stops
    at "cho".  Returns the new end, and the unit and place that follow, if any.
    """
    from vntextclean.lexicon import is_word

    words = 0
    while words < 8:
        tail = patterns["place_after_unit"].match(text, end + 1) if text[end:end + 1] == " " else None
        if tail:
            return tail.end(), tail.group("unit"), tail.group("place"), tail.start("place")
        nxt = _TOKEN_RE.match(text, end)
        if not nxt:
            break
        word = nxt.group(1)
        if word[0].isupper() and word not in _NAME_STOPS:
            end, words = nxt.end(), words + 1
            continue
        previous = text[:end].rsplit(" ", 1)[-1]
        grown = None
        for size in (2, 1):
            lower = _TOKEN_RE.match(text, end)
            pieces, cursor = [], end
            for _ in range(size):
                lower = _TOKEN_RE.match(text, cursor)
                if not lower or not lower.group(1).islower():
                    break
                pieces.append(lower.group(1))
                cursor = lower.end()
            if len(pieces) == size and is_word(" ".join([previous, *pieces])):
                grown = cursor
                break
        if grown is None:
            break
        end, words = grown, words + 1
    return end, "", None, -1


def _with_sub_bodies(text: str, found: list[_Candidate], pattern: regex.Pattern) -> list[_Candidate]:
    """Add "Ban Thường vụ Đảng ủy Khối…" around an organisation it belongs to."""
    extra = []
    for cand in found:
        window = text[max(0, cand.start - 40):cand.start]
        match = pattern.search(window)
        if match:
            start = cand.start - (len(window) - match.start())
            extra.append(_Candidate(start, cand.end, "ORG", cand.priority + 0.01, "pattern",
                                    cand.confidence, cand.place, cand.unit, cand.scope))
    return found + extra


def _loc_candidates(text: str, patterns: dict[str, regex.Pattern]) -> Iterator[_Candidate]:
    for match in patterns["place_after_unit"].finditer(text):
        unit = match.group("unit")
        place = _place_of(match.group("place"), unit)
        if place:
            start, end = match.span("place")
            yield _Candidate(start, end, "LOC", 2.5, "gazetteer", 0.95, place, unit.lower())
    for match in patterns["foreign"].finditer(text):
        yield _Candidate(*match.span(), "LOC", 2.4, "gazetteer", 0.8)
    for match in patterns["province"].finditer(text):
        name = match.group("place")
        if fold(name) == "ho chi minh":
            continue  # the person unless "Thành phố" says otherwise (caught above)
        province = find_province(name)
        if province:
            yield _Candidate(*match.span(), "LOC", 1.5, "gazetteer", 0.85, province.name)


# A person named with a national office is the national figure wherever the
# article is from ("Chủ tịch nước Trương Tấn Sang"); so is a leader whose thought
# or style the article studies ("tư tưởng, đạo đức, phong cách Hồ Chí Minh").
_NATIONAL_ROLE_RE = regex.compile(
    r"(?i:chủ tịch nước|thủ tướng|tổng bí thư|chủ tịch quốc hội|bộ trưởng|thứ trưởng|"
    r"ủy viên bộ chính trị|bí thư trung ương|đại tướng|chủ tịch ủy ban trung ương|"
    r"tư tưởng|phong cách)"
    r"[^.!?;\n]{0,60}$"
)


def _national_role(text: str, start: int) -> bool:
    window = text[max(0, start - 90):start]
    return bool(_NATIONAL_ROLE_RE.search(window))


def _is_place(name: str, *, districts_too: bool = False) -> bool:
    """``name`` spelled exactly as a province (or district): "Duy Tiến" is a
    person, "Duy Tiên" a district; without diacritics the two cannot be told."""
    wanted = _tone_key(name) if _has_diacritics(name) else None
    found = [p.name for p in [find_province(name)] if p]
    if districts_too and fold(name) in districts():
        found.append(districts()[fold(name)].name)
    return any(wanted is None or _tone_key(f) == wanted for f in found)


def _per_candidates(text: str, patterns: dict[str, regex.Pattern]) -> Iterator[_Candidate]:
    for match in patterns["per_title"].finditer(text):
        start, end = match.span("name")
        single = " " not in match.group("name")
        # the longest reading of a name wins ("Nguyễn Anh Việt" over "Anh Việt")
        scope = "short" if single else "national" if _national_role(text, start) else ""
        yield _Candidate(start, end, "PER", 2.0 + (end - start) / 100, "pattern",
                         0.6 if single else 0.9, scope=scope)
    for match in _chain(patterns["per_surname"].finditer(text), patterns["per_caps"].finditer(text)):
        name = match.group("name")
        words = name.split()
        folded = fold(name).split()
        if fold(name) == "ho chi minh":
            pass  # bare, the name is the person; the city says "Thành phố"/"TP"
        elif any(" ".join(folded[i:j]) in _FOREIGN_FOLDED
                 for i in range(len(folded)) for j in range(i + 2, len(folded) + 1)):
            continue  # "Hà Lan Wesley Sneijder", "Châu Á Thái Bình"
        elif (_is_place(name, districts_too=True) or _is_place(" ".join(words[1:]))
                or any(_is_place(" ".join(words[:n])) for n in range(2, len(words) + 1))):
            # "Thái Bình", "Hà Nội T&T", "Đoàn Nghệ An": a place, unless a title
            # says otherwise ("ông Nguyễn Thái Bình")
            continue
        start, end = match.span("name")
        yield _Candidate(start, end, "PER", 2.0 + (end - start) / 100, "pattern", 0.85,
                         scope="national" if _national_role(text, start) else "")


_SENTENCE_RE = regex.compile(r"[^\n]+?(?:[.!?;](?=\s)|$)", regex.M)
_NER_STOP_FIRST = {fold(w) for w in _NAME_STOPS} | {"khoi", "le", "co", "bang", "hang", "khoa", "nam"}


@cache
def _ner():
    """underthesea's CRF tagger, imported once (its model loads on first use)."""
    from underthesea import ner

    return ner


# The tagger's time grows faster than the length of its input: a long run of
# text without a full stop goes to it in pieces of at most this many characters.
_PIECE = 300
_PIECE_RE = regex.compile(rf"\S.{{0,{_PIECE - 2}}}(?:\S(?=\s|$)|$)", regex.S)


def _pieces(text: str) -> Iterator[regex.Match]:
    for sentence in _SENTENCE_RE.finditer(text):
        if sentence.end() - sentence.start() <= _PIECE:
            yield sentence
        else:
            yield from _PIECE_RE.finditer(text, sentence.start(), sentence.end())


_TITLE_RUN_RE = regex.compile(r"\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)+")


def _ner_candidates(text: str, covered: list[tuple[int, int]]) -> Iterator[_Candidate]:
    """Proper-noun people and places from underthesea's tagger, one call per sentence.

    The tagger costs far more than the patterns, so a sentence goes to it only
    when it holds a run of capitalised words that no pattern mention covers.
    """
    tagger = _ner()
    for sentence in _pieces(text):
        chunk = sentence.group(0)
        offset = sentence.start()
        if not any(not any(s <= offset + run.start() and offset + run.end() <= e for s, e in covered)
                   for run in _TITLE_RUN_RE.finditer(chunk)):
            continue  # every capitalised run is already a mention: nothing for the tagger
        try:
            tokens = tagger(chunk)
        except Exception:  # the tagger fails on odd input; patterns still ran
            continue
        cursor = 0
        spans: list[list] = []
        for word, pos, _chunk, tag in tokens:
            found = chunk.find(word, cursor)
            if found < 0:
                spans.append(None)  # type: ignore[arg-type]
                continue
            cursor = found + len(word)
            spans.append([found, cursor, pos, tag])
        current: list | None = None
        for item in spans + [None]:
            tag = item[3] if item else "O"
            if item and tag.startswith("I-") and current and tag[2:] == current[0] and item[2] == "Np":
                current[2] = item[1]
                continue
            if current:
                kind, begin, finish = current
                yield from _accept_ner(text, sentence.start() + begin, sentence.start() + finish, kind)
            current = [tag[2:], item[0], item[1]] if item and tag.startswith("B-") and item[2] == "Np" else None


def _accept_ner(text: str, start: int, end: int, kind: str) -> Iterator[_Candidate]:
    """A tagger span we keep: two to four capitalised Vietnamese syllables.

    The tagger calls brands, clubs and capitalised sentence openings people
    ("App Store", "Chồng Lan đi…"); we keep a span only when every word is a known
    Vietnamese syllable and, at the start of a sentence, only when the name stands
    alone (a byline, a photo credit: "Ảnh: Kim Dung").
    """
    from vntextclean.lexicon import is_known_syllable
    from vntextclean.syllable import is_syllable

    words = text[start:end].split()
    if kind not in ("PER", "LOC") or not 2 <= len(words) <= 4:
        return
    if not all(regex.fullmatch(r"\p{Lu}\p{Ll}+", w) and is_syllable(w) and is_known_syllable(w)
               for w in words):
        return
    if kind == "PER" and _is_place(text[start:end], districts_too=True):
        kind = "LOC"  # "Mỏ Cày Bắc" is a district
    if fold(words[0]) in _NER_STOP_FIRST:
        return
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].rstrip()
    after = text[end:len(text) if line_end < 0 else line_end].strip()
    if (not before or before[-1] in ".!?") and after and after[0].isalpha():
        return
    yield _Candidate(start, end, kind, 1.0 if kind == "PER" else 0.5, "ner", 0.6)


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the strongest candidates; allow only a place or a body inside a body.

    Organisations come first, then people and places found by patterns and the
    gazetteer, longest first ("Nguyễn Minh Đức" over "Đức", "Thành phố Hồ Chí
    Minh" over the person), then the tagger's spans.
    """
    def strength(c: _Candidate) -> tuple:
        tier = 3 if c.type == "ORG" else 1 if c.source == "ner" else 2
        return (-tier, -(c.end - c.start), -c.priority, c.start)

    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=strength):
        ok = True
        for other in kept:
            if cand.end <= other.start or other.end <= cand.start:
                continue
            if (cand.start, cand.end) == (other.start, other.end):
                ok = False
                break
            inside = other.start <= cand.start and cand.end <= other.end
            outside = cand.start <= other.start and other.end <= cand.end
            if inside and (other.type, cand.type) in _NESTING and (cand.type != "LOC" or cand.place):
                continue  # a province or district inside a body, not "Đức" in "Tôn Đức Thắng"
            if outside and (cand.type, other.type) in _NESTING:
                continue
            ok = False
            break
        if ok:
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, -c.end))


_LETTER_RE = regex.compile(r"\p{L}")
_MARKED_LETTER_RE = regex.compile(r"[^\x00-\x7f](?<=\p{L})")


def _is_ascii_document(text: str) -> bool:
    """Typed without diacritics: fewer than 2 letters in 1,000 carry one."""
    letters = len(_LETTER_RE.findall(text))
    return letters > 0 and len(_MARKED_LETTER_RE.findall(text)) / letters < 0.002


def extract_entities(text: str, *, doc: str = "", use_ner: bool = True) -> list[Mention]:
    """People, organisations and places in ``text``, in reading order.

    Spans index ``text`` as given when it is NFC (what the cleaner produces);
    other text is NFC-normalised first and the spans index that form.
    A place may sit inside an organisation ("Long An" in "UBND tỉnh Long An") and
    a body inside a body ("Đảng ủy Khối…" in "Ban Thường vụ Đảng ủy Khối…"); other
    mentions do not overlap.  ``use_ner=False`` skips underthesea's tagger
    (faster; patterns and gazetteer only).

    >>> [(m.type, m.text) for m in extract_entities(
    ...     "Đồng chí Nguyễn Văn Thông làm việc với UBND tỉnh Nghệ An.", use_ner=False)]
    [('PER', 'Nguyễn Văn Thông'), ('ORG', 'UBND tỉnh Nghệ An'), ('LOC', 'Nghệ An')]
    """
    text = unicodedata.normalize("NFC", text)
    mode = "ascii" if _is_ascii_document(text) else "accented"
    matchable = _matchable(text) if mode == "accented" else _ascii_copy(text)
    patterns = _patterns(mode)
    orgs = list(_org_candidates(matchable, patterns))
    orgs = _with_sub_bodies(matchable, orgs, patterns["sub_body"])
    candidates = orgs + list(_loc_candidates(matchable, patterns)) + list(_per_candidates(matchable, patterns))
    if use_ner and mode == "accented":
        candidates += list(_ner_candidates(text, [(c.start, c.end) for c in candidates]))
    mentions = []
    for cand in _resolve(candidates):
        piece = text[cand.start:cand.end]
        stripped = piece.rstrip(" ,.;:-–")
        mentions.append(Mention(doc, stripped, cand.start, cand.start + len(stripped), cand.type,  # type: ignore[arg-type]
                                cand.source, cand.confidence, cand.place, cand.unit, cand.scope))
    return mentions


# --------------------------------------------------------------------------
# The province a document is about
# --------------------------------------------------------------------------


@cache
def _district_re(mode: str) -> regex.Pattern:
    source = rf"(?<![\p{{L}}\d])(?=\p{{Lu}})(?P<place>{_place_names()[1]})(?![\p{{L}}\d])"
    return regex.compile(_ascii_copy(source) if mode == "ascii" else source)


def document_province(text: str, *, mentions: Iterable[Mention] | None = None) -> str | None:
    """The province ``text`` is about, or None when the evidence does not decide.

    Votes: 3 for a province named after "tỉnh"/"thành phố" or inside an
    organisation ("Tỉnh ủy Nghệ An"), 1 for a bare province name, 1 for a district
    named after "huyện"/"thị xã"… and ½ for a bare district or city name that
    belongs to one province only ("Hạ Long").  The winner must beat the runner-up.

    >>> document_province("Chiều 27/12, Ban Thường vụ Tỉnh ủy Nghệ An họp.")
    'Nghệ An'
    >>> document_province("Trường Đại học Hạ Long tuyển sinh.")
    'Quảng Ninh'
    >>> document_province("Đảng ủy Khối các cơ quan tỉnh họp.") is None
    True
    """
    text = unicodedata.normalize("NFC", text)
    if mentions is None:
        mentions = extract_entities(text, use_ner=False)
    mentions = list(mentions)
    votes: Counter[str] = Counter()
    for m in mentions:
        if not m.place:
            continue
        province = find_province(m.place)
        if m.type == "ORG" and province:
            votes[province.name] += 3
        elif m.type == "LOC" and province and fold(m.unit).rstrip(".") in _PROVINCE_UNITS - {""}:
            votes[province.name] += 3
        elif m.type == "LOC" and province and not m.unit:
            votes[province.name] += 1
        elif m.type == "LOC":
            district = districts().get(fold(m.place))
            if district and len(district.provinces) == 1:
                votes[next(iter(district.provinces))] += 1
    people = [(m.start, m.end) for m in mentions if m.type == "PER"]
    mode = "ascii" if _is_ascii_document(text) else "accented"
    matchable = _matchable(text) if mode == "accented" else _ascii_copy(text)
    for match in _district_re(mode).finditer(matchable):
        name = match.group("place")
        if " " not in name or find_province(name):
            continue
        if any(s <= match.start() < e for s, e in people):
            continue
        district = districts().get(fold(name))
        if district and len(district.provinces) == 1:
            votes[next(iter(district.provinces))] += 0.5
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


# --------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------

_TITLE_PREFIX_RE = regex.compile(
    r"^(?:(?:đồng chí|ông|bà|anh|chị|cô|chú|gs|pgs|ts|ths|bs)\.?\s+)+", regex.I
)
_UNIT_WORDS = {"tỉnh": "P", "thành phố": "P", "tp": "P", "tp.": "P", "trung ương": "N",
               "huyện": "D", "quận": "D", "thị xã": "D", "xã": "W", "phường": "W", "thị trấn": "W"}
_UNIT_LEVELS = {fold(word): level for word, level in _UNIT_WORDS.items()}
_PROVINCE_LEVEL = ("sở ", "tỉnh ủy", "đảng ủy khối", "chỉ huy quân sự", "biên phòng",
                   "công an", "đoàn đại biểu quốc hội", "trung tâm")


def name_key(text: str) -> str:
    """The normalised form of a name that linking compares.

    NFC, old-style tone marks, lower case, abbreviations expanded, titles and
    "các" dropped, "Đảng bộ" read as "Đảng ủy" (the body and its committee are
    named interchangeably in news).  Diacritics are kept: Thông is not Thống.

    >>> name_key("đồng chí NGUYỄN VĂN THÔNG")
    'nguyễn văn thông'
    >>> name_key("UBND tỉnh") == name_key("Uỷ ban nhân dân Tỉnh")
    True
    >>> name_key("Sở GTVT")
    'sở giao thông vận tải'
    """
    text = unicodedata.normalize("NFC", text).strip().translate(_LATIN_ETH)
    text = _TITLE_PREFIX_RE.sub("", text)
    text = _expansion_re().sub(lambda m: _expansions()[m.group(0)], text)
    text = _tone_key(text).lower()
    text = regex.sub(r"\s*&\s*", " và ", text)
    text = regex.sub(r"[,;:()\"“”'’\-–]+", " ", text)
    words = [w for w in text.split() if w not in ("các", "cac")]
    return " ".join(_with_synonyms(words))


# Names that mean the same body: the Party organisation and its committee are
# used interchangeably in news; "Trường Đại học X" is "Đại học X".
_KEY_SYNONYMS = ((("đảng", "bộ"), ("đảng", "ủy")), (("trường", "đại", "học"), ("đại", "học")))


def _with_synonyms(words: list[str]) -> list[str]:
    """Replace synonym phrases; plain (diacritic-free) words match their folded form."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for before, after in _KEY_SYNONYMS:
            window = words[i:i + len(before)]
            plain = not _has_diacritics(" ".join(window))
            if len(window) == len(before) and (
                    tuple(window) == before or (plain and tuple(map(fold, window)) == tuple(map(fold, before)))):
                out.extend(map(fold, after) if plain else after)
                i += len(before)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _strip_place(key: str, mention: Mention) -> tuple[str, str]:
    """Split an organisation key into (name, administrative level)."""
    words = key.split()
    if mention.place:
        place = fold(mention.place).split()
        if [fold(w) for w in words[-len(place):]] == place:
            words = words[: -len(place)]
    level = ""
    for size in (2, 1):
        tail = " ".join(words[-size:])
        # "quan" may be "quận" typed plain, but "quan" in "cơ quan" is not
        found = _UNIT_WORDS.get(tail) or (None if _has_diacritics(tail) else _UNIT_LEVELS.get(tail))
        if len(words) > size and found:
            level = found
            words = words[:-size]
            break
    return " ".join(words), level


@dataclass(slots=True)
class _Keyed:
    mention: Mention
    name: str
    place: str  # folded province / district, "" for none, "doc:<id>" for unknown
    level: str
    plain: bool  # the mention has no diacritics at all
    bare: bool = False  # an organisation named without any unit or place


def _keyed(m: Mention, province: str | None) -> _Keyed:
    key = name_key(m.text)
    plain = not _has_diacritics(m.text)
    doc_scope = f"doc:{m.doc}"
    if m.type == "PER":
        return _Keyed(m, key, "", "", plain)
    if m.type == "LOC":
        target = m.place or m.text
        found = find_province(target) if fold(m.unit).rstrip(".") in _PROVINCE_UNITS else None
        if found:
            return _Keyed(m, fold(found.name), fold(found.name), "P", plain)
        district = districts().get(fold(target))
        if district:
            owner = (next(iter(district.provinces)) if len(district.provinces) == 1
                     else province if province in district.provinces else None)
            return _Keyed(m, fold(district.name), fold(owner) if owner else doc_scope, "D", plain)
        return _Keyed(m, key, "", "", plain)
    name, level = _strip_place(key, m)
    if m.scope in ("national", "named"):
        return _Keyed(m, name, "", "", plain)
    if m.place:
        found = find_province(m.place) if level in ("P", "") else None
        if found:
            return _Keyed(m, name, fold(found.name), "P", plain)
        district = districts().get(fold(m.place))
        owner = province if district and province in district.provinces else None
        if district and len(district.provinces) == 1:
            owner = next(iter(district.provinces))
        where = f"{fold(m.place)}@{fold(owner) if owner else doc_scope}"
        return _Keyed(m, name, where, "D", plain)
    bare = level == ""
    if bare and any(marker in key or (plain and fold(marker) in key) for marker in _PROVINCE_LEVEL):
        level = "P"
    if level == "P" and province:
        return _Keyed(m, name, fold(province), "P", plain, bare)
    return _Keyed(m, name, doc_scope, level, plain, bare)


# --------------------------------------------------------------------------
# Linking
# --------------------------------------------------------------------------


class _Links:
    """Union-find over group ids that remembers the weakest link of each set."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.weakest: dict[str, float] = {}
        self.how: dict[str, set[str]] = defaultdict(set)

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)
        self.weakest.setdefault(item, 1.0)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str, confidence: float, how: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[rb] = ra
        self.weakest[ra] = min(self.weakest[ra], self.weakest[rb], confidence)
        self.how[ra] |= self.how.pop(rb, set()) | {how}


def _typo_only(a: str, b: str) -> bool:
    """True when two keys differ by one slip of a letter that makes a non-word.

    "công nghệp" is a slip for "công nghiệp"; "An Vinh" and "An Minh", "Đại hội"
    and "Đại học" differ by one letter too, but both sides are real syllables,
    so they are different names.  A difference of diacritics alone never counts.
    """
    from vntextclean.lexicon import is_known_syllable

    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 3:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if fold(x) == fold(y) or Levenshtein.distance(fold(x), fold(y)) > 1:
        return False
    return is_known_syllable(x) != is_known_syllable(y)


def _swapped_conjuncts(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with the two sides of one "và" swapped
    ("cơ quan và doanh nghiệp" / "doanh nghiệp và cơ quan")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa == wb:
        return False
    for i, word in enumerate(wa):
        if word != "và":
            continue
        for start in range(i):
            for end in range(i + 2, len(wa) + 1):
                left, right = wa[start:i], wa[i + 1:end]
                if wb == wa[:start] + right + ["và"] + left + wa[end:]:
                    return True
    return False


def _link_organisation_variants(groups: Mapping[str, list[_Keyed]], links: _Links) -> None:
    """Link organisation names whose "và" sides are swapped, or that differ by a slip.

    Blocking keeps this near-linear.  Swapped sides share their sorted words,
    an exact key.  A slip makes a word that is not a Vietnamese syllable
    ("nghệp"), so only a name holding such a word looks for partners, in the
    block of names equal to it but for that word; only those pairs go to
    rapidfuzz and the slip check.
    """
    from vntextclean.lexicon import is_known_syllable

    same_words: dict[tuple, list[str]] = defaultdict(list)
    but_one: dict[tuple, list[str]] = defaultdict(list)
    for gid, members in groups.items():
        k = members[0]
        if k.mention.type != "ORG":
            continue
        words = k.name.split()
        same_words[(k.place, k.level, tuple(sorted(words)))].append(gid)
        if len(words) >= 3:
            for i in range(len(words)):
                but_one[(k.place, k.level, i, tuple(words[:i] + ["*"] + words[i + 1:]))].append(gid)
    for gids in same_words.values():
        for i, a in enumerate(gids):
            for b in gids[i + 1:]:
                if _swapped_conjuncts(groups[a][0].name, groups[b][0].name):
                    links.union(a, b, 0.95, "word order")
    for gid, members in groups.items():
        k = members[0]
        if k.mention.type != "ORG":
            continue
        words = k.name.split()
        for i, word in enumerate(words if len(words) >= 3 else ()):
            if is_known_syllable(word):
                continue
            for other in but_one[(k.place, k.level, i, tuple(words[:i] + ["*"] + words[i + 1:]))]:
                na, nb = k.name, groups[other][0].name
                if other != gid and fuzz.ratio(na, nb, score_cutoff=90) and _typo_only(na, nb):
                    links.union(other, gid, round(fuzz.ratio(na, nb) / 100 * 0.9, 2), "spelling")


def _group_id(k: _Keyed) -> str:
    return f"{k.mention.type}|{k.place}|{k.level}|{k.name}"


def match_entities(
    docs: Mapping[str, str],
    *,
    use_ner: bool = True,
    min_confidence: float = 0.0,
) -> list[Cluster]:
    """Extract the entities of every document and link them across documents.

    ``docs`` maps a document id to its text.  Returns clusters, most-mentioned
    first within each type (PER, ORG, LOC).

    >>> clusters = match_entities({
    ...     "a": "Đồng chí Nguyễn Văn Thông phát biểu tại UBND tỉnh Nghệ An.",
    ...     "b": "NGUYỄN VĂN THÔNG dự họp.",
    ...     "c": "Ong Nguyen Van Thong tham du hoi nghi.",
    ...     "d": "Ông Nguyễn Văn Thống, Giám đốc Sở Y tế tỉnh Hà Tĩnh.",
    ... }, use_ner=False)
    >>> [(c.canonical, c.docs) for c in clusters if c.type == "PER"]
    [('Nguyễn Văn Thông', ['a', 'b']), ('Nguyen Van Thong', ['c']), ('Nguyễn Văn Thống', ['d'])]

    Above, "Nguyen Van Thong" could be either man, so it stays apart; once the
    article says where it is, the name known in that province takes it:

    >>> clusters = match_entities({
    ...     "a": "Đồng chí Nguyễn Văn Thông phát biểu tại UBND tỉnh Nghệ An.",
    ...     "c": "Ong Nguyen Van Thong lam viec voi UBND tinh Nghe An.",
    ...     "d": "Ông Nguyễn Văn Thống, Giám đốc Sở Y tế tỉnh Hà Tĩnh.",
    ... }, use_ner=False)
    >>> [(c.canonical, c.docs) for c in clusters if c.type != "LOC"]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Nguyễn Văn Thông', ['a', 'c']), ('Nguyễn Văn Thống', ['d']),
     ('UBND tỉnh Nghệ An', ['a', 'c']), ('Sở Y tế tỉnh Hà Tĩnh', ['d'])]
    """
    extracted: dict[str, list[Mention]] = {}
    province_of: dict[str, str | None] = {}
    for doc, text in docs.items():
        mentions = extract_entities(text, doc=doc, use_ner=use_ner)
        extracted[doc] = mentions
        province_of[doc] = document_province(text, mentions=mentions)

    keyed = [_keyed(m, province_of[doc]) for doc, ms in extracted.items() for m in ms]
    shorts = [k for k in keyed if k.mention.scope == "short"]
    keyed = [k for k in keyed if k.mention.scope != "short"]

    # Text typed without diacritics takes the one accented name that folds to it.
    # When two accented names fold alike (Thông, Thống), the one named in a
    # document about the same province decides; otherwise nothing is linked.
    accented: dict[tuple, set[str]] = defaultdict(set)
    named_in: dict[str, set[str | None]] = defaultdict(set)
    for k in keyed:
        if not k.plain:
            accented[(k.mention.type, k.place, k.level, fold(k.name))].add(k.name)
            named_in[k.name].add(province_of[k.mention.doc])
    loose: set[int] = set()
    for index, k in enumerate(keyed):
        if k.plain:
            names = accented.get((k.mention.type, k.place, k.level, fold(k.name)), set())
            here = province_of[k.mention.doc]
            if len(names) > 1 and here:
                names = {n for n in names if here in named_in[n]}
            if len(names) == 1:
                if k.name != next(iter(names)):
                    loose.add(index)  # "TP.HCM" is a name, not text that lost its marks
                k.name = next(iter(names))

    # People: one name in two provinces is two people, unless a national office
    # comes with it somewhere; a document whose province is unknown joins the
    # name when only one province has it.
    person_province: dict[str, set[str]] = defaultdict(set)
    national = {k.name for k in keyed if k.mention.type == "PER" and k.mention.scope == "national"}
    for k in keyed:
        if k.mention.type == "PER" and province_of[k.mention.doc]:
            person_province[k.name].add(province_of[k.mention.doc])  # type: ignore[arg-type]
    for k in keyed:
        if k.mention.type == "PER" and k.name not in national:
            known = province_of[k.mention.doc]
            places = person_province[k.name]
            if known and len(places) > 1:
                k.place = fold(known)
            elif not known and len(places) > 1:
                k.place = f"doc:{k.mention.doc}"

    links = _Links()
    groups: dict[str, list[_Keyed]] = defaultdict(list)
    for index, k in enumerate(keyed):
        gid = _group_id(k)
        links.add(gid)
        groups[gid].append(k)
        if index in loose:
            links.weakest[gid] = min(links.weakest[gid], 0.85)
            links.how[gid].add("without diacritics")

    _link_organisation_variants(groups, links)

    # Inside one document a short name stands for the one longer name it begins.
    by_doc: dict[str, set[str]] = defaultdict(set)
    for gid, members in groups.items():
        for k in members:
            by_doc[k.mention.doc].add(gid)
    for doc, gids in by_doc.items():
        orgs = [g for g in gids if g.startswith("ORG|") and groups[g][0].place not in ("",)]
        for g in orgs:
            short = groups[g][0]
            if not short.bare:
                continue  # "BCH Đảng bộ tỉnh" names its level: not a short form
            longer = [h for h in orgs if h != g and groups[h][0].place == short.place
                      and groups[h][0].name.startswith(short.name + " ")]
            if len(longer) == 1:
                links.union(longer[0], g, 0.9, "short form in the same article")

    # "ông Định": the one person of the article whose name ends so, or nothing.
    for k in shorts:
        word = k.name.split()[-1] if k.name else ""
        owners = {links.find(g) for g in by_doc.get(k.mention.doc, ())
                  if g.startswith("PER|") and groups[g][0].name.split()[-1:] == [word]}
        if len(owners) == 1:
            gid = next(iter(owners))
            groups[gid].append(k)

    clusters: dict[str, list[_Keyed]] = defaultdict(list)
    for gid, members in groups.items():
        clusters[links.find(gid)].extend(members)
    result = []
    for root, members in clusters.items():
        cluster = _build_cluster(members, links.weakest[root], tuple(sorted(links.how.get(root, ()))),
                                 province_of)
        if cluster.confidence >= min_confidence:
            result.append(cluster)
    order = {"PER": 0, "ORG": 1, "LOC": 2}
    result.sort(key=lambda c: (order[c.type], -len(c.mentions), c.canonical))
    return result


_UNKNOWN_PROVINCE = "kept to its own article: which province (or level) is not said"


def _spelling_score(text: str) -> tuple:
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper()) / max(1, len(letters))
    abbreviated = bool(_expansion_re().search(text))
    well_formed = "Ð" not in text and "ð" not in text and unicodedata.is_normalized("NFC", text)
    return (well_formed, _has_diacritics(text), upper < 0.6, not abbreviated, len(text))


def _build_cluster(members: list[_Keyed], link_confidence: float, how: tuple[str, ...],
                   province_of: Mapping[str, str | None]) -> Cluster:
    mentions = tuple(sorted((k.mention for k in members), key=lambda m: (m.doc, m.start)))
    first = members[0]
    kind = first.mention.type
    counts = Counter(m.text for m in mentions)
    best = max(counts, key=lambda t: (_spelling_score(t), counts[t]))
    canonical = best
    if kind == "PER" and best.isupper():
        canonical = " ".join(w.capitalize() for w in best.split())
    province = None
    places = {k.place for k in members}
    if kind in ("ORG", "LOC") and len(places) == 1:
        place = next(iter(places))
        if place and not place.startswith("doc:"):
            found = find_province(place.split("@")[-1])
            province = found.name if found else None
    if kind == "ORG" and province and fold(province) not in fold(canonical):
        tail = canonical.split()[-1].lower() if canonical.split() else ""
        found = find_province(province)
        if tail in ("tỉnh", "tinh", "thành", "phố", "tp", "tp.", "ủy", "uỷ", "uy"):
            canonical = f"{canonical} {province}"
        elif first.level == "P":
            unit = "thành phố" if found and found.is_city else "tỉnh"
            canonical = f"{canonical} {unit} {province}"
    if kind == "LOC" and first.level == "D" and province:
        canonical = f"{canonical} ({province})"
    extraction = sum(m.confidence for m in mentions) / len(mentions)
    confidence = round(min(1.0, link_confidence * (extraction + 0.05 * (len(mentions) > 1))), 2)
    notes = list(how)
    if places and all(p.startswith("doc:") for p in places):
        notes.append(_UNKNOWN_PROVINCE)
    if kind == "LOC" and first.level == "P":
        found = find_province(first.name)
        if found and found.merged_into != found.name:
            notes.append(f"part of {found.merged_into} since 2025-07-01")
    return Cluster(kind, canonical, mentions, confidence, province, _group_id(first), tuple(notes))
