"""Rule files are validated; each problem names the file and line and says what to do."""

from pathlib import Path

import pytest

from vntextclean.rules.loader import load_specs

GOOD = """id: ocr/sample
description: A sample.
level: fix
profiles: [safe]
kind: table
table:
  cở sở: cơ sở
examples:
  - in: "tổ chức cở sở"
    out: "tổ chức cơ sở"
"""


def load_one(tmp_path: Path, body: str, rule_id: str = "ocr/sample") -> list[str]:
    path = tmp_path / f"{rule_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    report = load_specs([tmp_path])
    return [str(e).split(str(tmp_path) + "/", 1)[-1] for e in report.errors]


def test_good_rule_loads(tmp_path):
    assert load_one(tmp_path, GOOD) == []


@pytest.mark.parametrize(("change", "expected"), [
    (("examples:\n  - in: \"tổ chức cở sở\"\n    out: \"tổ chức cơ sở\"\n", ""),
     "ocr/sample.yaml:1: a rule needs examples"),
    (("kind: table", "kind: tabel"), "ocr/sample.yaml:5: unknown kind 'tabel'"),
    (("table:", "tabel:"), "ocr/sample.yaml:6: unknown key 'tabel' for a table rule"),
    (("id: ocr/sample", "id: ocr/other"), "ocr/sample.yaml:1: id 'ocr/other' must equal the file's path"),
    (("level: fix", "level: error"), "ocr/sample.yaml:3: unknown level 'error'"),
    (("profiles: [safe]", "profiles: [fast]"), "ocr/sample.yaml:4: profiles must be a non-empty list"),
    (("    out: \"tổ chức cơ sở\"\n", ""), "ocr/sample.yaml:9: an 'in' example needs 'out'"),
    (("  cở sở: cơ sở", "  cở sở: cơ sở\n  cở sở: cỡ số"), "ocr/sample.yaml:8: invalid YAML: duplicate key"),
])
def test_broken_rule_reports_file_line_and_remedy(tmp_path, change, expected):
    errors = load_one(tmp_path, GOOD.replace(*change))
    assert len(errors) == 1
    assert errors[0].startswith(expected), errors[0]


def test_bad_regex_reports_its_line(tmp_path):
    from vntextclean.rules import RuleSet
    body = """id: mt/bad
description: Bad.
level: flag
profiles: [safe]
kind: flag
pattern: 'a(b'
examples:
  - in: "ab"
    at: "ab"
"""
    (tmp_path / "mt").mkdir()
    (tmp_path / "mt" / "bad.yaml").write_text(body, encoding="utf-8")
    errors = [str(e) for e in RuleSet.load([tmp_path]).errors]
    assert len(errors) == 1 and errors[0].endswith("mt/bad.yaml:6: bad regex in 'pattern': missing ) at position 3")


def test_not_utf8_rule_file(tmp_path):
    path = tmp_path / "ocr" / "latin1.yaml"
    path.parent.mkdir()
    path.write_bytes("id: ocr/latin1\ndescription: caf\xe9\n".encode("latin-1"))
    (err,) = load_specs([tmp_path]).errors
    assert "not UTF-8" in str(err) and "save the file as UTF-8" in str(err)


def test_missing_rules_folder(tmp_path):
    (err,) = load_specs([tmp_path / "nowhere"]).errors
    assert "rule folder not found" in str(err)


def test_user_rule_overrides_bundled_by_id(tmp_path):
    body = """id: unicode/latin-eth
description: "Switched off by the user, a flag that never fires."
level: flag
profiles: [safe]
kind: flag
pattern: 'QQQQ'
examples:
  - in: "QQQQ"
    at: "QQQQ"
"""
    (tmp_path / "unicode").mkdir()
    (tmp_path / "unicode" / "latin-eth.yaml").write_text(body, encoding="utf-8")
    from vntextclean import clean
    assert clean("Ðảng", rules=[tmp_path]) == "Ðảng"
