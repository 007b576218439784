"""Repair Vietnamese text whose bytes were read with the wrong code page.

Five kinds of damage, each a rule under ``rules/encoding/``:

- ``utf-8``: UTF-8 read as Windows-1252 or Latin-1 ("Ä\\x90áº£ng á»§y" for
  "Đảng ủy"), for a whole text or one pasted paragraph. ftfy does the decoding,
  with every fix other than the encoding one turned off (quotes, widths, NFC,
  ligatures and HTML entities stay as they are); sequences ftfy leaves in a
  partly damaged line are decoded one by one, and a letter whose last byte was
  lost (browsers drop 81 8D 8F 90 9D) is restored when only one letter fits.
- ``cp1258``: Windows-1258 read as Windows-1252: tones were separate characters
  ("ÐaÒng uÒy"); decoded and composed (NFC).
- ``tcvn3``: TCVN3 / ABC (".VnTime" fonts, TCVN 5712:1993) read as Windows-1252:
  letters on Latin-1 symbols ("§¶ng ñy"). The upper half follows TCVN 5712 VN1.
  ABC fonts have no capitals with tones: a word typed in capitals with lower-case
  codes ("§¶NG") is written back in capitals ("ĐẢNG"). Windows-1252 quotes and
  dashes (bytes 91–97, also VN1 capitals) count as letters only when the word
  is then one Vietnamese syllable ("H–" is "HỌ"; "Nam–B¾c" is "Nam–Bắc").
- ``vni``: VNI-Windows read as Windows-1252: a base letter and an accent
  character ("Ñaûng uûy").
- ``viscii``: VISCII (RFC 1456) read as Windows-1252 or Latin-1.

Each fires only on strong evidence (:mod:`vntextclean.mojibake`), line by line,
so one damaged paragraph is repaired and clean ones are left untouched. A legacy
decoding is kept only when it turns several non-words into Vietnamese syllables,
clearly more than any other code page would; French, German or English words
with Latin-1 letters, and symbols such as ©, °C or m², do not qualify.

>>> repair_encoding("Äáº£ng á»§y Khá»‘i cÃ¡c cÆ¡ quan")
'Đảng ủy Khối các cơ quan'
>>> repair_encoding("§¶ng ñy Khèi c¸c c¬ quan")
'Đảng ủy Khối các cơ quan'
>>> repair_encoding("Ñaûng uûy Khoái caùc cô quan")
'Đảng ủy Khối các cơ quan'
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Iterator, Literal, NamedTuple

import ftfy
import regex
from rapidfuzz.distance import Levenshtein

from .edits import Change
from .mojibake import LEGACY_PATTERNS, UTF8_MOJIBAKE_RE, plausible_syllable

__all__ = ["Encoding", "ENCODINGS", "Diagnosis", "to_mojibake", "decode_as", "diagnose_line",
           "repair_encoding", "fix_utf8_mojibake", "fix_cp1258", "fix_tcvn3", "fix_vni", "fix_viscii"]

Encoding = Literal["utf-8", "cp1258", "tcvn3", "vni", "viscii"]
ENCODINGS: tuple[str, ...] = ("utf-8", "cp1258", "tcvn3", "vni", "viscii")
_NAMES = {"utf-8": "UTF-8", "cp1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)",
          "vni": "VNI-Windows", "viscii": "VISCII"}


# --- bytes as Windows-1252 shows them --------------------------------------------------

def _shown(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:      # 81 8D 8F 90 9D: browsers show the C1 control
        return chr(b)


_SHOWN = "".join(_shown(b) for b in range(256))
_BYTE_OF: dict[str, int] = {c: b for b, c in enumerate(_SHOWN)}
_BYTE_OF.update({chr(b): b for b in range(0x80, 0xA0)})        # Latin-1 reading
_CP1252_SPECIALS = "".join(c for c in _SHOWN[0x80:0xA0] if ord(c) > 0xFF)
# Windows-1252 characters of bytes 80–9F that are ordinary punctuation in text.
_PUNCT = "…‘’“”•–—"        # („ ‚ ‹ › are not typed in Vietnamese: letters in TCVN3)
# The same bytes read as Latin-1: C1 controls, which stand for the same punctuation.
_PUNCT_C1 = {chr(_BYTE_OF[c]): c for c in _PUNCT}

# --- code page tables (byte -> Unicode) -----------------------------------------------

# TCVN 5712:1993 (VN1), bytes 80–FF; B0–B4 are combining tone marks.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ")
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
              0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
# VISCII 1.1 (RFC 1456), bytes 80–FF.
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "Õắằặấầẩậẽẹếềểễệố"
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉ"
    "đựòóôõỏọụùúũủýợỮ")
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}


def _cp1258(b: int) -> str:
    try:
        return bytes([b]).decode("cp1258")
    except UnicodeDecodeError:
        return _SHOWN[b]


def _table(high: str | None, low: dict[int, str]) -> list[str]:
    table = [chr(b) for b in range(128)] + list(high or "")
    for b, c in low.items():
        table[b] = c
    return table


_TABLES: dict[str, list[str]] = {
    "tcvn3": _table(_TCVN3_HIGH, _TCVN3_LOW),
    "viscii": _table(_VISCII_HIGH, _VISCII_LOW),
    "cp1258": [_cp1258(b) for b in range(256)],
}


def _decoder(table: list[str], *, keep: str = "") -> dict[int, str]:
    """str.translate map from the characters Windows-1252/Latin-1 show to the code page's."""
    out: dict[int, str] = {}
    for ch, b in _BYTE_OF.items():
        if ch not in keep and table[b] != ch:
            out[ord(ch)] = table[b]
    return out


