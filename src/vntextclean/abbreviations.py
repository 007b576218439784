"""Abbreviations of Vietnamese public life: find them, expand them, or annotate them.

The bundled dictionary lives in ``rules/abbreviations/*.yaml`` (one rule file per
domain: Party bodies, state bodies, ministries, armed forces and police…). All
entries of all files compile into ONE matcher, built once and cached, so a
dictionary of thousands of entries costs one scan per document.

What decides an expansion, in order:

1. A definition in the document wins: ``tổ chức cơ sở (TCCS)`` (the words before
   the parenthesis spell the abbreviation), ``(sau đây gọi tắt là TCCS)`` or
   ``UBND (Ủy ban nhân dân)`` defines the abbreviation from that point on (and
   for a headline before it), also when the dictionary lacks it. The definition
   site itself is never touched. A foreign acronym defined in foreign words
   (``DNA``) is reported but not written out.
2. Otherwise the dictionary. An ambiguous entry (``DN``: doanh nghiệp or Đà Nẵng)
   is expanded only when the words around it decide the reading (a neighbouring
   word outweighs words further away); otherwise it is left and reported as a
   suggestion by ``abbreviations/ambiguous``.

How it is written: a lower-case expansion takes a capital at a sentence start;
a noun that heads organisation names takes one after ``Sở``, ``Hội``,
``Trường``… (``Trường THPT`` → ``Trường Trung học phổ thông``); a head word the
text has just written is not repeated (``Đài VTV`` → ``Đài Truyền hình Việt
Nam``); the run's tone style is followed (the dictionary is traditional).

Where it holds back: inside document numbers and codes (``02-NQ/ĐUK``,
``1234/QĐ-UBND``: any token holding ``/`` or ``@``, or joined by ``-`` to
another word), URLs and e-mail addresses; and in capitals: a line written ALL
IN CAPITALS, or an abbreviation next to a Vietnamese word in capitals in a
mixed line (``phải TU BỔ``), because there ``TU`` may be the word "tu" and a
mixed-case expansion inside capitals would be wrong either way. An abbreviation
alone in parentheses that is not a definition (``Ủy ban nhân dân tỉnh (UBND)``)
is a gloss and stays.

>>> [(u.text, u.expansion, u.source) for u in find_abbreviations("Ủy viên BTV Tỉnh ủy")]
[('BTV', 'Ban Thường vụ', 'dictionary')]
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Literal, Mapping

import regex
from unidecode import unidecode

from .edits import Change, Meta
from .syllable import is_syllable

Source = Literal["dictionary", "document"]
Site = Literal["use", "definition", "gloss"]
NameUse = Literal[True, False, "head"]

__all__ = ["Abbreviation", "AbbreviationCount", "AbbreviationUse", "Reading", "count_abbreviations",
           "defined_abbreviations", "dictionary", "expand", "find_abbreviations", "parse_entries"]


# --- the dictionary -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Reading:
    """One meaning of an ambiguous abbreviation and the words that select it.

    ``context`` words anywhere near the abbreviation (same line, about 100
    characters either side), ``before``/``after`` words right next to it; all are
    case-insensitive regex fragments matched as whole words.
    """

    expansion: str
    context: tuple[str, ...] = ()
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    name: NameUse = False


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A dictionary entry: the canonical abbreviation and its expansion.

    ``variants`` are other written forms (``NN & PTNT`` for ``NN&PTNT``);
    ``rule`` is the id of the rule file holding the entry. ``name`` marks a
    common noun that is also the head of an organisation's name: written with a
    capital after ``Sở``, ``Hội``, ``Trường``… and, when ``True``, before a proper
    name (``Trường THPT Lê Lợi`` → ``Trường Trung học phổ thông Lê Lợi``);
    ``"head"`` keeps the second rule off for a noun that titles people
    (``Hội CCB`` → ``Hội Cựu chiến binh``, but ``cựu chiến binh Nguyễn Văn A``).
    For an ambiguous entry ``expansion`` is the first (most common) reading.
    """

    abbreviation: str
    expansion: str
    variants: tuple[str, ...] = ()
    domain: str = ""
    rule: str = ""
    name: NameUse = False
    ambiguous: bool = False
    readings: tuple[Reading, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every written form: the abbreviation and its variants."""
        return (self.abbreviation, *self.variants)


@dataclass(frozen=True, slots=True)
class AbbreviationUse:
    """One abbreviation found in a text.

    ``expansion`` is ``None`` when the entry is ambiguous and the context does
    not decide; ``source`` says where the expansion comes from; ``site`` is
    ``definition`` for the abbreviation of a definition (``tổ chức cơ sở (TCCS)``),
    ``gloss`` for one alone in parentheses, ``use`` otherwise.
    """

    text: str
    abbreviation: str
    expansion: str | None
    start: int
    end: int
    source: Source
    site: Site = "use"
    ambiguous: bool = False
    rule: str = ""
    replacement: str | None = None   # the expansion as written at this spot (capitals)


class AbbreviationDataError(ValueError):
    """A rule file's abbreviation data is malformed; the message names the file."""


def _as_strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise AbbreviationDataError(f"{where}: '{what}' must be a list of non-empty strings")
    return tuple(value)


def _name_use(value: Any, where: str) -> NameUse:
    if value in (True, False, "head"):
        return value
    raise AbbreviationDataError(f"{where}: 'name' is true, false or head")


def _check_text(text: Any, where: str, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise AbbreviationDataError(f"{where}: '{what}' must be a non-empty string")
    if unicodedata.normalize("NFC", text) != text:
        raise AbbreviationDataError(f"{where}: '{what}' {text!r} is not NFC; save it precomposed")
    return text


def parse_entries(data: Any, *, rule: str = "") -> list[Abbreviation]:
    """The entries of one rule file's ``data:`` (``{domain, entries}``).

    >>> [a.expansion for a in parse_entries({"domain": "party",
    ...     "entries": {"BTV": {"expansion": "Ban Thường vụ"}}})]
    ['Ban Thường vụ']
    """
    where = rule or "abbreviations"
    if not isinstance(data, dict):
        raise AbbreviationDataError(f"{where}: 'data' must be a mapping with 'entries'")
    entries = data.get("entries") or {}
    if not isinstance(entries, dict):
        raise AbbreviationDataError(f"{where}: 'entries' must map each abbreviation to its fields")
    domain = data.get("domain", "")
    out: list[Abbreviation] = []
    for key, fields_ in entries.items():
        here = f"{where}: {key}"
        if not isinstance(key, str) or not key:
            raise AbbreviationDataError(f"{where}: abbreviation {key!r} must be a string (quote it)")
        _check_text(key, here, "abbreviation")
        if not isinstance(fields_, dict):
            raise AbbreviationDataError(f"{here}: give a mapping with 'expansion'")
        unknown = set(fields_) - {"expansion", "variants", "domain", "name", "ambiguous", "readings"}
        if unknown:
            raise AbbreviationDataError(f"{here}: unknown field(s) {', '.join(sorted(unknown))}")
        readings: list[Reading] = []
        ambiguous = bool(fields_.get("ambiguous", False))
        if ambiguous:
            raw = fields_.get("readings")
            if not isinstance(raw, list) or len(raw) < 2:
                raise AbbreviationDataError(f"{here}: an ambiguous entry needs two or more 'readings'")
            for r in raw:
                if not isinstance(r, dict):
                    raise AbbreviationDataError(f"{here}: each reading is a mapping with 'expansion'")
                readings.append(Reading(
                    _check_text(r.get("expansion"), here, "expansion"),
                    _as_strings(r.get("context"), here, "context"),
                    _as_strings(r.get("before"), here, "before"),
                    _as_strings(r.get("after"), here, "after"),
                    _name_use(r.get("name", False), here)))
            expansion = fields_.get("expansion", readings[0].expansion)
        else:
            expansion = fields_.get("expansion")
        variants = _as_strings(fields_.get("variants"), here, "variants")
        for v in variants:
            _check_text(v, here, "variants")
        out.append(Abbreviation(
            abbreviation=key, expansion=_check_text(expansion, here, "expansion"),
            variants=variants, domain=str(fields_.get("domain", domain)), rule=rule,
            name=_name_use(fields_.get("name", False), here), ambiguous=ambiguous,
            readings=tuple(readings)))
    return out


def _bundled_data() -> list[tuple[str, Any]]:
    """(rule id, data) of every bundled abbreviation rule file."""
    from .rules.loader import bundled_rules_dir, read_yaml

    folder = bundled_rules_dir() / "abbreviations"
    out = []
    for path in sorted(folder.glob("*.yaml")):
        raw = read_yaml(path)
        if isinstance(raw, dict) and isinstance(raw.get("data"), dict):
            out.append((f"abbreviations/{path.stem}", raw["data"]))
    return out


# --- one matcher for every written form ------------------------------------------

_WORD = r"\p{L}\p{M}\p{N}_"
# Not glued to a word, a code (& / @) or a hyphenated compound (QĐ-UBND).
_LEFT = rf"(?<![{_WORD}&/@])(?<![\p{{L}}\p{{N}}][-–])"
_RIGHT = rf"(?![{_WORD}&/@]|[-–][\p{{L}}\p{{N}}]|\.[\p{{L}}\p{{N}}])"


def _trie_pattern(forms: Iterable[str]) -> str:
    """One regex for many strings, factored by prefix (longest match first)."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


@dataclass(slots=True)
class _Index:
    """Every entry, every written form, and the one compiled matcher."""

    entries: dict[str, Abbreviation]            # canonical abbreviation → entry
    forms: dict[str, Abbreviation]              # any written form → entry
    pattern: regex.Pattern
    deciders: dict[str, list[tuple[Reading, regex.Pattern | None, regex.Pattern | None,
                                   regex.Pattern | None]]] = field(default_factory=dict)
    owners: dict[str, frozenset[str]] = field(default_factory=dict)   # rule id → its abbreviations


def _words_regex(words: tuple[str, ...], template: str) -> regex.Pattern | None:
    if not words:
        return None
    alt = "|".join(f"(?:{w})" for w in words)
    return regex.compile(template.replace("ALT", alt), regex.V0 | regex.IGNORECASE)


def _build_index(entries: Iterable[Abbreviation]) -> _Index:
    canon: dict[str, Abbreviation] = {}
    forms: dict[str, Abbreviation] = {}
    owners: dict[str, set[str]] = {}
    for e in entries:
        if e.abbreviation in canon:
            other = canon[e.abbreviation]
            raise AbbreviationDataError(
                f"{e.rule}: {e.abbreviation} is already an entry of {other.rule}; keep one")
        canon[e.abbreviation] = e
        owners.setdefault(e.rule, set()).add(e.abbreviation)
        for form in e.forms:
            other = forms.get(form)
            if other is not None and other is not e:
                raise AbbreviationDataError(
                    f"{e.rule}: the form {form!r} of {e.abbreviation} is also a form of "
                    f"{other.abbreviation} ({other.rule}); keep one")
            forms[form] = e
    written = set(forms)
    # Writers type an en dash for the hyphen (KT–XH); accept it wherever a form has one.
    dashed = {f.replace("-", "–"): forms[f] for f in written if "-" in f}
    for f, e in dashed.items():
        forms.setdefault(f, e)
    pattern = regex.compile(f"{_LEFT}(?:{_trie_pattern(forms)}){_RIGHT}", regex.V0)
    deciders = {}
    for e in canon.values():
        if e.ambiguous:
            deciders[e.abbreviation] = [
                (r,
                 _words_regex(r.context, rf"(?<![{_WORD}])(?:ALT)(?![{_WORD}])"),
                 _words_regex(r.before, rf"(?<![{_WORD}])(?:ALT)[\s.,]*$"),
                 _words_regex(r.after, rf"^[\s.]*(?:ALT)(?![{_WORD}])"))
                for r in e.readings]
    return _Index(canon, forms, pattern, deciders,
                  {k: frozenset(v) for k, v in owners.items()})


@functools.lru_cache(maxsize=1)
def _bundled_index() -> _Index:
    entries: list[Abbreviation] = []
    for rule_id, data in _bundled_data():
        if data.get("entries"):
            entries.extend(parse_entries(data, rule=rule_id))
    return _build_index(entries)


_INDEX_CACHE: dict[int, tuple[Any, _Index]] = {}


def _index_for(rule_id: str, data: Any) -> _Index:
    """The bundled index, or (for a user's own abbreviation rule) the bundled one plus it.

    Decided once per rule's data object: rules call this for every document."""
    base = _bundled_index()
    if not isinstance(data, dict) or not data.get("entries"):
        return base
    hit = _INDEX_CACHE.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    own = parse_entries(data, rule=rule_id)
    if all(base.entries.get(e.abbreviation) == e for e in own):
        index = base
    else:
        replaced = {o.abbreviation for o in own}
        kept = [e for e in base.entries.values() if e.rule != rule_id and e.abbreviation not in replaced]
        index = _build_index([*kept, *own])
    _INDEX_CACHE[id(data)] = (data, index)
    return index


def dictionary() -> Mapping[str, Abbreviation]:
    """Every bundled abbreviation, keyed by each written form (variants included).

    Used to expand and to link names: ``UBND`` ↔ ``Ủy ban nhân dân``,
    ``Sở GTVT`` ↔ ``Sở Giao thông vận tải``.

    >>> d = dictionary()
    >>> d["UBND"].expansion, d["NN & PTNT"].abbreviation
    ('Ủy ban nhân dân', 'NN&PTNT')
    """
    return _bundled_dictionary()


@functools.lru_cache(maxsize=1)
def _bundled_dictionary() -> Mapping[str, Abbreviation]:
    return MappingProxyType(dict(_bundled_index().forms))


# --- reading a document ------------------------------------------------------------

_OPENERS = "\"'“‘«([{-–—•*·"
_SENTENCE_END = ".!?…"
_HEAD_NOUNS = regex.compile(
    r"(?:^|[^\p{L}\p{M}])(?:Chi cục|Tổng cục|Học viện|Trung tâm|Ủy ban|Hội đồng|Liên minh|"
    r"Văn phòng|Bệnh viện|Liên đoàn|Câu lạc bộ|Bộ|Sở|Cục|Vụ|Viện|Hội|Ban|Phòng|Trường|"
    r"Quỹ|Đài|Trạm|Khoa|Đội)[ \t]$", regex.V0)
_NEXT_NAME = regex.compile(r"[ \t]+\p{Lu}")
_LOWER = regex.compile(r"\p{Ll}")
_NEWLINE = regex.compile(r"\n")
_LETTER_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
# A definition: (TCCS) after the words it abbreviates, or UBND (Ủy ban nhân dân).
_PAREN_ABBR = regex.compile(
    r"\(\s*(?i:(?:sau đây\s+)?(?:gọi|viết)\s+tắt(?:\s+là)?\s*:?\s*)?[\"“]?"
    r"(\p{Lu}[\p{L}\p{N}&.\-]{1,20}?)[\"”]?\s*\)", regex.V0)
_ABBR_PAREN = regex.compile(
    rf"(?<![{_WORD}&/@.\-])(\p{{Lu}}[\p{{L}}\p{{N}}&.\-]{{1,20}}?)[ \t]*\(([^()\n]{{3,120}})\)", regex.V0)
_PHRASE_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|&|[.;:!?()\[\]\n]")
_CONNECTIVES = frozenset({"và", "&"})
_VIETNAMESE = regex.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                            regex.IGNORECASE)


def _looks_like_abbreviation(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (2 <= len(letters) <= 16 and upper >= 2 and len(letters) - upper <= 1
            and not any(c.isdigit() for c in s) and s[-1] not in ".-&")


def _groups(abbr: str) -> list[str]:
    """``NHNo&PTNT`` → ``['N', 'H', 'No', 'P', 'T', 'N', 'T']``: one group per word."""
    groups: list[str] = []
    for ch in abbr:
        if ch.isupper():
            groups.append(ch)
        elif ch.isalpha() and groups:
            groups[-1] += ch
    return groups


def _initial_matches(group: str, word: str) -> bool:
    first, g = word[0].upper(), group[0]
    # Ủy → U, Ư stays Ư when written (TƯ); Đ is its own letter, but D may stand for it.
    if not (g == first or (g == "D" and first == "Đ")
            or ("Đ" not in (g, first) and unidecode(first) == g)):
        return False
    rest = group[1:].lower()
    return not rest or unidecode(word[1:1 + len(rest)]).lower() == unidecode(rest)


def _spell(groups: list[str], words: list[str], *, anchor_start: bool) -> int | None:
    """Index of the first word of the shortest phrase ending at ``words[-1]`` whose
    initials spell ``groups`` ("và" may stand for "&" or be skipped; for four letters
    or more, one other word may be skipped inside, as "Khối" in "Đảng bộ Khối Doanh
    nghiệp (ĐBDN)"). With ``anchor_start`` the phrase must use every word."""
    n = len(groups)
    max_skips = 0 if n <= 3 else 1

    def go(i: int, j: int, skips: int) -> int | None:
        if i < 0:
            if anchor_start and any(w.lower() not in _CONNECTIVES for w in words[:j + 1]):
                return None   # the parenthesis must hold the expansion and nothing else
            return j + 1
        if j < 0:
            return None
        w = words[j]
        if w.lower() not in _CONNECTIVES and _initial_matches(groups[i], w):
            found = go(i - 1, j - 1, skips)
            if found is not None:
                return found
        if j == len(words) - 1:
            return None   # the word next to the parenthesis belongs to the phrase
        if w.lower() in _CONNECTIVES:
            return go(i, j - 1, skips)
        if skips < max_skips and i < n - 1:
            return go(i, j - 1, skips + 1)
        return None

    start = go(n - 1, len(words) - 1, 0)
    if start is None or words[start].lower() in _CONNECTIVES:
        return None
    return start


@dataclass(slots=True)
class _Definition:
    abbreviation: str
    expansion: str
    start: int          # the abbreviation's span (the definition site)
    end: int
    phrase: tuple[int, int]


def _definitions(text: str, index: _Index) -> list[_Definition]:
    out: list[_Definition] = []
    if "(" not in text:
        return out
    for m in _PAREN_ABBR.finditer(text):
        abbr = m.group(1)
        if not _looks_like_abbreviation(abbr):
            continue
        back = text.rfind("\n", max(0, m.start() - 250), m.start()) + 1 or max(0, m.start() - 250)
        tokens = [t for t in _PHRASE_TOKEN.finditer(text, back, m.start())]
        cut = max((k for k, t in enumerate(tokens) if t.group() in ".;:!?()[]\n"), default=-1)
        tokens = tokens[cut + 1:]
        if not tokens:
            continue
        groups = _groups(abbr)
        start = _spell(groups, [t.group() for t in tokens], anchor_start=False)
        if start is None:
            continue
        ps, pe = tokens[start].start(), tokens[-1].end()
        out.append(_Definition(abbr, _definition_expansion(text, ps, pe, abbr, index),
                               m.start(1), m.end(1), (ps, pe)))
    for m in _ABBR_PAREN.finditer(text):
        abbr, inside = m.group(1), m.group(2)
        if not _looks_like_abbreviation(abbr):
            continue
        tokens = [t for t in _PHRASE_TOKEN.finditer(inside)]
        if not tokens or any(t.group() in ".;:!?()[]\n" for t in tokens):
            continue
        known = index.forms.get(abbr)
        if (_spell(_groups(abbr), [t.group() for t in tokens], anchor_start=True) is None
                and not (known and _strip_marks(inside.strip()) in
                         {_strip_marks(x) for x in (known.expansion, *(r.expansion for r in known.readings))})):
            continue   # neither spelled by the words nor the dictionary's own words (VTV, VCCI)
        ps = m.start(2) + tokens[0].start()
        pe = m.start(2) + tokens[-1].end()
        out.append(_Definition(abbr, text[ps:pe], m.start(1), m.end(1), (ps, pe)))
    return out


def _definition_expansion(text: str, start: int, end: int, abbr: str, index: _Index) -> str:
    """The defining words as the document wrote them, with two exceptions where the
    dictionary knows the same words: a capital that is only the sentence's, and
    tone marks that differ (a typo such as "tổ chức cở sở", or the other tone
    style), where the dictionary's spelling is the right one."""
    phrase = text[start:end]
    known = index.forms.get(abbr)
    if known is None or known.ambiguous or phrase == known.expansion:
        return phrase
    if phrase.casefold() == known.expansion.casefold():
        return known.expansion if _sentence_start(text, start) else phrase
    if _strip_marks(phrase) == _strip_marks(known.expansion):
        return known.expansion
    return phrase


def _strip_marks(s: str) -> str:
    """Letters without their marks (đ as d), punctuation kept: "Cở sở" → "co so"."""
    decomposed = unicodedata.normalize("NFD", s.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sentence_start(text: str, pos: int) -> bool:
    """At the start of a line or sentence, or of a quotation after a colon (cho biết: "…")."""
    i = pos - 1
    quoted = False
    while i >= 0 and (text[i] in " \t" or text[i] in _OPENERS):
        quoted = quoted or text[i] in "\"“'‘«"
        i -= 1
    return (i < 0 or text[i] in "\n\r" or text[i] in _SENTENCE_END
            or (quoted and text[i] == ":"))


def _protected(text: str, start: int, end: int) -> bool:
    """Inside a code, URL or e-mail address: the whitespace-delimited token holds / or @."""
    s = start
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    n = len(text)
    while e < n and not text[e].isspace():
        e += 1
    token = text[s:e]
    return "/" in token or "@" in token or token.lower().startswith("www.")


_PREV_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}]*)[ \t]+$")
_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}[\p{L}\p{M}]*)")
_ROMAN = regex.compile(r"[IVXLCDM]+")


