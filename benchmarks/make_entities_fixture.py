"""Build tests/fixtures/entities/variants.jsonl: labelled documents for entity linking.

Real sentences, known identities, programmatic variants.

* The sentences are lines of four provincial decisions (Bạc Liêu 2083/QĐ-UBND,
  Nam Định 1397/QĐ-UBND and 1456/QĐ-UBND, Bình Định 715/QĐ-UBND) and one decision
  of the Hanoi Tax Department (20574/QĐ-CT-THNVDT), Vietnamese legal texts in the
  public domain in Viet Nam, of one Vietnamese Wikipedia article (Hồ Nghĩa
  Dũng, CC BY-SA 3.0), and of two of the project's seed articles (``seeds/``).
  The corpus is read from ``../shared/corpus/news/``, relative to the
  repository; without it the script says so and stops.
* Identities are labelled by hand below (``PASSAGES``): each surface string of a
  passage with the entity it names.  A local body's identity includes its province
  ("org:ubnd@nam-dinh"); the two Nam Định decisions share their signer and their
  provincial bodies, so links across documents are real ones.
* Each passage is written out as several documents, each with one change a real
  corpus shows: no diacritics at all, names in capitals, abbreviations swapped
  with their expansions, modern tone placement (hoà, uỷ), a title before names
  ("đồng chí"), the province dropped from later mentions ("UBND tỉnh"), the
  province replaced by another (new organisations; people are left unlabelled,
  since nothing says whether they moved) and one diacritic changed in the signer's
  name (a different person, like Thông and Thống).

Gold mentions are found by searching each (changed) surface string in the
(changed) text; longer strings claim their span first.

Usage: python benchmarks/make_entities_fixture.py [--check]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news" / "legal_vn_documents.jsonl"
WIKI = ROOT.parent / "shared" / "corpus" / "news" / "wiki_corpus_viwiki_sample.jsonl"
SEEDS = ROOT / "seeds"
OUTPUT = ROOT / "tests" / "fixtures" / "entities" / "variants.jsonl"

# (source record, lines to take (by their opening words), labels: surface -> (type, id))
PASSAGES = {
    "bac-lieu": {
        "source": "legal-competition-law-2018",
        "province": "Bạc Liêu",
        "lines": [
            "Bạc Liêu, ngày 08 tháng 12 năm 2016",
            "Điều 1. Công bố kèm theo",
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh;",
            "- Quyết định số 18/QĐ-UBND ngày 18 tháng 8 năm 2009",
            "(Ban hành kèm theo Quyết định số 2083/QĐ-UBND",
            "Lê Minh Chiến",
        ],
        "labels": {
            "Ban Quản lý các khu công nghiệp tỉnh Bạc Liêu": ("ORG", "org:bql-kcn@bac-lieu"),
            "Văn phòng Ủy ban nhân dân tỉnh": ("ORG", "org:vp-ubnd@bac-lieu"),
            "Ủy ban nhân dân tỉnh Bạc Liêu": ("ORG", "org:ubnd@bac-lieu"),
            "Ủy ban nhân dân tỉnh": ("ORG", "org:ubnd@bac-lieu"),
            "Sở Tư pháp": ("ORG", "org:so-tu-phap@bac-lieu"),
            "Lê Minh Chiến": ("PER", "per:le-minh-chien"),
            "Bạc Liêu": ("LOC", "loc:bac-lieu"),
        },
        "other_province": ("Bạc Liêu", "Sóc Trăng"),
    },
    "nam-dinh-hai-hau": {
        "source": "legal-consumer-rights-protection-law-2023",
        "province": "Nam Định",
        "lines": [
            "Xét nội dung tại Nghị quyết số 272/NQ-HĐND",
            "Theo đề nghị tại các Tờ trình số: 72/TTr-UBND",
            "Điều 2. Kế hoạch sử dụng đất năm đầu",
            "Điều 4. Giao Sở Tài nguyên và Môi trường:",
            "- Thường xuyên kiểm tra việc thực hiện",
            "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Tài nguyên",
            "Trần Anh Dũng",
        ],
        "labels": {
            "Hội đồng nhân dân huyện Hải Hậu": ("ORG", "org:hdnd@hai-hau"),
            "UBND huyện Hải Hậu": ("ORG", "org:ubnd@hai-hau"),
            "Sở Tài nguyên và Môi trường": ("ORG", "org:so-tnmt@nam-dinh"),
            "UBND tỉnh Nam Định": ("ORG", "org:ubnd@nam-dinh"),
            "Văn phòng UBND tỉnh": ("ORG", "org:vp-ubnd@nam-dinh"),
            "UBND tỉnh": ("ORG", "org:ubnd@nam-dinh"),
            "Trần Anh Dũng": ("PER", "per:tran-anh-dung"),
            "Hải Hậu": ("LOC", "loc:hai-hau"),
            "Nam Định": ("LOC", "loc:nam-dinh"),
        },
        "other_province": None,  # its district belongs to Nam Định
    },
    "nam-dinh-vu-ban": {
        "source": "legal-e-transactions-law-2023",
        "province": "Nam Định",
        "lines": [
            "Xét nội dung tại Nghị quyết số 20/NQ-HĐND",
            "Theo đề nghị tại các Tờ trình số: 147/TTr-UBND",
            "Điều 2. Kế hoạch sử dụng đất năm đầu",
            "Điều 4. Giao Sở Tài nguyên và Môi trường:",
            "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Tài nguyên",
            "Trần Anh Dũng",
        ],
        "labels": {
            "Hội đồng nhân dân huyện Vụ Bản": ("ORG", "org:hdnd@vu-ban"),
            "UBND huyện Vụ Bản": ("ORG", "org:ubnd@vu-ban"),
            "Sở Tài nguyên và Môi trường": ("ORG", "org:so-tnmt@nam-dinh"),
            "UBND tỉnh Nam Định": ("ORG", "org:ubnd@nam-dinh"),
            "Văn phòng UBND tỉnh": ("ORG", "org:vp-ubnd@nam-dinh"),
            "UBND tỉnh": ("ORG", "org:ubnd@nam-dinh"),
            "Trần Anh Dũng": ("PER", "per:tran-anh-dung"),
            "Vụ Bản": ("LOC", "loc:vu-ban"),
            "Nam Định": ("LOC", "loc:nam-dinh"),
        },
        "other_province": None,
    },
    "binh-dinh": {
        "source": "legal-personal-data-protection-decree-2023",
        "province": "Bình Định",
        "lines": [
            "Bình Định, ngày 10 tháng 03 năm 2023",
            "Theo đề nghị của Giám đốc Sở Công Thương",
            "Điều 2. Quyết định này sửa đổi",
            "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "Lâm Hải Giang",
        ],
        "labels": {
            "Văn phòng Ủy ban nhân dân tỉnh": ("ORG", "org:vp-ubnd@binh-dinh"),
            "Ủy ban nhân dân tỉnh": ("ORG", "org:ubnd@binh-dinh"),
            "Trung tâm Phục vụ hành chính công tỉnh": ("ORG", "org:tt-hcc@binh-dinh"),
            "Sở Công Thương": ("ORG", "org:so-cong-thuong@binh-dinh"),
            "Lâm Hải Giang": ("PER", "per:lam-hai-giang"),
            "Bình Định": ("LOC", "loc:binh-dinh"),
        },
        "other_province": ("Bình Định", "Phú Yên"),
    },
    "ha-noi": {
        "source": "legal-telecommunications-law-2009",
        "province": "Hà Nội",
        "lines": [
            "Hà Nội, ngày 26 tháng 11 năm 2009",
            "Điều 1. Bổ sung, điều chỉnh giá tính lệ phí trước bạ các loại ô tô",
            "Điều 3. Điều chỉnh chương xe",
            "- UBND thành phố Hà Nội",
            "- Sở Tài chính Hà Nội",
            "Nguyễn Văn Hổ",
        ],
        "labels": {
            "Cục Thuế thành phố Hà Nội": ("ORG", "org:cuc-thue@ha-noi"),
            "Cục Thuế TP Hà Nội": ("ORG", "org:cuc-thue@ha-noi"),
            "UBND thành phố Hà Nội": ("ORG", "org:ubnd@ha-noi"),
            "Sở Tài chính Hà Nội": ("ORG", "org:so-tai-chinh@ha-noi"),
            "Nguyễn Văn Hổ": ("PER", "per:nguyen-van-ho"),
            "Hà Nội": ("LOC", "loc:ha-noi"),
        },
        "other_province": ("Hà Nội", "Hải Phòng"),
    },
    # Two of the project's seed articles (seeds/ in this repository): the
    # issue's own case, "đồng chí Nguyễn Văn Thông" and a Đảng ủy Khối per province.
    "seed-nghe-an": {
        "source": "seed:004",
        "province": "Nghệ An",
        "lines": [
            "(Baonghean.vn) - Chiều 27/12",
            "Tham gia Hội nghị, về phía Đảng ủy Khối",
            "Đồng chí Nguyễn Văn Thông - Phó Bí thư Thường trực Tỉnh ủy phát biểu",
            "Chi bộ Khoa Xây dựng Đảng",
        ],
        "labels": {
            "Đảng ủy Khối Các cơ quan tỉnh": ("ORG", "org:duk@nghe-an"),
            "Tỉnh ủy Nghệ An": ("ORG", "org:tinh-uy@nghe-an"),
            "Tỉnh ủy": ("ORG", "org:tinh-uy@nghe-an"),
            "Nguyễn Văn Thông": ("PER", "per:nguyen-van-thong"),
            "Nguyễn Thị Kim Chi": ("PER", "per:nguyen-thi-kim-chi"),
            "Nghệ An": ("LOC", "loc:nghe-an"),
        },
        "other_province": ("Nghệ An", "Hà Tĩnh"),
    },
    "seed-quang-ninh": {
        "source": "seed:003",
        "province": "Quảng Ninh",
        "lines": [
            "Đảng bộ Khối các cơ quan tỉnh có vị trí quan trọng",
            "Ông Hoàng Quang Hải, Bí thư Đảng ủy Sở GTVT",
            "Ông Trần Trung Vỹ, Bí thư Đảng ủy, Phó hiệu trưởng",
            "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh Lê Mạnh Cường",
        ],
        "labels": {
            "Đảng bộ Khối các cơ quan tỉnh": ("ORG", "org:duk@quang-ninh"),
            "Đảng ủy Khối các cơ quan tỉnh": ("ORG", "org:duk@quang-ninh"),
            "Đảng ủy Khối": ("ORG", "org:duk@quang-ninh"),
            "Sở GTVT": ("ORG", "org:so-gtvt@quang-ninh"),
            "Trường Đại học Hạ Long": ("ORG", "org:dh-ha-long"),
            "Hoàng Quang Hải": ("PER", "per:hoang-quang-hai"),
            "Trần Trung Vỹ": ("PER", "per:tran-trung-vy"),
            "Lê Mạnh Cường": ("PER", "per:le-manh-cuong"),
        },
        "other_province": None,  # the article never names its province
    },
    "ho-nghia-dung": {
        "corpus": "wiki",
        "source": "viwiki-fa119e8cb2",
        "province": "Quảng Ngãi",
        "lines": [
            "Hồ Nghĩa Dũng là Bộ trưởng",
            "Hồ Nghĩa Dũng, sinh ngày",
            "Ông từng giữ chức Bí thư Tỉnh ủy",
            "Trong nhiệm kỳ Bộ trưởng",
            "Hồ Nghĩa Dũng, sau khi nghỉ hưu",
        ],
        "labels": {
            "Hồ Nghĩa Dũng": ("PER", "per:ho-nghia-dung"),
            "Nguyễn Tấn Dũng": ("PER", "per:nguyen-tan-dung"),
            "Nguyễn Đình Hương": ("PER", "per:nguyen-dinh-huong"),
            "Bộ Giao thông Vận tải": ("ORG", "org:bo-gtvt"),
            "Bộ GTVT": ("ORG", "org:bo-gtvt"),
            "Quốc hội": ("ORG", "org:quoc-hoi"),
            "HĐND tỉnh Quảng Ngãi": ("ORG", "org:hdnd@quang-ngai"),
            "Đà Nẵng": ("LOC", "loc:da-nang"),
            "Quảng Ngãi": ("LOC", "loc:quang-ngai"),
        },
        "other_province": ("Quảng Ngãi", "Bình Định"),
    },
}

# Abbreviation <-> expansion, both ways (the first form found is swapped).
SWAPS = [
    ("Ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ("Bộ Giao thông Vận tải", "Bộ GTVT"),
    ("Sở Giao thông vận tải", "Sở GTVT"),
    ("Ban Thường vụ", "BTV"),
    ("thành phố", "TP"),
]

TITLES = ["đồng chí", "ông"]


def _plain(text: str) -> str:
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append({"đ": "d", "Đ": "D"}.get(char, base))
    return "".join(out)


def _modern(text: str) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from vntextclean.tone import to_style

    return to_style(text, style="modern")


# tone of the last syllable -> another tone that still makes a usual syllable
_RETONE = {"\u0303": "\u0323", "\u0323": "\u0303", "\u0301": "", "\u0309": "\u0303", "\u0300": "\u0301"}


def _other_tone(name: str) -> str:
    """The name with the tone of its last syllable changed (Dũng -> Dụng, Thông -> Thống)."""
    words = name.split()
    last = unicodedata.normalize("NFD", words[-1])
    present = [m for m in _RETONE if m in last]
    if present:
        swapped = last.replace(present[0], _RETONE[present[0]])
    else:
        vowels = regex.findall(r"[aeiouy]\p{M}*", last, flags=regex.I)
        target = vowels[-1] if len(vowels) > 1 and not last.lower().endswith(vowels[-1].lower()) else vowels[0]
        at = last.index(target) + len(target)
        swapped = last[:at] + "\u0301" + last[at:]
    words[-1] = unicodedata.normalize("NFC", swapped)
    return " ".join(words)


def _variants(passage: dict) -> list[tuple[str, str, dict[str, tuple[str, str]]]]:
    """(variant name, text, labels) for one passage."""
    text, labels = passage["text"], passage["labels"]
    result = [("original", text, labels)]
    result.append(("no-diacritics", _plain(text), {_plain(s): v for s, v in labels.items()}))
    caps_text, caps_labels = text, {}
    for surface, (kind, ident) in labels.items():
        if kind == "PER":
            caps_text = caps_text.replace(surface, surface.upper())
            caps_labels[surface.upper()] = (kind, ident)
        else:
            caps_labels[surface] = (kind, ident)
    result.append(("capitals", caps_text, caps_labels))
    swap_text, swap_labels = text, dict(labels)
    for long, short in SWAPS:
        if long in swap_text:
            swap_text = swap_text.replace(long, short)
            swap_labels = {s.replace(long, short): v for s, v in swap_labels.items()}
        elif short in swap_text:
            # never inside a document number such as 72/TTr-UBND
            alone = rf"(?<![\p{{L}}\d/-]){regex.escape(short)}(?![\p{{L}}\d/-])"
            swap_text = regex.sub(alone, long, swap_text)
            swap_labels = {regex.sub(alone, long, s): v for s, v in swap_labels.items()}
    result.append(("acronyms", swap_text, swap_labels))
    # typed in a hurry: no diacritics and abbreviations at once
    result.append(("no-diacritics+acronyms", _plain(swap_text), {_plain(s): v for s, v in swap_labels.items()}))
    result.append(("modern-tones", _modern(text), {_modern(s): v for s, v in labels.items()}))
    titled = text
    for number, (surface, (kind, _)) in enumerate(labels.items()):
        if kind == "PER":
            titled = titled.replace(surface, f"{TITLES[number % 2].capitalize()} {surface}")
    result.append(("titles", titled, labels))
    province = passage["province"]
    full = [s for s in labels if s.endswith(f"tỉnh {province}")]
    if full:
        # keep the first full name, drop the province from the later ones
        less = text
        for surface in full:
            first = less.find(surface)
            if first >= 0:
                head, tail = less[: first + len(surface)], less[first + len(surface):]
                less = head + tail.replace(surface, surface[: -len(province) - 1])
        if less != text:
            result.append(("province-dropped", less, labels))
    if passage["other_province"]:
        old, new = passage["other_province"]
        moved = {}
        for surface, (kind, ident) in labels.items():
            if kind == "PER":
                continue  # nobody knows whether the signer moved: unlabelled
            slug_old = _slug(old)
            moved[surface.replace(old, new)] = (kind, ident.replace(slug_old, _slug(new)))
        result.append(("other-province", text.replace(old, new), moved))
    near, near_labels = text, {}
    for surface, (kind, ident) in labels.items():
        if kind == "PER":
            changed = _other_tone(surface)
            near = near.replace(surface, changed)
            near_labels[changed] = (kind, ident + "~tone")
        else:
            near_labels[surface] = (kind, ident)
    result.append(("one-diacritic", near, near_labels))
    return result


def _slug(name: str) -> str:
    return "-".join(_plain(name).lower().split())


def _gold(text: str, labels: dict[str, tuple[str, str]]) -> list[dict]:
    taken: list[tuple[int, int, str]] = []
    mentions = []
    for surface in sorted(labels, key=len, reverse=True):
        kind, ident = labels[surface]
        pattern = rf"(?<![\p{{L}}\d]){regex.escape(surface)}(?![\p{{L}}\d])"
        for match in regex.finditer(pattern, text):
            start, end = match.span()
            if any(k == kind and s <= start and end <= e for s, e, k in taken):
                continue  # part of a longer name of the same kind
            taken.append((start, end, kind))
            mentions.append({"id": ident, "type": kind, "start": start, "end": end, "text": surface})
    return sorted(mentions, key=lambda m: (m["start"], -m["end"]))


def build() -> list[dict]:
    records = {}
    for path in (CORPUS, WIKI):
        records.update({json.loads(line)["id"]: json.loads(line) for line in path.open(encoding="utf-8")})
    docs = []
    for name, passage in PASSAGES.items():
        if passage["source"].startswith("seed:"):
            seed = next(SEEDS.glob(passage["source"][5:] + "_*.txt"))
            source_text = seed.read_text(encoding="utf-8")
        else:
            source_text = records[passage["source"]]["text"]
        source_lines = source_text.replace("\r\n", "\n").split("\n")
        chosen = []
        for opening in passage["lines"]:
            found = [line for line in source_lines if line.startswith(opening)]
            if not found:
                raise SystemExit(f"{passage['source']}: no line starts with {opening!r}")
            chosen.append(found[0])
        passage = dict(passage, text="\n".join(chosen) + "\n")
        for variant, text, labels in _variants(passage):
            docs.append({"doc": f"{name}/{variant}", "source": passage["source"], "variant": variant,
                         "text": text, "mentions": _gold(text, labels)})
    return docs


def main() -> None:
    if not (CORPUS.exists() and WIKI.exists()):
        print(f"skipped: {CORPUS.parent.relative_to(ROOT.parent)} is not here (it is outside the project)")
        return
    docs = build()
    payload = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    if "--check" in sys.argv:
        same = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == payload
        print("up to date" if same else "differs: run without --check to rebuild")
        raise SystemExit(0 if same else 1)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(payload, encoding="utf-8")
    mentions = sum(len(d["mentions"]) for d in docs)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {len(docs)} documents, {mentions} labelled mentions")


if __name__ == "__main__":
    main()
