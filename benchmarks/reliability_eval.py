"""How well the reliability score separates clean from damaged documents.

Builds the labelled set (``make_reliability_set.py``: real articles and damaged
copies, split by document into ``train`` and ``test``), scores every document with
:func:`vntextclean.score`, and reports:

- ROC-AUC (damaged = positive, ranked by ``1 - score``) per split and per damage;
- the confusion at the documented thresholds (``GOOD``/``POOR`` bands);
- thresholds suggested from the **train** split only: GOOD keeps 95 % of its clean
  documents, POOR drops none (the test split is not used for tuning; its numbers
  are the ones to quote);
- the seed articles in score order (002, the spun wreck, must come far below).

Skips politely when ``../shared/corpus`` is absent.

    python benchmarks/reliability_eval.py            # both splits
    python benchmarks/reliability_eval.py --split train --signals   # while tuning
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_reliability_set as mrs  # noqa: E402

from vntextclean.reliability import COSTS, GOOD, POOR, score  # noqa: E402


def roc_auc(labels: list[int], risks: list[float]) -> float:
    """Probability that a random damaged document is riskier than a random clean one (ties 1/2)."""
    pos = [r for r, y in zip(risks, labels) if y == 1]
    neg = [r for r, y in zip(risks, labels) if y == 0]
    if not pos or not neg:
        return float("nan")
    # rank-sum (Mann-Whitney U) with average ranks for ties
    order = sorted(range(len(risks)), key=lambda i: risks[i])
    ranks = [0.0] * len(risks)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and risks[order[j + 1]] == risks[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_pos = sum(r for r, y in zip(ranks, labels) if y == 1)
    return (rank_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def confusion(rows: list[dict]) -> str:
    table = defaultdict(int)
    for r in rows:
        table[r["label"], r["band"]] += 1
    lines = ["            good  doubtful  poor"]
    for label, name in ((0, "clean"), (1, "damaged")):
        lines.append(f"  {name:<8} {table[label, 'good']:5d} {table[label, 'doubtful']:9d} {table[label, 'poor']:5d}")
    return "\n".join(lines)


def suggest_thresholds(rows: list[dict]) -> tuple[float, float]:
    """GOOD: the score 95 % of clean train documents reach; POOR: the lowest clean score
    (round both down to a multiple of 0.05 for the module constants)."""
    clean = sorted(r["score"] for r in rows if r["label"] == 0)
    if not clean:
        return GOOD, POOR
    return round(clean[int(0.05 * len(clean))], 2), round(clean[0], 2)


def seeds_report() -> str:
    seeds = sorted((mrs.ROOT / "seeds").glob("*.txt"))
    got = [(score(p.read_text(encoding="utf-8")).score, p.name[:3]) for p in seeds]
    got.sort()
    return "  ".join(f"{name}={s:.3f}" for s, name in got)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("train", "test", "both"), default="both")
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--signals", action="store_true", help="mean cost per signal, clean vs damaged")
    ap.add_argument("--worst", type=int, default=0, help="show the N lowest clean and highest damaged")
    args = ap.parse_args(argv)
    if not mrs.CORPUS.exists():
        print(f"corpus not found at {mrs.CORPUS}; skipping")
        return 0
    t0 = time.time()
    rows = []
    chars = 0
    for rec in mrs.build(args.seed):
        if args.split != "both" and rec["split"] != args.split:
            continue
        rel = score(rec["text"])
        chars += len(rec["text"])
        rows.append({**rec, "score": rel.score, "band": rel.band,
                     "costs": {s.name: s.cost for s in rel.signals},
                     "reasons": [s.describe() for s in rel.reasons(2)]})
    elapsed = time.time() - t0
    print(f"{len(rows)} documents, {chars / 1e6:.2f} M characters, scored in {elapsed:.1f} s "
          f"({chars / max(elapsed, 1e-9) / 1e3:.0f} k chars/s, one core)")
    print(f"thresholds: GOOD={GOOD} POOR={POOR}")
    for split in ("train", "test"):
        part = [r for r in rows if r["split"] == split]
        if not part:
            continue
        auc = roc_auc([r["label"] for r in part], [1 - r["score"] for r in part])
        print(f"\n[{split}] {len(part)} documents  ROC-AUC {auc:.4f}")
        for damage in mrs.DAMAGES:
            sub = [r for r in part if r["label"] == 0 or r["damage"] == damage]
            a = roc_auc([r["label"] for r in sub], [1 - r["score"] for r in sub])
            print(f"  {damage:<14} AUC {a:.4f}")
        print(confusion(part))
        if split == "train":
            g, p = suggest_thresholds(part)
            print(f"  suggested from train: GOOD={g} POOR={p}")
        if args.signals:
            for label, name in ((0, "clean"), (1, "damaged")):
                sub = [r for r in part if r["label"] == label]
                means = {k: sum(r["costs"][k] for r in sub) / len(sub) for k in COSTS}
                print(f"  mean cost {name:<8}", " ".join(f"{k}={v:.3f}" for k, v in means.items() if v))
        if args.worst:
            for r in sorted((r for r in part if r["label"] == 0), key=lambda r: r["score"])[:args.worst]:
                print(f"  low clean   {r['score']:.3f} {r['id']}: {'; '.join(r['reasons'])}")
            for r in sorted((r for r in part if r["label"] == 1), key=lambda r: -r["score"])[:args.worst]:
                print(f"  high damaged {r['score']:.3f} {r['id']}: {'; '.join(r['reasons'])}")
    print("\nseeds, lowest first:", seeds_report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