def _shouted(word: str, index: _Index) -> bool:
    """A Vietnamese word written in capitals (BỔ, NGHỊ), not an acronym (TP, USD, XIII)."""
    return (len(word) >= 2 and not _LOWER.search(word) and word not in index.forms
            and not _ROMAN.fullmatch(word) and is_syllable(word))


def _in_capitals(text: str, start: int, end: int, index: _Index) -> bool:
    """Next to a Vietnamese word in capitals ("phải TU BỔ ngay", "HỘI NGHỊ BTV"): part
    of a stretch written in capitals, where TU may be the word "tu"."""
    # cheap look first: a capital letter just across a space on either side
    if start >= 2 and text[start - 1] in " \t" and text[start - 2].isupper():
        prev = _PREV_WORD.search(text, max(0, start - 30), start)
        if prev and _shouted(prev.group(1), index):
            return True
    if end + 1 < len(text) and text[end] in " \t" and text[end + 1].isupper():
        nxt = _NEXT_WORD.match(text, end)
        return bool(nxt and _shouted(nxt.group(1), index))
    return False


def _is_heading(line: str) -> bool:
    """A line in capitals: no lower-case letter and at least two words."""
    return not _LOWER.search(line) and len(_LETTER_WORD.findall(line)) >= 2


def _decide(index: _Index, entry: Abbreviation, text: str, start: int, end: int,
            line_start: int, line_end: int) -> Reading | None:
    """The one reading the words around pick, or ``None`` when none or several do.

    A neighbouring word (Công ty CP, BCHQS huyện) outweighs words further away;
    those decide only when no reading has a neighbour."""
    lo, hi = max(line_start, start - 100), min(line_end, end + 100)
    left, right = text[lo:start], text[end:hi]
    near: list[Reading] = []
    far: list[Reading] = []
    for reading, ctx_re, before_re, after_re in index.deciders[entry.abbreviation]:
        if ((before_re is not None and before_re.search(left))
                or (after_re is not None and after_re.search(right))):
            near.append(reading)
        elif ctx_re is not None and (ctx_re.search(left) or ctx_re.search(right)):
            far.append(reading)
    if near:
        return near[0] if len(near) == 1 else None
    return far[0] if len(far) == 1 else None


