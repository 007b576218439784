"""Measure the OCR rules: repairs right, wrong and missed on damaged text, and
changes on clean text.

What it does, on the held-out tenth of the development corpus (documents the
word-pair table was NOT built from; see ``build_word_pairs.is_held_out``):

1. Clean run: every ``ocr/`` rule on the original texts. A ``fix`` rule should
   change nothing; each change is listed so a reader can judge it (the corpus has
   real typos of its own). Suggestions are counted per 1,000 words.
2. Damage run: a known share of the lower-case words (``--rate``) is damaged with
   one typical OCR/typing confusion each (kinds below), then the rules run again.
   A fix that restores the original word is *right*, any other change *wrong*,
   a damaged word left as it is *missed*. Suggestions are scored the same way.

3. Real mistakes: the annotated spelling mistakes of Viwiki-spelling (real
   Wikipedia revisions), scored per rule: right, wrong, or made where nothing is
   annotated (which is sometimes an unannotated typo).

Damage kinds: ``o-horn-hook`` (ơ/ư gain a hỏi: ơ→ở), ``hook-off`` (ở→ơ and
every other hỏi dropped), ``tone-drop`` (any tone dropped), ``hook-tilde``
(ả↔ã), ``horn-drop`` (ư→u, ơ→o), ``d-bar`` (đ→d), ``m-rn`` (m→rn).

Usage (from the repository root; skips politely when the corpus is absent)::

    .venv/bin/python benchmarks/ocr_precision.py [--rate 0.02] [--seed 7] [--limit 400]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from build_word_pairs import DEFAULT_CORPUS, documents, normalise  # noqa: E402

import regex  # noqa: E402

from vntextclean.cleaner import Cleaner  # noqa: E402
from vntextclean.rules import RuleSet  # noqa: E402

_WORD = regex.compile(r"\p{L}+")
_HOOK, _TILDE = "\u0309", "\u0303"
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_HORN = "\u031b"


def _nfd(w: str) -> str:
    return unicodedata.normalize("NFD", w)


def _nfc(w: str) -> str:
    return unicodedata.normalize("NFC", w)


def _o_horn_hook(w: str) -> str | None:
    d = _nfd(w)
    if _HORN not in d or any(t in d for t in _TONES):
        return None
    i = d.index(_HORN)
    return _nfc(d[:i + 1] + _HOOK + d[i + 1:])


def _hook_off(w: str) -> str | None:
    d = _nfd(w)
    return _nfc(d.replace(_HOOK, "")) if _HOOK in d else None


def _tone_drop(w: str) -> str | None:
    d = _nfd(w)
    out = "".join(c for c in d if c not in _TONES)
    return _nfc(out) if out != d else None


def _hook_tilde(w: str) -> str | None:
    d = _nfd(w)
    if _HOOK in d:
        return _nfc(d.replace(_HOOK, _TILDE))
    if _TILDE in d:
        return _nfc(d.replace(_TILDE, _HOOK))
    return None


def _horn_drop(w: str) -> str | None:
    d = _nfd(w)
    return _nfc(d.replace(_HORN, "", 1)) if _HORN in d else None


def _d_bar(w: str) -> str | None:
    return w.replace("đ", "d", 1) if "đ" in w else None


def _m_rn(w: str) -> str | None:
    return w.replace("m", "rn", 1) if "m" in w else None


DAMAGE = {"o-horn-hook": _o_horn_hook, "hook-off": _hook_off, "tone-drop": _tone_drop,
          "hook-tilde": _hook_tilde, "horn-drop": _horn_drop, "d-bar": _d_bar, "m-rn": _m_rn}


def damage(text: str, rng: random.Random, rate: float) -> tuple[str, list[tuple[int, int, str, str]]]:
    """(damaged text, [(start, end, original word, kind)] with spans in the damaged text)."""
    parts: list[str] = []
    marks: list[tuple[int, int, str, str]] = []
    pos = 0
    out_len = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if not w.islower() or rng.random() >= rate:
            continue
        options = [(k, f(w)) for k, f in DAMAGE.items()]
        options = [(k, d) for k, d in options if d and d != w]
        if not options:
            continue
        kind, bad = rng.choice(options)
        chunk = text[pos:m.start()]
        parts.append(chunk)
        out_len += len(chunk)
        marks.append((out_len, out_len + len(bad), w, kind))
        parts.append(bad)
        out_len += len(bad)
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), marks


def _score(edits, damaged: str, marks, clean_pairs: Counter):
    """Split edits into right / wrong-on-damage / other; and which marks were repaired."""
    right, wrong, other_known, other_new = [], [], [], []
    repaired: set[int] = set()
    for e in edits:
        hit = [i for i, (s, t, _, _) in enumerate(marks) if s < e.end and e.start < t]
        if not hit:
            key = (e.before, e.after)
            if clean_pairs[key] > 0:
                other_known.append(e)
            else:
                other_new.append(e)
            continue
        # The original text under the edit's span.
        orig, cur = [], e.start
        for i in hit:
            s, t, w, _ = marks[i]
            orig.append(damaged[cur:max(s, cur)] if s >= cur else "")
            orig.append(w if s >= e.start and t <= e.end else damaged[max(s, e.start):min(t, e.end)])
            cur = max(cur, t)
        orig.append(damaged[cur:e.end] if cur < e.end else "")
        if e.after == "".join(orig):
            right.append(e)
            repaired.update(hit)
        else:
            wrong.append((e, [marks[i][3] for i in hit]))
    return right, wrong, other_known, other_new, repaired


def main(argv: "list[str] | None" = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rate", type=float, default=0.02, help="share of lower-case words damaged")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=0, help="use at most this many documents")
    ap.add_argument("--show", type=int, default=12, help="list this many examples of each kind")
    ap.add_argument("--profile", choices=["all", "safe", "news", "aggressive"], default="all",
                    help="only the ocr rules of this profile (default: every ocr rule)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus folder {args.corpus} not found; skipping the OCR measurement")
        return 0
    docs = documents(args.corpus, held_out=True)
    if args.limit:
        docs = docs[:args.limit]
    texts = [normalise(d["text"]) for d in docs]
    words = sum(len(_WORD.findall(t)) for t in texts)
    ocr_ids = [r.id for r in RuleSet.load() if r.id.startswith("ocr/")
               and (args.profile == "all" or args.profile in r.spec.profiles)]
    levels = {r.id: r.level for r in RuleSet.load() if r.id.startswith("ocr/")}
    cleaner = Cleaner(only=ocr_ids)
    cleaner.clean("khởi động")   # load the tables before timing
    print(f"held-out documents: {len(docs)}, words: {words}, rules: {', '.join(ocr_ids)}\n")

    # 1. Clean originals.
    t0 = time.perf_counter()
    clean_results = [cleaner.clean(t) for t in texts]
    elapsed = time.perf_counter() - t0
    by_rule: Counter = Counter()
    sugg_by_rule: Counter = Counter()
    clean_pairs: list[Counter] = []
    shown = 0
    print("== clean originals: changes by fix rules (each should be a real typo of the corpus) ==")
    for doc, text, r in zip(docs, texts, clean_results):
        clean_pairs.append(Counter((e.before, e.after) for e in r.edits))
        for e in r.edits:
            by_rule[e.rule] += 1
            if shown < args.show:
                print(f"  {doc['id']}: …{text[max(0, e.start - 30):e.start]}[{e.before} → {e.after}]"
                      f"{text[e.end:e.end + 20]}…  ({e.rule})")
                shown += 1
        for s in r.suggestions:
            sugg_by_rule[s.rule] += 1
    print(f"\n{'rule':28} {'level':8} {'changes':>8} {'suggestions':>12} {'per 1k words':>13}")
    for rid in ocr_ids:
        n_sug = sugg_by_rule[rid]
        print(f"{rid:28} {levels[rid]:8} {by_rule[rid]:8} {n_sug:12} {1000 * n_sug / words:13.2f}")
    print(f"\nspeed (all ocr rules, clean text): {words / elapsed:,.0f} words/s "
          f"({sum(len(t) for t in texts) / elapsed / 1e6:.2f} MB/s of characters)\n")

    # 2. Damaged copies.
    rng = random.Random(args.seed)
    stats: dict[str, Counter] = defaultdict(Counter)
    s_stats: dict[str, Counter] = defaultdict(Counter)
    wrong_examples, other_new_all, wrong_sugg = [], [], []
    totals = Counter()
    for text, cp in zip(texts, clean_pairs):
        damaged, marks = damage(text, rng, args.rate)
        if not marks:
            continue
        r = cleaner.clean(damaged)
        right, wrong, other_known, other_new, repaired = _score(r.edits, damaged, marks, cp)
        s_right, s_wrong, _, s_other, s_rep = _score(r.suggestions, damaged, marks, Counter())
        for i, (_, _, _, kind) in enumerate(marks):
            stats[kind]["damaged"] += 1
            if i in repaired:
                stats[kind]["right"] += 1
            elif i in s_rep:
                s_stats[kind]["right"] += 1
        for e, kinds in wrong:
            for k in kinds:
                stats[k]["wrong"] += 1
            wrong_examples.append((damaged[max(0, e.start - 25):e.end + 15], e.before, e.after))
        for e, kinds in s_wrong:
            for k in kinds:
                s_stats[k]["wrong"] += 1
        totals["other_known"] += len(other_known)
        totals["other_new"] += len(other_new)
        totals["sugg_other"] += len(s_other)
        other_new_all += [(damaged[max(0, e.start - 25):e.end + 15], e.before, e.after) for e in other_new]
        wrong_sugg += [(damaged[max(0, e.start - 25):e.end + 15], e.before, e.after) for e in s_other]
    print(f"== damaged copies: {args.rate:.1%} of lower-case words, seed {args.seed} ==")
    print(f"{'damage':12} {'damaged':>8} {'fixed right':>12} {'fixed wrong':>12} {'missed':>7}"
          f" {'recall':>7} {'suggested right':>16} {'suggested wrong':>16}")
    tot = Counter()
    stot = Counter()
    for kind in DAMAGE:
        c, s = stats[kind], s_stats[kind]
        missed = c["damaged"] - c["right"] - c["wrong"]
        tot.update(c)
        stot.update(s)
        rec = c["right"] / c["damaged"] if c["damaged"] else 0.0
        print(f"{kind:12} {c['damaged']:8} {c['right']:12} {c['wrong']:12} {missed:7} {rec:7.1%}"
              f" {s['right']:16} {s['wrong']:16}")
    missed = tot["damaged"] - tot["right"] - tot["wrong"]
    prec = tot["right"] / (tot["right"] + tot["wrong"] + totals["other_new"]) if tot["right"] else 0.0
    print(f"{'all':12} {tot['damaged']:8} {tot['right']:12} {tot['wrong']:12} {missed:7} "
          f"{tot['right'] / max(tot['damaged'], 1):7.1%} {stot['right']:16} {stot['wrong']:16}")
    print(f"\nfix precision on damaged text: {prec:.1%}  (other changes away from the damage: "
          f"{totals['other_known']} also made on the original, {totals['other_new']} new; "
          f"suggestions away from the damage: {totals['sugg_other']})")
    if wrong_examples:
        print("\nwrong fixes on damaged words (context | before → after):")
        for ctx, b, a in wrong_examples[:args.show]:
            print(f"  {ctx!r} | {b} → {a}")
    if other_new_all:
        print("\nnew changes away from the damage (context | before → after):")
        for ctx, b, a in other_new_all[:args.show]:
            print(f"  {ctx!r} | {b} → {a}")
    real_mistakes(args.corpus, cleaner, show=args.show)
    return 0


def real_mistakes(corpus: Path, cleaner: Cleaner, *, show: int) -> None:
    """Score the rules against Viwiki-spelling's real, annotated mistakes.

    ocr/known-misreadings and ocr/known-misspellings were partly taken from these
    annotations, so they are in-sample here; the syllable check is not.
    """
    path = corpus / "news" / "wiki_viwiki_spelling.jsonl"
    if not path.exists():
        return
    import json
    by_rule: dict[str, Counter] = defaultdict(Counter)
    unannotated = []
    wrong_fixes = []
    mistakes_total = words = 0
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    for doc in docs:
        text = doc["text"].replace("\u00d0", "Đ")   # same length: annotation offsets hold
        words += len(_WORD.findall(text))
        spans = [(m["start"], m["start"] + len(m["wrong"]), m["suggest"]) for m in doc["mistakes"]]
        mistakes_total += len(spans)
        r = cleaner.clean(text)
        for level, found in (("fix", r.edits), ("suggest", r.suggestions)):
            for e in found:
                rule = e.rule.split("+")[-1]
                hit = [(s, t, sug) for s, t, sug in spans if s < e.end and e.start < t]
                if not hit:
                    by_rule[rule][f"{level} unannotated"] += 1
                    unannotated.append((text[max(0, e.start - 25):e.end + 15], e.before, e.after, level))
                    continue
                s, t, sug = hit[0]
                # Case-blind: the annotators wrote "quốc" where "Đức Quốc xã" keeps its capital.
                good = any((text[e.start:s] + g + text[t:e.end]).casefold() == e.after.casefold()
                           for g in sug)
                by_rule[rule][f"{level} {'right' if good else 'wrong'}"] += 1
                if level == "fix" and not good:
                    wrong_fixes.append((text[max(0, e.start - 25):e.end + 15], e.before, e.after, sug))
    print(f"\n== real annotated mistakes: Viwiki-spelling, {len(docs)} documents, {words} words, "
          f"{mistakes_total} mistakes ==")
    print(f"{'rule':28} {'fix right':>10} {'fix wrong':>10} {'fix elsewhere':>14} "
          f"{'sugg. right':>12} {'sugg. wrong':>12} {'sugg. elsewhere':>16}")
    for rule, c in sorted(by_rule.items()):
        print(f"{rule:28} {c['fix right']:10} {c['fix wrong']:10} {c['fix unannotated']:14} "
              f"{c['suggest right']:12} {c['suggest wrong']:12} {c['suggest unannotated']:16}")
    print("(ocr/known-misreadings and ocr/known-misspellings are built from these annotations: in-sample.)")
    if wrong_fixes:
        print("\nwrong fixes of annotated mistakes (context | before → after, annotated):")
        for ctx, b, a, sug in wrong_fixes[:show]:
            print(f"  {ctx!r} | {b} → {a}  (annotated: {'/'.join(sug)})")
    fixes_elsewhere = [u for u in unannotated if u[3] == "fix"]
    if fixes_elsewhere:
        print("\nfixes where nothing is annotated (the annotation is incomplete; judge each):")
        for ctx, b, a, _ in fixes_elsewhere[:show]:
            print(f"  {ctx!r} | {b} → {a}")


if __name__ == "__main__":
    raise SystemExit(main())
