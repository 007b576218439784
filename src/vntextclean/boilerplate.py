"""News page furniture: repeated captions and leads, datelines, bylines, credits.

Scraped Vietnamese news carries the page around the article: share and comment
widgets, navigation, language switches, font-size buttons (those are whole
lines, dropped by the ``kind: line`` rules in ``rules/boilerplate/``). What a
single line's regex cannot see is handled here, with the whole document in view:

- a picture caption printed twice (the second copy goes);
- the lead paragraph repeated at the start of paragraph 2 (an aggregator
  defect: the repeated copy goes when it is an exact copy of whole sentences);
- datelines, bylines, photo credits and source tags, recognised (not removed)
  and returned as metadata, so a reader of ``CleanResult.metadata`` gets the
  author, date and outlet of the article.

Every function here is a rule function, ``fn(text, ctx)``; ``ctx`` may be
``None`` when called directly (the defaults then apply).

>>> [m.kind for m in find_datelines("18/01/2022 - 15:00\\n\\nSáng 18/01, Hội nghị...", None)]
['dateline']
"""

from __future__ import annotations

import functools
from typing import Any, Iterator

import regex

from .edits import Change, Meta
# The engine's own line-drop span, so every dropped line tidies blank lines alike.
from .rules.kinds import drop_line_span as _drop_line_span

# --- lines ----------------------------------------------------------------------------