def _capitalise(s: str) -> str:
    return s[:1].upper() + s[1:]


def _written(text: str, start: int, end: int, expansion: str, *, name: NameUse) -> str:
    """The expansion as it must be written here: capital at a sentence start, or for
    a name-forming noun after a head noun (Sở, Hội, Trường…) or before a proper name;
    without its first word when the text has just written it (Đài VTV → Đài Truyền
    hình Việt Nam, not Đài Đài…)."""
    words = expansion.split(" ")
    before = text[max(0, start - 40):start].rstrip(" \t")
    last = before[-1:]
    for k in (3, 2, 1):
        if not last or words[min(k, len(words)) - 1][-1:] != last:
            continue
        if len(words) > k:
            lead = " ".join(words[:k])   # same case: "Chi bộ BĐBP" keeps its Bộ đội
            if before.endswith(lead) and not before[:-len(lead)][-1:].isalpha():
                return " ".join(words[k:])
    if not expansion[:1].islower():
        return expansion
    if _sentence_start(text, start):
        return _capitalise(expansion)
    if name:
        if _HEAD_NOUNS.search(text[max(0, start - 14):start]):
            return _capitalise(expansion)
        nxt = _NEXT_NAME.match(text, end) if name is True else None
        if nxt and not _sentence_start(text, nxt.end() - 1):
            return _capitalise(expansion)
    return expansion


