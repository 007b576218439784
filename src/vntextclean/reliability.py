"""How far a document can be trusted: a score in [0, 1] and the evidence behind it.

A corpus builder keeps the good articles, sends the doubtful ones to a person and
drops the wrecks. :func:`score` cleans the document once (``news`` profile by
default, so page furniture is seen) and reads one tokenisation of the cleaned
text; ``score(result)`` takes a :class:`~vntextclean.edits.CleanResult` that is
already at hand and does not clean again.

The score is transparent: each signal measures one kind of damage, costs a share
of the score by a fixed formula, and carries the spans (in the input) that a
person can check::

    cost  = min(cap, weight × max(0, value − allowance))
    score = max(0, 1 − Σ cost)

The allowance is what clean text shows anyway (names of foreign people, the odd
unexplained acronym); ``value`` is a rate so long and short documents compare.
"per 100 words" counts word tokens of the cleaned text.

=====================  ==========================================================  =====  ======  ====
signal                 value                                                       allow  weight  cap
=====================  ==========================================================  =====  ======  ====
``encoding``           encoding repairs + mojibake shapes left, per 100 words      0.4    0.30    0.70
``diacritics``         diacritic repairs (tone, double marks), per 100 words       0.5    0.05    0.20
``ocr``                OCR repairs and suggestions, per 100 words                  0.3    0.35    0.50
``missing-diacritics`` share of Vietnamese words in sentences typed without marks  0.02   2.5     0.80
                       (a sentence of 6+ such words, 75 % of them unmarked)
``non-vietnamese``     share of words that are no known Vietnamese syllable        0.008  10.0    0.70
                       (not acronyms, not foreign words, not Capitalised names)
``foreign``            share of words in another language (English, French, 中文)  0.25   1.0     0.40
``mt``                 machine-translation / spinner flags (``rules/mt/``),        0.1    0.80    1.00
                       per 100 words
``entities``           acronyms neither well known, defined nor spelled out in    2.0    0.03    0.25
                       the text, and ``(ABBR)`` definitions that do not fit the
                       words before them, per 1000 words (at least 500 counted)
``boilerplate``        share of the input's characters dropped as page furniture   0.05   1.0     0.30
``repetition``         repeated words ("của của", "pháp. pháp") and sentences      0.1    0.30    0.50
                       printed twice, per 100 words
``structure``          lower-case starts after a full stop, punctuation runs      0.1    0.80    1.00
                       (". .", ",."), dangling lower-case fragments, per 100 words
=====================  ==========================================================  =====  ======  ====

``structure`` costs what ``mt`` costs per finding, and neither is capped below 1:
where the mt rules stay silent (they skip text that opens most sentences in lower
case) the same breaks still count, and never for less. A finding the ``mt`` rules
already flag is not counted again under ``structure``, ``repetition`` or
``entities``; OCR repairs inside a sentence typed without marks count under
``missing-diacritics`` only.

Bands: ``good`` at :data:`GOOD` (0.80) or more, ``poor`` below :data:`POOR` (0.50),
``doubtful`` between. Weights and thresholds were set on the training half of the
labelled set built by ``benchmarks/make_reliability_set.py`` (real articles and
damaged copies: OCR noise, spinner damage, mojibake, missing diacritics): GOOD keeps
at least 95 % of the clean training articles, and POOR drops none of them (the
lowest clean training article scores 0.59: English reference lists, stock
tickers). The held-out half is scored by ``benchmarks/reliability_eval.py``
(ROC-AUC and the confusion at these thresholds): ROC-AUC 0.987 when these weights
were set (OCR 0.988, spinner 0.972, mojibake 0.995, missing diacritics 0.995).

Where it holds back: informal text (forum posts, teencode, posts typed without
marks) is honest but often scores ``doubtful`` or ``poor`` (of 150 long forum posts
of the corpus about half score ``good``); a well-formed article that says false
things scores ``good``. The score judges the text's form, not its truth.

>>> r = score("Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị sơ kết công tác xây dựng Đảng.")
>>> r.score, r.band
(1.0, 'good')
>>> bad = score("Ban Thường vụ tổ chức hội nghị. hội nghị. . đã thực hiện tốt nhiệm vụ. ban cho.")
>>> bad.band != "good", [e.text for e in bad.reasons()[0].evidence][:1] != []
(True, True)
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import regex

from .config import CleanConfig
from .edits import CleanResult, Edit
from .lexicon import is_known_syllable, is_word, word_pairs
from .syllable import parse, spell

__all__ = ["Band", "Evidence", "GOOD", "POOR", "Reliability", "Signal", "band_for", "score"]

Band = Literal["good", "doubtful", "poor"]

#: A document scoring at least this is ``good`` (keep it).
GOOD = 0.80
#: A document scoring below this is ``poor`` (drop it); between the two, ``doubtful``.
POOR = 0.50


class _Cost(NamedTuple):
    allowance: float
    weight: float
    cap: float
    unit: str


# The cost table of the module docstring; keep the two in step.
COSTS: dict[str, _Cost] = {
    "encoding": _Cost(0.4, 0.30, 0.70, "encoding repairs and mojibake shapes per 100 words"),
    "diacritics": _Cost(0.5, 0.05, 0.20, "diacritic repairs per 100 words"),
    "ocr": _Cost(0.3, 0.35, 0.50, "OCR repairs and suggestions per 100 words"),
    "missing-diacritics": _Cost(0.02, 2.5, 0.80, "share of Vietnamese words in sentences typed without marks"),
    "non-vietnamese": _Cost(0.008, 10.0, 0.70, "share of words that are no known Vietnamese syllable"),
    "foreign": _Cost(0.25, 1.0, 0.40, "share of words in another language"),
    "mt": _Cost(0.1, 0.80, 1.00, "machine-translation and spinner flags per 100 words"),
    "entities": _Cost(2.0, 0.03, 0.25, "unexplained acronyms and misfit definitions per 1000 words"),
    "boilerplate": _Cost(0.05, 1.0, 0.30, "share of characters that are page furniture"),
    "repetition": _Cost(0.1, 0.30, 0.50, "repeated words and sentences per 100 words"),
    "structure": _Cost(0.1, 0.80, 1.00, "broken sentence structure per 100 words"),
}

_MIN_WORDS = 300         # the smallest denominator of a per-100-words rate
_MIN_SHARE_WORDS = 100  # … and of the share of damaged words
_MAX_EVIDENCE = 8       # a person checks a few examples, not all of them
_CONTEXT = 30           # characters of context each side of a span


# --- the result -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Evidence:
    """One span of the input behind a signal: where, what, and a snippet around it."""

    start: int
    end: int
    text: str
    context: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "context": self.context, "note": self.note}


@dataclass(frozen=True, slots=True)
class Signal:
    """One kind of damage: its measured ``value``, what it ``cost`` the score,
    how many instances were seen (``count``) and examples of them (``evidence``)."""

    name: str
    value: float
    cost: float
    count: int
    unit: str
    evidence: tuple[Evidence, ...] = ()

    def describe(self) -> str:
        """A short line for a table: name, cost and the first piece of evidence."""
        first = ""
        if self.evidence:
            text = " ".join(self.evidence[0].text.split())
            first = " " + repr(text[:37] + "…" if len(text) > 38 else text)
        return f"{self.name} -{self.cost:.2f} ×{self.count}{first}"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": round(self.value, 4), "cost": round(self.cost, 4),
                "count": self.count, "unit": self.unit,
                "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True, slots=True)
class Reliability:
    """The reliability of one document: ``score`` (1.0 = clean, trustworthy text),
    ``band`` (``good``/``doubtful``/``poor``) and every ``signal`` with its evidence."""

    score: float
    band: Band
    signals: tuple[Signal, ...]
    words: int
    sentences: int

    def reasons(self, n: int | None = None) -> list[Signal]:
        """The signals that cost something, most expensive first.

        >>> score("Hội nghị đã thành công tốt đẹp.").reasons()
        []
        """
        found = sorted((s for s in self.signals if s.cost > 0), key=lambda s: -s.cost)
        return found if n is None else found[:n]

    def signal(self, name: str) -> Signal:
        """The signal called ``name`` (``KeyError`` if there is none)."""
        for s in self.signals:
            if s.name == name:
                return s
        raise KeyError(f"no signal {name!r}; known: {', '.join(COSTS)}")

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "band": self.band, "words": self.words,
                "sentences": self.sentences, "signals": [s.to_dict() for s in self.signals]}


def band_for(value: float, *, good: float = GOOD, poor: float = POOR) -> Band:
    """The band of a score under the documented thresholds.

    >>> band_for(0.95), band_for(0.7), band_for(0.2)
    ('good', 'doubtful', 'poor')
    """
    if value >= good:
        return "good"
    if value < poor:
        return "poor"
    return "doubtful"


# --- words ------------------------------------------------------------------------------

# One tokenisation: words, numbers (skipped, but they break a clause), punctuation
# clusters (a full stop, or a run such as ". ." or ",."), and line breaks.
_TOKEN = regex.compile(
    r"(?P<w>[\p{L}\p{M}]+)"
    r"|(?P<n>\p{N}+)"
    r"|(?P<p>[.,;:!?…](?:[ \t]*[.,;:!?…])*)"
    r"|(?P<b>\n)", regex.V1)
_SPACE_OR_END = regex.compile(r"\s|$|[\"”’»)\]]")
_ROMAN = regex.compile(r"[IVXLCDM]+")
_OK_CLUSTERS = frozenset({".", ",", ";", ":", "!", "?", "…", "...", "?!", "!?", "!!", "!!!",
                          "??", "???", ".…", "…."})
_EMPHASIS = regex.compile(r"[!?]+\.?")      # "!!!!", "?!": emphasis, not damage


def _loose_ellipsis(cluster: str) -> bool:
    """"….", "……..:", "...,", "..": an ellipsis typed loosely (two dots are a pause in
    informal writing), with at most one other mark; ". ." with a space is not one."""
    if " " in cluster or "\t" in cluster:
        squeezed = cluster.replace(" ", "").replace("\t", "")
        if "…" not in squeezed and "..." not in squeezed:
            return False
    squeezed = cluster.replace(" ", "").replace("\t", "")
    if "…" not in squeezed and ".." not in squeezed:
        return False
    return len(squeezed.replace(".", "").replace("…", "")) <= 1
_OK_RUNS = frozenset({",...", ",…", ", ...", ", …", ":...", "...,", "…,", "...;", "…;"})
_MARKS_RE = regex.compile(r"[\u0300-\u036f]")

_Kind = Literal["vi", "rare", "bare", "acronym", "foreign", "invalid"]


def _vi_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    nfd = unicodedata.normalize("NFD", ch)
    return (nfd[0].isascii() and nfd[0].isalpha()
            and all(c in "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" for c in nfd[1:]))


_VI_LETTERS = frozenset(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and _vi_letter(c))
_LATIN = regex.compile(r"\p{Latin}+")


def _with_stop_tone(word: str) -> bool:
    try:
        spell(word, "nặng")
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=1 << 16)
def _kind(word: str) -> _Kind:
    """What a word token is: a known Vietnamese syllable, a well-formed but unknown
    one, an acronym, a foreign word, or none of these (damaged)."""
    if parse(word) is not None:
        return "vi" if is_known_syllable(word) else "rare"
    if word.isascii():
        if word.isupper() and len(word) >= 2:
            return "acronym"
        # "mot", "viet", "hoc": a stop coda without its sắc/nặng mark is Vietnamese typed bare.
        if word[-1] in "ctp" and _with_stop_tone(word):
            return "bare"
        if word.isupper() and len(word) >= 2:
            return "acronym"
        return "foreign"
    vi = all(c in _VI_LETTERS for c in word)
    if vi:
        return "acronym" if word.isupper() and 2 <= len(word) <= 8 else "invalid"
    if not _LATIN.fullmatch(word):
        # Another script (Chinese, Cyrillic, IPA…); letters of ours mixed in are damage.
        return "invalid" if any(c in _VI_LETTERS and not c.isascii() for c in word) else "foreign"
    # Latin letters outside Vietnamese (ü, ñ, Ä): a foreign name, unless mixed with
    # letters only Vietnamese writes, which is what mojibake looks like.
    if any(c in _VI_LETTERS and not c.isascii() for c in word):
        return "invalid"
    return "foreign"


@functools.lru_cache(maxsize=1 << 16)
def _initial(word: str) -> str:
    """The first letter without tone or vowel marks (đ stays đ): the letter an acronym uses."""
    first = word[0].lower()
    if first == "đ":
        return first
    return _MARKS_RE.sub("", unicodedata.normalize("NFD", first))[:1]


def _acronym_letters(word: str) -> str:
    return "".join(_initial(c) for c in word)


@functools.lru_cache(maxsize=4096)
def _reduplication(word: str) -> bool:
    """Whether "word word" is Vietnamese: a dictionary word (từ từ) or a doubling real
    text uses (người người, nhà nhà), not a slip (của của)."""
    return is_word(f"{word} {word}") or word_pairs().pair(word, word) >= 2


# --- mapping spans of the cleaned text back to the input ---------------------------------

class _Spans:
    """Maps offsets of the cleaned text to the input, through the applied edits."""

    def __init__(self, result: CleanResult) -> None:
        self.original = result.original
        self.edits = [e for e in result.edits if e.after is not None]
        self.clean_starts: list[int] = []
        shift = 0
        for e in self.edits:
            self.clean_starts.append(e.start + shift)
            shift += len(e.after or "") - (e.end - e.start)

    def _point(self, x: int, *, end: bool) -> int:
        i = bisect.bisect_right(self.clean_starts, x) - 1
        if i < 0:
            return x
        e = self.edits[i]
        cs = self.clean_starts[i]
        ce = cs + len(e.after or "")
        if x < ce or (end and x == ce):
            return e.end if end else e.start
        return e.end + (x - ce)

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        if not self.edits:
            return start, end
        return self._point(start, end=False), max(self._point(start, end=False), self._point(end, end=True))

    def evidence(self, start: int, end: int, note: str = "", *, original: bool = False) -> Evidence:
        s, e = (start, end) if original else self.to_input(start, end)
        text = self.original
        left = text[max(0, s - _CONTEXT):s].split("\n")[-1]
        right = text[e:e + _CONTEXT].split("\n")[0]
        inner = text[s:e]
        if len(inner) > 2 * _CONTEXT + 20:      # a whole line: show its two ends
            inner = f"{inner[:_CONTEXT + 10]} … {inner[-_CONTEXT:]}"
        return Evidence(s, e, text[s:e], f"{left}[{inner}]{right}", note)


# --- the pass over the cleaned text ------------------------------------------------------

@dataclass(slots=True)
class _Counts:
    words: int = 0
    sentences: int = 0
    candidates: int = 0                 # words spelled as Vietnamese syllables
    stripped_words: int = 0             # … of them in sentences typed without marks
    stripped_lines: list[tuple[int, int]] = field(default_factory=list)
    invalid: list[tuple[int, int, str]] = field(default_factory=list)
    foreign: list[tuple[int, int, str]] = field(default_factory=list)
    acronyms: dict[str, tuple[int, int]] = field(default_factory=dict)
    lower_starts: list[tuple[int, int]] = field(default_factory=list)
    runs: list[tuple[int, int]] = field(default_factory=list)
    fragments: list[tuple[int, int]] = field(default_factory=list)
    repeats: list[tuple[int, int]] = field(default_factory=list)
    dup_sentences: list[tuple[int, int]] = field(default_factory=list)
    initials: str = ""


# A sentence is "typed without marks" when it has this many Vietnamese-spelled words
# and this share of them carry no mark at all; clean sentences stay near 0.2.
_STRIPPED_MIN_WORDS = 6
_STRIPPED_SHARE = 0.75
_FRAGMENT_MAX_WORDS = 3
_DUPLICATE_MIN_WORDS = 6


class _Line:
    """Counters of the current line (sentences) and sentence (words, marks)."""

    __slots__ = ("start", "cand", "unmarked", "words", "sentences")

    def __init__(self, start: int) -> None:
        self.start = start
        self.cand = self.unmarked = self.words = self.sentences = 0


def _analyse(text: str) -> _Counts:
    """Read the cleaned text once and gather everything the text signals need."""
    c = _Counts()
    initials: list[str] = []
    seen_sentences: set[str] = set()
    line = _Line(0)
    prev: tuple[int, int, str] | None = None    # the last word, None after a line break
    stop_end = -1           # end of the full stop that closed the last sentence
    stop_plain = False      # that stop was a plain "." (not "!", "?" or an ellipsis)
    broken = True           # something other than space stands since the last word
    sentence: list[str] = []
    sentence_start = 0
    sentence_lower = False

    def close_sentence(end: int, *, by_stop: bool) -> None:
        nonlocal sentence
        if sentence:
            c.sentences += 1
            if len(sentence) >= _DUPLICATE_MIN_WORDS:
                key = " ".join(sentence)
                if key in seen_sentences:
                    c.dup_sentences.append((sentence_start, end))
                seen_sentences.add(key)
            # "… cấp trên không cùng cấp chính quyền. ban cho.": a lower-case scrap of
            # two or three words closed by a full stop after another sentence of the line.
            if (by_stop and sentence_lower and len(sentence) <= _FRAGMENT_MAX_WORDS
                    and line.sentences > 0 and text[end - 1] == "."
                    and not regex.search(r"[()\[\]\"“”:]", text[sentence_start:end])):
                c.fragments.append((sentence_start, end))
            if by_stop:
                line.sentences += 1
            # A sentence typed without marks: most of its Vietnamese words bare.
            if (line.cand >= _STRIPPED_MIN_WORDS and line.unmarked >= _STRIPPED_SHARE * line.cand
                    and line.cand >= 0.6 * line.words):
                c.stripped_words += line.cand
                c.stripped_lines.append((sentence_start, end))
        line.cand = line.unmarked = line.words = 0
        sentence = []

    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "w":
            word = m.group()
            c.words += 1
            line.words += 1
            k = _kind(word)
            if k in ("vi", "rare", "bare"):
                c.candidates += 1
                line.cand += 1
                if word.isascii():
                    line.unmarked += 1
                if k == "rare" and not word[0].isupper():
                    c.invalid.append((s, e, "well-formed but unknown syllable"))
            elif k == "invalid" and not (word[0].isupper() and word[1:].islower()):
                # Capitalised ones are mostly transliterated names (Lênin, Mátxcơva).
                c.invalid.append((s, e, "not a Vietnamese syllable"))
            elif k == "foreign":
                c.foreign.append((s, e, word))
            elif k == "acronym" and not _ROMAN.fullmatch(word):
                c.acronyms.setdefault(word, (s, e))
            after_stop = stop_end >= 0 and text[stop_end:s] in (" ", "  ")
            if not sentence:
                sentence_start = s
                sentence_lower = word[0].islower()
                # "… năm 2005. tr. 29": an abbreviation in lower case is no sentence
                if after_stop and stop_plain and sentence_lower and text[e:e + 1] != ".":
                    c.lower_starts.append((s, e))
            if prev is not None and word.lower() == prev[2].lower() and k != "acronym":
                between = text[prev[1]:s]
                if between == " " and not _reduplication(word):
                    c.repeats.append((prev[0], e))          # "của của"
                elif after_stop and stop_plain and word[0].islower() and prev[1] < stop_end <= s:
                    c.repeats.append((prev[0], e))          # "giải pháp. pháp luật"
            initials.append(("|" if broken else "") + _initial(word))
            sentence.append(word.lower())
            prev = (s, e, word)
            stop_end = -1
            broken = False
        elif kind == "p":
            cluster = m.group()
            if (cluster not in _OK_CLUSTERS and cluster not in _OK_RUNS
                    and not _loose_ellipsis(cluster)
                    and not _EMPHASIS.fullmatch(cluster)
                    # "ed., The", "Dec., 1950": the full stop of an abbreviation, then a comma
                    and not (cluster == ".," and prev is not None and prev[1] == s
                             and len(prev[2]) <= 4)):
                c.runs.append((s, e))
            broken = True
            if any(ch in ".!?…" for ch in cluster) and _SPACE_OR_END.match(text, e):
                # "TP. Hồ Chí Minh", "v.v. và", "tr. 29", "ed. by": the stop of an
                # abbreviation (one letter, or a short lower-case non-syllable) ends no sentence.
                if prev is not None and prev[1] == s and (
                        len(prev[2]) == 1
                        or (len(prev[2]) <= 4 and prev[2].islower() and parse(prev[2]) is None)):
                    continue
                close_sentence(e, by_stop=True)
                stop_end = e
                stop_plain = cluster in (".", ". .")    # ".." is a pause, like "…"
        elif kind == "b":
            close_sentence(s, by_stop=False)
            line = _Line(e)
            prev = None
            stop_end = -1
            broken = True
        else:
            # A number: "1/6 chỉ tiêu…" may open a sentence in lower case.
            if not sentence:
                sentence_start = s
                sentence_lower = False
            sentence.append(m.group())
            stop_end = -1
            broken = True
    close_sentence(len(text), by_stop=False)
    c.initials = "".join(initials)
    return c


# --- acronyms -----------------------------------------------------------------------------

def _known_abbreviations() -> dict[str, Any]:
    """Acronym -> expansion(s): the abbreviation dictionary, else the entity module's table."""
    try:
        from .abbreviations import dictionary
        return dict(dictionary())
    except ImportError:
        pass
    except Exception:       # a broken table must not stop scoring
        return {}
    try:
        from .entities import _expansions
        return dict(_expansions())
    except Exception:
        return {}


