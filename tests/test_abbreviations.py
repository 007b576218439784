"""Abbreviations: the bundled dictionary, expansion, definitions, ambiguity, annotation.

Sentences come from the seed articles in ``seeds/`` (provincial Party news).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vntextclean import Cleaner, apply_edits, clean, clean_and_explain
from vntextclean import abbreviations as ab
from vntextclean.abbreviations import (count_abbreviations, defined_abbreviations, dictionary,
                                       find_abbreviations)
from vntextclean.cli import app
from vntextclean.rules.loader import bundled_rules_dir, read_yaml

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
RULES = bundled_rules_dir() / "abbreviations"


def expand(text: str, **options) -> str:
    return clean(text, expand_abbreviations=True, **options)


def annotate(text: str, **options) -> str:
    return clean(text, expand_abbreviations=True, abbreviation_mode="annotate", **options)


# --- the dictionary ----------------------------------------------------------------

def _files():
    return sorted(RULES.glob("*.yaml"))


def test_at_least_300_abbreviations():
    canonical = {a.abbreviation for a in dictionary().values()}
    assert len(canonical) >= 300


def test_no_abbreviation_in_two_files():
    # read_yaml refuses a key repeated inside one file; here across files.
    seen: dict[str, str] = {}
    for path in _files():
        data = read_yaml(path).get("data") or {}
        for key, fields in (data.get("entries") or {}).items():
            for form in [key, *(fields.get("variants") or [])]:
                assert form not in seen, f"{form} in {path.name} and {seen[form]}"
                seen[form] = path.name


def test_every_entry_is_complete_and_nfc():
    for form, entry in dictionary().items():
        for text in (form, entry.expansion, *(r.expansion for r in entry.readings)):
            assert text.strip() and unicodedata.normalize("NFC", text) == text, form
        assert entry.domain and entry.rule.startswith("abbreviations/")
        if entry.ambiguous:
            assert len(entry.readings) >= 2


def test_expansions_use_the_traditional_tone_style():
    from vntextclean.tone import to_style
    for entry in set(dictionary().values()):
        for text in (entry.expansion, *(r.expansion for r in entry.readings)):
            assert to_style(text, style="traditional") == text


def test_variants_resolve_to_their_entry():
    d = dictionary()
    assert d["NN & PTNT"] is d["NN&PTNT"]
    assert d["GD-ĐT"].abbreviation == d["GDĐT"].abbreviation == "GD&ĐT"
    assert d["LĐTBXH"].expansion == "Lao động - Thương binh và Xã hội"
    for form, entry in d.items():
        assert form.replace("–", "-") in entry.forms   # an en dash is accepted for each hyphen


def test_no_expansion_contains_an_abbreviation():
    # otherwise the rule would fire again on its own output
    for entry in set(dictionary().values()):
        for text in (entry.expansion, *(r.expansion for r in entry.readings)):
            assert find_abbreviations(text) == [], text


SEED_GOLD = {   # the abbreviations annotated in the seed articles
    "BCH": "Ban Chấp hành", "BTV": "Ban Thường vụ", "BĐBP": "Bộ đội Biên phòng",
    "GTVT": "Giao thông vận tải", "HĐND": "Hội đồng nhân dân", "KT-XH": "kinh tế - xã hội",
    "MTTQ": "Mặt trận Tổ quốc", "NN & PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TCCS": "tổ chức cơ sở", "TU": "Tỉnh ủy", "TW": "Trung ương", "UBND": "Ủy ban nhân dân",
    "ĐBK": "Đảng bộ Khối", "ĐBQH": "đại biểu Quốc hội", "ĐUK": "Đảng ủy Khối",
}


@pytest.mark.parametrize(("abbr", "expansion"), SEED_GOLD.items())
def test_seed_annotations_are_in_the_dictionary(abbr, expansion):
    assert dictionary()[abbr].expansion == expansion


def test_one_matcher_built_once():
    assert ab._bundled_index() is ab._bundled_index()
    index = ab._bundled_index()
    # every written form of every file is found by that one compiled pattern
    files = {e.rule for e in index.forms.values()}
    assert len(files) >= 8
    for form in index.forms:
        assert index.pattern.fullmatch(form), form


def test_one_analysis_per_text_for_all_rules(monkeypatch):
    calls: list[str] = []
    real = ab._analyse

    def counting(text, index):
        calls.append(text)
        return real(text, index)

    monkeypatch.setattr(ab, "_analyse", counting)
    Cleaner(expand_abbreviations=True).clean("Chủ tịch UBND tỉnh, Ủy viên BTV Tỉnh ủy, Sở GTVT")
    assert calls and len(calls) == len(set(calls))   # eight rules, one scan per distinct text


def test_a_users_own_abbreviation_file_adds_entries(tmp_path):
    folder = tmp_path / "abbreviations"
    folder.mkdir()
    (folder / "telecom.yaml").write_text("""\