_LINE = regex.compile(r"[^\r\n]*(?:\r?\n|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content (without its line break)."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and m.start() > 0:
            break
        body = m.group().rstrip("\r\n")
        out.append((m.start(), m.start() + len(body)))
    return out


@functools.lru_cache(maxsize=4)
def _content_lines(text: str) -> tuple[tuple[int, int, str], ...]:
    """Non-blank lines as ``(start, end, stripped text)``; spans cover the stripped text.

    Cached: the rules of the boilerplate stage all read the same text.
    """
    out = []
    for s, e in _lines(text):
        raw = text[s:e]
        body = raw.strip()
        if body:
            lead = len(raw) - len(raw.lstrip())
            out.append((s + lead, s + lead + len(body), body))
    return tuple(out)


# --- repeated captions ----------------------------------------------------------------

_MIN_WORDS = 4          # "Hà Nội" twice is not a caption; a caption is a phrase
# A caption or paragraph starts like a sentence; table cells ("0,5 ngày làm việc"),
# list items, wiki headings and form lines ("Vé máy bay: ......") repeat for good reasons.
_CAPTION_START = regex.compile(r"[\"“(‘']?\p{Lu}")
_FORM_FIELD = regex.compile(r"[._…]{4,}")
_SHORT = 200            # a caption (or a heading) is short; paragraphs are longer
_NEAR = 2               # the second copy may follow a photo credit line


def drop_repeated_lines(text: str, ctx: Any = None) -> Iterator[Change]:
    """Drop the second copy of a line printed twice (a repeated picture caption).

    A line of at least four words, starting like a sentence, that repeats the
    content line before it (blank lines aside, or a photo credit line between)
    is dropped with its line break; the first copy stays. A long paragraph
    counts only when the copy follows at once (the aggregator's repeated lead).
    Short repeats, table cells, list items, headings and form lines are left alone.

    >>> from vntextclean.edits import apply_edits
    >>> t = "Các đại biểu tham dự hội nghị.\\nCác đại biểu tham dự hội nghị.\\n\\nSáng 2-8..."
    >>> apply_edits(t, drop_repeated_lines(t))
    'Các đại biểu tham dự hội nghị.\\n\\nSáng 2-8...'
    """
    lines = _content_lines(text)
    for i, (s, e, body) in enumerate(lines):
        if len(body.split()) < _MIN_WORDS or not _CAPTION_START.match(body) or _FORM_FIELD.search(body):
            continue
        reach = _NEAR if len(body) <= _SHORT else 1
        for j in range(i - 1, max(-1, i - reach - 1), -1):
            if lines[j][2] != body:
                if not _CREDIT_LINE.fullmatch(lines[j][2]):
                    break   # only a photo credit may stand between the two copies
                continue
            line_start = text.rfind("\n", 0, s) + 1
            ds, de = _drop_line_span(text, line_start, _line_end(text, e))
            yield Change(ds, de, "", f"second copy of the line at offset {lines[j][0]}")
            break


def _line_end(text: str, pos: int) -> int:
    k = text.find("\n", pos)
    end = len(text) if k < 0 else k
    return end - 1 if end > pos and text[end - 1] == "\r" else end


# --- repeated lead ----------------------------------------------------------------------

_LEAD_MIN = 60          # characters: shorter openings repeat by chance ("Theo báo cáo,")
_SENTENCE_END = regex.compile(r"[.!?…][\"”’»)]*$")
_TEASER_END = regex.compile(r"\s*(?:\.{3}|…)$")


def _lead_pairs(text: str) -> Iterator[tuple[tuple[int, int, str], tuple[int, int, str]]]:
    """Consecutive paragraphs among the first four (the title may come first)."""
    lines = _content_lines(text)[:4]
    for a, b in zip(lines, lines[1:]):
        yield a, b


def trim_repeated_lead(text: str, ctx: Any = None) -> Iterator[Change]:
    """Remove the copy of the lead paragraph that opens paragraph 2.

    Aggregators (baomoi among them) paste the lead again at the start of the
    body. When paragraph 2 begins with the whole of paragraph 1, at least 60
    characters ending a sentence and followed by more text, that copy (and the
    space after it) is removed; nothing is lost, the lead stays in place.
    An identical repeated paragraph is :func:`drop_repeated_lines`' job.

    >>> lead = "Website về 1.000 năm Thăng Long bằng tiếng Nhật đã chính thức ra mắt ngày 3-8."
    >>> t = lead + "\\n" + lead + " Trang sẽ được duy trì lâu dài."
    >>> from vntextclean.edits import apply_edits
    >>> apply_edits(t, trim_repeated_lead(t)).splitlines()[1]
    'Trang sẽ được duy trì lâu dài.'
    """
    for (_, _, a), (bs, be, b) in _lead_pairs(text):
        if len(a) < _LEAD_MIN or not _SENTENCE_END.search(a) or len(b) <= len(a):
            continue
        if b.startswith(a) and b[len(a)].isspace():
            rest = len(b) - len(b[len(a):].lstrip())
            yield Change(bs, bs + rest, "", "paragraph 2 repeats the lead paragraph word for word")
            return


def drop_lead_teaser(text: str, ctx: Any = None) -> Iterator[Change]:
    """Drop a truncated teaser ("… cứu trợ...") whose full text follows at once.

    The teaser ends in an ellipsis and the next paragraph starts with all of
    it (at least 60 characters). Dropping the teaser loses nothing, but a
    reader may want the lead kept as it was, so this is a suggestion.

    >>> t = ("Châu Âu sẽ không giải ngân 8 tỷ euro tiếp theo để cứu trợ Hy Lạp cho đến sau cuộc trưng cầu...\\n"
    ...      "Châu Âu sẽ không giải ngân 8 tỷ euro tiếp theo để cứu trợ Hy Lạp cho đến sau cuộc trưng cầu dân ý.")
    >>> from vntextclean.edits import apply_edits
    >>> apply_edits(t, drop_lead_teaser(t)).startswith("Châu Âu sẽ không giải ngân 8 tỷ euro tiếp theo để cứu trợ Hy Lạp cho đến sau cuộc trưng cầu dân ý.")
    True
    """
    for (as_, ae, a), (_, _, b) in _lead_pairs(text):
        m = _TEASER_END.search(a)
        if not m:
            continue
        stem = a[:m.start()]
        if len(stem) >= _LEAD_MIN and b.startswith(stem) and not b.startswith(a):
            line_start = text.rfind("\n", 0, as_) + 1
            ds, de = _drop_line_span(text, line_start, _line_end(text, ae))
            yield Change(ds, de, "", "truncated teaser; the next paragraph gives it in full")
            return


# --- related headlines ------------------------------------------------------------------------

_HEADLINE_MIN_RUN = 3   # a list of links to other articles, not one closing line
_HEADLINE_WORDS = (4, 16)
_CLOSED = regex.compile(r"[.!?;:,][\"”’)]*$")


def _is_headline(line: str) -> bool:
    words = line.split()
    if not _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1] or not line[:1].isupper():
        return False
    if _CLOSED.search(line) and not _TEASER_END.search(line):
        return False    # a sentence (a truncated title "… có cách..." still counts)
    return any(w[:1].islower() for w in words[1:])      # a title, not a name


