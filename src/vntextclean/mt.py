"""Machine-translation and article-spinner damage: evidence, not repairs.

Spun or round-trip-translated Vietnamese keeps its words but loses its joints:
a full stop lands inside a sentence and the next word stays in lower case
("đổi mới nội dung sinh hoạt chi bộ và sinh viên. sinh hoạt chuyên đề"), a word
is echoed across the break ("giải pháp. pháp luật"), a stray fragment closes a
paragraph ("ban cho."), and the names of the article's own organisation are
swapped for unrelated acronyms (ĐBKK, NEK) or regions (a province's committee
called "Đồng bằng sông Cửu Long"). None of that can be repaired
without the original, so these rules only flag, with the evidence in the
reason; the reliability score counts them.

They hold back where well-formed text looks alike: abbreviations ("TP. Hồ Chí
Minh", "v.v."), decimals, ellipses, list items, URLs, and informal writing that
starts its sentences in lower case throughout (a forum post is not a spun
article).

>>> t = "Đổi mới nội dung sinh hoạt chi bộ và sinh viên. sinh hoạt chuyên đề được tăng cường."
>>> [t[f.start:f.end] for f in flag_stray_full_stops(t)]
['viên. sinh']
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Iterator, Mapping

import re

import regex

from .edits import Change

# --- sentences ----------------------------------------------------------------------------

_WORD = r"[\p{L}\p{M}]+"
# A full stop between two words on one line: "viên. sinh". The word before must
# not follow a dot (v.v., T.Ư.) and the dot must be single (not an ellipsis).
_STOP = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}.@/])(?P<w1>{_WORD})\.[ \t]+(?P<w2>{_WORD})")
# Sentence starts: after a sentence end, and at the start of every line but the first
# (a snippet may start mid-sentence; a forum writes its paragraphs in lower case too,
# a spun article does not).
_SENTENCE_START = regex.compile(r"(?:(?<=\n)[ \t]*|[.!?…][\"”’)]*[ \t]+)[\"“‘(]?(?P<c>[\p{L}])")

# Lower-case abbreviations that end in a full stop in running text.
_LOWER_ABBREVIATIONS = frozenset(
    "tr vd tp tt ths ts gs pgs bs ks ncs ctv st sđd nxb đc đt sl kg km cm mm ml ha ct".split()
    # Latin ones met in Vietnamese business and sports news
    + "ltd co inc corp plc mr mrs ms dr jr sr vs etc no fig ed eds vol trans cf ibid op cit".split()
    # and in references and taxonomy (éd. en grec et trad. en français; Canis sp.)
    + "éd trad dir coll sp spp ssp var cv ca re cor".split())

_INFORMAL_SHARE = 0.3   # above this share of lower-case sentence starts, the text is informal
_INFORMAL_MIN = 2     # two lower-case starts in a short post already make it informal


def _is_lower_word(word: str) -> bool:
    return word[:1].islower()


def _informal(text: str, ctx: Any) -> bool:
    """Whether sentences in this text usually start in lower case (forum style)."""
    state = getattr(ctx, "state", None)
    cached = state.get("mt.informal") if isinstance(state, dict) else None
    if cached is not None and cached[0] == text:
        return cached[1]
    lower = upper = 0
    for m in _SENTENCE_START.finditer(text):
        if m.group("c").islower():
            lower += 1
        else:
            upper += 1
    result = lower >= _INFORMAL_MIN and lower > _INFORMAL_SHARE * (lower + upper)
    if isinstance(state, dict):
        state["mt.informal"] = (text, result)
    return result


def _fragment_end(text: str, start: int, *, max_words: int) -> int | None:
    """End of the sentence starting at ``start`` if it is the last of its paragraph
    and at most ``max_words`` words long; ``None`` otherwise."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[start:line_end].rstrip(" \t\r")
    if not rest.endswith(".") or rest.endswith(".."):
        return None
    body = rest[:-1]
    if any(c in body for c in ".!?…;:") or not 1 <= len(body.split()) <= max_words:
        return None
    return start + len(rest)


# Cheap pre-check: most texts never have a full stop before a lower-case letter.
_LOWER_AFTER_STOP = re.compile(r"\.[ \t]+[" + "".join(
    c for c in map(chr, range(0x250)) if c.islower()) + "\u1e00-\u1eff]")   # stdlib re: fast