@dataclass(slots=True)
class _Analysis:
    uses: list[AbbreviationUse]
    definitions: list[_Definition]
    defined: dict[str, str]        # written or canonical abbreviation → document expansion


def _analyse(text: str, index: _Index) -> _Analysis:
    definitions = sorted(_definitions(text, index), key=lambda d: d.start)
    defined: dict[str, str] = {}
    # Each definition holds from its site on; uses before the first one (a headline)
    # take the first. Keyed by the written form and by the dictionary's canonical one.
    timeline: dict[str, list[tuple[int, str]]] = {}
    sites: dict[tuple[int, int], _Definition] = {}
    for d in definitions:
        canon = index.forms.get(d.abbreviation)
        for key in {d.abbreviation, canon.abbreviation if canon else d.abbreviation}:
            defined.setdefault(key, d.expansion)
            timeline.setdefault(key, []).append((d.start, d.expansion))
        sites[(d.start, d.end)] = d

    def document_meaning(key: str, pos: int) -> str | None:
        steps = timeline.get(key)
        if not steps:
            return None
        k = bisect.bisect_right(steps, (pos, "\uffff")) - 1
        return steps[max(k, 0)][1]

    spans: list[tuple[int, int, str]] = [(m.start(), m.end(), m.group())
                                         for m in index.pattern.finditer(text)]
    unknown = sorted({d.abbreviation for d in definitions if d.abbreviation not in index.forms},
                     key=len, reverse=True)
    if unknown:
        extra = regex.compile(f"{_LEFT}(?:{'|'.join(regex.escape(u) for u in unknown)}){_RIGHT}",
                              regex.V0)
        spans.extend((m.start(), m.end(), m.group()) for m in extra.finditer(text))
        spans.sort()
    uses: list[AbbreviationUse] = []
    heading_cache: dict[int, bool] = {}
    # Line bounds by bisection over the line breaks, found once: a search per match
    # would be quadratic on a long text without line breaks.
    breaks = [m.start() for m in _NEWLINE.finditer(text)] if spans else []
    for start, end, written in spans:
        k = bisect.bisect_left(breaks, start)
        line_start = breaks[k - 1] + 1 if k else 0
        line_end = breaks[k] if k < len(breaks) else len(text)
        heading = heading_cache.get(line_start)
        if heading is None:
            heading = heading_cache[line_start] = _is_heading(text[line_start:line_end])
        if heading or _protected(text, start, end) or _in_capitals(text, start, end, index):
            continue
        entry = index.forms.get(written)
        canon = entry.abbreviation if entry is not None else written
        site: Site = "use"
        if (start, end) in sites:
            site = "definition"
        elif (text[start - 1:start] == "(" and text[end:end + 1] == ")"):
            site = "gloss"
        doc = document_meaning(written, start) or document_meaning(canon, start)
        if doc is not None:
            uses.append(AbbreviationUse(written, canon, doc, start, end, "document", site,
                                        entry.ambiguous if entry else False,
                                        "abbreviations/defined-in-document",
                                        _written(text, start, end, doc, name=False)))
            continue
        assert entry is not None
        expansion: str | None = entry.expansion
        name = entry.name
        if entry.ambiguous:
            reading = _decide(index, entry, text, start, end, line_start, line_end)
            if reading is None:
                uses.append(AbbreviationUse(written, canon, None, start, end, "dictionary", site,
                                            True, "abbreviations/ambiguous",
                                            _written(text, start, end, entry.readings[0].expansion,
                                                     name=entry.readings[0].name)))
                continue
            expansion, name = reading.expansion, reading.name
        uses.append(AbbreviationUse(written, canon, expansion, start, end, "dictionary", site,
                                    entry.ambiguous, entry.rule,
                                    _written(text, start, end, expansion, name=name)))
    return _Analysis(uses, definitions, defined)