id: abbreviations/telecom
description: Our company's abbreviations.
level: fix
profiles: [safe, news, aggressive]
kind: code
scope: document
function: abbreviations:expand
option: expand_abbreviations
data:
  domain: telecom
  entries:
    VNPT: {expansion: "Tập đoàn Bưu chính Viễn thông Việt Nam"}
examples:
  - in: "VNPT tỉnh"
    out: "Tập đoàn Bưu chính Viễn thông Việt Nam tỉnh"
""", encoding="utf-8")
    r = Cleaner(rules=[tmp_path], expand_abbreviations=True).clean("VNPT và UBND tỉnh")
    assert r.text == "Tập đoàn Bưu chính Viễn thông Việt Nam và Ủy ban nhân dân tỉnh"
    assert {e.rule for e in r.edits} == {"abbreviations/telecom", "abbreviations/state-bodies"}


# --- expansion -----------------------------------------------------------------------

def test_off_by_default():
    text = "Chánh Văn phòng UBND tỉnh - Nguyễn Anh Việt"
    assert clean(text) == text
    assert clean(text, profile="aggressive") == text


@pytest.mark.parametrize(("before", "after"), [
    ("Chánh Văn phòng UBND tỉnh - Nguyễn Anh Việt",
     "Chánh Văn phòng Ủy ban nhân dân tỉnh - Nguyễn Anh Việt"),
    ("Đồng chí Nguyễn Thị Kim Chi - Ủy viên BTV Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh",
     "Đồng chí Nguyễn Thị Kim Chi - Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Đảng ủy Khối Các cơ quan tỉnh"),
    ("Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh phát biểu",
     "Phó Trưởng đoàn chuyên trách Đoàn đại biểu Quốc hội tỉnh phát biểu"),
    ("Ông Hoàng Quang Hải, Bí thư Đảng ủy Sở GTVT, cho biết",
     "Ông Hoàng Quang Hải, Bí thư Đảng ủy Sở Giao thông vận tải, cho biết"),
    ("Tỉnh ủy đã tổ chức Lễ công bố Quyết định thành lập Đảng bộ Khối (Bộ NN & PTNT)",
     "Tỉnh ủy đã tổ chức Lễ công bố Quyết định thành lập Đảng bộ Khối (Bộ Nông nghiệp và Phát triển nông thôn)"),
    ("tham mưu cho Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh",
     "tham mưu cho Tỉnh ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Sở LĐ-TB&XH, Sở VH-TT&DL và Sở KH&CN",
     "Sở Lao động - Thương binh và Xã hội, Sở Văn hóa, Thể thao và Du lịch và Sở Khoa học và Công nghệ"),
])
def test_expands_seed_sentences(before, after):
    assert expand(before) == after


def test_edits_name_the_rule_and_rebuild_the_text():
    text = "Ủy viên BTV Tỉnh ủy, Chủ tịch UBND tỉnh"
    r = clean_and_explain(text, expand_abbreviations=True)
    assert {e.rule for e in r.edits} == {"abbreviations/party-bodies", "abbreviations/state-bodies"}
    assert apply_edits(text, r.edits) == r.text
    assert all(e.level == "fix" for e in r.edits)


@pytest.mark.parametrize("text", [
    "Nghị quyết số 02-NQ/ĐUK của Ban Chấp hành Đảng bộ Khối",
    "Chỉ thị số 05-CT/TW của Bộ Chính trị",
    "Quyết định 1234/QĐ-UBND ngày 5/3/2021",
    "Quy định số 08-QĐ/TU của Tỉnh ủy Nghệ An",
    "Nghị quyết số 02-NQ/TU của Tỉnh ủy",
    "Công văn 15/UBND-KT",
    "xem https://longan.gov.vn/UBND/HDND/index.html",
    "gửi thư cho UBND@longan.gov.vn",
    "truy cập www.UBND.vn",
    "văn bản QĐ-UBND và HĐND-UBND",
])
def test_never_inside_codes_urls_or_addresses(text):
    assert expand(text) == text
    assert annotate(text) == text
    assert find_abbreviations(text) == []


def test_word_boundaries():
    for text in ("UBNDx", "xUBND", "TCCS2", "BTVs", "KT-XHH", "NN&PTNTT"):
        assert find_abbreviations(text) == [], text
    assert [u.text for u in find_abbreviations("tỉnh (UBND), UBND; “UBND” UBND.")] == ["UBND"] * 4


def test_longest_form_wins():
    assert expand("Bộ LĐ-TB&XH") == "Bộ Lao động - Thương binh và Xã hội"
    assert expand("Bộ NN&PTNT") == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert expand("phát triển KT–XH") == "phát triển kinh tế - xã hội"   # en dash typed for the hyphen


def test_capital_lines_are_left():
    # a headline's TU may be the word "tu"; a mixed-case expansion would be wrong in capitals
    for text in ("HỘI NGHỊ BCH ĐẢNG BỘ KHỐI LẦN THỨ 5", "UBND TỈNH LONG AN", "TU BỔ DI TÍCH"):
        assert expand(text) == text
    text = "UBND TỈNH LONG AN\nChủ tịch UBND tỉnh dự."
    assert expand(text) == "UBND TỈNH LONG AN\nChủ tịch Ủy ban nhân dân tỉnh dự."


def test_capitals_inside_a_mixed_line_are_left():
    # a stretch in capitals: TU is the word "tu" here, and BTV sits in a shouted title
    for text in ("Cần phải TU BỔ ngay di tích", "Tại HỘI NGHỊ BTV hôm qua"):
        assert expand(text) == text
    assert expand("Ủy viên BTV TU dự") == "Ủy viên Ban Thường vụ Tỉnh ủy dự"   # two abbreviations side by side


def test_sentence_start_is_capitalised():
    assert expand("TCCS đảng trực thuộc. KT-XH tăng trưởng") == \
        "Tổ chức cơ sở đảng trực thuộc. Kinh tế - xã hội tăng trưởng"
    assert expand("- ĐBQH tỉnh tiếp xúc cử tri") == "- Đại biểu Quốc hội tỉnh tiếp xúc cử tri"
    assert expand("các ĐBQH tỉnh") == "các đại biểu Quốc hội tỉnh"
    assert expand('chị Yến cho biết: "TCCS đảng đã làm tốt"') == 'chị Yến cho biết: "Tổ chức cơ sở đảng đã làm tốt"'
    assert expand("ở cơ sở: TCCS đảng") == "ở cơ sở: tổ chức cơ sở đảng"


def test_names_take_a_capital_after_their_head_noun():
    assert expand("Trường THPT Lê Quý Đôn có nhiều học sinh THPT") == \
        "Trường Trung học phổ thông Lê Quý Đôn có nhiều học sinh trung học phổ thông"
    assert expand("Hội CCB xã thăm các CCB") == "Hội Cựu chiến binh xã thăm các cựu chiến binh"
    # before a person's name CCB is a title, lower-case; before a body's name it is the name
    assert expand("thăm CCB Nguyễn Văn An và HTX Tân Phú") == \
        "thăm cựu chiến binh Nguyễn Văn An và Hợp tác xã Tân Phú"


def test_head_word_already_written_is_not_repeated():
    assert expand("Đài VTV và Đài VOV đưa tin; Ngân hàng NHCSXH") == \
        "Đài Truyền hình Việt Nam và Đài Tiếng nói Việt Nam đưa tin; Ngân hàng Chính sách xã hội"
    assert expand("Chi bộ BĐBP tỉnh") == "Chi bộ Bộ đội Biên phòng tỉnh"


def test_annotated_text_is_stable():
    text = "Đài VTV, VCCI, TTgCP và UBND tỉnh; UBND huyện"
    once = annotate(text)
    assert once == ("Đài VTV (Đài Truyền hình Việt Nam), VCCI (Phòng Thương mại và Công nghiệp Việt Nam), "
                    "TTgCP (Thủ tướng Chính phủ) và UBND (Ủy ban nhân dân) tỉnh; UBND huyện")
    assert annotate(once) == once
    # each is now defined in the document, next to its expansion; later uses expand
    assert expand(once) == once.replace("; UBND huyện", "; Ủy ban nhân dân huyện")


def test_follows_the_modern_tone_style():
    assert expand("Chủ tịch UBND tỉnh", tone_style="modern") == "Chủ tịch Uỷ ban nhân dân tỉnh"


# --- definitions in the document --------------------------------------------------------

def test_definition_in_seed_001():
    text = (SEEDS / "001_0dc449bf4ae97b1a.txt").read_text(encoding="utf-8")
    defs = defined_abbreviations(text)
    assert defs == {"TCCS": "tổ chức cơ sở"}   # the typo "cở sở" is the dictionary's words
    out = expand(text)
    assert "các tổ chức cơ sở (TCCS) đảng trực thuộc" in out   # the definition stays
    assert "ở một số tổ chức cơ sở đảng chưa được chú trọng" in out
    assert "các tổ chức cơ sở đảng trực thuộc Đảng bộ Khối" in out
    assert "05-CT/TW" in out and "01-NQ/ĐUK" in out


def test_definition_in_seed_003_wins_and_stays():
    line = ("Ban Chấp hành, Ban Thường vụ (BTV) Đảng ủy Khối đã ban hành các văn bản. "
            "Đặc biệt, BTV Đảng ủy Khối đã tổ chức thành công Hội thi.")
    r = clean_and_explain(line, expand_abbreviations=True)
    assert "Ban Thường vụ (BTV) Đảng ủy Khối" in r.text
    assert "Đặc biệt, Ban Thường vụ Đảng" in r.text
    assert [e.rule for e in r.edits if e.before == "BTV"] == ["abbreviations/defined-in-document"]
    assert [m.text for m in r.metadata if m.kind == "abbreviation-definition"] == ["BTV"]


@pytest.mark.parametrize(("text", "abbr", "expansion"), [
    ("Đảng bộ Khối Doanh nghiệp (ĐBDN) tỉnh", "ĐBDN", "Đảng bộ Khối Doanh nghiệp"),
    ("phát triển kinh tế – xã hội (KT-XH) của tỉnh", "KT-XH", "kinh tế – xã hội"),
    ("Sở Văn hóa, Thể thao và Du lịch (VH-TT&DL) tỉnh", "VH-TT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("Sở Giáo dục và Đào tạo (GDĐT)", "GDĐT", "Giáo dục và Đào tạo"),
    ("Trung tâm Phục vụ hành chính công (TTPVHCC) tỉnh", "TTPVHCC", "Trung tâm Phục vụ hành chính công"),
    ("thủ tục đăng ký kinh doanh (DKKD) qua mạng", "DKKD", "đăng ký kinh doanh"),   # ASCII D for Đ
    ("UBND (Ủy ban nhân dân) tỉnh", "UBND", "Ủy ban nhân dân"),
    ("Trung tâm Phục vụ hành chính công (sau đây gọi tắt là TTPVHCC)", "TTPVHCC",
     "Trung tâm Phục vụ hành chính công"),
    ("các tổ chức cơ sở (viết tắt: “TCCS”) đảng", "TCCS", "tổ chức cơ sở"),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn (NHNo&PTNT)", "NHNo&PTNT",
     "Ngân hàng Nông nghiệp và Phát triển nông thôn"),
])
def test_definitions_are_detected(text, abbr, expansion):
    assert defined_abbreviations(text) == {abbr: expansion}


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh (UBND)",                 # the last word does not spell D
    "tại Hà Nội (TP.HCM)",
    "Công ty ABC (VietinBank)",
    "đạt 155,8% (KH)",
    "tổ chức cơ sở. (TCCS)",
])
def test_not_definitions(text):
    assert defined_abbreviations(text) == {}


def test_document_definition_wins_over_the_dictionary():
    text = "Ban Thường vụ Thành ủy (TU) họp. Ủy viên BTV TU dự."
    assert expand(text) == "Ban Thường vụ Thành ủy (TU) họp. Ủy viên Ban Thường vụ Thành ủy dự."


def test_definition_applies_to_unknown_abbreviations_and_earlier_headlines():
    text = "ĐBDN hoàn thành nhiệm vụ\nĐảng bộ Khối Doanh nghiệp (ĐBDN) tỉnh đã họp; ĐBDN đề ra"
    assert expand(text) == ("Đảng bộ Khối Doanh nghiệp hoàn thành nhiệm vụ\n"
                            "Đảng bộ Khối Doanh nghiệp (ĐBDN) tỉnh đã họp; Đảng bộ Khối Doanh nghiệp đề ra")


def test_foreign_acronyms_are_reported_not_written_out():
    text = "xét nghiệm Deoxyribo Nucleic Acid (DNA); mẫu DNA được lưu"
    assert expand(text) == text
    assert [(u.text, u.source, u.site) for u in find_abbreviations(text)] == [
        ("DNA", "document", "definition"), ("DNA", "document", "use")]


def test_a_later_definition_holds_from_its_site_on():
    text = "Nhà máy chế biến (CB) mới; CB nông sản. Đội ngũ cán bộ (CB) trẻ; CB kỹ thuật"
    assert [u.expansion for u in find_abbreviations(text) if u.site == "use"] == ["chế biến", "cán bộ"]


def test_gloss_in_parentheses_is_left():
    assert expand("Ủy ban nhân dân tỉnh (UBND)") == "Ủy ban nhân dân tỉnh (UBND)"


# --- ambiguous abbreviations ------------------------------------------------------------

def test_ambiguous_expanded_when_context_decides():
    assert expand("hỗ trợ các DN nhỏ vay vốn") == "hỗ trợ các doanh nghiệp nhỏ vay vốn"
    assert expand("Du khách đến TP DN dịp hè") == "Du khách đến TP Đà Nẵng dịp hè"
    assert expand("BCHQS tỉnh và BCHQS huyện") == "Bộ Chỉ huy Quân sự tỉnh và Ban Chỉ huy Quân sự huyện"
    assert expand("Công ty CP Sữa Việt Nam; Thủ tướng CP chỉ đạo") == \
        "Công ty cổ phần Sữa Việt Nam; Thủ tướng Chính phủ chỉ đạo"
    assert expand("đội ngũ CB có năng lực; nhà máy CB nông sản") == \
        "đội ngũ cán bộ có năng lực; nhà máy chế biến nông sản"


def test_ambiguous_left_and_suggested_when_context_does_not_decide():
    text = "DN cho biết sẽ tăng giá từ tháng sau"
    r = clean_and_explain(text, expand_abbreviations=True)
    assert r.text == text
    [s] = r.suggestions
    assert (s.rule, s.level, s.before, s.after) == ("abbreviations/ambiguous", "suggest", "DN", "Doanh nghiệp")
    assert "Đà Nẵng" in s.reason
    accepted = clean(text, expand_abbreviations=True, apply_suggestions=True)
    assert accepted == "Doanh nghiệp cho biết sẽ tăng giá từ tháng sau"
    # when both readings have evidence nearby, nothing is decided either
    both = "các DN tại TP DN"
    assert [u.expansion for u in find_abbreviations(both)] == ["doanh nghiệp", "Đà Nẵng"]
    mixed = "DN ở Hải Châu thuê người lao động"
    assert [u.expansion for u in find_abbreviations(mixed)] == [None]


def test_document_definition_settles_an_ambiguous_abbreviation():
    text = "Nhà máy chế biến (CB) nông sản; đội ngũ CB kỹ thuật"
    assert expand(text) == "Nhà máy chế biến (CB) nông sản; đội ngũ chế biến kỹ thuật"


# --- annotate mode --------------------------------------------------------------------

def test_annotate_first_use_only():
    text = "BTV Đảng ủy Khối họp. BTV đã ban hành; Chủ tịch UBND tỉnh, UBND huyện."
    assert annotate(text) == ("BTV (Ban Thường vụ) Đảng ủy Khối họp. BTV đã ban hành; "
                              "Chủ tịch UBND (Ủy ban nhân dân) tỉnh, UBND huyện.")


def test_annotate_suggests_the_first_reading_of_an_undecided_abbreviation():
    text = "DN cho biết sẽ tăng giá."
    assert annotate(text) == text
    assert annotate(text, apply_suggestions=True) == "DN (doanh nghiệp) cho biết sẽ tăng giá."


def test_annotate_skips_what_the_document_defines():
    text = "Ban Chấp hành, Ban Thường vụ (BTV) Đảng ủy Khối; BTV đã ban hành"
    assert annotate(text) == text
    done = "UBND (Ủy ban nhân dân) tỉnh; UBND huyện"
    assert annotate(done) == done   # annotating its own output adds nothing


# --- find and count -------------------------------------------------------------------

def test_find_reports_span_source_and_site():
    text = "các tổ chức cơ sở (TCCS) đảng; Chủ tịch UBND tỉnh; một số TCCS đảng"
    found = [(u.text, u.expansion, u.source, u.site, text[u.start:u.end]) for u in find_abbreviations(text)]
    assert found == [
        ("TCCS", "tổ chức cơ sở", "document", "definition", "TCCS"),
        ("UBND", "Ủy ban nhân dân", "dictionary", "use", "UBND"),
        ("TCCS", "tổ chức cơ sở", "document", "use", "TCCS"),
    ]


def test_count_per_seed():
    text = (SEEDS / "002_1141603b1940cb22.txt").read_text(encoding="utf-8")
    rows = {c.abbreviation: c for c in count_abbreviations(text)}
    assert rows["UBND"].count == 2 and rows["UBND"].source == "dictionary"
    assert rows["NN&PTNT"].forms == ("NN & PTNT",)
    assert rows["KT-XH"].source == "document"
    assert rows["ĐBQH"].count == 2


def test_cli_table_and_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Các tổ chức cơ sở (TCCS) đảng.\nChủ tịch UBND tỉnh, UBND huyện và TCCS.\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(app, ["abbreviations", str(f)])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:4] == ["first", "abbreviation", "count", "source"]
    assert any("TCCS" in ln and " 2 " in ln and "document" in ln and "tổ chức cơ sở" in ln for ln in lines)
    assert any(ln.startswith(f"{f}:2:10") and "UBND" in ln and "dictionary" in ln for ln in lines)
    res = runner.invoke(app, ["abbreviations", "--json", str(f)])
    import json
    rows = [json.loads(ln) for ln in res.output.splitlines()]
    assert {r["abbreviation"]: (r["count"], r["source"], r["line"]) for r in rows} == \
        {"TCCS": (2, "document", 1), "UBND": (2, "dictionary", 2)}
    res = runner.invoke(app, ["abbreviations", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2


# --- properties ---------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FORMS = sorted(dictionary())
_PIECES = st.one_of(
    st.sampled_from(_FORMS),
    st.sampled_from(["tỉnh", "Ủy ban nhân dân", "tổ chức cơ sở", "các", "của", "Sở", "Đài", "Trường",
                     "Hội", "đã", "Nguyễn Văn An", "Tân Phú", "HỘI NGHỊ", "số 02-NQ/ĐUK",
                     "1234/QĐ-UBND", "https://a.vn/UBND", "(", ")", ",", ".", "–", "\n"]),
    st.builds(lambda f: f"{dictionary()[f].expansion} ({f})", st.sampled_from(_FORMS)),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from(["expand", "annotate"]))
def test_edits_rebuild_and_a_second_run_changes_nothing(text, mode):
    options = dict(expand_abbreviations=True, abbreviation_mode=mode,
                   disable=["unicode/", "spacing/", "mt/", "ocr/", "tone/"])
    r = clean_and_explain(text, **options)
    assert apply_edits(text, r.edits) == r.text
    for e in r.edits:   # codes and addresses are never touched
        for code in ("02-NQ/ĐUK", "1234/QĐ-UBND", "https://a.vn/UBND"):
            pos = text.find(code)
            while pos != -1:
                assert e.end <= pos or e.start >= pos + len(code), (e, code)
                pos = text.find(code, pos + 1)
    assert clean(r.text, **options) == r.text


@settings(max_examples=80, deadline=None)
@given(_TEXTS)
def test_found_spans_hold_their_text(text):
    for u in find_abbreviations(text):
        assert text[u.start:u.end] == u.text
        assert u.abbreviation in dictionary() or u.source == "document"
