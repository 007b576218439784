"""Pairwise precision, recall and F1 of entity linking, printed as a table.

Two labelled sets, both inside the repository:

* ``tests/fixtures/seed-gold.yaml`` (key ``entities``): hand annotations of the five
  seed articles in ``seeds/``;
* ``tests/fixtures/entities/variants.jsonl``: real sentences of provincial decisions
  written out in variants (no diacritics, capitals, acronyms, modern tones, titles,
  province dropped or replaced, one diacritic changed), built by
  ``benchmarks/make_entities_fixture.py``.

A gold mention counts as found when a predicted mention of the same type covers the
same span (or overlaps it by at least half of both).  Every pair of gold mentions is
a link when both carry the same identity; the system links them when both are found
and land in the same cluster.  Unfound mentions cost recall only.

Usage: python benchmarks/entities_eval.py [--no-ner] [--by-variant]
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vntextclean.entities import match_entities  # noqa: E402

SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed-gold.yaml"
VARIANTS = ROOT / "tests" / "fixtures" / "entities" / "variants.jsonl"


def seed_set() -> tuple[dict[str, str], list[dict]]:
    """The seed articles and their gold mentions, located in the text."""
    docs = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    gold = yaml.safe_load(SEED_GOLD.read_text(encoding="utf-8"))["entities"]
    labels: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for entity in gold:
        for mention in entity["mentions"]:
            labels[mention["seed"]].append((mention["text"], entity["type"], entity["id"]))
    mentions = []
    for doc, items in labels.items():
        taken: list[tuple[int, int, str]] = []
        for text, kind, ident in sorted(items, key=lambda item: -len(item[0])):
            for match in regex.finditer(rf"(?<![\p{{L}}\d]){regex.escape(text)}(?![\p{{L}}\d])", docs[doc]):
                start, end = match.span()
                if any(k == kind and s <= start and end <= e for s, e, k in taken):
                    continue
                taken.append((start, end, kind))
                mentions.append({"doc": doc, "id": ident, "type": kind, "start": start, "end": end})
    return docs, mentions


def variant_set(only: set[str] | None = None) -> tuple[dict[str, str], list[dict]]:
    docs, mentions = {}, []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if only and record["variant"] not in only:
            continue
        docs[record["doc"]] = record["text"]
        mentions += [dict(m, doc=record["doc"]) for m in record["mentions"]]
    return docs, mentions


def score(docs: dict[str, str], gold: list[dict], *, use_ner: bool = True) -> dict[str, float]:
    """Pairwise precision, recall, F1 (and how many gold mentions were found)."""
    clusters = match_entities(docs, use_ner=use_ner)
    predicted: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for number, cluster in enumerate(clusters):
        for m in cluster.mentions:
            predicted[(m.doc, m.type)].append((m.start, m.end, number))
    assigned: list[int | None] = []
    for g in gold:
        best, best_overlap = None, 0.0
        for start, end, number in predicted[(g["doc"], g["type"])]:
            if (start, end) == (g["start"], g["end"]):
                best = number
                break
            overlap = min(end, g["end"]) - max(start, g["start"])
            if overlap > 0:
                share = min(overlap / (g["end"] - g["start"]), overlap / (end - start))
                if share >= 0.5 and share > best_overlap:
                    best, best_overlap = number, share
        assigned.append(best)
    true_links = predicted_links = gold_links = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold = gold[i]["id"] == gold[j]["id"]
        same_pred = assigned[i] is not None and assigned[i] == assigned[j]
        gold_links += same_gold
        predicted_links += same_pred
        true_links += same_gold and same_pred
    precision = true_links / predicted_links if predicted_links else 1.0
    recall = true_links / gold_links if gold_links else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    found = sum(a is not None for a in assigned) / len(gold) if gold else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": found,
            "mentions": len(gold), "links": gold_links}


def main() -> None:
    use_ner = "--no-ner" not in sys.argv
    rows = []
    started = time.perf_counter()
    docs, gold = seed_set()
    rows.append(("seeds (seed-gold.yaml)", len(docs), score(docs, gold, use_ner=use_ner),
                 time.perf_counter() - started))
    started = time.perf_counter()
    docs, gold = variant_set()
    rows.append(("variants (all)", len(docs), score(docs, gold, use_ner=use_ner),
                 time.perf_counter() - started))
    if "--by-variant" in sys.argv:
        names = sorted({json.loads(line)["variant"] for line in VARIANTS.read_text(encoding="utf-8").splitlines()}
                       - {"original"})
        for name in names:
            started = time.perf_counter()
            docs, gold = variant_set({"original", name})
            rows.append((f"  original + {name}", len(docs), score(docs, gold, use_ner=use_ner),
                         time.perf_counter() - started))
    print(f"entity linking, pairwise over gold mentions ({'with' if use_ner else 'without'} underthesea NER)")
    print(f"{'set':<34} {'docs':>4} {'mentions':>8} {'links':>6} {'found':>6} {'P':>6} {'R':>6} {'F1':>6} {'sec':>6}")
    for name, count, s, seconds in rows:
        print(f"{name:<34} {count:>4} {s['mentions']:>8} {s['links']:>6} {s['found']:>6.3f} "
              f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {seconds:>6.2f}")


if __name__ == "__main__":
    main()
