"""Build the labelled set for the reliability score: clean articles and damaged copies.

Clean originals come from the real corpus next to the repository
(``../shared/corpus/news/``): news articles (baomoi, binhvq), Vietnamese Wikipedia
articles and legal texts. Forum posts are left out: they are honest but informal,
and the score is meant to mark them doubtful.

Each original yields one damaged copy with one kind of damage, at a random
strength drawn from a range a reader would call damaged:

- ``ocr``: 4–12 % of words misread (a tone mark lost or swapped, a hat, breve or
  horn lost, đ read as d, rn/m, n/u, c/e, l/1, o/0 confusions, a word split or two
  words run together);
- ``spinner``: one incident per 40–120 words: a stray full stop mid-sentence, a word
  repeated across a full stop ("giải pháp. pháp luật"), a dangling two-word
  fragment at the end of a paragraph ("ban cho."), a name swapped for a name or
  acronym taken from another article;
- ``mojibake``: 20–100 % of paragraphs written as UTF-8 and read as Windows-1252;
- ``no-diacritics``: 30–100 % of paragraphs typed without marks.

The split is by document (a clean article and its damaged copy stay together):
``train`` for tuning weights and thresholds, ``test`` held out for the report.

    python benchmarks/make_reliability_set.py --out benchmarks/data/reliability-set.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import unicodedata
from pathlib import Path
from typing import Callable, Iterator

import regex

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news"

# file, how many articles to take, minimum words
SOURCES = [
    ("news_vtn_baomoi.jsonl", 220, 150),
    ("wiki_corpus_viwiki_sample.jsonl", 120, 150),
    ("news_binhvq_sample.jsonl", 40, 100),
    ("legal_vn_documents.jsonl", 9, 150),
]
DAMAGES = ("ocr", "spinner", "mojibake", "no-diacritics")
MAX_CHARS = 12_000      # legal documents are long; a slice is enough to judge

_WORD = regex.compile(r"\p{L}+")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OTHER_MARKS = "\u0302\u0306\u031b"   # circumflex, breve, horn


def load_originals() -> list[dict]:
    """The clean originals, in a fixed order; empty when the corpus is absent."""
    docs: list[dict] = []
    for name, take, min_words in SOURCES:
        path = CORPUS / name
        if not path.exists():
            return []
        kept = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                text = rec["text"].replace("\r\n", "\n")[:MAX_CHARS]
                if len(_WORD.findall(text)) < min_words:
                    continue
                docs.append({"id": rec["id"], "source": name, "text": text})
                kept += 1
                if kept >= take:
                    break
    return docs


def split_of(doc_id: str) -> str:
    """``train`` or ``test``, fixed by the document id (half each)."""
    return "train" if hashlib.sha256(doc_id.encode()).digest()[0] % 2 == 0 else "test"


# --- damage ---------------------------------------------------------------------------

def _strip_marks(text: str, marks: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in marks))


def strip_diacritics(text: str) -> str:
    """Text as typed without any Vietnamese marks."""
    return _strip_marks(text, _TONE_MARKS + _OTHER_MARKS).replace("đ", "d").replace("Đ", "D")


_LETTER_SWAPS = [("m", "rn"), ("rn", "m"), ("n", "u"), ("u", "n"), ("c", "e"), ("e", "c"),
                 ("l", "1"), ("i", "l"), ("o", "0"), ("h", "b"), ("đ", "d"), ("t", "f")]


def _misread(word: str, rng: random.Random) -> str:
    nfd = unicodedata.normalize("NFD", word)
    choice = rng.random()
    if choice < 0.35 and any(c in _TONE_MARKS for c in nfd):
        if rng.random() < 0.5:
            return _strip_marks(word, _TONE_MARKS)
        new = rng.choice(_TONE_MARKS)
        return unicodedata.normalize("NFC", "".join(new if c in _TONE_MARKS else c for c in nfd))
    if choice < 0.55 and any(c in _OTHER_MARKS for c in nfd):
        return _strip_marks(word, _OTHER_MARKS)
    options = [(a, b) for a, b in _LETTER_SWAPS if a in word]
    if options:
        a, b = rng.choice(options)
        i = word.find(a)
        return word[:i] + b + word[i + len(a):]
    if len(word) >= 4:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + " " + word[i:]
    return word + "'"


def damage_ocr(text: str, rng: random.Random) -> str:
    rate = rng.uniform(0.04, 0.12)
    out: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        out.append(text[pos:m.start()])
        word = m.group()
        if rng.random() < rate:
            if rng.random() < 0.1 and text[m.end():m.end() + 1] == " ":
                out.append(word)     # two words run together: the space goes
                pos = m.end() + 1
                continue
            word = _misread(word, rng)
        out.append(word)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


_NAME = regex.compile(r"(?<![\p{L}])(?:\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}|\p{Lu}{2,6})(?![\p{L}])")


def damage_spinner(text: str, rng: random.Random, names: list[str]) -> str:
    words = list(_WORD.finditer(text))
    if len(words) < 20:
        return text
    every = rng.uniform(40, 120)
    n = max(2, int(len(words) / every))
    edits: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for _ in range(n):
        i = rng.randrange(1, len(words) - 1)
        if i in taken or i - 1 in taken or i + 1 in taken:
            continue
        taken.add(i)
        w, nxt = words[i], words[i + 1]
        between = text[w.end():nxt.start()]
        kind = rng.choice(("stop", "repeat", "fragment", "swap"))
        if kind == "stop" and between == " ":
            edits.append((w.end(), nxt.start() + 1, ". " + nxt.group()[0].lower()))
        elif kind == "repeat" and between == " ":
            edits.append((w.end(), w.end(), ". " + w.group().lower()))
        elif kind == "fragment":
            eol = text.find("\n", w.end())
            eol = len(text) if eol < 0 else eol
            frag = " ".join(x.group().lower() for x in rng.sample(words, 2))
            edits.append((eol, eol, f" {frag}."))
        else:
            m = _NAME.search(text, w.start())
            if m and names:
                edits.append((m.start(), m.end(), rng.choice(names)))
    edits.sort()
    out, pos = [], 0
    for s, e, new in edits:
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _as_cp1252(text: str) -> str:
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))      # undefined bytes show as C1 controls, as browsers do
    return "".join(out)


def _by_paragraph(text: str, rng: random.Random, share: float, fn: Callable[[str], str]) -> str:
    paras = text.split("\n")
    idx = [i for i, p in enumerate(paras) if p.strip()]
    chosen = set(rng.sample(idx, max(1, round(share * len(idx))))) if idx else set()
    return "\n".join(fn(p) if i in chosen else p for i, p in enumerate(paras))


def damage_mojibake(text: str, rng: random.Random) -> str:
    return _by_paragraph(text, rng, rng.uniform(0.2, 1.0), _as_cp1252)


def damage_no_diacritics(text: str, rng: random.Random) -> str:
    return _by_paragraph(text, rng, rng.uniform(0.3, 1.0), strip_diacritics)


def build(seed: int = 20261123) -> Iterator[dict]:
    """Yield the labelled records: ``id, source, split, label (0 clean, 1 damaged), damage, text``."""
    originals = load_originals()
    rng = random.Random(seed)
    names = sorted({m.group() for d in originals for m in _NAME.finditer(d["text"])})
    for i, doc in enumerate(originals):
        split = split_of(doc["id"])
        yield {"id": doc["id"], "source": doc["source"], "split": split, "label": 0,
               "damage": "", "text": doc["text"]}
        damage = DAMAGES[i % len(DAMAGES)]
        text = doc["text"]
        if damage == "ocr":
            bad = damage_ocr(text, rng)
        elif damage == "spinner":
            bad = damage_spinner(text, rng, names)
        elif damage == "mojibake":
            bad = damage_mojibake(text, rng)
        else:
            bad = damage_no_diacritics(text, rng)
        yield {"id": doc["id"] + "#" + damage, "source": doc["source"], "split": split,
               "label": 1, "damage": damage, "text": bad}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None, help="write JSONL here (default: stdout)")
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; nothing to build", file=sys.stderr)
        return 0
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    n = 0
    for rec in build(args.seed):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    if args.out:
        out.close()
        print(f"{n} records -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
