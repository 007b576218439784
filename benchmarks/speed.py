"""Throughput of vntextclean beside ftfy and underthesea, in MB/s of UTF-8 input.

Prints a table. Uses the shared news corpus when it sits beside the repository
(``../shared/corpus/news/news_vtn_baomoi.jsonl``: 1,000 real articles), otherwise
the seed articles repeated. Each tool is timed over the same documents, one call
per document, best of ``--repeat`` runs.

    python benchmarks/speed.py [--repeat 3] [--limit-mb 4]
"""

from __future__ import annotations

import argparse
import json
import random
import time
import unicodedata
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news" / "news_vtn_baomoi.jsonl"


def news_documents(limit_mb: float) -> tuple[str, list[str]]:
    if CORPUS.is_file():
        docs = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
        source = f"{CORPUS.name} ({len(docs)} articles)"
    else:
        docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        source = "seeds/ (shared corpus not found)"
    out, size = [], 0
    while size < limit_mb * 1e6:
        for d in docs:
            out.append(d)
            size += len(d.encode("utf-8"))
    return source, out


def damage(docs: list[str], seed: int = 7) -> list[str]:
    """Every repair on: decompose one paragraph in five, misplace tones, add odd spaces."""
    rng = random.Random(seed)
    out = []
    for d in docs:
        paras = d.split("\n")
        for i, p in enumerate(paras):
            r = rng.random()
            if r < 0.1:
                paras[i] = unicodedata.normalize("NFD", p)
            elif r < 0.2:
                paras[i] = p.replace("hòa", "hoà").replace("Đ", "Ð").replace(" ", "\u00a0", 3)
        out.append("\n".join(paras))
    return out


def throughput(fn: Callable[[str], object], docs: list[str], repeat: int) -> float:
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for d in docs:
            fn(d)
        best = min(best, time.perf_counter() - t)
    return mb / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit-mb", type=float, default=4.0)
    args = ap.parse_args()

    from vntextclean import Cleaner
    source, clean_docs = news_documents(args.limit_mb)
    damaged_docs = damage(clean_docs)
    safe, news = Cleaner(profile="safe"), Cleaner(profile="news")
    tools: list[tuple[str, Callable[[str], object]]] = [
        ("vntextclean clean (safe)", safe.clean),
        ("vntextclean clean (news)", news.clean),
    ]
    try:
        import ftfy
        tools.append(("ftfy.fix_text", ftfy.fix_text))
    except ImportError:
        pass
    try:
        from underthesea import text_normalize
        tools.append(("underthesea.text_normalize", text_normalize))
    except ImportError:
        pass
    size = sum(len(d.encode("utf-8")) for d in clean_docs) / 1e6
    print(f"input: {source}, {len(clean_docs)} documents, {size:.1f} MB; best of {args.repeat}")
    print(f"{'tool':<30} {'news text MB/s':>15} {'damaged MB/s':>13}")
    for name, fn in tools:
        slow = name.startswith("underthesea")
        docs_a = clean_docs[: max(1, len(clean_docs) // 20)] if slow else clean_docs
        docs_b = damaged_docs[: max(1, len(damaged_docs) // 20)] if slow else damaged_docs
        a = throughput(fn, docs_a, args.repeat)
        b = throughput(fn, docs_b, args.repeat)
        note = "  (timed on a 1/20 sample)" if slow else ""
        print(f"{name:<30} {a:>15.1f} {b:>13.1f}{note}")


if __name__ == "__main__":
    main()
