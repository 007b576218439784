"""Machine-translation and spinner damage: flags with evidence, and the one safe repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from vntextclean import Cleaner
from vntextclean import mt
from vntextclean.mt import (
    flag_dangling_fragments, flag_echoed_words, flag_stray_full_stops, flag_unexplained_acronyms)

FIXTURES = Path(__file__).parent / "fixtures"


def _spans(text, found):
    return [text[f.start:f.end] for f in found]


# --- stray full stops -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "at"), [
    ("đổi mới nội dung sinh hoạt chi bộ và sinh viên. sinh hoạt chuyên đề, tăng cường kiểm tra.", "viên. sinh"),
    ("đào tạo nguồn nhân lực, thu ngân sách. thu hút nhân tài, quản lý tài nguyên.", "sách. thu"),
    ("đề xuất các chủ trương, giải pháp. pháp luật trong công tác xây dựng Đảng.", "pháp. pháp"),
])
def test_stray_full_stop_flagged(text, at):
    assert _spans(text, flag_stray_full_stops(text)) == [at]


def test_repeated_word_named_in_reason():
    text = "các chủ trương, giải pháp. pháp luật trong công tác."
    (f,) = flag_stray_full_stops(text)
    assert "'pháp' repeats" in f.reason and f.after is None


@pytest.mark.parametrize("text", [
    "Tại TP. Hồ Chí Minh, hội nghị diễn ra.",
    "Tại Tp. Hồ Chí Minh, hội nghị diễn ra.",
    "Các sở, ban, ngành v.v. đều tham dự.",
    "Tỷ lệ tăng 2.5 lần so với năm trước.",
    "Họ chờ đợi… rồi ra về.",
    "Họ chờ đợi... rồi ra về.",
    "Các bước:\n1. chuẩn bị hồ sơ\n2. nộp hồ sơ",
    "Xem tại http://jp.hanoi.vietnamplus.vn/ để biết thêm.",
    "Giữa VinaCapital Real Estate Ltd. và Tổng Công ty CP.",
    "Tốc độ cao trên thiết bị di động. iPhone 4 cũng hỗ trợ.",
    "Hội nghị đã thành công. Các đại biểu ra về.",
    "Xem tr. 12 của tài liệu.",
    "Cambridge University Press. tr. 62–93. ISBN 9780521.",
    "Encyclopædia Britannica. http://www.britannica.com",
    "Strabon, Géographie, éd. en grec et trad. en français sous la dir. de François Lasserre.",
    "ví dụ \"Canis\" sp. nghĩa là một loài.",
])
def test_stray_full_stop_false_alarms_avoided(text):
    assert not list(flag_stray_full_stops(text))


def test_informal_text_is_not_flagged():
    chat = ("mình yêu cô ấy 7 tháng. trước đó cô ấy đã quen người khác. mình rất yêu cô ấy. "
            "cô ấy cũng thế. khi ở bên nhau rất vui. nhưng cứ giận là lại nghĩ đến. Buồn lắm.")
    assert not list(flag_stray_full_stops(chat))
    assert not list(flag_dangling_fragments(chat))


# --- echoed words, dangling fragments ---------------------------------------------------------------

def test_echoed_filler_closing_paragraph():
    text = "Bình Dương xây dựng thành phố thông minh. Thông minh, hiện đại, đa cảm.\n\nĐoạn sau."
    assert _spans(text, flag_echoed_words(text)) == ["thông minh. Thông minh"]


@pytest.mark.parametrize("text", [
    "Xem xong đoạn clip, tôi thấy kinh hãi. Kinh hãi bởi việc một người bị hành hạ, mà những bạn trẻ khác vẫn dửng dưng ngồi xem.",
    "Vết sẹo là hệ quả từ một vết thương. Vết thương nào cũng đau đớn, cũng để lại dấu vết trên cơ thể con người.",
    "Hội nghị tại Hà Nội. Nội dung chính là cải cách.",
])
def test_echo_as_figure_of_style_is_not_flagged(text):
    assert not list(flag_echoed_words(text))


def test_dangling_fragment_at_paragraph_end():
    text = "bám sát đặc điểm của cấp ủy cấp trên không cùng cấp chính quyền. ban cho.\n\nÔng Định phát biểu."
    assert _spans(text, flag_dangling_fragments(text)) == ["ban cho."]
    assert not list(flag_stray_full_stops(text)), "the same break is reported once, as a fragment"


@pytest.mark.parametrize("text", [
    "Được Harrah's Entertainment Inc. sở hữu.\n\nLịch sử",
    "Géographie, 7 t. parus (détail).",
    "Giá vàng tăng mạnh. Còn tiếp.",
    "Hội nghị kết thúc lúc 17 giờ. v.v.",
    "Đề nghị các đơn vị thực hiện. và báo cáo kết quả về Ban Thường vụ trước ngày 15 tháng 12 năm 2021.",
])
def test_not_a_dangling_fragment(text):
    assert not list(flag_dangling_fragments(text))


# --- acronyms ---------------------------------------------------------------------------------------

# Well-formed sentences, so that two breaks look like damage and not like forum writing.
CLEAN_SENTENCES = ("Hội nghị đánh giá kết quả năm 2021. Các đại biểu thảo luận sôi nổi. "
                   "Đại hội đã thành công tốt đẹp. Năm tới sẽ có nhiều đổi mới. ")
DAMAGED = CLEAN_SENTENCES + "Đảng bộ Khối tỉnh có nhiều giải pháp. pháp luật, thu ngân sách. thu hút nhân tài. "


def test_unexplained_acronym_in_damaged_text():
    text = DAMAGED + "Sau 3 năm thành lập của NEK là rất đáng ghi nhận. ĐBKK luôn chú trọng tuyên truyền."
    assert _spans(text, flag_unexplained_acronyms(text)) == ["NEK", "ĐBKK"]


def test_acronyms_in_clean_text_are_not_flagged():
    text = "Sau 3 năm thành lập của NEK là rất đáng ghi nhận. ĐBKK luôn chú trọng tuyên truyền."
    assert not list(flag_unexplained_acronyms(text))


@pytest.mark.parametrize("text", [
    DAMAGED + "Hiệp hội Du lịch (HHDL) họp. HHDL cho biết.",             # defined
    DAMAGED + "Phát triển kinh tế – xã hội của tỉnh, KT-XH tăng.",         # spelled out
    DAMAGED + "Theo Nghị quyết số 02-NQ/ĐUK khóa XII.",                    # a code and a numeral
    DAMAGED + "\nHỒ VÂN",                                                   # a name in capitals
    DAMAGED + "Cuộc sống VUI VẺ lắm.",                                      # a word in capitals
    DAMAGED + "Chủ tịch UBND tỉnh tặng Bằng khen.",                         # known
])
def test_explained_acronyms_are_not_flagged(text):
    assert not list(flag_unexplained_acronyms(text))


def test_known_acronym_that_garbles_the_articles_own_name():
    text = DAMAGED + "Đảng bộ Khối họp. ĐBQH đã thực hiện tốt nhiệm vụ."
    (f,) = flag_unexplained_acronyms(text)
    assert text[f.start:f.end] == "ĐBQH" and "ĐBK" in f.reason
    other = DAMAGED.replace("Đảng bộ Khối", "Đảng ủy Khối") + "Đảng ủy Khối họp, Đoàn ĐBQH tỉnh dự."
    assert not list(flag_unexplained_acronyms(other))


def test_one_typo_is_not_damage():
    text = CLEAN_SENTENCES + "Đảng bộ Khối có nhiều giải pháp. pháp luật. Sau đó ĐBKK và NEK báo cáo."
    assert len(list(flag_stray_full_stops(text))) == 1
    assert not list(flag_unexplained_acronyms(text))


def test_works_without_an_abbreviation_dictionary(monkeypatch):
    monkeypatch.setattr(mt, "_dictionary_keys", lambda: frozenset())
    text = DAMAGED + "ĐBKK luôn chú trọng tuyên truyền."
    assert _spans(text, flag_unexplained_acronyms(text)) == ["ĐBKK"]


# --- through the pipeline ------------------------------------------------------------------------------

@pytest.mark.parametrize("profile", ["safe", "news", "aggressive"])
def test_doubled_full_stop_fixed_in_every_profile(profile):
    text = "phù hợp với từng giai đoạn phát triển. . ĐBKK luôn chú trọng tuyên truyền."
    r = Cleaner(profile=profile).clean(text)
    assert "phát triển. ĐBKK" in r.text
    assert any(e.rule == "mt/doubled-full-stop" for e in r.edits)


@pytest.mark.parametrize("text", ["Chờ đợi . . . rồi thôi.", "Chờ đợi. . . rồi thôi.", "Hết…", "Giá 2.5. Sau đó"])
def test_doubled_full_stop_leaves_ellipses(text):
    assert Cleaner(only=["mt/doubled-full-stop"]).clean(text).text == text


def test_flags_change_nothing_and_are_reported_in_news_profile():
    text = "Đổi mới nội dung sinh hoạt chi bộ và sinh viên. sinh hoạt chuyên đề. Rate this post"
    r = Cleaner(profile="news").clean(text)
    assert r.text == text
    assert {f.rule for f in r.flags} >= {"mt/stray-full-stop", "mt/english-furniture"}
    # The safe profile only repairs: spinner damage is analysis, asked for with --profile news.
    assert not [f for f in Cleaner().clean(text).flags if f.rule.startswith("mt/")]


def test_no_flags_on_clean_paragraphs():
    """60 clean paragraphs (Wikipedia, legal texts): no mt flag at all."""
    text = (FIXTURES / "clean_paragraphs.txt").read_text(encoding="utf-8")
    for profile in ("safe", "news"):
        r = Cleaner(profile=profile).clean(text)
        assert not [f for f in r.flags if f.rule.startswith("mt/")]
        assert not [e for e in r.edits if e.rule.startswith("mt/")]


# --- regions ------------------------------------------------------------------------------------------

REGIONS = Cleaner(only=["mt/foreign-regions"])


def test_region_foreign_to_the_articles_province():
    text = (CLEAN_SENTENCES + "Bình Dương đẩy mạnh giải pháp. pháp luật, ngân sách. thu hút. Đội ngũ cán bộ vùng Đồng bằng sông Hồng "
            "đã trưởng thành. Đồng bằng sông Cửu Long đã trải qua nhiều lần thành lập.")
    assert [f.before for f in REGIONS.clean(text).flags] == ["Đồng bằng sông Hồng", "Đồng bằng sông Cửu Long"]


@pytest.mark.parametrize("text", [
    "Bình Dương và vùng Đồng bằng sông Hồng hợp tác phát triển.",                      # no damage
    CLEAN_SENTENCES + "Cần Thơ có giải pháp. pháp luật, ngân sách. thu hút; Đồng bằng sông Cửu Long phát triển.",
    CLEAN_SENTENCES + "Có giải pháp. pháp luật, ngân sách. thu hút; Đồng bằng sông Cửu Long phát triển.",
    CLEAN_SENTENCES + "Bình Dương có giải pháp. pháp luật, ngân sách. thu hút; tàu đi qua Thái Bình Dương.",
])
def test_region_not_flagged(text):
    assert not REGIONS.clean(text).flags


# --- property: generated well-formed Vietnamese raises nothing -------------------------------------------

from hypothesis import assume, given, settings  # noqa: E402

from vntextclean.strategies import vietnamese_text  # noqa: E402

NEWS = Cleaner(profile="news")


@settings(max_examples=30)     # the whole news pipeline runs per example
@given(vietnamese_text())
def test_wellformed_text_raises_no_mt_or_boilerplate_finding(text):
    paragraphs = [p for p in text.splitlines() if p.strip()]
    assume(all(a != b for a, b in zip(paragraphs, paragraphs[1:])))   # that would be a repeat to drop
    r = NEWS.clean(text)
    ours = [f for f in r.findings if f.rule.split("/")[0] in ("mt", "boilerplate")]
    assert not ours, [(f.rule, f.before) for f in ours]
