"""Hypothesis strategies for Vietnamese text, for property tests of text tools.

Everything is generated from the spelling tables of :mod:`vntextclean.syllable`,
so the syllables are well formed (not all are dictionary words) and cover the
rare corners real text seldom shows: *nghiêng*, *khuỷu*, *quyết*, *giếng*, *oà*.

- :func:`syllables`: one syllable with its tone, the mark placed by a style;
- :func:`misplaced_tones`: (wrong, right) pairs, the mark moved to another vowel;
- :func:`vietnamese_text`: sentences with punctuation, numbers and line breaks.

>>> from hypothesis import given, settings
>>> from vntextclean.syllable import is_syllable
>>> @settings(max_examples=20)
... @given(syllables())
... def check(word):
...     assert is_syllable(word)
>>> check()
"""

from __future__ import annotations

import functools
from typing import Literal

from hypothesis import strategies as st

from .syllable import _STOPS, _WITH_MARK, TONES, Style, Tone, _split, enumerate_syllables, spell

__all__ = ["misplaced_tones", "syllables", "vietnamese_text"]

Case = Literal["lower", "title", "upper"]
_CASES: dict[str, object] = {"lower": str.lower, "title": str.capitalize, "upper": str.upper}


@functools.lru_cache(maxsize=1)
def _toned_bases() -> tuple[tuple[str, tuple[Tone, ...]], ...]:
    """Each toneless syllable with the tones it can take (a stop coda: sắc, nặng)."""
    out = []
    for bare in enumerate_syllables():
        coda = _split(bare)[3]  # type: ignore[index]
        tones: tuple[Tone, ...] = ("sắc", "nặng") if coda in _STOPS else TONES
        out.append((bare, tones))
    return tuple(out)


def syllables(*, style: Style = "traditional",
              cases: tuple[Case, ...] = ("lower", "title", "upper")) -> st.SearchStrategy[str]:
    """Well-formed Vietnamese syllables with a tone, written in ``style`` and one of ``cases``.

    >>> from hypothesis import given, settings
    >>> from vntextclean.syllable import is_syllable
    >>> @settings(max_examples=30)
    ... @given(syllables(cases=("upper",)))
    ... def check(word):
    ...     assert is_syllable(word) and word == word.upper()
    >>> check()
    """
    def write(pair: tuple[str, tuple[Tone, ...]]) -> st.SearchStrategy[str]:
        bare, tones = pair
        return st.tuples(st.sampled_from(tones), st.sampled_from(cases)).map(
            lambda tc: _CASES[tc[1]](spell(bare, tc[0], style=style)))  # type: ignore[operator]

    return st.sampled_from(_toned_bases()).flatmap(write)


def misplaced_tones(*, style: Style = "traditional",
                    cases: tuple[Case, ...] = ("lower", "title", "upper")
                    ) -> st.SearchStrategy[tuple[str, str]]:
    """``(wrong, right)``: a syllable with its mark moved off the vowel ``style`` marks,
    and the syllable written right. Every such wrong form is still the same syllable,
    so a tone-placement repair must turn ``wrong`` into ``right``.

    >>> from hypothesis import given, settings
    >>> from vntextclean.tone import place_tone
    >>> @settings(max_examples=20)
    ... @given(misplaced_tones(style="modern"))
    ... def check(pair):
    ...     assert place_tone(pair[0], style="modern") == pair[1]
    >>> check()
    """
    def move(pair: tuple[str, tuple[Tone, ...]]) -> st.SearchStrategy[tuple[str, str]]:
        bare, tones = pair

        def wrong_forms(tone: Tone) -> list[tuple[str, str]]:
            right = spell(bare, tone, style=style)
            forms = []
            for i, ch in enumerate(bare):
                if (ch, 1) in _WITH_MARK and tone != "ngang":
                    wrong = bare[:i] + _WITH_MARK[ch, TONES.index(tone)] + bare[i + 1:]
                    if wrong != right:
                        forms.append((wrong, right))
            return forms

        options = [f for t in tones for f in wrong_forms(t)]
        if not options:
            return st.nothing()
        return st.tuples(st.sampled_from(options), st.sampled_from(cases)).map(
            lambda pc: (_CASES[pc[1]](pc[0][0]), _CASES[pc[1]](pc[0][1])))  # type: ignore[operator]

    multi_vowel = [p for p in _toned_bases() if sum(c in "aăâeêioôơuưy" for c in p[0]) > 1]
    return st.sampled_from(multi_vowel).flatmap(move)


_PUNCT_AFTER = ["", "", "", "", ",", ",", ";", ":"]
_SENTENCE_END = [".", ".", ".", "!", "?", "…"]


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 3000).map(str),
        st.integers(1, 999).map(lambda n: f"{n}.000"),
        st.integers(1, 99).map(lambda n: f"{n}%"),
        st.tuples(st.integers(1, 28), st.integers(1, 12)).map(lambda d: f"{d[0]}/{d[1]}"),
    )


def vietnamese_text(*, style: Style = "traditional", max_sentences: int = 6
                    ) -> st.SearchStrategy[str]:
    """Running Vietnamese-like text: sentences of syllables (some capitalised as names,
    some numbers), commas and other punctuation, sentence ends, line breaks between
    paragraphs. The marks follow ``style``; it contains no URL or code.

    >>> from hypothesis import given, settings
    >>> from vntextclean.tone import to_style
    >>> @settings(max_examples=10)
    ... @given(vietnamese_text(style="modern"))
    ... def check(text):
    ...     assert to_style(text, style="modern") == text
    >>> check()
    """
    lower = syllables(style=style, cases=("lower",))
    title = syllables(style=style, cases=("title",))
    numbers = _numbers()
    # Mostly lower-case words; one in ten a name, one in ten a number.
    word = st.integers(0, 9).flatmap(lambda k: numbers if k == 0 else title if k == 1 else lower)
    piece = st.tuples(word, st.sampled_from(_PUNCT_AFTER)).map("".join)

    def sentence(parts: list[str]) -> str:
        first = parts[0][:1].upper() + parts[0][1:]
        return " ".join([first, *parts[1:]])

    sentences = st.tuples(st.lists(piece, min_size=1, max_size=12).map(sentence),
                          st.sampled_from(_SENTENCE_END)).map(
        lambda se: se[0].rstrip(",;:") + se[1])
    paragraph = st.lists(sentences, min_size=1, max_size=max(1, max_sentences // 2)).map(" ".join)
    return st.lists(paragraph, min_size=1, max_size=3).flatmap(
        lambda ps: st.sampled_from(["\n", "\n\n"]).map(lambda sep: sep.join(ps)))