_FULL = {enc: _decoder(t) for enc, t in _TABLES.items()}
# Quotes and dashes kept as punctuation (their C1 twins written as the punctuation).
_SAFE = {enc: {**_decoder(t, keep=_PUNCT), **{ord(k): v for k, v in _PUNCT_C1.items()}}
         for enc, t in _TABLES.items()}
# Outside words, C1 controls in a damaged line are Windows-1252 bytes read as Latin-1.
_C1_FIX = {chr(b): _SHOWN[b] for b in range(0x80, 0xA0) if _SHOWN[b] != chr(b)}
_C1_RE = regex.compile("[\u0080-\u009f]")

# VNI-Windows: accent characters become combining marks, a few letters stand alone.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_MAP: dict[int, str] = {}
for _k, _v in _VNI_TONES.items():
    _VNI_MAP[ord(_k)] = _VNI_MAP[ord(_k.upper())] = _v
for _k, _v in _VNI_CIRCUMFLEX.items():
    _VNI_MAP[ord(_k)] = _VNI_MAP[ord(_k.upper())] = "\u0302" + _v
for _k, _v in _VNI_BREVE.items():
    _VNI_MAP[ord(_k)] = _VNI_MAP[ord(_k.upper())] = "\u0306" + _v
for _k, _v in _VNI_LETTERS.items():
    _VNI_MAP[ord(_k)] = _v
    _VNI_MAP[ord(_k.upper())] = _v.upper()
_FULL["vni"] = _SAFE["vni"] = _VNI_MAP


def _class(chars: str) -> str:
    return "".join(regex.escape(c) for c in sorted(set(chars)))


def _letterish(enc: str) -> str:
    """Characters that stand for a letter or a tone in text damaged with ``enc``."""
    if enc == "vni":
        chars = "".join(chr(k) for k in _VNI_MAP)
    else:
        chars = "".join(ch for ch, b in _BYTE_OF.items()
                        if b >= 0x80 or b in _TCVN3_LOW and enc == "tcvn3"
                        or b in _VISCII_LOW and enc == "viscii")
        table = _TABLES[enc]
        chars = "".join(ch for ch in chars
                        if table[_BYTE_OF[ch]].isalpha() or unicodedata.combining(table[_BYTE_OF[ch]])
                        or ch in _PUNCT or ch in _PUNCT_C1)
    return "A-Za-z" + _class(chars)