def drop_related_headlines(text: str, ctx: Any = None) -> Iterator[Change]:
    """Drop the list of other articles' titles that closes a scraped page.

    At least three consecutive lines at the very end, each shaped like a
    headline (4 to 16 words, a capital first, some lower-case words, no
    sentence punctuation, or a title cut off with "..."), after a body
    paragraph. A list that ends an article looks the same, so this is a
    suggestion.

    >>> t = ("Giá vàng hôm nay tăng mạnh so với tuần trước.\\n"
    ...      "Trào lưu tự sướng với video clip của giới trẻ Việt\\n"
    ...      "Kỳ tích của người đàn ông 3 vợ chung một giường\\n"
    ...      "Vợ cũ Ashley Cole lấn sân sang lĩnh vực thời trang")
    >>> from vntextclean.edits import apply_edits
    >>> apply_edits(t, drop_related_headlines(t))
    'Giá vàng hôm nay tăng mạnh so với tuần trước.'
    """
    lines = _content_lines(text)
    k = len(lines)
    while k > 0 and _is_headline(lines[k - 1][2]):
        k -= 1
    if len(lines) - k < _HEADLINE_MIN_RUN or k == 0 or not _is_body(lines[k - 1][2]):
        return
    if lines[k - 1][2].endswith(":"):
        return      # "Các nguyên liệu cần có:" introduces the list: it is the article's
    first = lines[k][0]
    start = text.rfind("\n", 0, first) + 1
    ds, de = _drop_line_span(text, start, len(text))
    yield Change(ds, de, "", f"{len(lines) - k} titles of other articles close the page")


# --- datelines ----------------------------------------------------------------------------

_WEEKDAY = r"(?:Thứ[ \t]*(?:[2-7]|[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|Chủ[ \t]*[Nn]hật|CN|T[2-7])"
_DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)|(?:ngày[ \t]+)?\d{1,2}[ \t]+tháng[ \t]+\d{1,2}(?:,?[ \t]+năm[ \t]+\d{4})?)"
_TIME = r"(?:\d{1,2}[:h]\d{2}(?::\d{2})?(?:[ \t]*(?:AM|PM|SA|CH))?)"
_ZONE = r"(?:(?:GMT|UTC)[ \t]*[+-][ \t]*\d{1,2}(?::?00)?)"
_TOKEN = rf"(?:{_WEEKDAY}|{_DATE}|{_TIME}|[(\[][ \t]*{_ZONE}[ \t]*[)\]]|{_ZONE}|ngày)"
_PREFIX = (r"(?:(?:Cập nhật|Ngày cập nhật|Đăng|Đăng tải|Ngày đăng|Thời gian đăng|Thời gian|Xuất bản|"
           r"Published|Updated|Posted)(?:[ \t]+(?:lúc|ngày|vào(?:[ \t]+lúc)?))?[ \t]*:?[ \t]*)")
_SEP = r"(?:[ \t]*[,|–—-][ \t]*|[ \t]+)"
# The font-size buttons some sites print on the dateline itself ("… [GMT +7] A A").
_WIDGET = r"(?P<widget>[ \t]+(?:[-+]?A[-+]?[ \t]*){2,3})"
_DATELINE = regex.compile(
    rf"(?m)^[ \t\u00a0]*(?P<date>{_PREFIX}?{_TOKEN}(?:{_SEP}{_TOKEN})*){_WIDGET}?[ \t\u00a0]*\r?$")
_DATE_RE = regex.compile(_DATE)
_DMY = regex.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")
_HM = regex.compile(r"(\d{1,2})[:h](\d{2})")


def find_datelines(text: str, ctx: Any = None) -> Iterator[Meta]:
    """Recognise date lines ("18/01/2022 - 15:00", "Cập nhật lúc 15:34, Thứ Sáu, 02/08/2019 (GMT+7)").

    The whole line must be a date, a time, a weekday and a time zone in some
    order (a sentence that starts with a date is left alone). The value is the
    date in ISO form, with the time when there is one. Font-size buttons at
    the end of the line are not part of the span (see :func:`drop_dateline_widgets`).

    >>> [(m.value, m.start, m.end) for m in find_datelines("Cập nhật lúc 15:34, Thứ Sáu, 02/08/2019 (GMT+7)")]
    [('2019-08-02 15:34', 0, 47)]
    >>> [m.value for m in find_datelines("Thứ 4, 29/09/2021 | 07:55:42 [GMT +7] A A")]
    ['2021-09-29 07:55']
    >>> list(find_datelines("Ngày 18/01/2022, Hội nghị tổng kết đã diễn ra."))
    []
    """
    for m, date in _datelines(text):
        start = m.start("date")
        yield Meta("dateline", start, start + len(date), _iso_date(date))


