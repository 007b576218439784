"""News page furniture, repeated captions and leads, datelines, bylines, credits, source tags."""

from __future__ import annotations

import pytest

from vntextclean import Cleaner, apply_edits
from vntextclean.boilerplate import (
    drop_dateline_widgets, drop_lead_teaser, drop_related_headlines, drop_repeated_lines, find_bylines, find_datelines,
    find_photo_credits, find_source_tags, trim_repeated_lead)

NEWS = Cleaner(profile="news")
SAFE = Cleaner(profile="safe")


def _boilerplate_edits(text: str, cleaner: Cleaner = NEWS):
    return [e for e in cleaner.clean(text).edits if "boilerplate/" in e.rule]


def _news_text(text: str) -> str:
    return NEWS.clean(text).text


# --- furniture lines --------------------------------------------------------------------------

FURNITURE = [
    "Tiếng Việt | English", "VN | EN", "Chia sẻ bài viết", "Chia sẻ", "In bài viết", "Bình luận",
    "Bình luận (0)", "Ý kiến ()", "Ý kiến (12)", "Gửi ý kiến của bạn", "Tin liên quan", "Tin liên quan:",
    "Tất cả chuyên mục", "Liên kết website", "Xem thêm:", "Tin cùng chuyên mục", "Về đầu trang",
    "Trang chủ > Thời sự > Chính trị", "A A", "A- A+", "A+ A-", "A A A", ".", ",", "|",
    "Rate this post", "Leave a Reply", "Your email address will not be published.", "Read more »",
    "Facebook | Zalo | Twitter", ">> Ribery muốn tới Chelsea", "TAGS: giao duc, lương giảng viên",
    "Từ khóa: Đảng ủy Khối, nghị quyết", "© Ghi rõ nguồn \"VTC.VN\" khi phát hành lại thông tin",
    "Đánh giá bài viết", "4.5/5 (2 bình chọn)",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_dropped_in_news(line):
    text = f"Sáng 18/01, Đảng ủy Khối tổ chức hội nghị.\n\n{line}\n\nHội nghị đã thành công tốt đẹp."
    assert _news_text(text) == "Sáng 18/01, Đảng ủy Khối tổ chức hội nghị.\n\nHội nghị đã thành công tốt đẹp."


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_kept_in_safe_profile(line):
    text = f"Sáng 18/01, hội nghị.\n{line}\nHội nghị thành công."
    assert not _boilerplate_edits(text, SAFE)


CONTENT = [
    "Bình luận của đồng chí Bí thư về kết quả năm 2021 được đánh giá cao.",
    "Chia sẻ kinh nghiệm, các đại biểu cho rằng cần đổi mới phương thức lãnh đạo.",
    "Tin liên quan đến vụ việc được cơ quan chức năng xác minh.",
    "Ý kiến của các đại biểu tập trung vào công tác cán bộ.",
    "In ấn tài liệu tuyên truyền được thực hiện kịp thời.",
    "Xem thêm các hình ảnh tại triển lãm.",
    "Tiếng Việt là ngôn ngữ chính thức.",
    "Hạng A và hạng A+ đều đạt chuẩn.",
    "Trang chủ của Đảng bộ Khối được nâng cấp.",
    "…",
    "***",
    "> Trích dẫn ý kiến của bạn đọc",
    "Ca khúc Leave a Reply của nhóm nhạc được phát hành năm 2019.",
]


@pytest.mark.parametrize("line", CONTENT)
def test_content_line_that_looks_like_furniture_is_kept(line):
    text = f"Sáng 18/01, hội nghị.\n\n{line}\n\nHội nghị thành công."
    assert not _boilerplate_edits(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Tiếng Việt | English\n\nTiêu đề\n\nĐoạn một.", "Tiêu đề\n\nĐoạn một."),     # at the start
    ("Đoạn một.\n\nKỳ Nam\n\nChia sẻ bài viết", "Đoạn một.\n\nKỳ Nam"),             # at the end
    ("Đoạn một.\n\nKỳ Nam\n\nChia sẻ bài viết\n", "Đoạn một.\n\nKỳ Nam\n"),       # the ending is kept
    ("Minh Yến\nLiên kết website\nÝ kiến ()", "Minh Yến"),                             # several at the end
    ("Đoạn một.\nBình luận\nĐoạn hai.", "Đoạn một.\nĐoạn hai."),                       # no blank lines
    ("Đoạn một.\r\n\r\nBình luận\r\n\r\nĐoạn hai.", "Đoạn một.\r\n\r\nĐoạn hai."),       # CRLF
])
def test_dropped_lines_leave_no_blank_debris(text, want):
    assert _news_text(text) == want


