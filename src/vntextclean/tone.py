"""Tone placement: put each tone mark on the vowel where the chosen style puts it.

Vietnamese writes one tone mark per syllable, on its main vowel. Two styles
differ in exactly one place, the open rimes oa, oe and uy: ``traditional``
marks the first vowel (*hòa*, *khỏe*, *thủy*, *ủy*, *họa*), ``modern`` the
second (*hoà*, *khoẻ*, *thuỷ*, *uỷ*, *hoạ*). Everything else is the same in
both (*hoàn*, *thuyền*, *quả*, *giá*, *người*, *khuya*). Text also carries
marks that no style allows, from typing by hand or from old input methods
(*tìên*, *hòan*, *cuả*, *giừơng*); those are repaired in either style.

Held back, because a change there could be wrong: words that are not
Vietnamese syllables (foreign words and names: *Pérez*, *José*), words near
letters Vietnamese does not use (pinyin *Zhōu Huì Mǐn*), anything in a URL,
an e-mail address, a document code (``02-NQ/ĐUK``) or a token with digits, a
stray mark whose repair is no known syllable (*nhaụ* is a typo of *nhau*, not
of *nhạu*), and, in the cleaning rule, a style-only change to a capitalised
word (a person's registered name keeps its spelling: *Thuý*, *Hòa*).

>>> place_tone("hoà", style="traditional"), place_tone("hòa", style="modern")
('hòa', 'hoà')
>>> to_style("Hòa bình, khỏe mạnh và thủy chung", style="modern")
'Hoà bình, khoẻ mạnh và thuỷ chung'
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterator

from .config import CleanConfig
from .edits import Change
from .lexicon import is_known_syllable
from .syllable import _TONED, _WITH_MARK, MARKED_VOWELS, TONES, Style, _split, enumerate_syllables, parse, spell

__all__ = ["place_tone", "place_tones", "to_style", "trigger_pattern"]

_STYLES = ("traditional", "modern")
_WORD_RE = re.compile(r"[^\W\d_]+")
_SPACE_RE = re.compile(r"\s")
_MARKED_RE = re.compile(f"[{MARKED_VOWELS}]")
# A whitespace-delimited token that is an address, a code or a number: never touched.
_PROTECTED_RE = re.compile(
    r"[\d@\\_=#%&~<>|+]|://|^\W*www\.|\.(?:com|net|org|vn|edu|gov|info|biz|io|html?|php|aspx?)\b",
    re.IGNORECASE)
# A slash makes a code or a path (NQ/ĐUK, /wiki/hoà) unless it joins two plain words
# ("văn hóa/dân tộc", "và/hoặc").
_SLASHED_CODE_RE = re.compile(r"/.*/|^\W*/|/\W*$|[A-ZĐ]{2}|\.\w")


_VIETNAMESE_LETTERS = frozenset(_TONED) | frozenset("đĐ")
_NEAR = 20   # characters each side searched for foreign letters


def _check_style(style: str) -> None:
    if style not in _STYLES:
        raise ValueError(f"unknown tone style {style!r}; choose 'traditional' or 'modern'")


def place_tone(word: str, *, style: Style = "traditional") -> str:
    """``word`` with its tone mark on the vowel ``style`` marks; other words unchanged.

    Letter case is kept. A word that is no Vietnamese syllable comes back as given.

    >>> place_tone("thuỷ"), place_tone("tìên"), place_tone("ĐOÀN"), place_tone("café")
    ('thủy', 'tiền', 'ĐOÀN', 'café')
    >>> place_tone("Khỏe", style="modern"), place_tone("hòan", style="modern")
    ('Khoẻ', 'hoàn')
    """
    _check_style(style)
    syl = parse(word)
    if syl is None or syl.mark_at is None:
        return word
    return syl.spelled(style=style)


@functools.lru_cache(maxsize=1 << 16)
def _repair(word: str, style: str, keep_capitalised: bool) -> tuple[str, str] | None:
    """(replacement, reason) for a word whose mark is misplaced for ``style``, else None."""
    syl = parse(word)
    if syl is None or syl.mark_at is None:
        return None
    right = syl.spelled(style=style)
    if right == word:
        return None
    other = "modern" if style == "traditional" else "traditional"
    if syl.spelled(style=other) == word:
        if keep_capitalised and not word.islower():
            return None   # a name keeps its registered spelling (Thuý, Hòa)
        return right, f"{style} tone placement"
    if not is_known_syllable(right):
        return None   # "nhaụ" is a typo for "nhau", not for the non-word "nhạu"
    return right, "tone mark on the wrong vowel"


def _protected(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) lies in a URL, address, code or number token,
    or next to letters no Vietnamese word has (pinyin "Zhōu Huì Mǐn", French, Chinese)."""
    # The window stays on the word's line, so a rule run on one line and on the
    # whole text decide alike.
    lo = max(start - _NEAR, text.rfind("\n", 0, start) + 1)
    hi = text.find("\n", end)
    hi = end + _NEAR if hi == -1 else min(hi, end + _NEAR)
    for ch in text[lo:hi]:
        if ch > "\x7f" and ch not in _VIETNAMESE_LETTERS and ch.isalpha():
            return True
    left = start
    while left > 0 and not _SPACE_RE.match(text, left - 1):
        left -= 1
    right = end
    n = len(text)
    while right < n and not _SPACE_RE.match(text, right):
        right += 1
    if right > end and text[end] in "\u0300\u0301\u0303\u0309\u0323":
        return True   # a leftover combining mark: the unicode stage's business
    token = text[left:right]
    if "/" in token and _SLASHED_CODE_RE.search(token):
        return True
    return _PROTECTED_RE.search(token) is not None