def drop_dateline_widgets(text: str, ctx: Any = None) -> Iterator[Change]:
    """Remove font-size buttons ("A A", "A- A+") printed at the end of a date line.

    >>> from vntextclean.edits import apply_edits
    >>> t = "Thứ 4, 29/09/2021 | 07:55:42 [GMT +7] A A"
    >>> apply_edits(t, drop_dateline_widgets(t))
    'Thứ 4, 29/09/2021 | 07:55:42 [GMT +7]'
    """
    for m, _ in _datelines(text):
        if m.group("widget"):
            yield Change(m.start("widget"), m.end("widget"), "", "font-size buttons on the date line")


def _datelines(text: str) -> Iterator[tuple[regex.Match, str]]:
    for m in _DATELINE.finditer(text):
        date = m.group("date").rstrip(" \t,|–—-")
        if _DATE_RE.search(date):
            yield m, date


def _iso_date(date: str) -> str:
    m = _DMY.search(date)
    if not m:
        return date
    d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
    year = int(y) + (2000 if len(y) == 2 else 0)
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return date
    value = f"{year:04d}-{mo:02d}-{d:02d}"
    t = _HM.search(date, m.end()) or _HM.search(date[:m.start()])
    if t and int(t.group(1)) < 24:
        value += f" {int(t.group(1)):02d}:{t.group(2)}"
    return value


# --- photo credits and source tags -------------------------------------------------------

_CREDIT = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<label>Ảnh(?: minh (?:họa|hoạ)| chụp màn hình| tư liệu)?|Nguồn ảnh|Photo|Đồ (?:họa|hoạ))"
    r"[ \t]*:[ \t]*(?P<who>[\p{Lu}\p{Ll}\p{N}][\p{L}\p{M}\p{N}&./ -]{0,58}?)"
    r"[ \t]*\.?[ \t]*(?=\)|\r?$)", regex.M)

# A line that is nothing but a credit ("Ảnh: Kim Dung", "(Ảnh: TTXVN)").
_CREDIT_LINE = regex.compile(r"\(?(?:Ảnh|Nguồn ảnh|Photo|Đồ (?:họa|hoạ))[^:\n]{0,20}:[^\n]{1,60}")

def find_photo_credits(text: str, ctx: Any = None) -> Iterator[Meta]:
    """Recognise photo credits at the end of a caption line ("Ảnh: Kim Dung").

    Only a credit that closes its line or a bracket counts, and the name is at
    most six words: "Ảnh: Kim Dung" in "Quang cảnh Hội nghị. Ảnh: Kim Dung".

    >>> [(m.kind, m.value) for m in find_photo_credits("Quang cảnh Hội nghị. Ảnh: Kim Dung")]
    [('photo-credit', 'Kim Dung')]
    >>> list(find_photo_credits("Ảnh chụp X - quang và chiếc đinh lấy ra từ đầu"))
    []
    """
    for m in _CREDIT.finditer(text):
        who = m.group("who").strip(" .-")
        if not who or len(who.split()) > 6:
            continue
        end = m.start("who") + len(m.group("who").rstrip(" .-"))
        yield Meta("photo-credit", m.start("label"), end, who)


_SOURCE_TAG = regex.compile(
    r"\((?P<paren>[\p{Lu}\p{N}][^()\n]{1,29})\)[ \t]*[-–—]"
    r"|(?P<bare>[\p{Lu}][\p{Lu}\p{N}&.]{1,14}(?: [\p{Lu}][\p{Lu}\p{N}&.]{0,14})?)[ \t]+[-–—](?=[ \t])")


