"""Vietnamese syllables: a written word split into onset, glide, nucleus, coda and tone.

Every Vietnamese word of running text is one syllable, and its spelling is
regular enough to check: an onset consonant (``ngh``, ``qu``, ``gi``, ``đ``…),
an optional medial glide (``o`` in *hoa*, ``u`` in *tuần*), a nucleus (one
vowel or a diphthong such as ``iê``/``yê``/``ia``, ``uô``/``ua``, ``ươ``/``ưa``),
an optional coda (``c ch m n ng nh p t`` or a semivowel ``i y o u``) and one of
six tones. :func:`parse` recognises such words and says where each part is, so
later stages can tell Vietnamese from foreign words, names and codes, and can
put a tone mark where it belongs (see :mod:`vntextclean.tone`).

The checks are the spelling rules of the language, not a word list:

- a stop coda (``c ch p t``) takes only the sắc or nặng tone (*học*, *hát*);
- ``k``, ``gh`` and ``ngh`` stand only before ``i y e ê`` and ``c``, ``g``,
  ``ng`` never do (*kê*, *ghế*, *nghĩ*; not *cê*, *gế*, *ngĩ*);
- ``iê`` needs an onset and ``yê`` has none (*tiên*, *yên*); ``ă`` and ``â``
  need a coda; one tone mark at most.

Case is kept (lower, Title or UPPER: *hòa*, *Hòa*, *HÒA*); the input is NFC.
Results are cached, because the same few thousand syllables make up any text.

>>> s = parse("Người")
>>> s.onset, s.glide, s.nucleus, s.coda, s.tone
('Ng', '', 'ươ', 'i', 'huyền')
>>> is_syllable("khuỷu"), is_syllable("computer"), is_syllable("hát"), is_syllable("hat")
(True, False, True, False)
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MARKED_VOWELS", "TONES", "Style", "Syllable", "Tone", "enumerate_syllables",
    "is_syllable", "parse", "spell", "split_tone",
]

Tone = Literal["ngang", "huyền", "sắc", "hỏi", "ngã", "nặng"]
Style = Literal["traditional", "modern"]

#: The six tones, in the order of their marks in :data:`_MARKS`.
TONES: tuple[Tone, ...] = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")
_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_STOP_TONES = frozenset({"sắc", "nặng"})

_VOWELS = "aăâeêioôơuưy"
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")

# Every vowel letter with every tone, both cases: char -> (toneless char, tone number).
_TONED: dict[str, tuple[str, int]] = {}
_WITH_MARK: dict[tuple[str, int], str] = {}
for _v in _VOWELS + _VOWELS.upper():
    for _i, _m in enumerate(_MARKS):
        _c = unicodedata.normalize("NFC", _v + _m)
        _TONED[_c] = (_v, _i)
        _WITH_MARK[_v, _i] = _c
del _v, _i, _m, _c

#: Every letter that may carry a tone mark, marked (tone other than ngang) or not.
MARKED_VOWELS = "".join(c for c, (_, t) in _TONED.items() if t)

# Longest first, so that "ngh" wins over "ng" and "gi"/"qu" over "g"/"q".
_ONSETS = ("ngh", "ng", "gh", "gi", "qu", "ch", "tr", "th", "ph", "kh", "nh",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
_STOPS = frozenset({"c", "ch", "p", "t"})

# nucleus -> the codas it takes ("" = open syllable).
_NUCLEUS_CODAS: dict[str, str] = {
    "a": "_ c ch i m n ng nh o p t u y",
    "ă": "c m n ng p t",
    "â": "c m n ng p t u y",
    "e": "_ c m n ng o p t",
    "ê": "_ ch m n nh p t u",
    "i": "_ ch m n nh p t u",
    "y": "_",
    "o": "_ c i m n ng p t",
    "oo": "c ng",                      # loans: boong, xoong, moóc
    "ô": "_ c i m n ng p t",
    "ơ": "_ i m n p t",
    "u": "_ c i m n ng p t",
    "ư": "_ c i m n ng t u",
    "iê": "c m n ng p t u",
    "yê": "m n ng t u",
    "ia": "_",
    "uô": "c i m n ng t",
    "ua": "_",
    "ươ": "c i m n ng p t u",
    "ưa": "_",
}
# (glide, nucleus) -> codas: the rimes with a medial o or u (hoa, khoẻ, tuần, thuở, khuya).
_GLIDE_CODAS: dict[tuple[str, str], str] = {
    ("o", "a"): "_ c ch i m n ng nh o p t y",
    ("o", "ă"): "c m n ng t",
    ("o", "e"): "_ c m n ng o t",
    ("u", "â"): "n ng t y",
    ("u", "ê"): "_ ch nh",
    ("u", "y"): "_ ch nh t u",
    ("u", "yê"): "n t",
    ("u", "ya"): "_",
    ("u", "ơ"): "_",
}
# After "qu" the u is the glide already: qua, quăn, quân, que, quê, quy, quyết, quốc.
_QU_CODAS: dict[str, str] = {
    "a": _NUCLEUS_CODAS["a"], "ă": _NUCLEUS_CODAS["ă"], "â": "n ng t y",
    "e": "_ n o t ch", "ê": "_ ch n nh t u", "i": "_ n t ch nh", "y": "_ ch n nh t",
    "ơ": "_ i n", "yê": "n t", "ô": "c",
}


def _codas(spec: str) -> tuple[str, ...]:
    return tuple("" if c == "_" else c for c in spec.split())


def _rime_table() -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for nucleus, spec in _NUCLEUS_CODAS.items():
        for coda in _codas(spec):
            table[nucleus + coda] = ("", nucleus, coda)
    for (glide, nucleus), spec in _GLIDE_CODAS.items():
        for coda in _codas(spec):
            table[glide + nucleus + coda] = (glide, nucleus, coda)
    return table


# rime as written -> (glide, nucleus, coda). Written rimes never collide: "ua" is the
# diphthong (của), the glide u before a is written only after q (quả).
_RIMES = _rime_table()
_QU_RIMES = {nucleus + coda: ("", nucleus, coda)
             for nucleus, spec in _QU_CODAS.items() for coda in _codas(spec)}
# After "gi" an ê stands for the diphthong iê whose i the onset swallowed (giếng, giết).
_GI_E_RIMES = {"ê" + coda: ("", "ê", coda) for coda in _codas(_NUCLEUS_CODAS["iê"])}


def _onset_fits(onset: str, glide: str, nucleus: str) -> bool:
    front = (glide or nucleus)[0]
    if onset in ("k", "gh", "ngh"):
        return not glide and front in ("iyeê" if onset == "k" else "ieê")
    if onset in ("c", "g", "ng"):
        if front in "eêy" or (onset == "c" and glide):
            return False
        return front != "i" or onset == "g" and nucleus == "i"  # gì, gìn: gi + i written once
    if onset == "gi":
        return not glide and front not in "iy"
    if nucleus == "iê":
        return onset != ""
    if nucleus == "yê" and not glide:
        return onset == ""
    return True


@functools.lru_cache(maxsize=1 << 14)
def _split(bare: str) -> tuple[str, str, str, str] | None:
    """Lower-case toneless word -> (onset, glide, nucleus, coda), or None."""
    for onset in _ONSETS:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset):]
        if onset == "qu":
            parts = _QU_RIMES.get(rest)
        else:
            parts = _RIMES.get(rest)
            if parts is None and onset == "gi":
                parts = _GI_E_RIMES.get(rest)
        if parts is not None and (onset == "qu" or _onset_fits(onset, *parts[:2])):
            return (onset, *parts)
    return None


def split_tone(word: str) -> tuple[str, Tone, int | None]:
    """The word without its tone mark, the tone, and the index of the marked letter.

    Returns the word unchanged, ``"ngang"`` and ``None`` when there is no mark.
    Raises ``ValueError`` when the word carries two tone marks.

    >>> split_tone("Hoà")
    ('Hoa', 'huyền', 2)
    >>> split_tone("đường")
    ('đương', 'huyền', 2)
    """
    tone = 0
    at: int | None = None
    chars = list(word)
    for i, ch in enumerate(chars):
        t = _TONED.get(ch)
        if t is not None and t[1]:
            if tone:
                raise ValueError(f"{word!r} carries two tone marks")
            tone, at = t[1], i
            chars[i] = t[0]
    return "".join(chars), TONES[tone], at


@dataclass(frozen=True, slots=True)
class Syllable:
    """One parsed syllable. The parts are written as in ``text`` (same case, no tone
    mark), so ``onset + glide + nucleus + coda`` is ``text`` without its mark.

    ``mark_at`` is the index in ``text`` of the letter that carries the tone mark
    (``None`` for the level tone, which has no mark). After ``gi`` a written ``ê``
    is the nucleus (the onset took the i of iê: *giếng*).
    """

    text: str
    onset: str
    glide: str
    nucleus: str
    coda: str
    tone: Tone
    mark_at: int | None

    @property
    def rime(self) -> str:
        """Glide, nucleus and coda, without the tone mark: ``"oan"`` for *hoàn*."""
        return self.glide + self.nucleus + self.coda

    @property
    def bare(self) -> str:
        """The syllable without its tone mark, case kept: ``"Hoan"`` for *Hoàn*."""
        return self.onset + self.rime

    def mark_index(self, *, style: Style = "traditional") -> int | None:
        """Where the tone mark belongs in ``text`` under ``style`` (``None`` for ngang).

        The mark goes on the main vowel: the second letter of iê/yê, uô, ươ before a
        coda (*tiền*, *muốn*, *người*), the first of ia, ua, ưa, ya at the end (*mía*,
        *của*, *mưa*). Only the open rimes oa, oe, uy differ: ``traditional``
        marks the glide (*hòa*, *khỏe*, *thủy*), ``modern`` the vowel (*hoà*, *khoẻ*, *thuỷ*).

        >>> s = parse("hoà")
        >>> s.mark_index(style="traditional"), s.mark_index(style="modern")
        (1, 2)
        """
        if self.tone == "ngang":
            return None
        start = len(self.onset)
        lower_glide, lower_nucleus = self.glide.lower(), self.nucleus.lower()
        if (style == "traditional" and not self.coda
                and lower_glide + lower_nucleus in ("oa", "oe", "uy")):
            return start
        start += len(self.glide)
        if lower_nucleus in ("ia", "ua", "ưa", "ya"):
            return start
        return start + len(lower_nucleus) - 1

    def spelled(self, *, style: Style = "traditional") -> str:
        """The syllable with its tone mark where ``style`` puts it.

        >>> parse("tìên").spelled()
        'tiền'
        >>> parse("HÒA").spelled(style="modern")
        'HOÀ'
        """
        at = self.mark_index(style=style)
        bare = self.bare
        if at is None:
            return bare
        return bare[:at] + _WITH_MARK[bare[at], TONES.index(self.tone)] + bare[at + 1:]


def _case_ok(word: str) -> bool:
    # lower, UPPER or Title only: "iPhone", "HòA" are not Vietnamese syllables.
    if word.islower() or word.isupper():
        return True
    return word[0].isupper() and word[1:].islower()


@functools.lru_cache(maxsize=1 << 17)
def parse(word: str) -> Syllable | None:
    """Parse one written word as a Vietnamese syllable, or return ``None``.

    The tone mark may sit on any vowel of the word (``"hòan"`` parses, and
    :meth:`Syllable.spelled` puts the mark back on the right vowel); two marks,
    letters outside Vietnamese (f j w z), impossible rimes and codas, mixed case
    and a stop coda with a tone other than sắc or nặng all give ``None``.

    >>> parse("ĐẢNG")
    Syllable(text='ĐẢNG', onset='Đ', glide='', nucleus='A', coda='NG', tone='hỏi', mark_at=1)
    >>> parse("quyết").nucleus, parse("giữa").onset, parse("gìn").onset
    ('yê', 'gi', 'g')
    >>> parse("Pérez") is None, parse("hoat") is None, parse("ngía") is None
    (True, True, True)
    """
    return _parse(word, check_stop=True)


def _parse(word: str, *, check_stop: bool) -> Syllable | None:
    if not word or len(word) > 7 or not _case_ok(word):
        return None
    try:
        bare, tone, at = split_tone(word)
    except ValueError:
        return None
    lower = bare.lower()
    if any(c not in _CONSONANTS and c not in _VOWELS for c in lower):
        return None
    parts = _split(lower)
    if parts is None:
        return None
    onset, glide, nucleus, coda = parts
    if check_stop and coda in _STOPS and tone not in _STOP_TONES:
        return None
    i = len(onset)
    j = i + len(glide)
    k = j + len(nucleus)
    return Syllable(word, bare[:i], bare[i:j], bare[j:k], bare[k:], tone, at)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (see :func:`parse`).

    >>> [w for w in "Hội nghị BCH Đảng bộ online lần thứ hai".split() if is_syllable(w)]
    ['Hội', 'nghị', 'Đảng', 'bộ', 'lần', 'thứ', 'hai']
    """
    return parse(word) is not None