_TOKEN_RE = {enc: regex.compile(f"[{_letterish(enc)}]+") for enc in ("cp1258", "tcvn3", "vni", "viscii")}
_PUNCT_RE = regex.compile(f"[{_class(_PUNCT + ''.join(_PUNCT_C1))}]")
# Letters beyond what the code pages show: the line already holds real Vietnamese
# (or NFD marks), so only words that are not Vietnamese as they stand are decoded.
_BEYOND_RE = regex.compile(f"[\u0100-\u024f\u0300-\u036f\u1e00-\u1eff--[{_class(_CP1252_SPECIALS)}]]",
                           regex.V1)

# The evidence each rule looks for is also its trigger: clean text never has it.
TRIGGERS: dict[str, str] = {"utf-8": UTF8_MOJIBAKE_RE.pattern, **LEGACY_PATTERNS}
_TRIGGER_RE = {enc: regex.compile(src, regex.V0) for enc, src in TRIGGERS.items()}
_ANY_TRIGGER_RE = regex.compile("|".join(f"(?:{src})" for src in dict.fromkeys(TRIGGERS.values())))


# --- damage (for tests and benchmarks) ---------------------------------------------

def _inverse(table: list[str]) -> dict[str, int]:
    inv: dict[str, int] = {}
    for b in range(255, -1, -1):      # lowest byte wins (NBSP in TCVN3 is A0)
        inv[table[b]] = b
    return inv


_INVERSE = {enc: _inverse(t) for enc, t in _TABLES.items() if enc != "cp1258"}
_TONE_OF = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}
_VNI_TONE_CHARS = "ùøûõï"
_VNI_CIRC_CHARS = "áàåãä"
_VNI_BREVE_CHARS = "éèúüë"
_VNI_I = "íìæóò"


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    parts = unicodedata.normalize("NFD", ch)
    base, marks = parts[0], parts[1:]
    upper = base.isupper()
    tone = next((_TONE_OF[m] for m in marks if m in _TONE_OF), None)
    out = base
    if "\u031b" in marks:            # horn: ơ ư are letters of their own
        out = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}[base]
        mark = _VNI_TONE_CHARS[tone] if tone is not None else ""
    elif "\u0302" in marks:
        mark = _VNI_CIRC_CHARS[tone] if tone is not None else "â"
    elif "\u0306" in marks:
        mark = _VNI_BREVE_CHARS[tone] if tone is not None else "ê"
    elif tone is None:
        return ch
    elif base in "iI":
        return _VNI_I[tone].upper() if upper else _VNI_I[tone]
    elif base in "yY" and tone == 4:
        return "Î" if upper else "î"
    else:
        mark = _VNI_TONE_CHARS[tone]
    return out + (mark.upper() if upper else mark)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return text.encode("utf-8")       # NFD stays NFD: the bytes are the text's own
    text = unicodedata.normalize("NFC", text)
    if encoding == "vni":
        return "".join(_vni_letter(c) if ord(c) > 0x7F else c for c in text).encode("cp1252")
    if encoding == "cp1258":
        out = bytearray()
        for c in text:
            try:
                out += c.encode("cp1258")
            except UnicodeEncodeError:
                parts = unicodedata.normalize("NFD", c)
                tone = "".join(m for m in parts if m in _TONE_OF)
                base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_OF))
                out += (base + tone).encode("cp1258")
        return bytes(out)
    inv = _INVERSE[encoding]
    # Quotes and dashes typed in an ABC font are stored as Windows-1252 bytes (VISCII
    # has letters there: no quotes).
    punct = _PUNCT if encoding == "tcvn3" else ""
    try:
        return bytes(inv[c] if c in inv else _BYTE_OF[c] if c in punct else inv[c] for c in text)
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} has no code in {_NAMES[encoding]}") from None


def to_mojibake(text: str, *, encoding: Encoding = "utf-8",
                read_as: Literal["cp1252", "latin-1"] = "cp1252") -> str:
    """Damage ``text`` as a wrong reading does: encode it with ``encoding``, decode the
    bytes as Windows-1252 (undefined bytes become C1 controls, as in browsers) or Latin-1.

    Used to build test cases and benchmarks: ``repair_encoding(to_mojibake(t))`` gives ``t``.

    >>> to_mojibake("Đảng ủy", encoding="tcvn3"), to_mojibake("Đảng ủy", encoding="vni")
    ('§¶ng ñy', 'Ñaûng uûy')
    >>> to_mojibake("Đảng ủy")
    'Ä\\x90áº£ng á»§y'
    """
    data = _encode(text, encoding)
    if read_as == "latin-1":
        return data.decode("latin-1")
    if read_as != "cp1252":
        raise ValueError(f"read_as must be 'cp1252' or 'latin-1', not {read_as!r}")
    return "".join(_SHOWN[b] for b in data)