@pytest.mark.parametrize("text", [
    "Tin vắn\n>> \nDù đang gặp nhiều khó khăn, các doanh nhân vẫn hồ hởi.",
    "Đoạn một.\nChia sẻ\n\nĐoạn hai.",
    "Đoạn một.\nTAGS:\nĐoạn hai là nội dung.",
])
def test_a_dropped_line_never_takes_the_next_line_with_it(text):
    out = _news_text(text)
    assert out.splitlines()[-1] == text.splitlines()[-1]


# --- repeated captions and leads -------------------------------------------------------------------

def test_caption_printed_twice_keeps_first_copy():
    cap = "Bí thư Đảng ủy Khối các cơ quan tỉnh Trần Đình Quế phát biểu kết luận hội nghị."
    text = f"Đoạn một.\n\n{cap}\n{cap}\n\nĐoạn hai."
    out = apply_edits(text, drop_repeated_lines(text))
    assert out == f"Đoạn một.\n\n{cap}\n\nĐoạn hai."


def test_caption_repeated_after_a_short_line():
    cap = "Các đại biểu tham dự hội nghị tổng kết."
    text = f"{cap}\nẢnh: Kim Dung\n{cap}\nĐoạn hai."
    assert apply_edits(text, drop_repeated_lines(text)) == f"{cap}\nẢnh: Kim Dung\nĐoạn hai."


@pytest.mark.parametrize("text", [
    "0,5 ngày làm việc\n0,5 ngày làm việc\n0,5 ngày làm việc",     # table cells
    "- Vé máy bay:..........\n- Vé máy bay:..........",            # a form
    "=== Người mẫu ===\nĐược trao từ năm 2015.\n=== Giải khác ===\nĐược trao từ năm 2015.",  # a list
    "Hà Nội\nHà Nội\nĐoạn văn.",                                # too short to be a caption
    "Một dòng chú thích ảnh.\n" + "Một đoạn văn dài " * 20 + "\nMột dòng chú thích ảnh.",  # a paragraph between
    "Đoạn văn thứ nhất của bài.\nĐoạn văn thứ hai của bài.",
])
def test_repeats_that_are_not_captions_are_kept(text):
    assert not list(drop_repeated_lines(text))


def test_whole_paragraph_pasted_twice_is_dropped_once():
    para = "Thôn Yến Bái là một thôn lớn, có tới 880 hộ với gần 4.000 dân trong 45 dòng họ. " * 4
    text = f"{para}\n{para}\nĐoạn sau."
    assert apply_edits(text, drop_repeated_lines(text)) == f"{para}\nĐoạn sau."


LEAD = "Website về 1.000 năm Thăng Long bằng tiếng Nhật đã chính thức ra mắt ngày 3-8, tại Hà Nội."


def test_lead_repeated_at_start_of_paragraph_two():
    text = f"{LEAD}\n{LEAD} Trang sẽ được duy trì lâu dài.\nĐoạn ba."
    assert apply_edits(text, trim_repeated_lead(text)) == f"{LEAD}\nTrang sẽ được duy trì lâu dài.\nĐoạn ba."


@pytest.mark.parametrize("text", [
    "Theo báo cáo, năm nay tăng.\nTheo báo cáo, năm nay tăng. Đó là kết quả tốt.",   # too short
    f"{LEAD[:-1]}\n{LEAD[:-1]} thêm nữa.",                                              # not a whole sentence
    f"{LEAD}\nĐoạn hai khác hẳn.",
])
def test_lead_not_trimmed_without_evidence(text):
    assert not list(trim_repeated_lead(text))


def test_teaser_is_a_suggestion_only():
    stem = "Châu Âu sẽ không giải ngân 8 tỷ euro tiếp theo để cứu trợ Hy Lạp cho đến sau cuộc trưng cầu"
    text = f"{stem}...\n{stem} dân ý.\nĐoạn ba."
    assert apply_edits(text, drop_lead_teaser(text)) == f"{stem} dân ý.\nĐoạn ba."
    r = NEWS.clean(text)
    assert r.text == text and [s.rule for s in r.suggestions] == ["boilerplate/lead-teaser"]


def test_identical_teaser_and_copy_lose_only_one_line():
    line = "\"Bó tay\" trước hàng ngàn biệt thự bỏ hoang, việc thắt chặt tín dụng khiến thị trường tê liệt..."
    text = f"{line}\n{line}\nĐoạn ba."
    r = Cleaner(profile="news", apply_suggestions=True).clean(text)
    assert r.text.count(line) == 1 and "Đoạn ba." in r.text