def find_abbreviations(text: str) -> list[AbbreviationUse]:
    """Every abbreviation in ``text`` with its expansion, span and source.

    Definition sites are included (``site="definition"``); codes, URLs and lines
    in capitals are not.

    >>> [(u.text, u.expansion, u.source, u.site) for u in
    ...  find_abbreviations("các tổ chức cơ sở (TCCS) đảng; nhiều TCCS đạt")]
    [('TCCS', 'tổ chức cơ sở', 'document', 'definition'), ('TCCS', 'tổ chức cơ sở', 'document', 'use')]
    """
    return list(_analyse(text, _bundled_index()).uses)


@dataclass(frozen=True, slots=True)
class AbbreviationCount:
    """One abbreviation of a text with its meaning: how often, where first, from where.

    ``first`` is the offset of the first occurrence (the definition site, when
    the document defines it); ``forms`` are the written forms seen.
    """

    abbreviation: str
    expansion: str | None
    count: int
    first: int
    source: Source
    ambiguous: bool
    forms: tuple[str, ...]


def count_abbreviations(text: str) -> list[AbbreviationCount]:
    """Every abbreviation of ``text`` once, with its count, in order of first appearance.

    An ambiguous abbreviation read two ways counts once per reading.

    >>> [(c.abbreviation, c.count, c.source) for c in count_abbreviations("UBND tỉnh, UBND huyện")]
    [('UBND', 2, 'dictionary')]
    """
    rows: dict[tuple[str, str | None], list[AbbreviationUse]] = {}
    for use in find_abbreviations(text):
        rows.setdefault((use.abbreviation, use.expansion), []).append(use)
    return [AbbreviationCount(abbr, expansion, len(uses), uses[0].start, uses[0].source,
                              uses[0].ambiguous, tuple(dict.fromkeys(u.text for u in uses)))
            for (abbr, expansion), uses in rows.items()]