def find_source_tags(text: str, ctx: Any = None) -> Iterator[Meta]:
    """Recognise the outlet tag that opens the lead ("(Baonghean.vn) -", "(Dân trí) -", "TTO -").

    Only at the start of one of the first three paragraphs; a bracket of at
    most four words, or an upper-case tag of one or two words.

    >>> [(m.value, m.start, m.end) for m in find_source_tags("(Baonghean.vn) - Chiều 27/12, Ban Thường vụ...")]
    [('Baonghean.vn', 0, 16)]
    >>> list(find_source_tags("(Ảnh minh họa) Tỉnh ủy đã tổ chức..."))
    []
    """
    for s, _, body in _content_lines(text)[:3]:
        m = _SOURCE_TAG.match(body)
        if not m:
            continue
        name = m.group("paren") or m.group("bare")
        if len(name.split()) > 4 or ":" in name:
            continue
        yield Meta("source-tag", s, s + m.end(), name.strip())


# --- bylines --------------------------------------------------------------------------------

_ORG_HEADS = ("Ban", "Phòng", "Văn phòng", "Nhóm", "Trung tâm", "Tổ", "Đảng ủy", "Đảng uỷ", "Báo",
              "Đài", "Cổng", "Bộ phận", "Tòa soạn", "Toà soạn", "Đoàn", "Hội", "Câu lạc bộ", "CLB")
_INITIALS = regex.compile(r"(?:[\p{Lu}]\.){1,4}[\p{Lu}\p{Ll}]*|PV|CTV|BTV")
_NAME_CHARS = regex.compile(r"[\p{L}\p{M} .\-]+")
_BODY_END = regex.compile(r"[.!?…:;\"”)][\"”’)]*$")
_TAIL = 4               # bylines sit among the last few lines, before any page furniture


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


_OUTLET_SUFFIX = regex.compile(r"[ \t]*\((?:[\p{L}\p{N}.&/ -]{2,30})\)$")
_AUTHOR_JOIN = regex.compile(r"[ \t]+[-–][ \t]+|,[ \t]+|[ \t]+và[ \t]+")


def _is_name(part: str) -> bool:
    """A personal or pen name: 2-5 capitalised words ("Kỳ Nam", "HỒ VÂN") or initials ("P.V")."""
    if _INITIALS.fullmatch(part):
        return True
    words = part.split()
    return (2 <= len(words) <= 5 and all(_is_capitalised(w) for w in words)
            and bool(_NAME_CHARS.fullmatch(part)) and not part.endswith((".", ":")))


def _looks_like_byline(line: str) -> bool:
    line = _OUTLET_SUFFIX.sub("", line)          # "Kỳ Nam (TTXVN)"
    if not line or line.endswith((".", ":", "!", "?")) and not _INITIALS.fullmatch(line):
        return False
    parts = _AUTHOR_JOIN.split(line)             # "Minh Anh - Thu Hà", "A, B và C"
    if len(parts) <= 3 and all(_is_name(p) for p in parts):
        return True
    words = line.split()
    if any(line.startswith(h + " ") for h in _ORG_HEADS) and len(words) <= 8 and _NAME_CHARS.fullmatch(line):
        return sum(_is_capitalised(w) for w in words) * 2 >= len(words)
    return False


def _is_body(line: str) -> bool:
    return bool(_BODY_END.search(line)) or len(line.split()) >= 12


def find_bylines(text: str, ctx: Any = None) -> Iterator[Meta]:
    """Recognise the author line at the end of an article ("Kỳ Nam", "HỒ VÂN", "Ban Tuyên giáo Đảng ủy Khối").

    The byline is a short line of capitalised name words (or a body such as
    "Ban …", "Nhóm …", or initials "P.V"), without sentence punctuation, that
    follows the last paragraph of the body and is followed only by short lines
    (page furniture). A short sentence or a heading inside the article is not a
    byline.

    >>> t = "Dịp này, 16 tổ chức được nhận giấy khen.\\n\\nKỳ Nam\\n\\nChia sẻ bài viết"
    >>> [(m.kind, m.value) for m in find_bylines(t)]
    [('byline', 'Kỳ Nam')]
    >>> list(find_bylines("Hội nghị đã thành công tốt đẹp.\\n\\nThời gian tới sẽ tiếp tục triển khai"))
    []
    """
    lines = _content_lines(text)
    tail = lines[-_TAIL:]
    offset = len(lines) - len(tail)
    for k in range(len(tail) - 1, -1, -1):
        s, e, body = tail[k]
        if len(body.split()) > 8:
            return      # a sentence-length line: the body has not ended after it
        if not _looks_like_byline(body):
            continue
        i = offset + k
        if i == 0 or not _is_body(lines[i - 1][2]):
            return
        yield Meta("byline", s, e, body)
        return

