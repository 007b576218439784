"""Unicode repairs, and where they hold back."""

import unicodedata

from vntextclean import clean, clean_and_explain


def test_decomposed_vietnamese_is_composed():
    text = unicodedata.normalize("NFD", "Đảng ủy Khối các cơ quan tỉnh Nghệ An")
    assert clean(text) == "Đảng ủy Khối các cơ quan tỉnh Nghệ An"


def test_windows_1258_style_combining_tones_compose():
    # cp1258 writes base letters with their shape marks precomposed and tones combining.
    assert clean("Vi\u00ea\u0323t Nam") == "Việt Nam"


def test_eth_only_in_vietnamese_words():
    assert clean("Ðinh Tiên Hoàng, ÐBSCL") == "Đinh Tiên Hoàng, ĐBSCL"
    for foreign in ("Guðrún Ósvífursdóttir", "Þórður", "ÞÓRÐUR", "ð"):
        assert clean(foreign) == foreign


def test_zero_width_and_bom_inside_text_removed():
    assert clean("Việ\u200bt Nam \ufeffđã viết") == "Việt Nam đã viết"


def test_emoji_joiners_kept():
    family = "gia đình 👨\u200d👩\u200d👧"
    assert clean(family) == family


def test_lookalike_letters_only_inside_latin_words():
    assert clean("Việt Nаm") == "Việt Nam"                 # Cyrillic а
    for text in ("Москва", "Αθήνα", "α-globulin", "tia β"):
        assert clean(text) == text


def test_double_tone_is_suggested_not_applied():
    result = clean_and_explain("Thù\u0309 tướng")
    assert [s.after for s in result.suggestions] == ["Thủ"]
    assert result.text.startswith("Thù")
    assert clean("Thù\u0309 tướng", apply_suggestions=True) == "Thủ tướng"


def test_each_edit_names_rule_and_reason():
    result = clean_and_explain("Ðảng\u00a0ủy")
    assert [(e.rule, e.before, e.after) for e in result.edits] == [
        ("unicode/latin-eth", "Ð", "Đ"), ("unicode/odd-spaces", "\u00a0", " ")]
    assert all(e.reason for e in result.edits)
