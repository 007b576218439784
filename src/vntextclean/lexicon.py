"""What words exist: the Viet74K dictionary and word-pair counts from real text.

Two sources answer "is this Vietnamese?":

- **Viet74K**, the dictionary underthesea ships (74,000 entries, one to ten
  syllables: "cơ sở", "đào tạo", "Đại học"). It says which syllables and which
  syllable sequences are words.
- **Word pairs**, a small table shipped with vntextclean
  (``vntextclean/data/word-pairs.tsv.gz``): how often each syllable and each pair of
  adjacent syllables occurs in real news, encyclopaedia and legal text. It says
  which of two dictionary words fits a context ("cơ sở" is frequent, "cở sở" never
  occurs). ``benchmarks/build_word_pairs.py`` documents how it was built.

Both load lazily, once per process, on first use. Lookups ignore letter case and
where the tone mark sits (``hòa`` and ``hoà`` are the same syllable), because
Viet74K writes the modern placement and most news text the traditional one.

>>> is_word("cơ sở"), is_word("cở sở")
(True, False)
>>> pair_count("cơ", "sở") > pair_count("cở", "sở")
True
"""

from __future__ import annotations

import gzip
import importlib.util
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

import regex

__all__ = [
    "WordPairs",
    "clauses",
    "is_known_syllable",
    "is_word",
    "lexicon_key",
    "pair_count",
    "syllable_count",
    "word_pairs",
    "written_forms",
    "WORD_PAIRS_RESOURCE",
]

WORD_PAIRS_RESOURCE = "data/word-pairs.tsv.gz"

# NFD combining marks that carry a Vietnamese tone, and the digit each becomes in a key.
_TONE_MARKS = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_TONES_RE = regex.compile("[\u0300\u0301\u0309\u0303\u0323]")
_WORD_RE = regex.compile(r"\p{L}+")
# A clause: words with only horizontal space between them.
_RUN_RE = regex.compile(r"\p{L}+(?:[ \t\u00a0]+\p{L}+)*")
# A corpus syllable counts as known when it occurs this often (typos rarely repeat).
_KNOWN_MIN_COUNT = 3


# Every precomposed lower-case letter with a tone mark -> (the letter without it, tone digit).
_TONED: dict[str, tuple[str, str]] = {}
for _cp in range(0x00C0, 0x1F00):
    _ch = chr(_cp)
    _nfd = unicodedata.normalize("NFD", _ch)
    _marks = [c for c in _nfd if c in _TONE_MARKS]
    if _ch.islower() and len(_marks) == 1:
        _TONED[_ch] = (unicodedata.normalize("NFC", _nfd.replace(_marks[0], "")), _TONE_MARKS[_marks[0]])
_UNTONE = str.maketrans({k: v[0] for k, v in _TONED.items()})
_COMBINING_RE = regex.compile(r"\p{M}")


@lru_cache(maxsize=65536)
def lexicon_key(word: str) -> str:
    """The form under which :mod:`vntextclean.lexicon` looks words up.

    Lower case, NFC, and each syllable's tone mark moved to the end as a digit
    (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng), so both tone placements agree.

    >>> lexicon_key("Hòa") == lexicon_key("hoà") == lexicon_key("ho\u0300a") == "hoa2"
    True
    >>> lexicon_key("Cơ Sở")
    'cơ sơ3'
    """
    out = []
    for syllable in unicodedata.normalize("NFC", word.lower()).split():
        if _COMBINING_RE.search(syllable):      # a mark that does not compose: slow path
            nfd = unicodedata.normalize("NFD", syllable)
            tones = _TONES_RE.findall(nfd)
            base = unicodedata.normalize("NFC", _TONES_RE.sub("", nfd))
            out.append(base + "".join(_TONE_MARKS[t] for t in tones))
            continue
        digits = "".join(_TONED[c][1] for c in syllable if c in _TONED)
        out.append(syllable.translate(_UNTONE) + digits if digits else syllable)
    return " ".join(out)