_COMMON_ACRONYM = 5     # in the word-pair corpus this often: a household acronym (UBND, USD, GDP)


@functools.lru_cache(maxsize=4096)
def _well_known(acronym: str) -> bool:
    return is_word(acronym) or word_pairs().count(acronym) >= _COMMON_ACRONYM


@functools.lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, tuple[str, ...]]:
    """Acronym -> the initials of its expansions, from the abbreviation dictionary.

    Keyed by each written form and by its capital pieces ("NN & PTNT" also as
    "NN PTNT"), so a definition is looked up once, never by a loop over the table.
    """
    table: dict[str, tuple[str, ...]] = {}
    for key, value in _known_abbreviations().items():
        values = value if isinstance(value, (list, tuple)) else [value]
        out = []
        for v in values:
            v = getattr(v, "expansion", v)
            if isinstance(v, str):
                out.append("".join(_initial(w) for w in regex.findall(r"[\p{L}]+", v)))
        table[str(key)] = tuple(out)
        table.setdefault(" ".join(regex.findall(r"\p{Lu}+", str(key))), tuple(out))
    return table


_PAREN = regex.compile(r"\(([^()\n]{2,40})\)")
_PAREN_ACRONYM = regex.compile(r"[\p{Lu}][\p{Lu}&\- ]*[\p{Lu}]")


