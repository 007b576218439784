"""Build the word-pair table that vntextclean ships (``src/vntextclean/data/word-pairs.tsv.gz``).

What it counts: in real, edited Vietnamese text, how often each syllable occurs and
how often each syllable is directly followed by another inside one clause (only
spaces between them; punctuation, digits and line breaks end a clause). The OCR
check (``vntextclean.ocr``) uses these counts to tell which of two dictionary words
fits a context: "cơ sở" is frequent, "cở sở" never occurs.

Input (a folder with the layout of the project's development corpus, ``--corpus``,
by default ``../shared/corpus`` next to the repository): JSON-lines files with
``id``, ``text`` and optional ``title``:

- ``news/news_vtn_baomoi.jsonl``      news articles (VietnameseTextNormalizer, MIT)
- ``news/news_binhvq_sample.jsonl``   news articles (binhvq/news-corpus, Apache-2.0)
- ``news/titles_binhvq.jsonl``        news headlines (same source)
- ``news/wiki_corpus_viwiki_sample.jsonl``  Wikipedia articles (CC BY-SA 3.0)
- ``news/legal_vn_documents.jsonl``   laws and decisions (public domain)

Forum text (teencode, missing diacritics) and the Wikipedia revisions with annotated
spelling mistakes are left out on purpose: they would teach the table the errors.

Held-out split: a document whose id hashes to 0 modulo 10 (:func:`is_held_out`) is
NOT counted, so ``benchmarks/ocr_precision.py`` can measure on text the table has
never seen.

Pruning keeps the shipped file small (a few hundred KB): syllables seen at least
``--min-syllable`` times and pairs seen at least ``--min-pair`` times. Each line is
``phrase<TAB>count``, the phrase written in its most frequent lower-case form.

Usage (from the repository root)::

    .venv/bin/python benchmarks/build_word_pairs.py            # writes the shipped table
    .venv/bin/python benchmarks/build_word_pairs.py --min-pair 3 --out /some/other.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from vntextclean.lexicon import clauses, lexicon_key  # noqa: E402

SOURCES = [
    "news/news_vtn_baomoi.jsonl",
    "news/news_binhvq_sample.jsonl",
    "news/titles_binhvq.jsonl",
    "news/wiki_corpus_viwiki_sample.jsonl",
    "news/legal_vn_documents.jsonl",
]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_OUT = REPO / "src" / "vntextclean" / "data" / "word-pairs.tsv.gz"


def is_held_out(doc_id: str) -> bool:
    """True for the tenth of documents kept out of the table, for measurement."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 10 == 0


def normalise(text: str) -> str:
    """NFC and Latin Eth to Đ, as the cleaner's unicode stage does before the ocr stage."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ")


def documents(corpus: Path, *, held_out: bool) -> "list[dict]":
    """The corpus documents of one side of the split (missing files are skipped)."""
    docs = []
    for name in SOURCES:
        path = corpus / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if is_held_out(doc["id"]) == held_out:
                    docs.append(doc)
    return docs


def count(docs: "list[dict]") -> tuple[Counter, Counter, dict[str, Counter]]:
    unigrams: Counter = Counter()
    pairs: Counter = Counter()
    surfaces: dict[str, Counter] = {}
    for doc in docs:
        for text in (doc.get("title") or "", doc["text"]):
            for run in clauses(normalise(text)):
                keys = []
                for _, _, word in run:
                    low = word.lower()
                    key = lexicon_key(low)
                    keys.append(key)
                    unigrams[key] += 1
                    surfaces.setdefault(key, Counter())[low] += 1
                for a, b in zip(keys, keys[1:]):
                    pairs[a + " " + b] += 1
    return unigrams, pairs, surfaces


def main(argv: "list[str] | None" = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--min-syllable", type=int, default=3)
    ap.add_argument("--min-pair", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus folder {args.corpus} not found; nothing to build", file=sys.stderr)
        return 0
    docs = documents(args.corpus, held_out=False)
    unigrams, pairs, surfaces = count(docs)
    surface = {k: c.most_common(1)[0][0] for k, c in surfaces.items()}
    kept_u = [(k, n) for k, n in unigrams.most_common() if n >= args.min_syllable]
    kept_p = [(k, n) for k, n in pairs.most_common() if n >= args.min_pair]
    lines = [
        "# vntextclean word-pair table: phrase<TAB>count; built by benchmarks/build_word_pairs.py",
        f"# {len(docs)} documents, {sum(unigrams.values())} syllables; "
        f"kept syllables >= {args.min_syllable} ({len(kept_u)}), pairs >= {args.min_pair} ({len(kept_p)})",
    ]
    lines += [f"{surface[k]}\t{n}" for k, n in kept_u]
    lines += [" ".join(surface[s] for s in k.split(" ")) + f"\t{n}" for k, n in kept_p]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes identical between identical builds.
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    print(f"{args.out}: {len(kept_u)} syllables, {len(kept_p)} pairs, "
          f"{args.out.stat().st_size // 1024} KB (from {len(docs)} documents, "
          f"{sum(unigrams.values())} syllables)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
