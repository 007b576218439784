"""Measure the encoding repairs: precision on clean text, accuracy on damaged text, speed.

1. Precision: every text of the development corpus (``news/*.jsonl``, texts and
   titles) and the seed articles goes through :func:`vntextclean.encoding.repair_encoding`;
   any change on this clean text is a false repair (must be 0). Also counts the
   lines where a rule's trigger matches (these lines reach the rule functions).
2. Accuracy: paragraphs of 80–1500 characters (every 7th, from news, Wikipedia and
   legal texts) are damaged with each encoding (``to_mojibake``) read as
   Windows-1252 and as Latin-1, then repaired; a paragraph counts as exact when the
   repair gives back the original (NFC) byte for byte. The same paragraph is also
   pasted, damaged, between two clean ones (single-paragraph damage).
3. Speed: MB/s of ``repair_encoding`` on clean text and on damaged text.

Usage (from the repository root)::

    .venv/bin/python benchmarks/encoding_precision.py [--corpus ../shared/corpus] [--limit N]

Skips politely when the corpus folder is absent.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
import unicodedata
from collections import Counter

from vntextclean.encoding import TRIGGERS, _TRIGGER_RE, repair_encoding, to_mojibake

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_STRAIGHT = str.maketrans("“”‘’", "\"\"''")


def _texts(corpus: str) -> list[tuple[str, str]]:
    out = []
    for path in sorted(glob.glob(os.path.join(corpus, "news", "*.jsonl"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out.append((name, rec["text"]))
                if rec.get("title"):
                    out.append((name, rec["title"]))
    seeds = os.path.join(ROOT, "seeds")
    for path in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            out.append(("seeds", fh.read()))
    return out


def _damageable(p: str) -> bool:
    try:
        for enc in ("tcvn3", "viscii"):
            to_mojibake(p, encoding=enc)
        return True
    except ValueError:
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--limit", type=int, default=600, help="paragraphs for the accuracy test")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.corpus, "news")):
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    texts = _texts(args.corpus)

    # 1. precision
    changed: Counter[str] = Counter()
    lines = 0
    triggered: Counter[str] = Counter()
    size = 0
    t0 = time.perf_counter()
    for name, t in texts:
        size += len(t.encode("utf-8"))
        if repair_encoding(t) != t:
            changed[name] += 1
    clean_secs = time.perf_counter() - t0
    for _name, t in texts:
        for line in t.split("\n"):
            lines += 1
            for enc, rx in _TRIGGER_RE.items():
                if rx.search(line):
                    triggered[enc] += 1
    print(f"precision: {len(texts)} clean texts, {lines} lines, {size / 1e6:.1f} MB: "
          f"{sum(changed.values())} changed {dict(changed)}")
    print(f"trigger matches on clean lines: {dict(triggered)} (of {lines})")
    print(f"speed on clean text: {size / 1e6 / clean_secs:.1f} MB/s")

    # 2. accuracy
    paras = []
    for name, t in texts:
        if name.startswith(("news_", "wiki_corpus", "legal_")):
            for p in t.replace("\r", "").split("\n"):
                p = unicodedata.normalize("NFC", p.strip())
                if 80 <= len(p) <= 1500 and _damageable(p.translate(_STRAIGHT)):
                    paras.append(p)
    paras = paras[::7][: args.limit]
    print(f"\naccuracy on {len(paras)} real paragraphs (exact = byte-for-byte original):")
    print(f"{'encoding':10} {'read as':8} {'exact':>7} {'whole%':>7} {'in-doc%':>8} {'MB/s':>6}")
    clean_a, clean_b = paras[0], paras[-1]
    for enc in TRIGGERS:
        for read_as in ("cp1252", "latin-1"):
            exact = in_doc = 0
            damaged_bytes = 0
            secs = 0.0
            misses = []
            for p in paras:
                if enc == "viscii":     # VISCII writers typed straight quotes: it has no curly ones
                    p = p.translate(_STRAIGHT)
                bad = to_mojibake(p, encoding=enc, read_as=read_as)
                damaged_bytes += len(bad.encode("utf-8"))
                t1 = time.perf_counter()
                fixed = repair_encoding(bad)
                secs += time.perf_counter() - t1
                if fixed == p:
                    exact += 1
                elif len(misses) < 2:
                    misses.append((p[:90], fixed[:90]))
                doc = f"{clean_a}\n{bad}\n{clean_b}"
                if repair_encoding(doc) == f"{clean_a}\n{p}\n{clean_b}":
                    in_doc += 1
            n = len(paras)
            print(f"{enc:10} {read_as:8} {exact:>7} {100 * exact / n:>6.1f}% {100 * in_doc / n:>7.1f}% "
                  f"{damaged_bytes / 1e6 / secs:>6.2f}")
            for want, got in misses:
                print(f"    miss: {want!r}\n       -> {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