def _entity_findings(text: str, counts: _Counts) -> list[tuple[int, int, str]]:
    """Acronyms no reader can resolve, and parenthesised definitions that name
    something else than the words before them."""
    found: list[tuple[int, int, str]] = []
    table = _abbreviation_table()
    defined: set[str] = set()
    parens = list(_PAREN.finditer(text))
    # The same "(TP.HCM)" after many names is a label (origin, team), not a definition.
    uses: dict[str, int] = {}
    for m in parens:
        uses[m.group(1).strip()] = uses.get(m.group(1).strip(), 0) + 1
    for m in parens:
        inner = m.group(1).strip()
        pieces = [p for p in regex.findall(r"[\p{L}]+", inner) if p.isupper() and len(p) >= 2]
        if not pieces:
            continue
        defined.update(pieces)
        whole = regex.sub(r"\s+", " ", inner)
        key = whole if whole in table else None
        if key is None and len(pieces) == 1 and pieces[0] in table:
            key = pieces[0]
        if key is None and len(pieces) > 1 and " ".join(pieces) in table:
            key = " ".join(pieces)
        if key is None or not table.get(key) or uses[inner] > 1:
            continue
        before = regex.findall(r"[\p{L}]+", text[max(0, m.start() - 120):m.start()].split("\n")[-1])
        initials = "".join(_initial(w) for w in before)
        if before and not any(_fits_tail(exp, initials) for exp in table[key]):
            found.append((m.start(), m.end(),
                          f"'{inner}' is defined here for words that do not spell it"))
    clauses = counts.initials.split("|")
    for word, (s, e) in counts.acronyms.items():
        if word in defined or word in table or _well_known(word):
            continue
        # spelled out inside one clause somewhere, e.g. "Đảng bộ" for ĐB
        letters = _acronym_letters(word)
        if any(letters in part for part in clauses):
            continue
        found.append((s, e, f"acronym '{word}' is neither defined nor spelled out in the text"))
    return sorted(found)