def decode_as(text: str, *, encoding: Encoding) -> str:
    """Read damaged text back with ``encoding``, without any detection (you know the damage).

    Characters Windows-1252 cannot show stay as they are; the result is NFC.

    >>> decode_as("ViÖt Nam", encoding="tcvn3"), decode_as("ÐaÒng", encoding="cp1258")
    ('Việt Nam', 'Đảng')
    """
    if encoding == "utf-8":
        fixed = ftfy.fix_encoding(text, config=_FTFY_CONFIG)
        return _decode_sequences(fixed)
    if encoding not in _FULL:
        raise ValueError(f"unknown encoding {encoding!r}; choose one of {', '.join(ENCODINGS)}")
    return unicodedata.normalize("NFC", text.translate(_FULL[encoding]))


# --- UTF-8 read as Windows-1252 --------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=False,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False,
    fix_line_breaks=False, fix_surrogates=False, remove_control_chars=False,
    normalization=None, explain=True)
_FTFY_STEPS = {"encode", "decode", "transcode", "apply"}
_FTFY_APPLY = {"decode_inconsistent_utf8", "restore_byte_a0", "fix_partial_utf8_punct_in_1252"}

_CONT = "\u0080-\u00bf" + _class(_CP1252_SPECIALS)
# One UTF-8 sequence as Windows-1252 shows it: a lead for 2, 3 or 4 bytes, then continuations.
_SEQUENCE_RE = regex.compile(f"[Â-ß][{_CONT}]|[à-ï][{_CONT}]{{2}}|[ð-ô][{_CONT}]{{3}}")
# A letter whose last byte was dropped (the C1 bytes 81 8D 8F 90 9D): each byte it may have been.
_DROPPED = {"Ä": "\u0090", "Ã": "\u0081\u008d\u009d", "á»": "\u0081\u008d\u008f\u0090\u009d"}
_DROPPED_RE = regex.compile(rf"(?:Ä|Ã|á»)(?![{_CONT}])(?=\p{{L}}|\s|$|\p{{P}})", regex.V1)
# While the rest of the line is decoded, such a lead waits as a private-use character.
_PLACEHOLDER = {"Ä": "\ue000", "Ã": "\ue001", "á»": "\ue002"}
_LEAD_OF = {v: k for k, v in _PLACEHOLDER.items()}
_PLACEHOLDER_RE = regex.compile("[\ue000-\ue002]")
_WORD_AROUND_RE = regex.compile(r"\p{L}*\Z"), regex.compile(r"\p{L}*")


def _decode_sequences(text: str) -> str:
    def one(m: regex.Match) -> str:
        try:
            return bytes(_BYTE_OF[c] for c in m.group()).decode("utf-8")
        except (UnicodeDecodeError, KeyError):
            return m.group()
    return _SEQUENCE_RE.sub(one, text)


