"""Hypothesis properties of the cleaner on arbitrary and Vietnamese-like text."""

import unicodedata

from hypothesis import given, strategies as st

from vntextclean import Cleaner, apply_edits, clean, clean_and_explain

VIETNAMESE_CHARS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
                    "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
                    "ĐÂĂÊÔƠƯ .,;:!?-()\n0123456789\u00a0\u200bÐ\u0300\u0301\u0309\u0303\u0323")
damaged_text = st.text(VIETNAMESE_CHARS, max_size=80)
any_text = st.text(st.characters(codec="utf-8"), max_size=60)


@given(any_text)
def test_no_exception_and_edits_rebuild_on_arbitrary_unicode(text):
    result = clean_and_explain(text)
    assert apply_edits(text, result.edits) == result.text


@given(st.one_of(damaged_text, any_text))
def test_output_is_nfc(text):
    assert unicodedata.is_normalized("NFC", clean(text))


@given(st.one_of(damaged_text, any_text))
def test_idempotent(text):
    once = clean(text)
    assert clean(once) == once


@given(damaged_text)
def test_digits_and_line_count_kept(text):
    out = clean(text)
    assert [c for c in out if c.isdigit()] == [c for c in text if c.isdigit()]
    assert out.count("\n") == text.count("\n")


@given(damaged_text)
def test_fast_scan_agrees_with_full_run(text):
    assert Cleaner().clean(text).text == Cleaner(scan=False).clean(text).text


@given(damaged_text)
def test_news_profile_edits_rebuild(text):
    result = clean_and_explain(text, profile="news")
    assert apply_edits(text, result.edits) == result.text
