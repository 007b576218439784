"""Tone placement in the traditional and modern styles, and the tone/placement rule."""

import csv
import re
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, strategies as st

from vntextclean.cleaner import Cleaner
from vntextclean.config import CleanConfig
from vntextclean.edits import apply_edits
from vntextclean.strategies import misplaced_tones, syllables, vietnamese_text
from vntextclean.syllable import _WITH_MARK, TONES, enumerate_syllables, parse, spell
from vntextclean.tone import place_tone, place_tones, to_style, trigger_pattern

FIXTURES = Path(__file__).parent / "fixtures"
STYLES = ("traditional", "modern")


def _ctx(style="traditional", **data):
    return SimpleNamespace(config=CleanConfig(tone_style=style),
                           data={"keep_capitalised": True, **data}, state={})


def _fix(text, style="traditional", **data):
    return apply_edits(text, list(place_tones(text, _ctx(style, **data))))


def _read_tsv(name):
    with open(FIXTURES / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _legal_paragraphs():
    text = (FIXTURES / "tone_traditional_legal.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if p.strip()]


# --- the two styles ----------------------------------------------------------------

@pytest.mark.parametrize(("traditional", "modern"), [
    ("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("ủy", "uỷ"), ("họa", "hoạ"),
    ("tòa", "toà"), ("xóa", "xoá"), ("thỏa", "thoả"), ("lòe", "loè"), ("túy", "tuý"),
    ("Hòa", "Hoà"), ("ỦY", "UỶ"), ("òa", "oà"),
])
def test_styles_differ_on_open_oa_oe_uy(traditional, modern):
    assert place_tone(modern, style="traditional") == traditional
    assert place_tone(traditional, style="modern") == modern
    assert place_tone(traditional, style="traditional") == traditional
    assert place_tone(modern, style="modern") == modern


@pytest.mark.parametrize("word", [
    "hoàn", "thuyền", "quả", "giá", "người", "khuya", "hoài", "xoáy", "ngoẻo", "khuỷu",
    "quý", "quỳnh", "huế", "thuở", "tuần", "của", "mía", "mưa", "giữa", "ngoằng", "huỳnh",
    "khuếch", "hoạch", "Nguyễn", "ĐOÀN", "yếu", "uyển", "moóc",
])
def test_same_in_both_styles(word):
    for style in STYLES:
        assert place_tone(word, style=style) == word


@pytest.mark.parametrize(("wrong", "right"), [
    ("tìên", "tiền"), ("hòan", "hoàn"), ("cuả", "của"), ("qủa", "quả"), ("gìa", "già"),
    ("giừơng", "giường"), ("ngừơi", "người"), ("xúât", "xuất"), ("lọai", "loại"),
    ("baỷ", "bảy"), ("ngòăng", "ngoằng"), ("kiêú", "kiếu"), ("Qúy", "Quý"),
    ("HÒAN", "HOÀN"), ("vịêc", "việc"), ("muốn", "muốn"), ("mưá", "mứa"),
])
def test_misplacements_no_style_allows(wrong, right):
    for style in STYLES:
        assert place_tone(wrong, style=style) == right


def test_viet_text_tools_cases():
    """The 16 cases of viet_text_tools' test suite (MIT; see fixtures/SOURCES.md)."""
    rows = _read_tsv("viet_text_tools_tone.tsv")
    assert len(rows) == 16
    for row in rows:
        style = {"old": "traditional", "new": "modern"}[row["style"]]
        # One expected value is NFD in the source; this stage sees NFC text.
        expected = unicodedata.normalize("NFC", row["expected"])
        assert place_tone(row["input"], style=style) == expected, row["origin"]


def test_real_misplacements_from_viwiki_spelling():
    """63 annotated real mistakes that differ from the correction only in where the
    mark sits; in context the rule repairs each, except next to foreign letters."""
    rows = _read_tsv("tone_cases_viwiki.tsv")
    assert len(rows) == 63
    repaired = 0
    for row in rows:
        assert place_tone(row["wrong"], style=row["style"]) == row["right"]
        text = row["left_context"] + row["wrong"] + row["right_context"]
        start = len(row["left_context"])
        at = [c for c in place_tones(text, _ctx(row["style"]))
              if c.start == start and c.end == start + len(row["wrong"])]
        window = text[max(0, start - 20):start + len(row["wrong"]) + 20]
        if re.search("[äöüëïÿ]", window):
            assert at == [], "held back next to foreign letters"
            continue
        assert [c.after for c in at] == [row["right"]], row
        repaired += 1
    assert repaired >= 60


# --- real text ---------------------------------------------------------------------

def test_round_trip_on_real_traditional_text():
    paragraphs = _legal_paragraphs()
    assert len(paragraphs) > 40
    changed = 0
    for p in paragraphs:
        modern = to_style(p, style="modern")
        changed += modern != p
        assert to_style(modern, style="traditional") == p
        assert to_style(p, style="traditional") == p
    assert changed == len(paragraphs)   # every paragraph has oa/oe/uy words


def test_clean_traditional_text_neither_changes_nor_triggers():
    trigger = re.compile(trigger_pattern(CleanConfig()))
    for p in _legal_paragraphs():
        for line in p.splitlines():
            assert list(place_tones(line, _ctx())) == []
            assert not trigger.search(line), line


def test_modern_config_triggers_on_traditional_text():
    trigger = re.compile(trigger_pattern(CleanConfig(tone_style="modern")))
    for p in _legal_paragraphs():
        body = p.split("\n", 1)[1]
        if list(place_tones(body, _ctx("modern"))):
            assert trigger.search(body)


# --- what the rule leaves alone ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "https://vi.wikipedia.org/wiki/hoà_bình",
    "xem www.hoà.vn",
    "xem www.hoà",
    "/wiki/hoà và NQ/ĐUK/hoà",
    "thư gửi hoà.nguyen@example.vn",
    "Nghị quyết số 02-NQ/ĐUK",
    "mã hoà2024 và 3thuỷ",
    "tệp thuỷ_lợi.docx",
    "José Pérez, café, più, Montréal",
    "Zhōu Huì Mǐn",
    "Hoa Kỳ",
    "chị Thuý, anh Hoà, NGUYỄN THỊ THUÝ",
    "nhaụ",   # a typo of "nhau"; "nhạu" is no known syllable
])
def test_left_alone(text):
    assert _fix(text) == text


def test_foreign_letters_hold_back_only_their_own_line():
    assert _fix("Zhōu Huì Mǐn\nhoà bình") == "Zhōu Huì Mǐn\nhòa bình"


def test_a_slash_between_plain_words_is_prose_not_a_code():
    assert _fix("văn hoá/dân tộc, hoà/thuỷ.") == "văn hóa/dân tộc, hòa/thủy."


def test_capitalised_words_keep_their_style_but_not_their_misplacement():
    assert _fix("chị Thuý và Hòan") == "chị Thuý và Hoàn"
    assert _fix("chị Thúy", "modern") == "chị Thúy"
    assert _fix("chị Thuý", keep_capitalised=False) == "chị Thúy"
    assert to_style("Hoà Bình", style="traditional") == "Hòa Bình"
    assert to_style("Hoà Bình", style="traditional", keep_capitalised=True) == "Hoà Bình"


def test_changes_carry_spans_and_reasons():
    text = "Sức khoẻ, tìên bạc"
    changes = list(place_tones(text, _ctx()))
    assert [(text[c.start:c.end], c.after, c.reason) for c in changes] == [
        ("khoẻ", "khỏe", "traditional tone placement"),
        ("tìên", "tiền", "tone mark on the wrong vowel"),
    ]


def test_unknown_style_is_refused():
    with pytest.raises(ValueError):
        place_tone("hoà", style="old")


# --- the trigger -------------------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_trigger_matches_every_wrong_form_and_no_right_one(style):
    """Exhaustive over the spelling space: every syllable, tone, wrong vowel and case."""
    trigger = re.compile(trigger_pattern(CleanConfig(tone_style=style)))
    for bare in enumerate_syllables():
        for tone in TONES[1:]:
            try:
                right = spell(bare, tone, style=style)
            except ValueError:
                continue
            wrongs = [bare[:i] + _WITH_MARK[c, TONES.index(tone)] + bare[i + 1:]
                      for i, c in enumerate(bare) if (c, 1) in _WITH_MARK]
            for case in (str.lower, str.capitalize, str.upper):
                assert not trigger.search(case(right)), case(right)
                for wrong in wrongs:
                    if wrong != right:
                        assert trigger.search(case(wrong)), case(wrong)


def test_trigger_is_bounded_by_word_edges():
    trigger = re.compile(trigger_pattern(CleanConfig()))
    assert trigger.search("(hoà)")
    assert trigger.search("Uỷ ban")
    assert not trigger.search("hoàn thành, quả, già, Hoàng")


# --- properties --------------------------------------------------------------------

@given(syllables(), st.sampled_from(STYLES))
def test_place_tone_is_idempotent(word, style):
    once = place_tone(word, style=style)
    assert place_tone(once, style=style) == once


@given(syllables())
def test_style_round_trip_on_syllables(word):
    assert place_tone(place_tone(word, style="modern"), style="traditional") == word


@given(syllables(style="modern"))
def test_style_round_trip_from_modern(word):
    assert place_tone(place_tone(word, style="traditional"), style="modern") == word


@given(misplaced_tones(), st.sampled_from(STYLES))
def test_misplaced_marks_are_moved_back(pair, style):
    wrong, right = pair
    assert place_tone(wrong, style=style) == place_tone(right, style=style)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzàáãạảèéẹẻẽìíĩỉịòóõọỏùúũụủýỳỵỷỹ", max_size=8))
def test_never_changes_non_syllables(word):
    if parse(word) is None:
        assert place_tone(word) == word and place_tone(word, style="modern") == word


@given(vietnamese_text())
def test_text_round_trip(text):
    assert to_style(text, style="traditional") == text
    assert to_style(to_style(text, style="modern"), style="traditional") == text


@given(vietnamese_text(style="modern"))
def test_rule_changes_keep_everything_but_marks(text):
    changes = list(place_tones(text, _ctx("traditional", keep_capitalised=False)))
    out = apply_edits(text, changes)
    assert out == to_style(text, style="traditional")
    assert len(out) == len(text)
    assert list(place_tones(out, _ctx("traditional", keep_capitalised=False))) == []


_CLEANERS = {(style, scan): Cleaner(only=["tone/placement"], tone_style=style, scan=scan)
             for style in STYLES for scan in (True, False)}


@given(st.lists(st.one_of(misplaced_tones().map(lambda p: p[0]), syllables(),
                          syllables(style="modern"), st.sampled_from([",", ".", "\n", "2/9"])),
                min_size=1, max_size=10).map(" ".join),
       st.sampled_from(STYLES))
def test_the_cleaners_fast_scan_never_misses_a_tone_repair(text, style):
    fast = _CLEANERS[style, True].clean(text)
    full = _CLEANERS[style, False].clean(text)
    assert fast.text == full.text
    assert fast.text == apply_edits(text, fast.edits)
