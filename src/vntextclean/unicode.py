"""Unicode repairs: one way to write each Vietnamese letter.

The same letter reaches us written many ways: decomposed (``e`` + U+0302 + U+0301)
or composed (``ế``), with its marks in the wrong order or doubled, with Latin Eth
``Ð`` standing in for ``Đ``, with zero-width characters inside words, or with a
Cyrillic ``а`` that looks like ``a``. Each function here is a rule function
(see docs/rules.md): it yields :class:`Change`s and leaves everything else alone.

>>> from vntextclean import clean
>>> clean("Nam Ðịnh")
'Nam Định'
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterator

import regex

from .chardata import NFC_UNSTABLE_CLASS
from .edits import Change

# Characters NFC may change, or that may combine with what precedes them.
UNSTABLE_CLASS = r"[\p{NFC_QC=N}\p{NFC_QC=M}\P{ccc=0}]"
_NFC_CHUNK = regex.compile(r"[^\p{NFC_QC=N}\p{NFC_QC=M}\P{ccc=0}]?" + UNSTABLE_CLASS + "+")

VIETNAMESE_VOWELS = "aăâeêioôơuưy"
MODIFIER_MARKS = "\u0302\u0306\u031b"            # circumflex, breve, horn
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"     # huyền, sắc, ngã, hỏi, nặng
_CLUSTER = regex.compile(r"\P{M}\p{M}+")
_VIETNAMESE_MARK = regex.compile("[" + MODIFIER_MARKS + TONE_MARKS + "]")


def _marks_survive_nfc(text: str) -> bool:
    """Whether a shape or tone mark is left over after NFC: only then can marks be
    misordered, doubled or two tones on one vowel (decomposed Vietnamese composes whole)."""
    return _VIETNAMESE_MARK.search(unicodedata.normalize("NFC", text)) is not None


def nfc_trigger(config: Any = None) -> str:
    """Every character NFC may change or compose: a line without one is already NFC."""
    return NFC_UNSTABLE_CLASS


def compose(text: str, ctx: Any = None) -> Iterator[Change]:
    """Compose decomposed letters (NFC), one grapheme at a time.

    >>> [c.after for c in compose("Vie\\u0302\\u0323t Nam")]
    ['ệ']
    """
    if unicodedata.is_normalized("NFC", text):
        return
    for m in _NFC_CHUNK.finditer(text):
        chunk = m.group()
        fixed = unicodedata.normalize("NFC", chunk)
        if fixed != chunk:
            yield Change(m.start(), m.end(), fixed, "decomposed letter composed (NFC)")


def _order_marks(cluster: str) -> tuple[str, list[str]] | None:
    """Vowel + marks in Vietnamese order (shape marks before the tone), or None if not Vietnamese."""
    decomposed = unicodedata.normalize("NFD", cluster)
    base, marks = decomposed[0], decomposed[1:]
    if base.lower() not in "aeiouy" or any(m not in MODIFIER_MARKS + TONE_MARKS for m in marks):
        return None
    modifiers: list[str] = []
    tones: list[str] = []
    for m in marks:
        bucket = modifiers if m in MODIFIER_MARKS else tones
        if m not in bucket:
            bucket.append(m)
    return base + "".join(modifiers), tones


def fix_combining_marks(text: str, ctx: Any = None) -> Iterator[Change]:
    """Put a tone mark after the vowel's shape mark, and drop a doubled mark.

    >>> [c.after for c in fix_combining_marks("tie\\u0301\\u0302ng")]
    ['ế']
    >>> [c.after for c in fix_combining_marks("Vie\\u0302\\u0323\\u0323t")]
    ['ệ']
    """
    if not _marks_survive_nfc(text):
        return
    for m in _CLUSTER.finditer(text):
        cluster = m.group()
        parsed = _order_marks(cluster)
        if parsed is None:
            continue
        body, tones = parsed
        if len(tones) > 1:
            continue   # two different tones: a reader must choose (unicode/double-tone)
        fixed = unicodedata.normalize("NFC", body + "".join(tones))
        if fixed != unicodedata.normalize("NFC", cluster):
            yield Change(m.start(), m.end(), fixed, "combining marks reordered or de-duplicated")


def choose_last_tone(text: str, ctx: Any = None) -> Iterator[Change]:
    """A vowel with two different tone marks: suggest the last one typed.

    Vietnamese keyboards replace the tone with the last one typed, so the last
    mark is the likelier intent; a reader should still confirm.

    >>> [c.after for c in choose_last_tone("Thù\\u0309 tướng")]
    ['Thủ']
    """
    if not _marks_survive_nfc(text):
        return
    for m in _CLUSTER.finditer(text):
        parsed = _order_marks(m.group())
        if parsed is None or len(parsed[1]) < 2:
            continue
        body, tones = parsed
        fixed = unicodedata.normalize("NFC", body + tones[-1])
        # Report the whole word, so a reader sees what is proposed.
        ws, we = _word_span(text, m.start(), m.end())
        yield Change(ws, we, text[ws:m.start()] + fixed + text[m.end():we],
                     "two tone marks on one vowel; the last typed is kept")


_WORD_CHAR = regex.compile(r"[\p{L}\p{M}]")


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text, end):
        end += 1
    return start, end


# --- Latin Eth ------------------------------------------------------------------

_ETH_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])[Ðð](?=[\p{M}]*[" + VIETNAMESE_VOWELS + VIETNAMESE_VOWELS.upper() + r"]"
    r"|[\p{M}]*[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    r"ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ])"
)
# An abbreviation in capitals with an Eth in it: HÐND, ÐBSCL, ÐQP.
_ETH_ABBREVIATION = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[A-ZĐÐ]*Ð[A-ZĐÐ]*(?![\p{L}\p{M}\p{N}])")


def fix_latin_eth(text: str, ctx: Any = None) -> Iterator[Change]:
    """Latin Eth ``Ð``/``ð`` (Icelandic) typed for Vietnamese ``Đ``/``đ``.

    Only where the word is Vietnamese: Eth starting a syllable (Eth is always
    followed by a vowel in Vietnamese) or inside an abbreviation in capitals.
    Icelandic words keep their Eth (``Guðrún``: not word-initial).

    >>> [c.after for c in fix_latin_eth("Ðảng ủy Khối, HÐND tỉnh, Guðrún")]
    ['Đ', 'Đ']
    """
    seen: set[int] = set()
    for m in _ETH_WORD.finditer(text):
        seen.add(m.start())
        yield Change(m.start(), m.end(), "Đ" if m.group() == "Ð" else "đ",
                     "Latin Eth used for the Vietnamese letter Đ")
    for m in _ETH_ABBREVIATION.finditer(text):
        if len(m.group()) < 2:
            continue
        for i, ch in enumerate(m.group()):
            pos = m.start() + i
            if ch == "Ð" and pos not in seen:
                yield Change(pos, pos + 1, "Đ", "Latin Eth used for the Vietnamese letter Đ")


# --- Invisible characters ---------------------------------------------------------

# Invisible everywhere: removing them never changes what a reader sees.
_ALWAYS_INVISIBLE = "\u200b\u00ad\u2060\ufeff\u180e"
# Joiners and direction marks matter in emoji and other scripts: only between Latin letters.
_CONTEXT_INVISIBLE = "\u200c\u200d\u200e\u200f"
_INVISIBLE = regex.compile(
    "[" + _ALWAYS_INVISIBLE + "]+"
    r"|(?<=\p{Latin}[\p{M}]*)[" + _CONTEXT_INVISIBLE + r"]+(?=\p{Latin})"
)
INVISIBLE_TRIGGER = "[" + _ALWAYS_INVISIBLE + _CONTEXT_INVISIBLE + "]"


def remove_invisible(text: str, ctx: Any = None) -> Iterator[Change]:
    """Remove zero-width spaces, soft hyphens, stray byte-order marks and word joiners.

    >>> [(c.start, c.after) for c in remove_invisible("Việ\\u200bt Nam")]
    [(3, '')]
    """
    for m in _INVISIBLE.finditer(text):
        names = ", ".join(sorted({unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in m.group()}))
        yield Change(m.start(), m.end(), "", f"invisible character removed ({names})")


# --- Look-alike letters -----------------------------------------------------------

LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "ο": "o", "ν": "v", "ρ": "p", "α": "a", "υ": "u", "χ": "x", "κ": "k",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
LOOKALIKE_TRIGGER = (r"\p{Latin}\p{M}*[\p{Cyrillic}\p{Greek}]"
                     r"|[\p{Cyrillic}\p{Greek}]\p{M}*\p{Latin}")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_FOREIGN = regex.compile(r"[\p{Cyrillic}\p{Greek}]")


def replace_lookalikes(text: str, ctx: Any = None) -> Iterator[Change]:
    """Cyrillic or Greek letters that look Latin, inside a Latin (Vietnamese) word.

    A word written wholly in Cyrillic or Greek is left alone; so is a mixed word
    with a Cyrillic or Greek letter that has no Latin twin.

    >>> [c.after for c in replace_lookalikes("Việt Nаm và Москва")]
    ['Nam']
    """
    for m in _WORD.finditer(text):
        word = m.group()
        foreign = _FOREIGN.findall(word)
        if not foreign or len(foreign) == len(regex.findall(r"\p{L}", word)):
            continue
        if not all(ch in LOOKALIKES for ch in foreign):
            continue
        latin = sum(1 for ch in word if ch.isalpha()) - len(foreign)
        if latin < len(foreign):
            continue   # mostly Cyrillic or Greek: not ours to change
        fixed = "".join(LOOKALIKES.get(ch, ch) for ch in word)
        yield Change(m.start(), m.end(), unicodedata.normalize("NFC", fixed),
                     "Cyrillic or Greek look-alike letter in a Latin word")


# --- Odd spaces ---------------------------------------------------------------------

ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ODD_SPACE = regex.compile("[" + ODD_SPACES + "]")


def normalize_spaces(text: str, ctx: Any = None) -> Iterator[Change]:
    """Non-breaking, thin, ideographic and other odd spaces become a plain space.

    >>> [c.after for c in normalize_spaces("155,8\\u00a0%")]
    [' ']
    """
    for m in _ODD_SPACE.finditer(text):
        yield Change(m.start(), m.end(), " ",
                     f"{unicodedata.name(m.group(), 'odd space').lower()} made a plain space")