# --- the rule function ---------------------------------------------------------------

_STATE_KEY = "abbreviations"


def _analysis_for(text: str, ctx: Any, index: _Index) -> _Analysis:
    """One analysis per text and index, shared by every abbreviation rule of the stage."""
    state = ctx.state if isinstance(getattr(ctx, "state", None), dict) else {}
    per_index = state.setdefault(_STATE_KEY, {})
    cached = per_index.get(id(index))
    if cached is not None and cached[0] is index and cached[1] == text:
        return cached[2]
    analysis = _analyse(text, index)
    per_index[id(index)] = (index, text, analysis)
    # Other stages (entity linking) may read what this document defines.
    state["abbreviations.defined"] = dict(analysis.defined)
    return analysis


def expand(text: str, ctx: Any) -> Iterator[Change | Meta]:
    """The code-rule function of every ``rules/abbreviations/*.yaml`` file.

    ``ctx.data`` says which part the rule plays: a domain file (``entries``)
    expands its own entries when their meaning is certain; ``role: document``
    expands what the document itself defines (and marks the definitions);
    ``role: undecided`` proposes the first reading of an ambiguous abbreviation
    that its context does not decide (a ``suggest`` rule). With
    ``abbreviation_mode="annotate"`` the abbreviation stays and its expansion is
    added in parentheses at its first use, unless the document defines it.

    >>> from vntextclean import clean
    >>> clean("Chủ tịch UBND tỉnh; 1234/QĐ-UBND", expand_abbreviations=True)
    'Chủ tịch Ủy ban nhân dân tỉnh; 1234/QĐ-UBND'
    >>> clean("UBND tỉnh và UBND huyện", expand_abbreviations=True, abbreviation_mode="annotate")
    'UBND (Ủy ban nhân dân) tỉnh và UBND huyện'
    """
    data = ctx.data if isinstance(ctx.data, dict) else {}
    rule_id = ctx.rule.id if getattr(ctx, "rule", None) is not None else ""
    index = _index_for(rule_id, data)
    analysis = _analysis_for(text, ctx, index)
    role = data.get("role", "entries")
    annotate = getattr(ctx.config, "abbreviation_mode", "expand") == "annotate"
    style = getattr(ctx.config, "tone_style", "traditional")
    own = index.owners.get(rule_id, frozenset())
    seen: set[str] = set()
    for use in analysis.uses:
        if use.site == "definition":
            if role == "document":
                yield Meta("abbreviation-definition", use.start, use.end,
                           f"{use.text}={use.expansion}")
            continue
        first = use.abbreviation not in seen
        seen.add(use.abbreviation)
        if use.site == "gloss":
            continue
        if role == "document":
            if use.source != "document" or annotate:
                continue   # the document's own definition already explains it
            if use.text not in index.forms and not _VIETNAMESE.search(use.expansion or ""):
                continue   # a foreign acronym (DNA, LAN): reported, not written out
        elif role == "undecided":
            if use.source != "dictionary" or use.expansion is not None:
                continue
        else:
            if use.source != "dictionary" or use.expansion is None or use.abbreviation not in own:
                continue
        assert use.replacement is not None
        replacement = _styled(use.replacement, style)
        if annotate:
            if not first:
                continue
            plain = use.expansion if use.expansion is not None else index.forms[use.text].expansion
            gloss = _styled(plain, style)
            if text[use.end:use.end + 2].lstrip().startswith("("):
                continue   # already followed by a parenthesis of its own
            yield Change(use.start, use.end, f"{use.text} ({gloss})",
                         f"{use.text}: {gloss}")
        else:
            why = (f"{use.text}: {replacement} (defined in the document)"
                   if use.source == "document" else f"{use.text}: {replacement}")
            if use.expansion is None:
                entry = index.forms[use.text]
                why = (f"{use.text} may be " + " or ".join(r.expansion for r in entry.readings)
                       + "; the context does not decide")
            yield Change(use.start, use.end, replacement, why)


@functools.lru_cache(maxsize=4096)
def _styled(expansion: str, style: str) -> str:
    """The dictionary writes the traditional style (Ủy ban, hòa); follow the run's style."""
    if style == "traditional":
        return expansion
    from .tone import to_style
    return to_style(expansion, style=style)  # type: ignore[arg-type]


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations ``text`` defines itself, with the defining words.

    >>> defined_abbreviations("Đảng bộ Khối Doanh nghiệp (ĐBDN) tỉnh")
    {'ĐBDN': 'Đảng bộ Khối Doanh nghiệp'}
    """
    return {d.abbreviation: d.expansion for d in _definitions(text, _bundled_index())}