def _lower_breaks(text: str) -> Iterator[regex.Match]:
    """Full stops followed by a lower-case word, minus the ordinary ones."""
    if not _LOWER_AFTER_STOP.search(text):
        return
    for m in _STOP.finditer(text):
        w1, w2 = m.group("w1"), m.group("w2")
        if not _is_lower_word(w2) or len(w1) < 2 or w1.casefold() in _LOWER_ABBREVIATIONS:
            continue
        if w1.isupper() or any(c.isupper() for c in w2[1:]):
            continue    # "TP. hồ", "KT. giám đốc": abbreviations; iPhone, eBay: names
        if text[m.end():m.end() + 1] in (".", ":", "/"):
            continue    # "Press. tr. 232", "Britannica. http://": a reference, not a sentence
        yield m


# --- flags ------------------------------------------------------------------------------------

def flag_stray_full_stops(text: str, ctx: Any = None) -> Iterator[Change]:
    """Flag a full stop followed by a lower-case word: a sentence cut in two.

    "sinh viên. sinh hoạt", "thu ngân sách. thu hút nhân tài". Skipped: a word
    before the stop that is an abbreviation (tr., vd., TP.) or a single letter,
    numbers, ellipses, a continuation that is a dangling fragment (left to
    :func:`flag_dangling_fragments`), and texts that start most sentences in
    lower case anyway (forums, chat).

    >>> [f.reason for f in flag_stray_full_stops("Các giải pháp. pháp luật trong công tác xây dựng Đảng.")]
    ["full stop inside a sentence: 'giải pháp. pháp luật' goes on in lower case, and 'pháp' repeats across it"]
    >>> list(flag_stray_full_stops("Tại TP. Hồ Chí Minh, v.v. và số 2.5 tăng."))
    []
    """
    if not _LOWER_AFTER_STOP.search(text) or _informal(text, ctx):
        return
    for m in _lower_breaks(text):
        w1, w2 = m.group("w1"), m.group("w2")
        if _fragment_end(text, m.start("w2"), max_words=3) is not None:
            continue
        context = _context(text, m.start(), m.end())
        reason = f"full stop inside a sentence: {context!r} goes on in lower case"
        if w1.casefold() == w2.casefold():
            reason += f", and {w2!r} repeats across it"
        yield Change(m.start(), m.end(), None, reason)


def _context(text: str, start: int, end: int) -> str:
    """The span widened by one word on each side, for a readable reason."""
    left = regex.search(rf"{_WORD}[ \t]+$", text[max(0, start - 30):start])
    right = regex.match(rf"[ \t]+{_WORD}", text[end:end + 30])
    return ((left.group() if left else "") + text[start:end] + (right.group() if right else ""))


_BREAK = regex.compile(r"(?<=[\p{L}\p{M}])\.[ \t]+(?=[\p{L}])")
_TWO_BEFORE = regex.compile(rf"(?<![\p{{L}}\p{{M}}.])({_WORD})[ \t]+({_WORD})$")
_TWO_AFTER = regex.compile(rf"({_WORD})[ \t]+({_WORD})(?![\p{{L}}\p{{M}}])")
_FIRST_WORD = regex.compile(_WORD)


_ECHO_FRAGMENT = 8     # words: the echoed filler is a short sentence closing the paragraph


