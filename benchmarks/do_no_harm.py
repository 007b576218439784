"""What does a default clean change on real text? Edits per rule over the shared corpus.

For each corpus file: documents changed, edits by rule, and a few samples per
rule so a person can judge whether each edit was a real defect. Reads
``../shared/corpus/news/*.jsonl`` beside the repository; prints a table.

    python benchmarks/do_no_harm.py [--profile safe] [--samples 3] [--files baomoi wiki]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profile", default="safe")
    ap.add_argument("--samples", type=int, default=3)
    ap.add_argument("--files", nargs="*", help="only files whose name contains one of these")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print("the shared corpus is not beside this repository; nothing to measure", file=sys.stderr)
        return 0
    from vntextclean import Cleaner
    cleaner = Cleaner(profile=args.profile)
    print(f"profile: {args.profile}")
    print(f"{'file':<34} {'docs':>6} {'changed':>8} {'edits':>7} {'sugg.':>6} {'flags':>6}")
    per_rule: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    samples: dict[str, list[str]] = collections.defaultdict(list)
    for path in sorted(CORPUS.glob("*.jsonl")):
        if args.files and not any(f in path.name for f in args.files):
            continue
        docs = changed = edits = sugg = flags = 0
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            r = cleaner.clean(doc["text"])
            docs += 1
            changed += r.changed
            edits += len(r.edits)
            sugg += len(r.suggestions)
            flags += len(r.flags)
            for e in r.edits:
                per_rule[e.rule][path.stem] += 1
                if len(samples[e.rule]) < args.samples:
                    left = doc["text"][max(0, e.start - 25):e.start].replace("\n", "⏎")
                    right = doc["text"][e.end:e.end + 25].replace("\n", "⏎")
                    samples[e.rule].append(f"{doc['id']}: …{left}[{e.before!r}→{e.after!r}]{right}…")
        print(f"{path.stem:<34} {docs:>6} {changed:>8} {edits:>7} {sugg:>6} {flags:>6}")
    print("\nedits by rule (file: count), with samples:")
    for rule, counts in sorted(per_rule.items(), key=lambda kv: -sum(kv[1].values())):
        where = ", ".join(f"{f}: {n}" for f, n in counts.most_common())
        print(f"\n{rule}  total {sum(counts.values())}  ({where})")
        for s in samples[rule]:
            print(f"    {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
