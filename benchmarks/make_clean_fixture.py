"""Build tests/fixtures/clean_paragraphs.txt: real Vietnamese paragraphs with no known defect.

Selection is by criteria independent of vntextclean's rules, so that the test
"the safe profile changes nothing on clean text" cannot pass by construction:
NFC; no NBSP, zero-width, soft hyphen, BOM or Latin Eth; no double or trailing
spaces; no modern-style tone placement (oà/oè/uỳ… in open syllables); 200–900
characters. Sources: Vietnamese Wikipedia (CC BY-SA 3.0, via
undertheseanlp/corpus.viwiki) and Vietnamese legal documents (public domain).

Run from the repository root with the shared corpus beside it:
    python benchmarks/make_clean_fixture.py
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news"
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "clean_paragraphs.txt"
BAD = re.compile("[\u00a0\u200b\u200c\u200d\ufeff\u00adÐð\u2028\u2029\t]|  | $")
MODERN = re.compile(r"(?<![qQ])(?:o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zăâđêôơư\u0300-\u036f])", re.I)


def paragraphs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in (CORPUS / name).open(encoding="utf-8"):
        doc = json.loads(line)
        for para in doc["text"].replace("\r\n", "\n").split("\n"):
            para = para.strip()
            if 200 <= len(para) <= 900 and unicodedata.is_normalized("NFC", para) \
                    and not BAD.search(para) and not MODERN.search(para):
                out.append((doc["id"], para))
    return out


def main() -> int:
    if not CORPUS.is_dir():
        print("the shared corpus is not beside this repository; nothing to build", file=sys.stderr)
        return 0
    rng = random.Random(20261123)
    chosen = rng.sample(paragraphs("wiki_corpus_viwiki_sample.jsonl"), 40) \
        + rng.sample(paragraphs("legal_vn_documents.jsonl"), 20)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for doc_id, para in chosen:
            fh.write(f"# {doc_id}\n{para}\n\n")
    print(f"wrote {len(chosen)} paragraphs to {OUT.relative_to(OUT.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