def _fits_tail(expansion: str, initials: str) -> bool:
    """Whether the words just before a definition end with the expansion's initials,
    allowing the little words ("và", "các") an acronym skips."""
    if not expansion:
        return True
    tail = initials[-(2 * len(expansion) + 2):]
    it = iter(tail)
    return all(ch in it for ch in expansion) and tail.endswith(expansion[-1])


# --- the signals ---------------------------------------------------------------------------

_DIACRITIC_RULES = ("tone/", "unicode/double-tone", "unicode/combining-marks")


def _family_edits(result: CleanResult) -> dict[str, list[Edit]]:
    out: dict[str, list[Edit]] = {k: [] for k in ("encoding", "diacritics", "ocr", "mt", "boilerplate")}
    for e in [*result.edits, *result.suggestions, *result.flags]:
        for rid in e.rules:
            fam = rid.split("/", 1)[0]
            if fam in ("encoding", "ocr", "mt", "boilerplate"):
                out[fam].append(e)
                break
            if rid.startswith(_DIACRITIC_RULES):
                out["diacritics"].append(e)
                break
    return out


def _cost(name: str, value: float) -> float:
    c = COSTS[name]
    return round(min(c.cap, c.weight * max(0.0, value - c.allowance)), 4)


def _signal(name: str, value: float, count: int, evidence: list[Evidence]) -> Signal:
    return Signal(name, value, _cost(name, value), count, COSTS[name].unit,
                  tuple(evidence[:_MAX_EVIDENCE]))