def _case_fits(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return word.upper() == word or all(c.islower() for c in letters[1:])


def _mark_dropped(line: str) -> str:
    """Replace each lead whose last byte is missing by a placeholder (decoded text cannot
    be mistaken for one: "Ãƒi" decodes to "Ãi", which is not a dropped byte)."""
    return _DROPPED_RE.sub(lambda m: _PLACEHOLDER[m.group()], line)


def _restore_dropped(text: str) -> str:
    """Put back a letter whose last UTF-8 byte was lost, where exactly one Vietnamese
    syllable fits ("NgÆ°á»i" → "Người"; "nhá»" may be nhề, nhọ, nhỏ: left alone)."""
    def one(m: regex.Match) -> str:
        lead = _LEAD_OF[m.group()]
        before = _WORD_AROUND_RE[0].search(text, 0, m.start()).group()
        after = _WORD_AROUND_RE[1].match(text, m.end()).group()
        fits = set()
        for last in _DROPPED[lead]:
            try:
                letter = bytes(_BYTE_OF[c] for c in lead + last).decode("utf-8")
            except UnicodeDecodeError:
                continue
            word = before + letter + after
            if plausible_syllable(word) and _case_fits(word):
                fits.add(letter)
        return fits.pop() if len(fits) == 1 else lead
    return _PLACEHOLDER_RE.sub(one, text)


def _redamages_to(fixed: str, line: str, steps: list[Any]) -> bool:
    """ftfy's repair damaged again the same number of times gives the line back
    (a space may stand for the NBSP byte that restore_byte_a0 put back)."""
    again = fixed
    for action, _param in steps:
        if action == "decode":
            again = to_mojibake(again)
        elif action == "apply":
            return False      # partial repairs are redone sequence by sequence
    return again == line or again.replace("\u00a0", " ") == line.replace("\u00a0", " ")


def _utf8_strength(line: str) -> int:
    """2 or more: strong evidence (two sequences, or one three-byte Vietnamese letter)."""
    found = UTF8_MOJIBAKE_RE.findall(line)
    return len(found) + sum(1 for s in found if s.startswith("á"))


def _diff_changes(before: str, after: str, reason: str) -> list[Change]:
    """Word-sized changes turning ``before`` into ``after`` (so an edit reads "Äáº£ng" → "Đảng")."""
    raw = [(op.src_start, op.src_end, after[op.dest_start:op.dest_end])
           for op in Levenshtein.opcodes(before, after) if op.tag != "equal"]
    merged: list[list[Any]] = []
    for i1, i2, new in raw:
        while i1 > 0 and before[i1 - 1].isalpha() and (not merged or i1 > merged[-1][1]):
            i1 -= 1
            new = before[i1] + new
        if merged and i1 <= merged[-1][1]:
            last = merged[-1]
            last[2] += before[last[1]:i1] + new
            last[1] = i2
        else:
            merged.append([i1, i2, new])
    changes = []
    for k, (i1, i2, new) in enumerate(merged):
        limit = merged[k + 1][0] if k + 1 < len(merged) else len(before)
        while i2 < limit and before[i2].isalpha():
            new += before[i2]
            i2 += 1
        changes.append(Change(i1, i2, new, reason))
    return changes


_ODD_CAPITAL_RE = regex.compile(r"\p{Ll}[\p{Lu}--[A-Z]]", regex.V1)
_MOJIBAKE_CHARS = set(_SHOWN[0x80:]) | {chr(b) for b in range(0x80, 0xA0)}


def _utf8_plan(line: str, *, least: int = 2) -> list[Change] | None:
    if _utf8_strength(line) < least:
        return None
    marked = _mark_dropped(line)
    result = ftfy.fix_and_explain(marked, config=_FTFY_CONFIG)
    steps = result.explanation or []
    fixed = line
    if marked == line and steps and all(action in _FTFY_STEPS and (action != "apply" or param in _FTFY_APPLY)
                     for action, param in steps) and _redamages_to(result.text, line, steps):
        fixed = result.text
    else:     # a partly damaged line, or a guess ftfy cannot justify: sequence by sequence
        fixed = _decode_sequences(marked)
        for _ in range(2):            # twice-damaged text, while the evidence remains
            if _utf8_strength(fixed) < 2:
                break
            fixed = _decode_sequences(fixed)
    fixed = _restore_dropped(fixed)
    if fixed == line or "\ufffd" in fixed and "\ufffd" not in line:
        return None
    if _utf8_strength(fixed) >= _utf8_strength(line):
        return None
    reason = f"{_NAMES['utf-8']} read as Windows-1252"
    # Keep changes that undo damage and do not put a Vietnamese capital after a small
    # letter ("nhá» " is not "nhỠ" with a lost NBSP: ftfy's guess for the space is refused).
    changes = [c for c in _diff_changes(line, fixed, reason)
               if any(ch in _MOJIBAKE_CHARS for ch in line[c.start:c.end])
               and not _ODD_CAPITAL_RE.search(c.after or "")]
    return changes or None


# --- legacy code pages ---------------------------------------------------------------

def _harmonise_case(word: str) -> str:
    """ABC fonts have no toned capitals: "ĐảNG" was typed as "ĐẢNG"."""
    letters = [c for c in word if c.isalpha()]
    lowers = [c for c in letters if c.islower()]
    if lowers and any(c.isupper() for c in letters[1:]) and all(not c.isascii() for c in lowers):
        return word.upper()        # a capital after the first letter: not Title case
    return word


@functools.lru_cache(maxsize=1 << 16)
def _decode_token(tok: str, enc: str) -> str:
    full = unicodedata.normalize("NFC", tok.translate(_FULL[enc]))
    if enc != "tcvn3" or not _PUNCT_RE.search(tok):
        # VISCII has letters on every byte 80–9F: its text holds no Windows-1252 quotes.
        return _harmonise_case(full) if enc == "tcvn3" else full
    # Quotes and dashes stand for VN1 capitals: letters only when the word is then one
    # syllable in capitals: "H–" is "HỌ", but "“Hµ" is "“Hà", "“Anh" is not "ỎAnh" and
    # "Nam–B¾c" is "Nam–Bắc".
    if _PUNCT_RE.sub("", tok) and full.upper() == full and plausible_syllable(full):
        dec = full
    else:
        dec = unicodedata.normalize("NFC", tok.translate(_SAFE[enc]))
    return _harmonise_case(dec) if enc == "tcvn3" else dec


@functools.lru_cache(maxsize=1 << 16)
def _plausible_words(token: str) -> bool:
    """Every piece between quotes and dashes is a Vietnamese syllable in one letter case
    ("“được”", "Nam–Bắc"; not "cỰ")."""
    pieces = [p for p in _PUNCT_RE.split(token) if p]
    return bool(pieces) and all(plausible_syllable(p) and _case_fits(p) for p in pieces)


class _Plan(NamedTuple):
    gain: int                 # distinct non-words that became syllables, minus the reverse
    changes: list[Change]
    strong: bool              # enough evidence on its own
    weak: bool = False        # every changed word becomes a syllable: enough in a damaged document


def _legacy_plan(line: str, enc: str) -> _Plan | None:
    mixed = _BEYOND_RE.search(line) is not None
    changes: list[Change] = []
    seen: set[str] = set()
    changed = valid_after = valid_before = 0
    reason = f"{_NAMES[enc]} read as Windows-1252"
    for m in _TOKEN_RE[enc].finditer(line):
        tok = m.group()
        if tok.isascii() and tok.isalpha():
            continue          # plain ASCII letters read the same in every code page
        start, end = m.span()
        if (start and (line[start - 1].isalpha() or unicodedata.combining(line[start - 1]))
                or end < len(line) and (line[end].isalpha() or unicodedata.combining(line[end]))):
            continue          # part of a word the code page cannot show: not damaged text
        if mixed and (len(tok) < 2 or not any("a" <= c.lower() <= "z" for c in tok)):
            continue          # a lone symbol beside real Vietnamese is punctuation
        dec = _decode_token(tok, enc)
        if dec == tok:
            continue
        ok_after = _plausible_words(dec)
        # A VNI accent or a Windows-1258 tone after a vowel is no Vietnamese spelling,
        # even where the letters around it happen to spell a syllable ("cãn").
        ok_before = _plausible_words(tok) and not (enc in ("vni", "cp1258")
                                                   and _TRIGGER_RE[enc].search(tok))
        if mixed and (ok_before or not ok_after):
            continue
        changes.append(Change(m.start(), m.end(), dec, reason))
        if tok.lower() in seen:
            continue          # a repeated word is no new evidence
        seen.add(tok.lower())
        changed += 1
        valid_after += ok_after
        valid_before += ok_before
    # A word that spells a syllable either way ("mét" for một, French "né") is no evidence.
    gain = valid_after - valid_before
    # Beside real Vietnamese a pasted fragment must show more: "Hña Hñu" (Otomi) is two
    # syllable-shaped words in any code page.
    least = 3 if mixed else 2
    strong = changed >= least and valid_after >= 0.8 * changed and gain >= least and gain >= 0.3 * changed
    if strong:
        taken = [(c.start, c.end) for c in changes]
        for m in _C1_RE.finditer(line):
            if m.group() in _C1_FIX and not any(s <= m.start() < e for s, e in taken):
                changes.append(Change(m.start(), m.end(), _C1_FIX[m.group()], reason))
    weak = changed >= 1 and valid_after == changed and gain >= 1
    return _Plan(gain, sorted(changes), strong, weak) if changes else None


# --- diagnosis ----------------------------------------------------------------------

class Diagnosis(NamedTuple):
    """What damaged one line: the encoding and the changes that repair it."""

    encoding: str
    changes: tuple[Change, ...]


@functools.lru_cache(maxsize=512)
def diagnose_line(line: str) -> Diagnosis | None:
    """Which wrong reading damaged this line, if the evidence is strong; else ``None``.

    >>> diagnose_line("Th«ng b¸o cña Ban Th­êng vô").encoding
    'tcvn3'
    >>> diagnose_line("Thông báo của Ban Thường vụ") is None
    True
    """
    if line.isascii():
        return None
    if _TRIGGER_RE["utf-8"].search(line):
        changes = _utf8_plan(line)
        if changes:
            return Diagnosis("utf-8", tuple(changes))
    plans = [(plan.gain, enc, plan) for enc in ("cp1258", "tcvn3", "vni", "viscii")
             if _TRIGGER_RE[enc].search(line) and (plan := _legacy_plan(line, enc))]
    if not plans:
        return None
    plans.sort(key=lambda p: (p[2].strong, p[0]), reverse=True)
    best = plans[0]
    if not best[2].strong:
        return None
    # A rival code page that explains the line almost as well (a margin of two words is
    # needed): the one whose words are real Vietnamese syllables wins by two, or none.
    close = [p for p in plans[1:] if p[0] > 0 and p[0] >= best[0] - 1 and (p[2].strong or best[0] <= 2)]
    if close:
        if best[0] < 4:
            return None      # few words read well both ways ("ån bÏ": "ăn bỳ" or "ồn bẽ")
        ranked = sorted(((_known_words(p[2], line), p) for p in [best, *close]),
                        key=lambda x: x[0], reverse=True)
        if ranked[0][0] - ranked[1][0] < 2 or not ranked[0][1][2].strong:
            return None
        best = ranked[0][1]
    return Diagnosis(best[1], tuple(best[2].changes))


def _known_words(plan: _Plan, line: str) -> int:
    """Distinct decoded words that are syllables of real Vietnamese text (Viet74K or the
    word-pair corpus), minus those that are not, minus real words the reading would
    change ("bình" read as TCVN3 is "bỡnh"). Loaded only when two code pages compete."""
    from .lexicon import is_known_syllable

    def known(word: str) -> bool:
        pieces = [p for p in _PUNCT_RE.split(word) if p]
        return bool(pieces) and all(is_known_syllable(p) for p in pieces)

    score = 0
    for before, after in {(line[c.start:c.end].lower(), (c.after or "").lower()) for c in plan.changes}:
        score += (1 if known(after) else -1) - (1 if known(before) else 0)
    return score


def _lines_with_evidence(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    while (m := _ANY_TRIGGER_RE.search(text, pos)) is not None:   # clean text: one C-speed scan
        offset = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        yield offset, text[offset:end]
        pos = end + 1


def _document_encoding(document: str, lines: list[tuple[int, str]] | None = None) -> str | None:
    """The code page that damaged the document as a whole, if one did: two or more lines
    show it strongly, they are at least half the lines with non-ASCII letters, and no
    line shows another. Then a heading with one damaged word ("ViÖt Nam") is repaired too."""
    if document.isascii():
        return None
    if lines is None:
        lines = list(_lines_with_evidence(document))
    found = [d.encoding for _, line in lines if (d := diagnose_line(line)) is not None]
    if len(set(found)) != 1:
        return None
    enc, strong = found[0], len(found)
    non_ascii = sum(1 for line in document.split("\n") if not line.isascii())
    return enc if strong >= 2 and 2 * strong >= non_ascii else None


@functools.lru_cache(maxsize=512)
def _weak_changes(line: str, enc: str) -> tuple[Change, ...]:
    """A line of a damaged document with less evidence than a line alone needs; never
    a line that also holds real Vietnamese letters (it was not damaged as a whole)."""
    if _BEYOND_RE.search(line):
        return ()
    if enc == "utf-8":
        return tuple(_utf8_plan(line, least=1) or ())
    if not _TRIGGER_RE[enc].search(line):
        return ()
    plan = _legacy_plan(line, enc)
    return tuple(plan.changes) if plan is not None and plan.weak else ()


def _repairs(text: str, encoding: str | None, document_encoding: str | None = None,
             lines: list[tuple[int, str]] | None = None) -> Iterator[Change]:
    if text.isascii():
        return
    for offset, line in _lines_with_evidence(text) if lines is None else lines:
        d = diagnose_line(line)
        if d is not None:
            changes = d.changes if encoding in (None, d.encoding) else ()
        elif document_encoding is not None and encoding in (None, document_encoding):
            changes = _weak_changes(line, document_encoding)
        else:
            changes = ()
        for c in changes:
            yield c._replace(start=c.start + offset, end=c.end + offset)


def _rule_repairs(text: str, ctx: Any, encoding: str) -> Iterator[Change]:
    document = getattr(ctx, "document", "") or text
    state = getattr(ctx, "state", None)
    if state is None:
        return _repairs(text, encoding, _document_encoding(document))
    if "encoding/document" not in state:   # once per document, shared by the five rules
        state["encoding/document"] = _document_encoding(document)
    return _repairs(text, encoding, state["encoding/document"])


def repair_encoding(text: str) -> str:
    """Repair every damaged line of ``text``; clean lines come back unchanged.

    In a text damaged as a whole (most lines show one code page strongly), a line
    with a single damaged word is repaired too; alone, it would not be.

    >>> repair_encoding("Hà Nội\\nNgÆ°á»\\x9di dÃ¢n vui")
    'Hà Nội\\nNgười dân vui'
    """
    if text.isascii():
        return text
    lines = list(_lines_with_evidence(text))         # clean text: one C-speed scan, no line
    if not lines:
        return text
    out: list[str] = []
    pos = 0
    for c in _repairs(text, None, _document_encoding(text, lines), lines):
        out.append(text[pos:c.start])
        out.append(c.after or "")
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


# --- rule functions (rules/encoding/*.yaml) --------------------------------------------

def fix_utf8_mojibake(text: str, ctx: Any = None) -> Iterator[Change]:
    """Rule ``encoding/utf8-mojibake``: UTF-8 read as Windows-1252 or Latin-1.

    >>> [c.after for c in fix_utf8_mojibake("Tá»‰nh á»§y")]
    ['Tỉnh', 'ủy']
    """
    return _rule_repairs(text, ctx, "utf-8")


def fix_cp1258(text: str, ctx: Any = None) -> Iterator[Change]:
    """Rule ``encoding/cp1258``: Windows-1258 (separate tone marks) read as Windows-1252.

    >>> [c.after for c in fix_cp1258("ÐaÒng uÒy Khôìi")]
    ['Đảng', 'ủy', 'Khối']
    """
    return _rule_repairs(text, ctx, "cp1258")


def fix_tcvn3(text: str, ctx: Any = None) -> Iterator[Change]:
    """Rule ``encoding/tcvn3``: TCVN3 (ABC, ".VnTime" fonts) read as Windows-1252.

    >>> [c.after for c in fix_tcvn3("§¶ng ñy Khèi")]
    ['Đảng', 'ủy', 'Khối']
    """
    return _rule_repairs(text, ctx, "tcvn3")


def fix_vni(text: str, ctx: Any = None) -> Iterator[Change]:
    """Rule ``encoding/vni``: VNI-Windows read as Windows-1252.

    >>> [c.after for c in fix_vni("Ñaûng uûy Khoái")]
    ['Đảng', 'ủy', 'Khối']
    """
    return _rule_repairs(text, ctx, "vni")


def fix_viscii(text: str, ctx: Any = None) -> Iterator[Change]:
    """Rule ``encoding/viscii``: VISCII read as Windows-1252 or Latin-1.

    >>> [c.after for c in fix_viscii("Ðäng üy Kh¯i")]
    ['Đảng', 'ủy', 'Khối']
    """
    return _rule_repairs(text, ctx, "viscii")
