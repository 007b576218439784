"""The Vietnamese syllable parser: what is a syllable, and how it splits."""

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from vntextclean.strategies import syllables
from vntextclean.syllable import (
    TONES, enumerate_syllables, is_syllable, parse, spell, split_tone,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("word", "parts", "tone"), [
    ("người", ("ng", "", "ươ", "i"), "huyền"),
    ("nghiêng", ("ngh", "", "iê", "ng"), "ngang"),
    ("ghế", ("gh", "", "ê", ""), "sắc"),
    ("giữa", ("gi", "", "ưa", ""), "ngã"),
    ("giường", ("gi", "", "ươ", "ng"), "huyền"),
    ("giếng", ("gi", "", "ê", "ng"), "sắc"),     # the onset took the i of iê
    ("gì", ("g", "", "i", ""), "huyền"),          # gi + i written once
    ("gìn", ("g", "", "i", "n"), "huyền"),
    ("quả", ("qu", "", "a", ""), "hỏi"),
    ("quốc", ("qu", "", "ô", "c"), "sắc"),
    ("quyết", ("qu", "", "yê", "t"), "sắc"),
    ("quỳnh", ("qu", "", "y", "nh"), "huyền"),
    ("hoàn", ("h", "o", "a", "n"), "huyền"),
    ("hòa", ("h", "o", "a", ""), "huyền"),
    ("khoẻ", ("kh", "o", "e", ""), "hỏi"),
    ("ngoằng", ("ng", "o", "ă", "ng"), "huyền"),
    ("thuở", ("th", "u", "ơ", ""), "hỏi"),
    ("tuần", ("t", "u", "â", "n"), "huyền"),
    ("huế", ("h", "u", "ê", ""), "sắc"),
    ("thuyền", ("th", "u", "yê", "n"), "huyền"),
    ("khuya", ("kh", "u", "ya", ""), "ngang"),
    ("khuỷu", ("kh", "u", "y", "u"), "hỏi"),
    ("ủy", ("", "u", "y", ""), "hỏi"),
    ("yêu", ("", "", "yê", "u"), "ngang"),
    ("của", ("c", "", "ua", ""), "hỏi"),
    ("muốn", ("m", "", "uô", "n"), "sắc"),
    ("mía", ("m", "", "ia", ""), "sắc"),
    ("đường", ("đ", "", "ươ", "ng"), "huyền"),
    ("bảy", ("b", "", "a", "y"), "hỏi"),
    ("xoong", ("x", "", "oo", "ng"), "ngang"),
    ("kỹ", ("k", "", "y", ""), "ngã"),
    ("trạch", ("tr", "", "a", "ch"), "nặng"),
    ("phở", ("ph", "", "ơ", ""), "hỏi"),
    ("nhất", ("nh", "", "â", "t"), "sắc"),
])
def test_parts_and_tone(word, parts, tone):
    s = parse(word)
    assert s is not None, word
    assert (s.onset, s.glide, s.nucleus, s.coda) == parts
    assert s.tone == tone
    assert s.bare == split_tone(word)[0]


@pytest.mark.parametrize("word", [
    # foreign words and names
    "computer", "online", "facebook", "José", "Pérez", "café", "hello", "Montréal", "Zhōu",
    # letters outside Vietnamese, abbreviations, digits, mixed case
    "wifi", "ĐUK", "UBND", "BCH", "hòa2", "iPhone", "HòA", "",
    # spelling rules: k/gh/ngh only before i y e ê, c/g/ng never
    "cê", "cy", "gế", "ngĩ", "ka", "ghá", "nghà",
    # iê needs an onset, yê has none; ă and â need a coda
    "iên", "tyên", "tă", "â", "ă",
    # a stop coda takes only sắc or nặng; one mark at most
    "hoat", "hoàt", "mạch" + "̀", "hòá",
    # impossible rimes
    "hue", "ngươ", "uơi", "tiơ", "nguời",
])
def test_not_a_syllable(word):
    assert not is_syllable(word)


@pytest.mark.parametrize("word", ["ĐẢNG", "Hòa", "HÒA", "Người", "NGƯỜI", "Ủy", "Quyết", "GIẾNG"])
def test_case_is_kept(word):
    s = parse(word)
    assert s is not None
    assert s.text == word
    assert s.onset + s.rime == split_tone(word)[0]
    assert s.spelled(style="traditional") == word


def test_stop_coda_with_wrong_tone():
    assert parse("học") is not None and parse("họ") is not None
    assert parse("hoc") is None and parse("hòc") is None and parse("hỏc") is None


def test_split_tone_refuses_two_marks():
    with pytest.raises(ValueError):
        split_tone("hòá")


def test_spell_places_the_mark_by_style():
    assert spell("hoa", "huyền") == "hòa"
    assert spell("hoa", "huyền", style="modern") == "hoà"
    assert spell("hoat", "nặng") == "hoạt"
    assert spell("Nguyên", "ngã") == "Nguyễn"
    with pytest.raises(ValueError):
        spell("hoat", "huyền")
    with pytest.raises(ValueError):
        spell("computer", "sắc")


def test_inventory_is_plausible():
    inventory = set(enumerate_syllables())
    for word in ("nghiêng", "khuya", "xoong", "quynh", "giêng", "oa", "uyên", "thuơ", "ươn"):
        assert word in inventory, word
    for word in ("ngiêng", "ka", "ce", "iên", "quu", "tiơ"):
        assert word not in inventory, word
    assert all(w == w.lower() for w in inventory)


def test_real_text_words_parse():
    """Nearly every word with Vietnamese letters in real legal text is a syllable;
    what is not is an abbreviation or a loan word."""
    text = (FIXTURES / "tone_traditional_legal.txt").read_text(encoding="utf-8")
    words = [w for line in text.splitlines() if not line.startswith("#")
             for w in line.replace("-", " ").split()]
    words = [w.strip(".,;:()\"“”'!?…") for w in words]
    viet = [w for w in words if w.isalpha() and w != w.upper()]
    failed = [w for w in viet if not is_syllable(w)]
    assert len(viet) > 1500
    assert len(failed) / len(viet) < 0.01, sorted(set(failed))


@given(syllables())
def test_generated_syllables_parse_and_spell_back(word):
    s = parse(word)
    assert s is not None
    assert s.spelled(style="traditional") == word


@given(st.text(max_size=10))
def test_parse_never_raises(text):
    s = parse(text)
    assert s is None or s.text == text


@given(syllables(), st.sampled_from(TONES))
def test_any_tone_respells_the_same_syllable(word, tone):
    s = parse(word)
    bare = s.bare
    try:
        respelled = spell(bare, tone)
    except ValueError:
        assert s.coda.lower() in ("c", "ch", "p", "t")
        return
    again = parse(respelled)
    assert again is not None and again.tone == tone and again.bare == bare
