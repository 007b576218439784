"""The pipeline: do no harm, lossless results, fast path equals full run, user rules."""

from pathlib import Path

import pytest

from vntextclean import Cleaner, CleanConfig, RuleError, apply_edits, check, clean, clean_and_explain

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[1] / "seeds"


def clean_paragraphs() -> list[str]:
    text = (FIXTURES / "clean_paragraphs.txt").read_text(encoding="utf-8")
    return [p.split("\n", 1)[1] for p in text.strip().split("\n\n")]


# Real errors present in the clean-paragraph fixture (Wikipedia has typos too);
# a default clean may repair exactly these and nothing else.
KNOWN_ERRORS_IN_FIXTURE = {("bẳng", "bằng"), ("cốt lỏi", "cốt lõi")}


def test_safe_profile_changes_nothing_in_clean_text():
    for para in clean_paragraphs():
        result = clean_and_explain(para)
        unexpected = [e for e in result.edits if (e.before, e.after) not in KNOWN_ERRORS_IN_FIXTURE]
        assert unexpected == [], (para[:80], result.explain())
        assert apply_edits(para, result.edits) == result.text


def test_safe_profile_repairs_each_damage_class_exactly():
    original = "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh tổ chức Hội nghị sơ kết, hòa hợp."
    damaged = (original.replace("Đảng", "Ðảng")
               .replace("Thường", "Thu\u031bo\u031b\u0300ng")
               .replace("các", "cа\u0301c")           # Cyrillic а, decomposed tone
               .replace("Khối", "Khố\u200bi")
               .replace("hòa", "hoà")
               .replace(" tỉnh", "\u00a0tỉnh")
               .replace("Hội nghị", "Hội  nghị") + "  ")
    result = clean_and_explain(damaged)
    assert result.text == original
    assert apply_edits(damaged, result.edits) == original
    families = {rid.split("/")[0] for e in result.edits for rid in e.rules}
    assert {"unicode", "spacing"} <= families


def test_line_breaks_and_crlf_are_kept():
    text = "Dòng một  \r\n\r\nDòng hai\u00a0\nDòng ba"
    out = clean(text)
    assert out == "Dòng một\r\n\r\nDòng hai\nDòng ba"
    assert out.count("\n") == text.count("\n")


def test_fast_scan_agrees_with_full_run_on_seeds():
    fast, slow = Cleaner(profile="news"), Cleaner(profile="news", scan=False)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        a, b = fast.clean(text), slow.clean(text)
        assert a.text == b.text, path.name
        assert a.edits == b.edits, path.name


def test_edits_rebuild_output_on_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for profile in ("safe", "news"):
            result = clean_and_explain(text, profile=profile)
            assert apply_edits(text, result.edits) == result.text
            assert clean(result.text, profile=profile) == result.text   # idempotent


def test_check_reports_without_changing():
    findings = check("Ðảng ủy")
    assert [(f.before, f.after, f.rule) for f in findings] == [("Ð", "Đ", "unicode/latin-eth")]


def test_unknown_option_is_a_clear_error():
    with pytest.raises(TypeError, match="unknown option"):
        clean("x", profil="news")
    with pytest.raises(ValueError, match="unknown profile"):
        clean("x", profile="fast")


def test_disable_turns_a_rule_or_family_off():
    assert clean("Ðảng  ủy", disable={"unicode/latin-eth"}) == "Ðảng ủy"
    assert clean("Ðảng  ủy", disable={"unicode/"}) == "Ðảng ủy"
    assert clean("Ðảng  ủy", disable={"spacing"}) == "Đảng  ủy"


def write_rule(folder: Path, rule_id: str, body: str) -> Path:
    path = folder / f"{rule_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"id: {rule_id}\n" + body, encoding="utf-8")
    return path


def test_user_rules_add_and_override(tmp_path):
    write_rule(tmp_path, "ocr/my-table", """description: My misreadings.
level: fix
profiles: [safe]
kind: table
table:
  Uy ban: Ủy ban
examples:
  - in: "Uy ban nhân dân"
    out: "Ủy ban nhân dân"
""")
    write_rule(tmp_path, "spacing/repeated-spaces", """description: Overridden to do nothing useful.
level: flag
profiles: [safe]
kind: flag
pattern: 'XYZZY'
examples:
  - in: "a XYZZY b"
    at: "XYZZY"
""")
    cleaner = Cleaner(rules=[tmp_path])
    assert cleaner.clean("UY BAN  nhân dân").text == "ỦY BAN  nhân dân"


def test_broken_user_rule_names_file_and_line(tmp_path):
    write_rule(tmp_path, "ocr/broken", """description: Broken.
level: fix
profiles: [safe]
kind: regex
pattern: '(unclosed'
replace: 'x'
examples:
  - in: "a"
    out: "b"
""")
    with pytest.raises(RuleError) as info:
        Cleaner(rules=[tmp_path])
    assert str(info.value).endswith("ocr/broken.yaml:6: bad regex in 'pattern': missing ) at position 9")


def test_slow_user_regex_is_reported_and_skipped(tmp_path):
    # Fuzzy matching with many errors allowed: far too slow on a long line.
    write_rule(tmp_path, "mt/slow", r"""description: A pathological pattern.
level: flag
profiles: [safe]
kind: flag
pattern: '(?:abcdefghijklmnopqrstuvwxyz){e<=9}'
examples:
  - in: "abcdefghijklmnopqrstuvwxyz"
    at: "abcdefghijklmnopqrstuvwxyz"
""")
    cleaner = Cleaner(rules=[tmp_path], regex_timeout=0.2)
    text = "Ðảng " + " ".join(["abcdefgh"] * 400) + " ?"
    result = cleaner.clean(text)
    assert result.text.startswith("Đảng")           # the other rules still ran
    assert any("mt/slow" in p for p in result.stats.get("problems", []))


def test_config_object_and_options_agree():
    cfg = CleanConfig(profile="news", tone_style="modern")
    assert clean("hòa bình", cfg) == clean("hòa bình", profile="news", tone_style="modern")


def test_table_entries_match_whole_words_in_their_case_forms(tmp_path):
    write_rule(tmp_path, "ocr/sample", """description: Sample table.
level: fix
profiles: [safe]
kind: table
table:
  cở sở: cơ sở
examples:
  - in: "tổ chức cở sở"
    out: "tổ chức cơ sở"
""")
    cleaner = Cleaner(rules=[tmp_path], only=["ocr/sample"])
    assert cleaner.clean("cở sở, Cở sở, Cở Sở, CỞ SỞ").text == "cơ sở, Cơ sở, Cơ Sở, CƠ SỞ"
    for untouched in ("cở sởx", "xcở sở", "cỞ sở", "cở SỞ"):   # part-words, mixed case
        assert cleaner.clean(untouched).text == untouched


def test_findings_on_text_a_later_fix_deleted_are_dropped(tmp_path):
    # A flag raised in an early stage, on a line the boilerplate stage then drops.
    write_rule(tmp_path, "mt/word", """description: Flag a word.
level: flag
profiles: [news]
stage: unicode
kind: flag
pattern: 'Reply'
examples:
  - in: "a Reply"
    at: "Reply"
""")
    text = "Đoạn một.\n\nLeave a Reply\n\nĐoạn hai."
    result = Cleaner(rules=[tmp_path], profile="news").clean(text)
    assert "Leave a Reply" not in result.text
    assert [f for f in result.flags if f.rule == "mt/word"] == []
    kept = Cleaner(rules=[tmp_path], profile="news").clean("Một câu có Reply ở giữa.")
    assert [f.before for f in kept.flags if f.rule == "mt/word"] == ["Reply"]