def _edit_evidence(edits: list[Edit], spans: _Spans) -> list[Evidence]:
    out = []
    for e in edits:
        note = f"{e.rule} {e.level}" + (f" -> {e.after!r}" if e.after else "")
        out.append(spans.evidence(e.start, e.end, note, original=True))
    return out


def _same_as(span: tuple[int, int], flagged: list[tuple[int, int]]) -> bool:
    """Whether a finding is one the mt rules flagged already: one span holds the other
    ("và" in "thức. và"); a mere overlap ("các. các" beside "các. bóng") is other damage."""
    a, b = span
    return any((s <= a and b <= e) or (a <= s and e <= b) for s, e in flagged)


def _overlaps(span: tuple[int, int], covered: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in covered)


def _signals(result: CleanResult) -> tuple[list[Signal], _Counts]:
    text = result.text
    spans = _Spans(result)
    counts = _analyse(text)
    words = max(counts.words, 1)
    # Rates per 100 words count at least _MIN_WORDS words: one slip in a short
    # paragraph is one slip, not a damaged document.
    per100 = 100.0 / max(words, _MIN_WORDS)
    fam = _family_edits(result)
    sig: list[Signal] = []

    # Encoding: the cleaner's repairs, and mojibake shapes still in the cleaned text.
    shapes: list[Evidence] = []
    try:
        from .mojibake import UTF8_MOJIBAKE_RE, mojibake_score
    except ImportError:     # pragma: no cover - the module ships with the package
        left = 0
    else:
        left = mojibake_score(text) if not text.isascii() else 0
        if left:
            shapes = [spans.evidence(m.start(), m.end(), "mojibake shape left in the text")
                      for m in UTF8_MOJIBAKE_RE.finditer(text)][:_MAX_EVIDENCE]
    enc = fam["encoding"]
    sig.append(_signal("encoding", (len(enc) + left) * per100, len(enc) + left,
                       _edit_evidence(enc, spans) + shapes))
    dia = fam["diacritics"]
    sig.append(_signal("diacritics", len(dia) * per100, len(dia), _edit_evidence(dia, spans)))
    # A sentence typed without marks is one finding; the OCR stage restoring a mark
    # here and there inside it is the same damage, counted once (under missing-diacritics).
    bare = [spans.to_input(s, e) for s, e in counts.stripped_lines]
    ocr = [e for e in fam["ocr"] if not _overlaps((e.start, e.end), bare)]
    sig.append(_signal("ocr", len(ocr) * per100, len(ocr), _edit_evidence(ocr, spans)))

    share = counts.stripped_words / max(counts.candidates, 1)
    sig.append(_signal("missing-diacritics", share, counts.stripped_words,
                       [spans.evidence(s, e, "sentence typed without diacritics")
                        for s, e in counts.stripped_lines]))

    sig.append(_signal("non-vietnamese", len(counts.invalid) / max(words, _MIN_SHARE_WORDS),
                       len(counts.invalid),
                       [spans.evidence(s, e, note) for s, e, note in counts.invalid]))
    foreign_runs = _runs(counts.foreign, text)
    sig.append(_signal("foreign", len(counts.foreign) / words, len(counts.foreign),
                       [spans.evidence(s, e, f"{n} foreign word(s)") for s, e, n in foreign_runs]))

    mt = fam["mt"]
    sig.append(_signal("mt", len(mt) * per100, len(mt), _edit_evidence(mt, spans)))

    # Spinner damage the mt rules already flag is counted there, not twice.
    mt_spans = [(e.start, e.end) for e in mt]
    ent = [x for x in _entity_findings(text, counts)
           if not _same_as(spans.to_input(x[0], x[1]), mt_spans)]
    sig.append(_signal("entities", len(ent) * 1000.0 / max(words, 500), len(ent),
                       [spans.evidence(s, e, note) for s, e, note in ent]))

    bp = fam["boilerplate"]
    dropped = sum(e.end - e.start for e in bp if e.after is not None and len(e.after) < e.end - e.start)
    chars = max(len(result.original), 1)
    sig.append(_signal("boilerplate", dropped / chars, len(bp),
                       [spans.evidence(e.start, e.end, e.rule, original=True) for e in bp
                        if e.after is not None]))

    rep = [(s, e, "repeated word") for s, e in counts.repeats
           if not _same_as(spans.to_input(s, e), mt_spans)]
    rep += [(s, e, "sentence printed twice") for s, e in counts.dup_sentences]
    sig.append(_signal("repetition", len(rep) * per100, len(rep),
                       [spans.evidence(s, e, note) for s, e, note in sorted(rep)]))

    struct = ([(s, e, "lower-case sentence start") for s, e in counts.lower_starts]
              + [(s, e, "punctuation run") for s, e in counts.runs]
              + [(s, e, "dangling fragment") for s, e in counts.fragments])
    struct = [x for x in struct if not _same_as(spans.to_input(x[0], x[1]), mt_spans)]
    sig.append(_signal("structure", len(struct) * per100, len(struct),
                       [spans.evidence(s, e, note) for s, e, note in sorted(struct)]))
    return sig, counts