def spell(bare: str, tone: Tone, *, style: Style = "traditional") -> str:
    """Write a toneless syllable with ``tone``, the mark where ``style`` puts it.

    Raises ``ValueError`` when the result is no Vietnamese syllable (a stop coda
    takes only sắc or nặng).

    >>> spell("hoa", "hỏi"), spell("hoa", "hỏi", style="modern"), spell("Nguyên", "ngã")
    ('hỏa', 'hoả', 'Nguyễn')
    """
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r}; choose one of {', '.join(TONES)}")
    syl = _parse(bare, check_stop=False)
    if syl is None or syl.mark_at is not None:
        raise ValueError(f"{bare!r} is not a toneless Vietnamese syllable")
    if syl.coda.lower() in _STOPS and tone not in _STOP_TONES:
        raise ValueError(f"{bare!r} ends in a stop; it takes only sắc or nặng, not {tone}")
    return Syllable(bare, syl.onset, syl.glide, syl.nucleus, syl.coda, tone, None).spelled(style=style)


@functools.lru_cache(maxsize=1)
def enumerate_syllables() -> tuple[str, ...]:
    """Every well-formed toneless syllable (lower case, sorted), including those
    that exist only with a sắc or nặng tone (``"hoat"`` for *hoạt*, *hoát*).

    It is the language's spelling space, not a dictionary: most of these are
    real words, some are only possible ones.

    >>> syllables = enumerate_syllables()
    >>> "nghiêng" in syllables, "ngiêng" in syllables, len(syllables) > 3000
    (True, False, True)
    """
    found: set[str] = set()
    rimes = [*_RIMES, *_QU_RIMES, *_GI_E_RIMES]
    for onset in _ONSETS:
        for rime in rimes:
            word = onset + rime
            parts = _split(word)
            if parts is not None and parts[0] == onset:
                found.add(word)
    return tuple(sorted(found))
