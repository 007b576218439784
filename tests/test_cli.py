"""The command line: inputs and outputs, one-line errors, exit codes."""

import json
from pathlib import Path

from typer.testing import CliRunner

from vntextclean.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(map(str, args)), input=input)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_stdin_to_stdout():
    result = run("clean", input="Ðảng ủy  Khối\n")
    assert result.exit_code == 0
    assert result.stdout == "Đảng ủy Khối\n"


def test_one_file_to_stdout_and_explain(tmp_path):
    f = write(tmp_path / "a.txt", "Nam Ðịnh")
    assert run("clean", f).stdout == "Nam Định"
    out = run("clean", f, "--explain").stdout
    assert out.startswith(f"{f}:1:5 unicode/latin-eth fix 'Ð' -> 'Đ'")


def test_several_inputs_need_an_output_choice(tmp_path):
    a, b = write(tmp_path / "a.txt", "x"), write(tmp_path / "b.txt", "y")
    result = run("clean", a, b)
    assert result.exit_code == 2
    assert "give --output DIR" in result.stderr


def test_output_folder_mirrors_the_tree_and_leaves_inputs(tmp_path):
    src = tmp_path / "in"
    write(src / "x" / "a.txt", "Ðảng")
    write(src / "b.txt", "hoà")
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "x" / "a.txt").read_text(encoding="utf-8") == "Đảng"
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "hòa"
    assert (src / "x" / "a.txt").read_text(encoding="utf-8") == "Ðảng"


def test_in_place_rewrites_only_changed_files(tmp_path):
    a = write(tmp_path / "a.txt", "Ðảng")
    b = write(tmp_path / "b.txt", "Đảng")
    before = b.stat().st_mtime_ns
    assert run("clean", a, b, "--in-place").exit_code == 0
    assert a.read_text(encoding="utf-8") == "Đảng"
    assert b.stat().st_mtime_ns == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_bad_file_is_one_line_and_others_go_through(tmp_path):
    good = write(tmp_path / "good.txt", "Ðảng")
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Nghê\u0323 An".encode("cp1258"))   # a Windows-1258 file
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Đảng".encode("utf-16"))
    result = run("clean", bad, wide, good, tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any(l.startswith(f"vntextclean: error: {bad}: not UTF-8") and "iconv" in l for l in lines)
    assert any(l.startswith(f"vntextclean: error: {wide}: UTF-16 text") for l in lines)
    assert any(f"{tmp_path / 'missing.txt'}: no such file" in l for l in lines)
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == "Đảng"


def test_check_prints_path_line_col_and_exit_codes(tmp_path):
    f = write(tmp_path / "a.txt", "Dòng một\nNam Ðịnh")
    result = run("check", f)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{f}:2:5: unicode/latin-eth ")
    clean_file = write(tmp_path / "b.txt", "Đảng ủy Khối")
    assert run("check", clean_file).exit_code == 0


def test_json_output_is_one_object_per_input(tmp_path):
    f = write(tmp_path / "a.txt", "Ðảng")
    obj = json.loads(run("clean", f, "--json").stdout)
    assert obj["path"] == str(f) and obj["text"] == "Đảng"
    assert obj["edits"][0]["rule"] == "unicode/latin-eth"


def test_unknown_profile_is_a_clear_error():
    result = run("clean", "--profile", "fast", input="x")
    assert result.exit_code == 2
    assert "unknown profile 'fast'" in result.stderr


def test_broken_user_rules_folder(tmp_path):
    write(tmp_path / "rules" / "ocr" / "x.yaml", "id: ocr/x\nkind: table\n")
    result = run("clean", "--rules", tmp_path / "rules", input="x")
    assert result.exit_code == 2
    assert "ocr/x.yaml:1: missing required key 'description'" in result.stderr


def test_rules_list_and_test():
    listing = run("rules", "list")
    assert listing.exit_code == 0 and "unicode/latin-eth" in listing.stdout
    tested = run("rules", "test", "--only", "unicode/latin-eth")
    assert tested.exit_code == 0 and " passed, 0 failed" in tested.stdout


def test_output_that_is_a_file_is_a_clear_error(tmp_path):
    f = write(tmp_path / "a.txt", "Ðảng")
    not_a_folder = write(tmp_path / "out", "")
    result = run("clean", f, "-o", not_a_folder)
    assert result.exit_code == 2
    assert "--output must be a folder" in result.stderr and "Traceback" not in result.stderr


def test_unwritable_target_is_reported_and_others_go_on(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", "Ðảng")
    write(src / "b.txt", "hoà")
    out = tmp_path / "out"
    write(out / "a.txt" / "blocker", "")      # a folder where the file a.txt must go
    result = run("clean", src, "-o", out)
    assert result.exit_code == 2
    assert f"{out / 'a.txt'}: cannot write" in result.stderr and "Traceback" not in result.stderr
    assert (out / "b.txt").read_text(encoding="utf-8") == "hòa"
