"""Measure the boilerplate and mt rules on real news: flags per 1,000 words, lines dropped.

On clean news, mt flags must be rare (they are evidence of spinner damage,
not of style), and the boilerplate rules should drop only page furniture.
This prints, for the baomoi sample (1,000 articles, collected by 2018):

- mt flags per 1,000 words, per rule, with a few examples each;
- boilerplate edits per rule, with the dropped text, for review by eye;
- metadata recognised, per kind.

Run from the repository root with the shared corpus beside it (skipped politely
when it is absent):
    python benchmarks/news_furniture_and_mt_flags.py [--examples N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from vntextclean import Cleaner

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news" / "news_vtn_baomoi.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="examples shown per rule")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS.name} not found beside the repository")
        return 0
    docs = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    cleaner = Cleaner(profile="news")
    words = 0
    flags: Counter[str] = Counter()
    edits: Counter[str] = Counter()
    meta: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for doc in docs:
        text = doc["text"]
        words += len(text.split())
        r = cleaner.clean(text)
        for f in r.flags:
            if f.rule.startswith("mt/"):
                flags[f.rule] += 1
                shown[f.rule].append(f"{doc['id']}: …{text[max(0, f.start - 30):f.end + 20]!r}…")
        for e in [*r.edits, *r.suggestions]:
            for rule in e.rules:
                if rule.startswith(("boilerplate/", "mt/")):
                    edits[rule] += 1
                    shown[rule].append(f"{doc['id']}: {e.before[:80]!r}")
        for m in r.metadata:
            meta[m.kind] += 1
    elapsed = time.perf_counter() - started
    print(f"{len(docs)} articles, {words} words, {elapsed:.1f} s (news profile, all rules)")
    total = sum(flags.values())
    print(f"\nmt flags: {total} = {1000 * total / words:.3f} per 1,000 words")
    for rule, n in flags.most_common():
        print(f"  {rule}: {n} ({1000 * n / words:.3f} per 1,000 words)")
        for line in shown[rule][:args.examples]:
            print(f"      {line}")
    print("\nboilerplate and mt edits:")
    for rule, n in edits.most_common():
        print(f"  {rule}: {n}")
        for line in shown[rule][:args.examples]:
            print(f"      {line}")
    print("\nmetadata:", dict(meta.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
