"""Evidence of encoding damage (mojibake) in Vietnamese text: detection only.

Vietnamese is damaged in two ways when bytes are read with the wrong code page:

- **UTF-8 read as Windows-1252 or Latin-1**: each Vietnamese letter becomes two
  or three Western characters with a typical shape: a lead character ``Ã Ä Å Æ Ì``
  (bytes C3–C6, CC) or ``á`` followed by ``º``/``»`` (bytes E1 BA/BB), then one
  continuation character (bytes 80–BF). "Đảng ủy" becomes "Ä\\x90áº£ng á»§y".
- **A legacy Vietnamese code page read as Windows-1252**: TCVN3 (ABC) puts
  letters on symbols ("§¶ng ñy"), VNI-Windows writes a base letter and an accent
  character ("Ñaûng uûy"), VISCII moves letters onto other Latin-1 letters, and
  Windows-1258 leaves the tone as a separate character ("ÐaÒng uÒy").

:func:`mojibake_score` counts such shapes **inside words**; clean Vietnamese has
none of them, and Western text seldom does (an ``ü`` in "Müller" or a ``°`` in
"25°C" is not counted; a French "Loïc" has the shape of a TCVN3 syllable and is).
It is evidence, not proof: the repairs in
:mod:`vntextclean.encoding` also decode the text and keep the result only when
the decoded words are Vietnamese syllables (:func:`plausible_syllable`).

>>> mojibake_score("Äáº£ng á»§y Khá»‘i"), mojibake_score("Đảng ủy Khối")
(4, 0)
>>> looks_mojibake("§¶ng ñy Khèi"), looks_mojibake("Le café où l'on dîne, 25°C")
(True, False)
"""

from __future__ import annotations

import functools
import unicodedata

import regex

__all__ = ["mojibake_score", "looks_mojibake", "plausible_syllable", "UTF8_MOJIBAKE_RE", "LEGACY_PATTERNS"]

# Bytes 80–BF as Windows-1252 shows them (undefined bytes 81 8D 8F 90 9D appear as
# the C1 controls U+0081… that browsers and Latin-1 produce) plus Latin-1 A0–BF.
# (Pattern text, with escapes, so that the rules' triggers read well.)
_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"      # Windows-1252 bytes 80–9F
_CONT = r"\u0080-\u00bf" + _SPECIALS
# Continuation characters that are also ordinary punctuation next to a capital:
# "MÃ”" may be the letter Ô (C3 94) or the word MÃ and a closing quote.
_STRONG_CONT = r"[\u0080-\u009f\u00a1-\u00bf€ƒ†‡ˆ‰ŠŒŽ˜™šœžŸ]"

# Two-byte letters (À–ÿ, Ā–ſ, Ơ/Ư, combining tone marks) and three-byte Vietnamese
# letters (U+1EA0–U+1EFF: E1 BA/BB xx), as Windows-1252 shows their UTF-8 bytes.
UTF8_MOJIBAKE_RE = regex.compile(
    rf"á[º»][{_CONT}]|[ÃÄÅÆ]{_STRONG_CONT}|Ì[\u0080\u0081\u0083\u0089\u00a3€ƒ‰]|Â[\u00b0-\u00bf]")

# Legacy code pages, as patterns that need a letter beside them, so that "©", "°C",
# "AIR®" or "Müller" do not count. TCVN3 and VISCII put letters on Latin-1 symbols
# (« » ® only when they touch lower-case letters: they also quote or mark brands;
# ° ± ´ only after a lower-case letter, as in "h°" but not "25°C";
# capitals on bytes 80–9F only beside ASCII capitals);
# VNI writes a vowel and then an accent character no Vietnamese or Western word has
# there; Windows-1258 a vowel and then a separate tone (gi + ò, qu + ì are clean).
_SYMBOLS = r"¡¢£¤¥¦§¨©ª¬\u00ad¯µ¶·¸¹º¼½¾¿"
_CAPITAL_CODES = r"\u0080-\u009fƒŠŒŽšœžŸ"
# Each alternative starts with the rare character and looks around from there, so
# the scan skips clean text at C speed.
_SYMBOL_PATTERN = (rf"[{_SYMBOLS}](?:(?<=\p{{L}}.)|(?=\p{{L}}))|®[a-z\u00c0-\u00ff]|[°±´](?:(?<=[a-z].)|(?<=[A-Z].)(?=[a-z]))"
                   r"|[«»](?:(?<=[a-z].)|(?=[a-z]))"
                   # capitals on bytes 80–9F (TCVN3 "BƒO CƒO", VISCII "œY")
                   rf"|[{_CAPITAL_CODES}](?:(?<=[A-Z].)|(?=[A-Z]))")