def _runs(items: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, int]]:
    """Group adjacent foreign words into phrases: ``(start, end, words)``, longest first."""
    runs: list[tuple[int, int, int]] = []
    for s, e, _ in items:
        if runs and text[runs[-1][1]:s].strip(" ,.'\"-") == "":
            rs, _, n = runs[-1]
            runs[-1] = (rs, e, n + 1)
        else:
            runs.append((s, e, 1))
    return sorted(runs, key=lambda r: -r[2])


# --- the verb ------------------------------------------------------------------------------

def score(text: str | CleanResult, config: CleanConfig | None = None, /, **options: Any) -> Reliability:
    """Score one document: 1.0 is clean, trustworthy text; 0.0 a wreck.

    ``text`` is cleaned once (``profile="news"`` unless given) and its signals are read
    from that pass. Pass a :class:`CleanResult` to score a document already cleaned.

    >>> r = score("Sáng 2-8, Ban Thường vụ Đảng ủy Khối tổ chức hội nghị sơ kết.")
    >>> r.band, 0.0 <= r.score <= 1.0
    ('good', True)
    >>> score("Dang uy Khoi cac co quan tinh to chuc hoi nghi so ket cong tac xay dung Dang "
    ...       "trong sau thang dau nam va trien khai nhiem vu sau thang cuoi nam").band
    'poor'
    """
    if isinstance(text, CleanResult):
        if config is not None or options:
            raise TypeError("score(result) scores a cleaned result as it is; "
                            "pass options only with text")
        result = text
    elif isinstance(text, str):
        from .cleaner import cleaner_for
        if config is None and "profile" not in options:
            options["profile"] = "news"
        result = cleaner_for(CleanConfig.from_options(config, **options)).clean(text)
    else:
        raise TypeError(f"score() takes str or CleanResult, not {type(text).__name__}")
    signals, counts = _signals(result)
    total = sum(s.cost for s in signals)
    value = round(max(0.0, 1.0 - total), 4)
    return Reliability(value, band_for(value), tuple(signals), counts.words, counts.sentences)
