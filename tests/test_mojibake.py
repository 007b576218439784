"""Evidence of encoding damage: mojibake_score, looks_mojibake, plausible_syllable."""

from __future__ import annotations

from pathlib import Path

import pytest

from vntextclean.encoding import ENCODINGS, to_mojibake
from vntextclean.mojibake import looks_mojibake, mojibake_score, plausible_syllable

PARAGRAPHS = [line for line in (Path(__file__).parent / "fixtures" / "encoding_paragraphs.txt")
              .read_text("utf-8").splitlines() if line and not line.startswith("#")]
STRAIGHT = str.maketrans("“”‘’", "\"\"''")

WESTERN = [
    "Le café où l’on dîne à Noël; naïve Jérôme à l’hôtel, s’il vous plaît.",
    "Müller & Söhne GmbH, Straße 5, 80331 München – für Zürich.",
    "Copyright © 2020 Acme®. Temperature 25°C, area 10 m², x³ ± 2 µm.",
    "“Quoted” text — with dashes… and ‘single’ quotes • bullets ™ €5.",
]


def test_clean_vietnamese_scores_zero():
    for p in PARAGRAPHS:
        assert mojibake_score(p) == 0
        assert not looks_mojibake(p)


@pytest.mark.parametrize("text", WESTERN)
def test_western_text_with_latin1_letters_and_symbols_is_not_mojibake(text):
    assert not looks_mojibake(text)


@pytest.mark.parametrize("read_as", ["cp1252", "latin-1"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_damaged_paragraph_looks_damaged(encoding, read_as):
    for p in PARAGRAPHS:
        damaged = to_mojibake(p.translate(STRAIGHT), encoding=encoding, read_as=read_as)
        # Real paragraphs carry many shapes: at least one per three words.
        assert mojibake_score(damaged) >= len(p.split()) // 3
        assert looks_mojibake(damaged)


def test_french_words_shaped_like_syllables_count_but_stay_below_evidence_of_damage():
    # "Loïc" and "août" have the shape of a TCVN3 syllable (onset, vowel, letter Vietnamese
    # lacks, final): each counts, which is why the repairs decode and check before acting.
    assert mojibake_score("Loïc arrive en août.") == 2
    assert mojibake_score("§¶ng ñy Khèi c¸c c¬ quan tØnh") >= 5


def test_ascii_returns_at_once_and_threshold_is_a_keyword():
    assert mojibake_score("Dang uy Khoi cac co quan") == 0
    assert looks_mojibake("§¶ng", threshold=1) and not looks_mojibake("§¶ng", threshold=3)
    with pytest.raises(TypeError):
        looks_mojibake("§¶ng", 1)          # keyword-only option


def test_a_weak_utf8_shape_does_not_count():
    # Ã + closing quote may be the word MÃ; Ã + NBSP may be an all-caps word before an NBSP.
    assert mojibake_score("NGUYỄN THỊ MÃ”") == 0
    assert mojibake_score("MÃ\u00a0SỐ") == 0
    assert mojibake_score("NguyÃªn") == 1


@pytest.mark.parametrize("word", ["Đảng", "NGƯỜI", "quyết", "giữa", "khuya", "nghiêng", "ủy",
                                  "thuở", "oai", "yêu", "Việt", "hòa", "hoà", "gì", "xoong"])
def test_plausible_syllables(word):
    assert plausible_syllable(word)


@pytest.mark.parametrize("word", ["hềc", "cafộ", "fỹr", "Müller", "ViÖt", "§¶ng", "bạnÕ",
                                  "ááng", "đ", "ng", "Đảngg", "abcdefghi", "", "x2"])
def test_implausible_syllables(word):
    assert not plausible_syllable(word)


def test_stop_finals_take_only_sac_or_nang():
    assert plausible_syllable("hóc") and plausible_syllable("học")
    assert not any(plausible_syllable(w) for w in ("hòc", "hỏc", "hõc"))