def flag_echoed_words(text: str, ctx: Any = None) -> Iterator[Change]:
    """Flag two words repeated across a full stop ("thành phố thông minh. Thông minh, …").

    A spinner that cuts a sentence often starts the next one by echoing the end
    of the last. Two words must repeat (one repeated word, "phát triển.
    Triển lãm", happens in good text), case aside, and the echoing sentence must
    be short and close its paragraph: "tôi thấy kinh hãi. Kinh hãi bởi việc …"
    opening a full sentence is a figure of style, not damage.

    >>> t = "xây dựng thành phố thông minh. Thông minh, hiện đại, đa cảm."
    >>> [t[f.start:f.end] for f in flag_echoed_words(t)]
    ['thông minh. Thông minh']
    >>> list(flag_echoed_words("Hội nghị tại Hà Nội. Nội dung chính là cải cách."))
    []
    >>> list(flag_echoed_words("tôi thấy kinh hãi. Kinh hãi bởi việc một người bị hành hạ mà những bạn khác vẫn ngồi xem."))
    []
    """
    for m in _BREAK.finditer(text):
        # Cheap test first: an echo needs the word after the break in the words before it.
        first = _FIRST_WORD.match(text, m.end())
        if first is None or first.group().casefold() not in text[max(0, m.start() - 40):m.start()].casefold():
            continue
        before = _TWO_BEFORE.search(text, max(0, m.start() - 40), m.start())
        after = _TWO_AFTER.match(text, m.end(), min(len(text), m.end() + 40))
        if not before or not after:
            continue
        a = (before.group(1) + " " + before.group(2)).casefold()
        b = (after.group(1) + " " + after.group(2)).casefold()
        if a == b and _fragment_end(text, after.start(), max_words=_ECHO_FRAGMENT) is not None:
            yield Change(before.start(), after.end(), None,
                         f"the words {before.group(1) + ' ' + before.group(2)!r} are echoed across a full stop")


def flag_dangling_fragments(text: str, ctx: Any = None) -> Iterator[Change]:
    """Flag a fragment of one to three words, starting in lower case, that ends a paragraph.

    "… không cùng cấp chính quyền. ban cho." A sentence of Vietnamese news does
    not start in lower case, and three words are not a sentence.

    >>> t = "bám sát đặc điểm của cấp ủy cấp trên không cùng cấp chính quyền. ban cho.\\n\\nÔng Định cho rằng..."
    >>> [t[f.start:f.end] for f in flag_dangling_fragments(t)]
    ['ban cho.']
    >>> list(flag_dangling_fragments("Giá vàng tăng mạnh. Còn tiếp."))
    []
    """
    if not _LOWER_AFTER_STOP.search(text) or _informal(text, ctx):
        return
    for m in _lower_breaks(text):
        end = _fragment_end(text, m.start("w2"), max_words=3)
        if end is not None:
            yield Change(m.start("w2"), end, None,
                         f"a dangling fragment closes the paragraph: {text[m.start('w2'):end]!r}")


# --- acronyms ---------------------------------------------------------------------------------

# Capital letters (and Đ), optionally joined by "&" or "-": UBND, ĐBKK, KT-XH, NN & PTNT.
_ACRONYM = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}/.&-])(?P<a>[A-ZĐ]{2,8}(?:(?:[ ]?&[ ]?|-)[A-ZĐ]{1,8})*)(?![\p{L}\p{M}\p{N}/-])")
_ROMAN = regex.compile(r"[IVXLCDM]+")
_DEFINED = regex.compile(r"\([ \t]*(?P<a>[A-ZĐ][A-ZĐ&\- ]{1,20}?)[ \t]*\)")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")


def _fold_initial(word: str) -> str:
    first = word[0]
    if first in "đĐ":
        return "Đ"
    return unicodedata.normalize("NFD", first)[0].upper()


def _squash(acronym: str) -> str:
    return regex.sub(r"[\s&\-]", "", acronym)


def _spelled_out(text: str, longest: int = 8) -> set[str]:
    """Initials of every run of 2 to 8 words ("kinh tế – xã hội" → KTXH)."""
    initials = [_fold_initial(w) for w in _WORDS.findall(text)]
    out: set[str] = set()
    for i in range(len(initials)):
        acc = initials[i]
        for j in range(i + 1, min(i + longest, len(initials))):
            acc += initials[j]
            out.add(acc)
    return out


@functools.lru_cache(maxsize=1)
def _dictionary_keys() -> frozenset[str]:
    """Abbreviations the project's dictionary knows, squashed; empty if it is absent."""
    try:
        from . import abbreviations
        table = abbreviations.dictionary()
    except Exception:   # the dictionary is optional; without it we flag a little more
        return frozenset()
    keys = table.keys() if isinstance(table, Mapping) else table
    return frozenset(_squash(str(k)) for k in keys)


def _is_syllable(key: str) -> bool:
    """A word written in capitals for emphasis ("VUI", "SAO"), not an acronym."""
    try:
        from .lexicon import is_known_syllable
    except ImportError:     # pragma: no cover - the lexicon ships with the package
        return False
    return key.isalpha() and is_known_syllable(key.lower())