def clauses(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Split text into runs of words separated only by spaces.

    Each run is a list of ``(start, end, word)``. Punctuation, digits and line
    breaks end a run, so two words are neighbours only when nothing but space
    stands between them. Word-pair counts and context checks use these runs.

    >>> [[w for _, _, w in run] for run in clauses("Cơ sở, đào tạo 2024")]
    [['Cơ', 'sở'], ['đào', 'tạo']]
    """
    for m in _RUN_RE.finditer(text):
        yield [(w.start(), w.end(), w.group()) for w in _WORD_RE.finditer(text, m.start(), m.end())]


def _viet74k_path() -> Path:
    # The dictionary ships inside the underthesea package; find it without importing
    # the package (which takes a second and loads models we do not need).
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.origin:
        raise FileNotFoundError("underthesea is not installed; vntextclean needs its Viet74K dictionary")
    return Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"


@cache
def _dictionary() -> tuple[frozenset[str], dict[str, str]]:
    """(keys of all Viet74K entries, key -> written form of every syllable in them)."""
    words: set[str] = set()
    syllables: dict[str, str] = {}
    with open(_viet74k_path(), encoding="utf-8") as f:
        for line in f:
            entry = unicodedata.normalize("NFC", line.strip()).replace("-", " ")
            if not entry:
                continue
            key = lexicon_key(entry)
            words.add(key)
            for written, skey in zip(entry.lower().split(), key.split()):
                syllables.setdefault(skey, written)
    return frozenset(words), syllables


class WordPairs:
    """Counts of syllables and adjacent syllable pairs, keyed by :func:`lexicon_key`.

    Load the shipped table with :func:`word_pairs`; build one from lines of
    ``phrase<TAB>count`` (a phrase is one syllable or two separated by a space)
    with :meth:`from_lines`.

    >>> wp = WordPairs.from_lines(["cơ\\t5", "sở\\t4", "cơ sở\\t3"])
    >>> wp.pair("Cơ", "sở"), wp.count("sở"), wp.pair("sở", "cơ")
    (3, 4, 0)
    """

    __slots__ = ("pairs", "unigrams", "surfaces", "total")

    def __init__(self, unigrams: dict[str, int], pairs: dict[str, int],
                 surfaces: "dict[str, str] | None" = None) -> None:
        self.unigrams = unigrams
        self.pairs = pairs
        self.surfaces = surfaces or {}   # key -> the syllable as the corpus most often writes it
        self.total = sum(unigrams.values())

    @classmethod
    def from_lines(cls, lines: "Iterator[str] | list[str]") -> "WordPairs":
        unigrams: dict[str, int] = {}
        pairs: dict[str, int] = {}
        surfaces: dict[str, str] = {}
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            phrase, _, count = line.rstrip("\n").rpartition("\t")
            key = lexicon_key(phrase)
            if " " in key:
                pairs[key] = int(count)
            else:
                unigrams[key] = int(count)
                surfaces[key] = phrase
        return cls(unigrams, pairs, surfaces)

    def count(self, syllable: str) -> int:
        """How often the syllable occurs (0 when pruned or unseen)."""
        return self.unigrams.get(lexicon_key(syllable), 0)

    def pair(self, first: str, second: str) -> int:
        """How often ``first`` is directly followed by ``second``."""
        return self.pairs.get(lexicon_key(first) + " " + lexicon_key(second), 0)

    def __len__(self) -> int:
        return len(self.pairs)


@cache
def word_pairs() -> WordPairs:
    """The shipped word-pair table, loaded once.

    >>> len(word_pairs()) > 10000
    True
    """
    data = resources.files("vntextclean").joinpath(WORD_PAIRS_RESOURCE).read_bytes()
    return WordPairs.from_lines(gzip.decompress(data).decode("utf-8").splitlines())


def is_word(phrase: str) -> bool:
    """True when ``phrase`` (one or more syllables) is a Viet74K entry.

    Case and tone placement are ignored; hyphens count as spaces.

    >>> is_word("Đại học"), is_word("hoà bình"), is_word("đào đạo")
    (True, True, False)
    """
    return lexicon_key(phrase.replace("-", " ")) in _dictionary()[0]


@lru_cache(maxsize=65536)
def is_known_syllable(syllable: str) -> bool:
    """True when the syllable occurs in Viet74K or repeatedly in the word-pair corpus.

    >>> is_known_syllable("sở"), is_known_syllable("cở")
    (True, False)
    """
    key = lexicon_key(syllable)
    return key in _dictionary()[1] or word_pairs().unigrams.get(key, 0) >= _KNOWN_MIN_COUNT


def written_forms(syllable: str) -> tuple[str, ...]:
    """How the syllable is written: in the corpus (traditional tone placement,
    mostly) and in Viet74K (modern placement); one or two lower-case forms.

    >>> written_forms("hoà")
    ('hòa', 'hoà')
    >>> written_forms("toán")
    ('toán',)
    """
    key = lexicon_key(syllable)
    forms = [f for f in (word_pairs().surfaces.get(key), _dictionary()[1].get(key)) if f]
    return tuple(dict.fromkeys(forms))


def pair_count(first: str, second: str) -> int:
    """How often ``first second`` occurs in the shipped word-pair table.

    >>> pair_count("đào", "tạo") > 100
    True
    """
    return word_pairs().pair(first, second)


def syllable_count(syllable: str) -> int:
    """How often the syllable occurs in the shipped word-pair table.

    >>> syllable_count("của") > syllable_count("cùa")
    True
    """
    return word_pairs().count(syllable)