# Lines without such symbols: a word shaped like a Vietnamese syllable (onset, vowels,
# final) around a Latin-1 letter Vietnamese lacks ("nhßng", "cña", "ViÖt"); "für",
# "Müller", "Straße" or "Noël" have no such shape. TCVN3 ì is ×, so × only beside a
# letter ("b×nh", not "1024×768").
_FOREIGN = "ÄÅÆÇËÎÏÑÖØÛÜÞßäåæçëîïðñö÷øûüþÿ"
_SHAPE_PATTERN = (rf"[{_FOREIGN}]"
                  r"(?<=(?<![\p{L}\p{M}])(?i:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
                  rf"(?i:[aeiouyâêôăơư]{{0,2}}).)"
                  rf"(?i:[aeiouyâêô{_FOREIGN}]{{0,2}})(?i:ch|ng|nh|[cmnpt])?(?![\p{{L}}\p{{M}}])"
                  r"|×(?:(?<=[a-z]×)|(?=[a-z]))")
LEGACY_PATTERNS: dict[str, str] = {
    "tcvn3": _SYMBOL_PATTERN + "|" + _SHAPE_PATTERN,
    "viscii": _SYMBOL_PATTERN + "|" + _SHAPE_PATTERN,
    "vni": (r"[øõåäüØÕÅÄÜ](?<=(?i:[aeiouyôö]).)|[ùÙ](?<=\p{L}(?i:[aeouyôö]).)"
            r"|[âàãÂÀÃ](?<=(?i:[ae]).)|[âÂ](?<=(?i:o).)|[êèÊÈ](?<=(?i:a).)"
            r"|[ñÑ](?<!\p{L}.)[aeiouyAEIOUYôöÔÖ]|" + _SHAPE_PATTERN),
    "cp1258": r"[ÌìÞÒò](?<=(?:[aeoyâêôãõýAEOYÂÊÔÃÕÝ]|(?<![gGqQ])[iIuU]).)",
}
_LEGACY_RE = regex.compile("|".join(dict.fromkeys(LEGACY_PATTERNS.values())))


def mojibake_score(text: str) -> int:
    """How many damaged-encoding shapes the text has (0 for clean text).

    Counts UTF-8 sequences shown as Windows-1252 and the letter shapes of TCVN3,
    VNI, VISCII-free symbols and Windows-1258 tones inside words. Plain ASCII
    returns 0 at once.

    >>> mojibake_score("NgÆ°á»\\x9di dÃ¢n"), mojibake_score("Người dân")
    (3, 0)
    >>> mojibake_score("Ngöôøi daân")
    2
    """
    if text.isascii():
        return 0
    rest, utf8 = UTF8_MOJIBAKE_RE.subn(" ", text)
    return utf8 + len(_LEGACY_RE.findall(rest))


def looks_mojibake(text: str, *, threshold: int = 2) -> bool:
    """True when the text has at least ``threshold`` damaged-encoding shapes.

    >>> looks_mojibake("Th«ng b¸o cña UBND"), looks_mojibake("Thông báo của UBND")
    (True, False)
    >>> looks_mojibake("Zürich, Müller & Söhne ©2020, 25°C, 10 m²")
    False
    """
    if text.isascii():
        return False
    return mojibake_score(text) >= threshold


# --- Vietnamese syllables -------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_TONE_STRIP = {ord(c): None for c in _TONE_MARKS}
_ONSETS = ("ngh ng gh gi kh nh ph th tr ch qu b c d đ g h k l m n p r s t v x").split()
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
e ec em en eng eo ep et ê êch êm ên ênh êng êp êt êu êc
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
y yêm yên yêng yêt yêu ynh yt
o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăp oăt
oc oe oen oeo oet oi om on ong ooc oong op ot
ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uc uê uêch uênh ui um un ung up ut uy uya uych uyên uyêt
uynh uyp uyt uyu uôc uôi uôm uôn uông uôp uôt uơ
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
""".split()
_SYLLABLE_RE = regex.compile(
    "(?:" + "|".join(sorted(_ONSETS, key=len, reverse=True)) + ")?"
    "(?:" + "|".join(sorted(_RHYMES, key=len, reverse=True)) + ")", regex.V1)
_STOP_FINAL = ("c", "ch", "p", "t")


@functools.lru_cache(maxsize=1 << 16)
def plausible_syllable(word: str) -> bool:
    """True if ``word`` is shaped like one Vietnamese syllable (any letter case).

    Checks the onset and rhyme, at most one tone mark, and that a syllable ending
    in c, ch, p or t carries only the sắc or nặng tone. Real words are not looked up:
    "khuých" passes; "Müller", "cafộ" and "hềc" do not.

    >>> [plausible_syllable(w) for w in ("Đảng", "NGƯỜI", "quyết", "hềc", "fỹr", "ñy")]
    [True, True, True, False, False, False]
    """
    if not word or len(word) > 8:
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    if tones:     # the tone sits on a vowel ("ñ" is n with a tilde, not Vietnamese)
        base = decomposed[:decomposed.index(tones[0])].rstrip("\u0302\u0306\u031b")
        if not base or base[-1] not in "aeiouy":
            return False
    base = unicodedata.normalize("NFC", decomposed.translate(_TONE_STRIP))
    if any(unicodedata.combining(c) for c in base) or not _SYLLABLE_RE.fullmatch(base):
        return False
    if tones and tones[0] not in "\u0301\u0323" and base.endswith(_STOP_FINAL):
        return False
    return True