def _shouting(line: str) -> bool:
    """A headline or byline in capitals ("HỒ VÂN"): its words are not acronyms."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _damaged(text: str, ctx: Any) -> bool:
    """Whether the text shows sentence-level spinner damage: at least two signs
    (stray or doubled full stops, dangling fragments, echoed words); cached per text."""
    state = getattr(ctx, "state", None)
    cached = state.get("mt.damaged") if isinstance(state, dict) else None
    if cached is not None and cached[0] == text:
        return cached[1]
    signs = len(_DOUBLED_STOP.findall(text))
    for find in (flag_stray_full_stops, flag_dangling_fragments, flag_echoed_words):
        for _ in find(text, ctx):
            signs += 1
            if signs >= _DAMAGE_MIN:
                break
    result = signs >= _DAMAGE_MIN
    if isinstance(state, dict):
        state["mt.damaged"] = (text, result)   # later passes see a repaired text
    return result


_DAMAGE_MIN = 2     # one lower-case sentence start is a typo; two breaks are a pattern
_DOUBLED_STOP = regex.compile(r"(?<=[^\s.])\.[ \t]+\.(?![ \t]*\.)")
_NAME_RUN = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:[ ][\p{L}\p{M}]+){1,3}")


def _main_names(text: str) -> set[str]:
    """Initials of the names the text repeats ("Đảng bộ Khối" twice → ĐBK).

    A name here is two to four words whose first and last are capitalised,
    used at least twice: the organisations the article is about.
    """
    counts: dict[str, int] = {}
    words = list(regex.finditer(r"[\p{L}\p{M}]+", text))
    for i, w in enumerate(words):
        if not w.group()[0].isupper():
            continue
        for n in (2, 3, 4):
            if i + n > len(words):
                break
            run = words[i:i + n]
            if any(text[run[k].end():run[k + 1].start()] != " " for k in range(n - 1)):
                break
            if not run[-1].group()[0].isupper() or run[-1].group().isupper():
                continue
            phrase = " ".join(x.group() for x in run)
            counts[phrase] = counts.get(phrase, 0) + 1
    return {"".join(_fold_initial(w) for w in p.split()) for p, c in counts.items() if c >= 2}


def flag_unexplained_acronyms(text: str, ctx: Any = None) -> Iterator[Change]:
    """Flag, in a text already showing spinner damage, acronyms that stand for nothing in it.

    Spinners swap an article's organisation for unrelated acronyms (ĐBKK, NEK,
    ĐBQH for "Đảng bộ Khối"). Clean news is full of acronyms a reader is
    assumed to know, so this only runs on a text with at least two
    sentence-level spinner signs (stray or doubled full stops, dangling
    fragments, echoed words). There it reports:

    - an acronym not defined in brackets, not spelled out by the initials of a
      run of words, not in the abbreviation dictionary or the ``known`` list;
    - a known acronym that looks like a garbled form of the name the article
      repeats (same first two letters as its initials, ĐBQH for ĐBK), and is
      not spelled out in the text.

    Roman numerals, codes such as 02-NQ/ĐUK and lines in capitals are skipped;
    only the first use of each acronym is reported.

    >>> t = ("Đảng bộ Khối (ĐBK) họp. Hội nghị đánh giá kết quả. Các đại biểu thảo luận. Mọi người vui. "
    ...      "Đảng bộ Khối có giải pháp. pháp luật, ngân sách. thu hút. Đại hội thành công. "
    ...      "Sau đó ĐBKK và NEK báo cáo; ĐBQH cũng vậy, Ủy ban nhân dân tỉnh (UBND) dự.")
    >>> [t[f.start:f.end] for f in flag_unexplained_acronyms(t, None)]
    ['ĐBKK', 'NEK', 'ĐBQH']
    >>> list(flag_unexplained_acronyms("Sau đó ĐBKK và NEK báo cáo. Hội nghị thành công."))
    []
    """
    if not _damaged(text, ctx):
        return
    data = getattr(ctx, "data", None) or {}
    known = {_squash(k) for k in data.get("known", ())} | _dictionary_keys() | _DEFAULT_KNOWN
    found: dict[str, list[int]] = {}
    spans: dict[str, tuple[int, int]] = {}
    for line_m in regex.finditer(r"[^\n]+", text):
        line = line_m.group()
        if _shouting(line):
            continue
        for m in _ACRONYM.finditer(line):
            key = _squash(m.group("a"))
            if _ROMAN.fullmatch(key):
                continue
            found.setdefault(key, []).append(line_m.start() + m.start())
            spans.setdefault(key, (line_m.start() + m.start(), line_m.start() + m.end()))
    if not found:
        return
    defined = {_squash(m.group("a")) for m in _DEFINED.finditer(text)}
    spelled = _spelled_out(text)
    names = None
    for key, where in found.items():
        if key in defined or key in spelled or _is_syllable(key):
            continue
        if key in known:
            if names is None:
                names = _main_names(text)
            garbled = [n for n in names if len(key) >= 3 and n != key and n[:2] == key[:2]]
            if not garbled:
                continue
            why = f"looks like a garbled form of the article's own name (initials {garbled[0]})"
        else:
            why = "is never defined or spelled out in the text"
        s, e = spans[key]
        uses = f"used {len(where)} times" if len(where) > 1 else "used once"
        yield Change(s, e, None, f"acronym {text[s:e]!r} {why} ({uses})")


# Enough to run without the rule file (doctests, direct calls); the rule's `known` adds more.
_DEFAULT_KNOWN = frozenset("UBND HĐND MTTQ TW TP USD VND GDP".split())


# --- regions ----------------------------------------------------------------------------------

def flag_foreign_regions(text: str, ctx: Any = None) -> Iterator[Change]:
    """Flag, in a text already showing spinner damage, a region that is not the article's.

    A spinner swaps a provincial body for a region name ("vùng Đồng bằng sông
    Hồng đã trưởng thành" in an article about Bình Dương). When every province
    the text names lies outside a region the text also names, that region is
    reported (first use). The table of regions and their provinces is the
    rule's ``data`` (``regions``: region name → list of provinces).

    >>> data = {"regions": {"Đồng bằng sông Hồng": ["Hà Nội", "Hải Phòng"],
    ...                     "Đông Nam Bộ": ["Bình Dương", "Đồng Nai"]}}
    >>> from types import SimpleNamespace
    >>> clean = "Hội nghị họp. Các đại biểu thảo luận. Đại hội thành công. Năm tới sẽ đổi mới. Ai cũng vui. "
    >>> t = clean + "Bình Dương có giải pháp. pháp luật, ngân sách. thu hút; vùng Đồng bằng sông Hồng đã trưởng thành."
    >>> [t[f.start:f.end] for f in flag_foreign_regions(t, SimpleNamespace(data=data, state={}))]
    ['Đồng bằng sông Hồng']
    >>> t = clean + "Hà Nội có giải pháp. pháp luật, ngân sách. thu hút; vùng Đồng bằng sông Hồng đã trưởng thành."
    >>> list(flag_foreign_regions(t, SimpleNamespace(data=data, state={})))
    []
    """
    regions = (getattr(ctx, "data", None) or {}).get("regions") or {}
    if not regions or not _damaged(text, ctx):
        return
    matcher, province_region = _region_tables(tuple((r, tuple(p)) for r, p in regions.items()))
    named_regions: dict[str, tuple[int, int]] = {}
    home: set[str] = set()
    for m in matcher.finditer(text):
        name = m.group()
        if name in _NOT_PLACES:
            continue
        if name in regions:
            named_regions.setdefault(name, m.span())
        else:
            home.add(province_region[name])
    if not home:
        return
    for region, (s, e) in named_regions.items():
        if region not in home:
            where = ", ".join(sorted(p for p, r in province_region.items()
                                     if r in home and p in text))
            yield Change(s, e, None, f"region {region!r} does not contain the article's province ({where})")


# Names that contain a province's name but are not the province.
_NOT_PLACES = frozenset({"Thái Bình Dương"})


@functools.lru_cache(maxsize=4)
def _region_tables(regions: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[regex.Pattern, dict[str, str]]:
    province_region = {p: r for r, provinces in regions for p in provinces}
    names = sorted({*province_region, *(r for r, _ in regions), *_NOT_PLACES}, key=len, reverse=True)
    pattern = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(regex.escape(n) for n in names)
                            + r")(?![\p{L}\p{M}])")
    return pattern, province_region
