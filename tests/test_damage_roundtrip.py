"""Each damage class, applied to real Vietnamese text, is repaired back to the original exactly."""

import re
import unicodedata
from pathlib import Path

import pytest

from vntextclean import apply_edits, clean, clean_and_explain

FIXTURES = Path(__file__).parent / "fixtures"


def originals() -> list[str]:
    text = (FIXTURES / "clean_paragraphs.txt").read_text(encoding="utf-8")
    paras = [p.split("\n", 1)[1] for p in text.strip().split("\n\n")]
    return [p for p in paras if clean(p) == p]   # skip the few with real typos


def decompose(t: str) -> str:
    return unicodedata.normalize("NFD", t)


def eth(t: str) -> str:
    # Word-initial only: a mid-word Eth (hiðroxit) is left alone, since Icelandic
    # words (Guðrún) have it there too.
    return re.sub(r"\b[Đđ]", lambda m: "Ð" if m.group() == "Đ" else "ð", t)


def zero_width(t: str) -> str:
    return t.replace("ng ", "n\u200bg ").replace("ệ", "ệ\u00ad")


def lookalike(t: str) -> str:
    return t.replace("Nam", "Nаm").replace("các", "cаc".replace("cаc", "cа\u0301c"))


def odd_spaces(t: str) -> str:
    return t.replace(" và ", "\u00a0và\u2009")


def spaces(t: str) -> str:
    return t.replace(", ", ",   ").replace(". ", ".  ") + "  "


def modern_tones(t: str) -> str:
    # Lower-case words only: a capitalised word keeps its style, as names do (Thủy, Hoà).
    from vntextclean.tone import to_style
    return re.sub(r"\b[^\W\d_]+\b", lambda m: to_style(m.group(), style="modern")
                  if m.group().islower() else m.group(), t)


DAMAGE = [decompose, eth, zero_width, lookalike, odd_spaces, spaces, modern_tones]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_damage_is_repaired_exactly(damage):
    repaired = 0
    for original in originals():
        damaged = damage(original)
        if damaged == original:
            continue
        result = clean_and_explain(damaged)
        assert result.text == original, (damage.__name__, original[:80])
        assert apply_edits(damaged, result.edits) == original
        repaired += 1
    assert repaired > 0, f"{damage.__name__} damaged nothing in the fixture"


def test_all_damage_at_once():
    for original in originals()[:20]:
        damaged = original
        for damage in DAMAGE:
            damaged = damage(damaged)
        assert clean(damaged) == original