def _changes(text: str, style: str, keep_capitalised: bool) -> Iterator[Change]:
    if not _MARKED_RE.search(text):
        return
    for m in _WORD_RE.finditer(text):
        found = _repair(m.group(), style, keep_capitalised)
        if found is not None and not _protected(text, m.start(), m.end()):
            yield Change(m.start(), m.end(), found[0], found[1])


def to_style(text: str, *, style: Style, keep_capitalised: bool = False) -> str:
    """Rewrite a whole text in one tone style, repairing misplaced marks on the way.

    Words in URLs, e-mail addresses, codes and tokens with digits are left alone.
    With ``keep_capitalised=True`` capitalised words keep their style (names).

    >>> to_style("Thủy, xem http://ví.dụ/hoà và thuỷ lợi", style="traditional")
    'Thủy, xem http://ví.dụ/hoà và thủy lợi'
    >>> to_style("Bà Thúy khỏe", style="modern", keep_capitalised=True)
    'Bà Thúy khoẻ'
    """
    _check_style(style)
    parts: list[str] = []
    pos = 0
    for change in _changes(text, style, keep_capitalised):
        parts.append(text[pos:change.start])
        parts.append(change.after or "")
        pos = change.end
    parts.append(text[pos:])
    return "".join(parts)


def place_tones(text: str, ctx: Any) -> Iterator[Change]:
    """Rule function of ``tone/placement``: a change for each misplaced tone mark.

    The style is ``ctx.config.tone_style``. ``ctx.data`` may set
    ``keep_capitalised`` (default true): then a capitalised word whose marks
    follow the other style is left alone, as names keep their spelling;
    marks that no style allows are repaired in every word.

    >>> from types import SimpleNamespace as NS
    >>> ctx = NS(config=CleanConfig(), data={})
    >>> [(c.after, c.reason) for c in place_tones("hoà hợp, tìên bạc", ctx)]
    [('hòa', 'traditional tone placement'), ('tiền', 'tone mark on the wrong vowel')]
    """
    data = ctx.data or {}
    keep = bool(data.get("keep_capitalised", True)) if isinstance(data, dict) else True
    return _changes(text, ctx.config.tone_style, keep)


# --- trigger -------------------------------------------------------------------------
#
# The trigger is generated from the spelling tables: every syllable, every tone,
# every vowel the mark could wrongly sit on, in lower, Title and UPPER case. Each
# wrong form is cut at its marked letter into what comes before (checked by a
# lookbehind) and after (a shared-prefix alternation ending at the word's end),
# and the pattern starts with the marked letters, so the scan only stops at the
# marked vowels instead of trying every position. No ``(?i)``: it halves the
# speed of the ``regex`` module.

_PLAIN_VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
# A misplaced mark always has an unmarked vowel beside it (one vowel leaves no
# choice); testing that first spares the full alternation at most marked letters.
_GATE = f"(?:(?=[{_PLAIN_VOWELS}])|(?<=[{_PLAIN_VOWELS}].))"
_END = r"(?![^\W\d_])"
_LOWER_VOWELS = frozenset("aăâeêioôơuưy")