# --- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "value"), [
    ("18/01/2022 - 15:00", "2022-01-18 15:00"),
    ("Cập nhật lúc 15:34, Thứ Sáu, 02/08/2019 (GMT+7)", "2019-08-02 15:34"),
    ("Thứ Sáu, 22/11/2024 14:25 (GMT +7)", "2024-11-22 14:25"),
    ("Thứ 4, 29/09/2021 | 07:55:42 [GMT +7]", "2021-09-29 07:55"),
    ("Chủ nhật, 12/10/2020", "2020-10-12"),
    ("Ngày đăng: 05-03-2021 08:30", "2021-03-05 08:30"),
])
def test_dateline_recognised(line, value):
    (m,) = find_datelines(f"Tiêu đề\n{line}\nSáng nay, hội nghị khai mạc.")
    assert (m.kind, m.value) == ("dateline", value)


def test_dateline_stays_on_its_line():
    text = "18/01/2022\n15:00 là giờ khai mạc hội nghị."
    assert [text[m.start:m.end] for m in find_datelines(text)] == ["18/01/2022"]


@pytest.mark.parametrize("text", [
    "Ngày 18/01/2022, Đảng ủy Khối tổ chức hội nghị.",
    "Thứ Sáu tuần trước, hội nghị diễn ra.",
    "15:00",
    "Năm 2021 là năm đầu thực hiện Nghị quyết.",
])
def test_not_a_dateline(text):
    assert not list(find_datelines(text))


def test_font_widget_on_dateline_is_removed_and_date_kept():
    text = "Thứ 4, 29/09/2021 | 07:55:42 [GMT +7] A A\nĐảng bộ Khối các cơ quan tỉnh có vị trí quan trọng."
    r = NEWS.clean(text)
    assert r.text.splitlines()[0] == "Thứ 4, 29/09/2021 | 07:55:42 [GMT +7]"
    assert [m.text for m in r.metadata if m.kind == "dateline"] == ["Thứ 4, 29/09/2021 | 07:55:42 [GMT +7]"]
    assert not list(drop_dateline_widgets("Hạng A A\nNăm 2021."))


# --- bylines, credits, source tags -------------------------------------------------------------------

BODY = "Dịp này, 16 tổ chức cơ sở Đảng được nhận giấy khen của Đảng ủy Khối./."


@pytest.mark.parametrize(("tail", "name"), [
    ("\n\nKỳ Nam\n\nChia sẻ bài viết", "Kỳ Nam"),
    ("\n\nHỒ VÂN\n\nLeave a Reply\n\nYour email address will not be published.", "HỒ VÂN"),
    ("\nMinh Yến\nLiên kết website\nÝ kiến ()", "Minh Yến"),
    ("\n\nBan Tuyên giáo Đảng ủy Khối", "Ban Tuyên giáo Đảng ủy Khối"),
    ("\n\nP.V", "P.V"),
    ("\n\nMinh Anh - Thu Hà", "Minh Anh - Thu Hà"),
    ("\n\nKỳ Nam (TTXVN)", "Kỳ Nam (TTXVN)"),
])
def test_byline_recognised(tail, name):
    (m,) = find_bylines(BODY + tail)
    assert (m.kind, m.value) == ("byline", name)


@pytest.mark.parametrize("text", [
    BODY,                                                     # no byline
    BODY + "\n\nThời gian tới sẽ tiếp tục triển khai",         # a sentence, not a name
    "Kỳ Nam\n\n" + BODY,                                      # a name line, but not at the end
    "Hà Nội\n\nNguyễn Văn A",                                 # no body paragraph before it
    BODY + "\n\nGiới trẻ Hà thành đổ xô về Vườn hoa bách nhật",  # a related-article title
    BODY + "\n\nĐoàn kết, Sáng tạo, Hiệu quả, Phát triển",       # a slogan of single words
    BODY + "\n\nXin Cảm Ơn!",
])
def test_not_a_byline(text):
    assert not list(find_bylines(text))


def test_photo_credit_in_caption():
    text = "Quang cảnh Hội nghị. Ảnh: Kim Dung\n\nThí sinh dự thi. (Ảnh: Hoàng Hà.)"
    assert [(m.kind, text[m.start:m.end], m.value) for m in find_photo_credits(text)] == [
        ("photo-credit", "Ảnh: Kim Dung", "Kim Dung"), ("photo-credit", "Ảnh: Hoàng Hà", "Hoàng Hà")]
    assert not list(find_photo_credits("Ảnh: một bức ảnh đẹp được chụp vào buổi sáng sớm tại quảng trường lớn"))


