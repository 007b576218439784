"""The lexicon: Viet74K lookups, the shipped word-pair table, and the script that builds it."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from vntextclean import lexicon
from vntextclean.lexicon import (WORD_PAIRS_RESOURCE, WordPairs, clauses, is_known_syllable,
                                 is_word, lexicon_key, pair_count, syllable_count, word_pairs,
                                 written_forms)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "vntextclean" / WORD_PAIRS_RESOURCE


def test_shipped_table_is_small_and_loads_once():
    assert SHIPPED.stat().st_size < 400_000, "keep the shipped word-pair table a few hundred KB at most"
    first = word_pairs()
    assert first is word_pairs()            # loaded once per process
    assert len(first) > 20_000 and len(first.unigrams) > 5_000


def test_table_knows_frequent_vietnamese_pairs_and_not_misreadings():
    assert pair_count("cơ", "sở") > 100
    assert pair_count("đào", "tạo") > 100
    assert pair_count("Đại", "học") > 100
    assert pair_count("cở", "sở") == 0
    assert pair_count("đào", "đạo") == 0
    assert syllable_count("của") > syllable_count("cùa")


def test_keys_ignore_case_and_tone_placement():
    assert lexicon_key("Hòa") == lexicon_key("hoà") == lexicon_key("HOÀ")
    assert lexicon_key("thủy") == lexicon_key("thuỷ")
    assert lexicon_key("hòa") != lexicon_key("hoa")          # the tone itself still counts
    assert lexicon_key("cơ") != lexicon_key("cỡ")
    assert pair_count("hoà", "bình") == pair_count("hòa", "bình") > 0


def test_is_word_reads_viet74k_in_either_tone_style():
    assert is_word("cơ sở") and is_word("đào tạo") and is_word("Đại học") and is_word("Đại hội")
    assert is_word("hoà bình") and is_word("hòa bình")
    assert is_word("ủy ban") and is_word("uỷ ban")
    assert not is_word("cở sở") and not is_word("đào đạo") and not is_word("thực nghị")


@pytest.mark.parametrize("word", ["sở", "hòa", "thủy", "khỏe", "người", "nghiêng", "quốc"])
def test_real_syllables_are_known(word):
    assert is_known_syllable(word)


@pytest.mark.parametrize("word", ["cở", "rnột", "phuơng", "nghành", "dảng", "thưc"])
def test_misreadings_are_not_known(word):
    assert not is_known_syllable(word)


def test_written_forms_give_each_tone_style():
    assert set(written_forms("hoà")) == {"hòa", "hoà"}
    assert written_forms("toán") == ("toán",)


def test_clauses_break_at_punctuation_digits_and_lines():
    text = "Cơ sở, đào tạo 2024 năm\nmới  nhé"
    runs = [[w for _, _, w in run] for run in clauses(text)]
    assert runs == [["Cơ", "sở"], ["đào", "tạo"], ["năm"], ["mới", "nhé"]]
    for run in clauses(text):
        for start, end, word in run:
            assert text[start:end] == word


def test_word_pairs_from_lines_skips_comments_and_keys_entries():
    wp = WordPairs.from_lines(["# header", "", "hòa\t7", "hoà bình\t3", "bình\t5"])
    assert wp.count("hoà") == 7 and wp.pair("hòa", "Bình") == 3 and wp.pair("bình", "hòa") == 0
    assert wp.surfaces[lexicon_key("hoà")] == "hòa"
    assert wp.total == 12


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_word_pairs", ROOT / "benchmarks" / "build_word_pairs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_counts_clauses_and_keeps_held_out_documents_out(tmp_path):
    build = _load_build_script()
    ids = [f"doc-{i}" for i in range(40)]
    kept = next(i for i in ids if not build.is_held_out(i))
    held = next(i for i in ids if build.is_held_out(i))
    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    docs = [{"id": kept, "text": "Cơ sở đào tạo. Cơ sở đào tạo. Cơ sở mới\nđào tạo"},
            {"id": held, "text": "hoa hồng hoa hồng hoa hồng"}]
    (corpus / "news" / "news_vtn_baomoi.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "pairs.tsv.gz"
    assert build.main(["--corpus", str(corpus), "--out", str(out),
                       "--min-syllable", "1", "--min-pair", "1"]) == 0
    wp = WordPairs.from_lines(gzip.decompress(out.read_bytes()).decode("utf-8").splitlines())
    assert wp.pair("cơ", "sở") == 3
    assert wp.pair("sở", "đào") == 2
    assert wp.pair("tạo", "cơ") == 0          # a full stop ends the clause
    assert wp.pair("mới", "đào") == 0         # so does a line break
    assert wp.count("hoa") == 0               # the held-out document is not counted


def test_build_script_skips_without_corpus(tmp_path, capsys):
    build = _load_build_script()
    out = tmp_path / "never.tsv.gz"
    assert build.main(["--corpus", str(tmp_path / "missing"), "--out", str(out)]) == 0
    assert not out.exists()


def test_dictionary_comes_from_the_installed_underthesea():
    assert lexicon._viet74k_path().name == "Viet74K.txt"
    assert lexicon._viet74k_path().exists()