def _wrong_forms(style: str) -> dict[str, set[tuple[str, str, str]]]:
    """marked letter -> {(context, before, after)} for every misplaced form.

    ``before`` is the part of the word's vowel run before the marked letter, or,
    for the onsets gi and qu (whose i and u can take a stray mark), the part from
    the word's start; ``context`` is the class of letters that must not precede it.
    """
    forms: dict[str, set[tuple[str, str, str]]] = {}
    for bare in enumerate_syllables():
        onset = _split(bare)[0]  # type: ignore[index]
        first = 0 if onset in ("gi", "qu") else len(onset)
        vowels = [i for i, c in enumerate(bare) if c in _LOWER_VOWELS]
        for tone in TONES[1:]:
            try:
                right = spell(bare, tone, style=style)  # type: ignore[arg-type]
            except ValueError:
                continue   # a stop coda takes sắc or nặng only
            for q in vowels:
                wrong = bare[:q] + _WITH_MARK[bare[q], TONES.index(tone)] + bare[q + 1:]
                if wrong == right:
                    continue
                for word in {wrong, wrong.upper(), wrong[0].upper() + wrong[1:]}:
                    tail = word[first:]
                    if first == 0 and onset in ("gi", "qu"):
                        context = "^\\W\\d_"            # the word starts here
                    else:
                        # A run after q or g may belong to qu or gi (quả, già):
                        # those words are matched from their start instead.
                        context = _PLAIN_VOWELS + {"u": "qQ", "i": "gG"}.get(tail[0].lower(), "")
                    k = q - first
                    forms.setdefault(tail[k], set()).add((context, tail[:k], tail[k + 1:]))
    return forms


def _alternation(words: set[str]) -> str:
    """One regex for many endings, sharing prefixes; each ends at the word's end."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        parts = []
        leaves = ""    # one-letter endings share a character class: [mnt](?!letter)
        for ch in sorted(node):
            if ch == "":
                continue
            if node[ch] == {"": {}}:
                leaves += ch
            else:
                parts.append(re.escape(ch) + emit(node[ch]))
        if leaves:
            cls = leaves if len(leaves) == 1 else f"[{leaves}]"
            parts.append(cls + ("?" if "" in node else "") + _END)
        elif "" in node:
            parts.append(_END)
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(trie)


@functools.lru_cache(maxsize=4)
def _trigger(style: str) -> str:
    branches: dict[str, list[str]] = {}   # continuation -> marked letters sharing it
    for marked, forms in _wrong_forms(style).items():
        by_before: dict[tuple[str, str], set[str]] = {}
        for context, before, after in forms:
            by_before.setdefault((context, before), set()).add(after)
        alts = []
        for (context, before), afters in sorted(by_before.items()):
            look = f"(?<![{context}]{re.escape(before)}.)"
            if before:
                look = f"(?<={re.escape(before)}.)" + look
            alts.append(look + _alternation(afters))
        rest = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        branches.setdefault(rest, []).append(marked)
    parts = []
    every = set()
    for rest, marks in sorted(branches.items(), key=lambda kv: sorted(kv[1])):
        head = marks[0] if len(marks) == 1 else "[" + "".join(sorted(marks)) + "]"
        parts.append(f"(?<={head}){rest}")
        every.update(marks)
    # One leading class, the letter re-checked behind: ``re`` skips ahead to the
    # marked letters (24 Mchar/s on news text, against 8 without the class and
    # the gate), and inside an alternation with other triggers it costs one class
    # test per position, not one per branch.
    return "[" + "".join(sorted(every)) + "]" + _GATE + "(?:" + "|".join(parts) + ")"


def trigger_pattern(config: CleanConfig) -> str:
    """A regex matching every line where ``tone/placement`` may change a word under
    ``config.tone_style``: a marked vowel where that style would not put it. Lines
    written correctly in that style do not match, so clean text is not scanned twice.

    >>> import re
    >>> t = re.compile(trigger_pattern(CleanConfig()))
    >>> bool(t.search("hoà bình")), bool(t.search("hòa bình, hoàn toàn, quả, già"))
    (True, False)
    """
    _check_style(config.tone_style)
    return _trigger(config.tone_style)