@pytest.mark.parametrize(("text", "tag"), [
    ("Tiêu đề\n\n(Baonghean.vn) - Chiều 27/12, Ban Thường vụ họp.", "(Baonghean.vn) -"),
    ("(Dân trí) - Sáng nay, hội nghị khai mạc.", "(Dân trí) -"),
    ("TTO - Sáng nay, hội nghị khai mạc.", "TTO -"),
])
def test_source_tag(text, tag):
    (m,) = find_source_tags(text)
    assert text[m.start:m.end] == tag


@pytest.mark.parametrize("text", [
    "(Ảnh minh họa) Tỉnh ủy đã tổ chức hội nghị.",
    "Đoạn một.\nĐoạn hai.\nĐoạn ba.\n(Dân trí) - Đoạn bốn ở xa đầu bài.",
    "UBND tỉnh - cơ quan chủ trì - đã họp.",
])
def test_not_a_source_tag(text):
    assert not list(find_source_tags(text))


def test_recognisers_change_nothing():
    text = "(Baonghean.vn) - Chiều 27/12, hội nghị.\nQuang cảnh. Ảnh: Kim Dung\n\n" + BODY + "\n\nKỳ Nam"
    r = NEWS.clean(text)
    assert r.text == text
    assert {m.kind for m in r.metadata} == {"source-tag", "photo-credit", "byline"}


def test_news_profile_leaves_clean_prose_alone():
    """60 clean paragraphs (Wikipedia, legal texts): no boilerplate edit, suggestion or metadata."""
    from pathlib import Path
    text = (Path(__file__).parent / "fixtures" / "clean_paragraphs.txt").read_text(encoding="utf-8")
    r = NEWS.clean(text)
    assert not [e for e in [*r.edits, *r.suggestions] if "boilerplate/" in e.rule]


RELATED = ("Trào lưu tự sướng với video clip của giới trẻ Việt\n"
           "Ngực em tự dưng to lên một cách rõ rệt, có cách...\n"
           "Kelly Rowland: Tôi không gặp cha mình đã 20 năm nay")


def test_related_headlines_closing_the_page_are_suggested():
    text = BODY + "\n" + RELATED
    assert apply_edits(text, drop_related_headlines(text)) == BODY
    r = NEWS.clean(text)
    assert r.text == text and [s.rule for s in r.suggestions] == ["boilerplate/related-headlines"]


@pytest.mark.parametrize("text", [
    BODY + "\n" + "\n".join(RELATED.splitlines()[:2]),             # two lines are not a list of links
    "Các nguyên liệu cần có:\nThịt bò thái mỏng\nHành tây tím thái lát\nGia vị các loại khác",   # after a colon
    BODY + "\nNguyễn Văn An\nTrần Thị Bình\nLê Văn Cường",          # names
    BODY + "\n" + RELATED + "\nĐoạn kết thúc bài viết ở đây, đầy đủ câu chữ.",  # not at the end
])
def test_not_related_headlines(text):
    assert not list(drop_related_headlines(text))


# --- property: furniture goes, content stays, in order, without blank-line debris ------------------

from hypothesis import given, strategies as st  # noqa: E402

_BODY_LINES = [c for c in CONTENT if len(c.split()) > 3] + [
    "Sáng 18/01, Đảng ủy Khối tổ chức hội nghị tổng kết năm 2021.",
    "Hội nghị đã thành công tốt đẹp.",
]
_PIECES = st.lists(st.tuples(st.booleans(), st.integers(0, len(FURNITURE) - 1),
                             st.integers(0, len(_BODY_LINES) - 1), st.sampled_from(["\n", "\n\n", "\r\n"])),
                   min_size=1, max_size=12)


@given(_PIECES)
def test_news_drops_exactly_the_furniture(pieces):
    lines, kept = [], []
    for is_furniture, f, c, brk in pieces:
        line = FURNITURE[f] if is_furniture else _BODY_LINES[c]
        if not is_furniture:
            if kept and kept[-1] == line:
                continue    # an immediate repeat is a caption printed twice: not this test
            kept.append(line)
        lines.append(line + brk)
    out = _news_text("".join(lines))
    got = [line.strip() for line in out.splitlines() if line.strip()]
    assert got == kept


def test_adjacent_furniture_lines_leave_no_blank_debris():
    text = "Đoạn một.\n\nChia sẻ bài viết\nBình luận (0)\n\nĐoạn hai."
    assert _news_text(text) == "Đoạn một.\n\nĐoạn hai."
