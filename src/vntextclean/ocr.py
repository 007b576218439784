"""OCR and typing confusions, checked against the dictionary and word-pair counts.

Scanners and hurried typists confuse a few things again and again: a tone mark
(ơ/ở, ả/ã, a missing or extra tone), a vowel mark (ư/u, ô/ơ/o, ă/â/a), đ/d, and
letter shapes (rn/m). :func:`confusions` lists the words one such confusion away.

:func:`find_confusions` walks each clause (words with only spaces between them):

- a word that is no known syllable ("cở", "rnột") is a candidate;
- a known syllable that occurs with NEITHER neighbour in real text and forms no
  dictionary word with them ("cỡ" in "tổ chức cỡ sở") is a candidate (a
  real-word error);
- a candidate's confusions that are known syllables are scored by how often they
  occur with the same neighbours (:mod:`vntextclean.lexicon`). A clear winner
  is a ``fix``; a weaker or contested one a ``suggest``.

Separately, :func:`find_missing_words` suggests a dropped syllable where two
neighbours never meet but a third word joins them often ("thực nghị quyết" →
"thực hiện nghị quyết").

It holds back on anything that is not plain lower-case running text: names and
sentence starts (capitals), abbreviations, foreign words (letters f j w z, words
longer than any syllable), and words next to digits or punctuation, which have no
neighbours to judge by.

>>> [(c.before, c.after, c.level) for c in find_confusions("các tổ chức cở sở đảng")]
[('cở', 'cơ', 'fix')]
>>> find_confusions("xây dựng cơ sở vật chất")
[]
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Any, Iterable, Iterator, NamedTuple

import regex

from .config import CleanConfig, ToneStyle  # CleanConfig: used by the doctests
from .edits import Change
from .lexicon import clauses, is_known_syllable, is_word, lexicon_key, word_pairs
from .syllable import is_syllable, parse

__all__ = [
    "Confusion",
    "confusions",
    "find_confusions",
    "find_missing_words",
    "find_rn_for_m",
    "repair_rn_for_m",
    "repair_confusions",
    "suggest_confusions",
    "suggest_missing_words",
]

# Combining marks (NFD): the five tones and the three vowel marks.
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWEL_MARKS = {"a": ("", "\u0306", "\u0302"), "e": ("", "\u0302"),
                "o": ("", "\u0302", "\u031b"), "u": ("", "\u031b"), "i": ("",), "y": ("",)}
_FOREIGN_LETTERS = frozenset("fjwz")
# Letter pairs Vietnamese never writes at the end of a syllable or inside it
# (English "born", "turn" and "-ing" words are not misread Vietnamese).
_FOREIGN_LOOKING = regex.compile(r"[bdđghklqrsvx]$|[^aăâeêioôơuưyn]g|[^ctkgnp]h$")

# Thresholds, measured with benchmarks/ocr_precision.py on held-out clean text.
# Support = how often a form occurs with its neighbours (left pair + right pair).
_FIX_MIN_SUPPORT = 5        # a non-syllable repaired when its best reading has this support…
_FIX_MIN_ONE_SIDED = 20     # …or this much when only one neighbour is there to judge by…
_FIX_MIN_RN = 2             # "rn" never occurs in Vietnamese: "rnột" needs only a little support
_FIX_RATIO = 5              # …and beats the runner-up this many times over
_REAL_SUGGEST_MIN_SUPPORT = 8
_SUGGEST_MIN_SUPPORT = 2
_MISSING_MIN_EXPECTED = 4.0  # expected count of "a w b" from c(a,w)·c(w,b)/c(w)
_MISSING_MIN_BOND = 0.25     # w follows a in at least this share of a's occurrences
_MISSING_RATIO = 3.0


class Confusion(NamedTuple):
    """A finding: ``before`` at ``[start, end)`` may be ``after``; ``level`` fix or suggest."""

    start: int
    end: int
    before: str
    after: str
    level: str
    reason: str


# --- one confusion away ---------------------------------------------------------------

def _letters(word: str) -> list[list[str]]:
    """NFD letters as [base, vowel mark, tone mark]."""
    out: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and out:
            slot = 2 if ch in _TONES else 1
            out[-1][slot] = ch
        else:
            out.append([ch, "", ""])
    return out


def _join(letters: list[list[str]]) -> str:
    return unicodedata.normalize("NFC", "".join("".join(x) for x in letters))


@lru_cache(maxsize=32768)
def confusions(word: str) -> frozenset[str]:
    """Lower-case forms one OCR or typing confusion away from ``word``.

    One confusion is: a tone mark added, dropped or swapped (ơ/ở, ả/ã); a vowel
    mark added, dropped or swapped (ư/u, ơ/ô/o, ă/â/a, ê/e); đ/d; or "rn" read
    for "m". The forms are not checked against any dictionary.

    >>> {"cơ", "cỡ", "cỏ"} <= confusions("cở")
    True
    >>> "một" in confusions("rnột"), "đảng" in confusions("dảng")
    (True, True)
    """
    low = word.lower()
    letters = _letters(low)
    out: set[str] = set()
    has_tone = any(x[2] for x in letters)
    for i, (base, vmark, tone) in enumerate(letters):
        if tone:
            for t in ("", *_TONES):
                if t != tone:
                    out.add(_join(letters[:i] + [[base, vmark, t]] + letters[i + 1:]))
        elif not has_tone and base in _VOWEL_MARKS:
            for t in _TONES:
                out.add(_join(letters[:i] + [[base, vmark, t]] + letters[i + 1:]))
        for v in _VOWEL_MARKS.get(base, ()):
            if v != vmark:
                out.add(_join(letters[:i] + [[base, v, tone]] + letters[i + 1:]))
        if base in ("d", "đ"):
            swapped = "đ" if base == "d" else "d"
            out.add(_join(letters[:i] + [[swapped, vmark, tone]] + letters[i + 1:]))
    if "rn" in low:
        out.add(low.replace("rn", "m", 1))
    out.discard(low)
    return frozenset(out)


@lru_cache(maxsize=32768)
def _readings(word: str) -> tuple[str, ...]:
    """Known syllables among the confusions of ``word`` (lower case), one per key."""
    by_key: dict[str, str] = {}
    for form in sorted(confusions(word)):
        if is_known_syllable(form):
            by_key.setdefault(lexicon_key(form), form)
    return tuple(by_key.values())


_IY = str.maketrans("iìíỉĩịyỳýỷỹỵ", "yỳýỷỹỵiìíỉĩị")


def _swap_iy(word: str) -> str:
    """The word with a final i written y and y written i after a consonant or alone
    ("ỹ" → "ĩ", "kỹ" → "kĩ"); after a vowel i and y differ ("thuy", "thui")."""
    if not word or (len(word) > 1 and _letters(word[-2])[0][0] in _VOWEL_MARKS):
        return word
    return word[:-1] + word[-1].translate(_IY)


def _spelled(form: str, style: str) -> str:
    """The form with its tone mark where ``style`` puts it."""
    syl = parse(form)
    return syl.spelled(style=style) if syl is not None else form  # type: ignore[arg-type]


def _restore_case(found: str, form: str) -> str:
    if found.isupper() and len(found) > 1:
        return form.upper()
    if found[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# --- context -------------------------------------------------------------------------

def _support(prev: str | None, form: str, nxt: str | None) -> int:
    """How often ``form`` occurs after ``prev`` plus before ``nxt`` (keys)."""
    pairs = word_pairs().pairs
    n = 0
    if prev is not None:
        n += pairs.get(prev + " " + form, 0)
    if nxt is not None:
        n += pairs.get(form + " " + nxt, 0)
    return n


def _forms_word(prev: str | None, form: str, nxt: str | None) -> bool:
    return ((prev is not None and is_word(prev + " " + form))
            or (nxt is not None and is_word(form + " " + nxt)))


@lru_cache(maxsize=65536)
def _checkable(word: str) -> bool:
    """Plain lower-case Vietnamese-looking running text only."""
    return word.islower() and len(word) <= 7 and _FOREIGN_LETTERS.isdisjoint(word)


def _judge(prev: str | None, word: str, nxt: str | None, *, known: bool
           ) -> tuple[str, str, int, int] | None:
    """(reading, level, support, runner-up) for one candidate word, or None."""
    scored = []
    for form in _readings(word):
        key = lexicon_key(form)
        support = _support(prev, key, nxt)
        if support:
            scored.append((support, _forms_word(prev, key, nxt), form))
    if not scored:
        readings = _readings(word)
        # A non-word with Vietnamese marks and a single known reading, even where the
        # neighbours say nothing (a rare pairing, a damaged neighbour): suggest it.
        # Unmarked ones are left: loanwords ("oxit", "rada") are spelt many ways.
        if (not known and len(readings) == 1 and not word.isascii()
                and not _FOREIGN_LOOKING.search(word)):
            return readings[0], "suggest", 0, 0
        return None
    scored.sort(reverse=True)
    best, in_dict, form = scored[0]
    runner = scored[1][0] if len(scored) > 1 else 0
    clear = best >= _FIX_RATIO * max(runner, 1)
    if known:
        # A real word for another real word is never certain from two neighbours
        # ("chỉ còn trơ lại" is right although "trở lại" is far more common): suggest.
        if best >= _REAL_SUGGEST_MIN_SUPPORT and in_dict and clear:
            return form, "suggest", best, runner
        return None
    needed = _FIX_MIN_SUPPORT if prev is not None and nxt is not None else _FIX_MIN_ONE_SIDED
    # A marked word that no Vietnamese syllable can be ("nhât", "tuyêt") is surely
    # damaged, not foreign: one neighbour is evidence enough to choose the reading.
    if not word.isascii() and not is_syllable(word):
        needed = _FIX_MIN_SUPPORT
    if "rn" in word and form == word.replace("rn", "m", 1):
        needed = _FIX_MIN_RN
    if best >= needed and clear:
        return form, "fix", best, runner
    if best >= _SUGGEST_MIN_SUPPORT:
        return form, "suggest", best, runner
    return None


# The rules of one stage see the same text in turn: a tiny cache shares the work
# between ocr/syllable-repair and ocr/syllable-suggest without holding on to documents.
@lru_cache(maxsize=4)
def _analyse(text: str, style: str) -> tuple[Confusion, ...]:
    found: list[Confusion] = []
    for run in clauses(text):
        keys = [lexicon_key(w) for _, _, w in run]
        for i, (start, end, word) in enumerate(run):
            if not _checkable(word):
                continue
            prev = keys[i - 1] if i > 0 else None
            nxt = keys[i + 1] if i + 1 < len(run) else None
            # i/y spellings ("ầm ỹ", "kĩ") are a choice of style, not a misreading.
            if not is_known_syllable(word) and _swap_iy(word) != word and is_known_syllable(_swap_iy(word)):
                continue
            # A dictionary word, however rare in our corpus ("tròng đen", "đồ sộ", "lồi
            # lõm"), is only ever suggested: measured, treating rare ones as non-words
            # made wrong fixes on clean text.
            known = is_known_syllable(word)
            if known:
                if prev is None and nxt is None:
                    continue
                key = keys[i]
                if _support(prev, key, nxt) or _forms_word(prev, key, nxt):
                    continue
                # An unseen neighbour pair says nothing when the neighbour itself is unknown.
                if (prev is not None and not is_known_syllable(run[i - 1][2])) or \
                   (nxt is not None and not is_known_syllable(run[i + 1][2])):
                    continue
                # A neighbour already bound into a word on its other side ("tiền sử |
                # dùng") cannot vouch for a reading that would pair with it ("sử dụng").
                if i >= 2 and is_word(run[i - 2][2] + " " + run[i - 1][2]):
                    prev = None
                if i + 2 < len(run) and is_word(run[i + 1][2] + " " + run[i + 2][2]):
                    nxt = None
                if prev is None and nxt is None:
                    continue
            verdict = _judge(prev, word, nxt, known=known)
            if verdict is None:
                continue
            form, level, best, runner = verdict
            if level == "fix" and _is_rn_repair(word, form):
                continue   # ocr/rn-for-m makes this repair, in every profile
            after = _restore_case(word, _spelled(form, style))
            if after == word:
                continue
            how = "not a Vietnamese word" if not known else "never seen with its neighbours"
            found.append(Confusion(start, end, word, after, level,
                                   f"{word!r} is {how}; {after!r} fits here "
                                   f"({best} times in real text, next best {runner})"))
    return tuple(found)


def find_confusions(text: str, *, tone_style: ToneStyle = "traditional") -> list[Confusion]:
    """OCR and typing confusions in ``text``, each a ``fix`` or a ``suggest``.

    >>> [(c.before, c.after) for c in find_confusions("mọi người đươc mời")]
    [('đươc', 'được')]
    >>> find_confusions("Ông Nguyễn Văn Chóng, cỡ số 42")
    []
    """
    return list(_analyse(text, tone_style))


def _as_changes(found: Iterable[Confusion], level: str) -> Iterator[Change]:
    for c in found:
        if c.level == level:
            yield Change(c.start, c.end, c.after, c.reason)


def repair_confusions(text: str, ctx: Any) -> Iterator[Change]:
    """Rule function (``ocr/syllable-repair``): the confusions context makes certain.

    >>> from types import SimpleNamespace
    >>> ctx = SimpleNamespace(config=CleanConfig(profile="news"))
    >>> [c.after for c in repair_confusions("phiên giao dich cuối tuần", ctx)]
    ['dịch']
    """
    return _as_changes(_analyse(text, ctx.config.tone_style), "fix")


def suggest_confusions(text: str, ctx: Any) -> Iterator[Change]:
    """Rule function (``ocr/syllable-suggest``): the likely but unsure confusions.

    >>> from types import SimpleNamespace
    >>> ctx = SimpleNamespace(config=CleanConfig(profile="news"))
    >>> [c.after for c in suggest_confusions("cơn mưa tiền thường", ctx)]
    ['thưởng']
    """
    return _as_changes(_analyse(text, ctx.config.tone_style), "suggest")


# --- rn read for m ----------------------------------------------------------------------

def _is_rn_repair(word: str, form: str) -> bool:
    return "rn" in word and form == word.lower().replace("rn", "m", 1)


def find_rn_for_m(text: str) -> list[Confusion]:
    """Words where a scanner read "m" as "rn" ("rnột", "chậrn"): certain fixes.

    Vietnamese never writes "rn", so a short lower-case word with it that becomes a
    known syllable with "m", and fits its neighbours, was misread. Foreign words
    ("Internet", "born") have no such reading or no support from their neighbours.

    >>> [(c.before, c.after) for c in find_rn_for_m("đó là rnột người tốt")]
    [('rnột', 'một')]
    >>> find_rn_for_m("he was born in Bern")
    []
    """
    found = []
    for run in clauses(text):
        for i, (start, end, word) in enumerate(run):
            if "rn" not in word or not _checkable(word) or is_known_syllable(word):
                continue
            prev = lexicon_key(run[i - 1][2]) if i > 0 else None
            nxt = lexicon_key(run[i + 1][2]) if i + 1 < len(run) else None
            verdict = _judge(prev, word, nxt, known=False)
            if verdict and verdict[1] == "fix" and _is_rn_repair(word, verdict[0]):
                after = _restore_case(word, verdict[0])
                found.append(Confusion(start, end, word, after, "fix",
                                       f"'rn' read for 'm': {after!r} fits here "
                                       f"({verdict[2]} times in real text)"))
    return found


def repair_rn_for_m(text: str, ctx: Any) -> Iterator[Change]:
    """Rule function (``ocr/rn-for-m``): see :func:`find_rn_for_m`.

    >>> [c.after for c in repair_rn_for_m("đó là rnột người tốt", None)]
    ['một']
    """
    return _as_changes(find_rn_for_m(text), "fix")


# --- a dropped word ---------------------------------------------------------------------

@cache
def _successors() -> dict[str, tuple[tuple[int, str], ...]]:
    """Bound syllables -> their most frequent followers (count, key), built once.

    Only syllables whose favourite follower takes at least ``_MISSING_MIN_BOND``
    of their occurrences ("thực" → "hiện") are kept: the others do not miss a
    partner when it is absent.
    """
    wp = word_pairs()
    table: dict[str, list[tuple[int, str]]] = {}
    for pair, n in wp.pairs.items():
        a, _, b = pair.partition(" ")
        table.setdefault(a, []).append((n, b))
    out = {}
    for a, followers in table.items():
        followers.sort(reverse=True)
        if followers[0][0] >= _MISSING_MIN_BOND * wp.unigrams.get(a, 1 << 30):
            out[a] = tuple(f for f in followers[:40] if f[0] >= _MISSING_MIN_BOND * wp.unigrams[a])
    return out


@lru_cache(maxsize=4)
def _missing(text: str, style: str) -> tuple[Confusion, ...]:
    wp = word_pairs()
    bound = _successors()
    found: list[Confusion] = []
    for run in clauses(text):
        for i, ((s1, e1, w1), (s2, e2, w2)) in enumerate(zip(run, run[1:])):
            a = lexicon_key(w1)
            if a not in bound or not (_checkable(w1) and _checkable(w2)):
                continue
            b = lexicon_key(w2)
            if wp.pairs.get(a + " " + b) or is_word(a + " " + b) or not is_known_syllable(w2):
                continue
            # "hoàn tất các": the first word already has its partner on the left.
            if i > 0 and is_word(run[i - 1][2] + " " + w1):
                continue
            # The second word must open a word of its own ("nghị quyết"), so that
            # the first is left without the partner it nearly always has.
            if i + 2 >= len(run) or not is_word(w2 + " " + run[i + 2][2]):
                continue
            scored = []
            for n_aw, w in bound[a]:
                n_wb = wp.pairs.get(w + " " + b, 0)
                if n_wb and is_word(a + " " + w):
                    scored.append((n_aw * n_wb / max(wp.unigrams.get(w, 1), 1), n_aw, w))
            if not scored:
                continue
            scored.sort(reverse=True)
            expected, n_aw, w = scored[0]
            runner = scored[1][0] if len(scored) > 1 else 0.0
            if expected >= _MISSING_MIN_EXPECTED and expected >= _MISSING_RATIO * runner:
                middle = _spelled(wp.surfaces.get(w, w), style)
                after = f"{w1} {middle} {w2}"
                found.append(Confusion(s1, e2, text[s1:e2], after, "suggest",
                                       f"{w1!r} and {w2!r} never meet in real text; "
                                       f"{middle!r} may be missing between them"))
    return tuple(found)


def find_missing_words(text: str, *, tone_style: ToneStyle = "traditional") -> list[Confusion]:
    """Places where a syllable seems to have dropped out between two words.

    >>> [c.after for c in find_missing_words("triển khai thực nghị quyết")]
    ['thực hiện nghị']
    >>> find_missing_words("triển khai thực hiện nghị quyết")
    []
    """
    return list(_missing(text, tone_style))


def suggest_missing_words(text: str, ctx: Any) -> Iterator[Change]:
    """Rule function (``ocr/missing-word``): suggest the syllable that seems dropped.

    >>> from types import SimpleNamespace
    >>> ctx = SimpleNamespace(config=CleanConfig(profile="news"))
    >>> [c.after for c in suggest_missing_words("triển khai thực nghị quyết", ctx)]
    ['thực hiện nghị']
    """
    return _as_changes(_missing(text, ctx.config.tone_style), "suggest")
