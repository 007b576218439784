"""vntextclean: data-quality and text normalisation for Vietnamese.

A few verbs:

- :func:`clean` — the cleaned text; :func:`clean_and_explain` — the text with
  every :class:`Edit` that made it (rule, span, before, after, reason).
- :func:`check` — what a clean would change, suggest or flag, without changing anything.
- :func:`apply_edits` — rebuild a text from its edits (and so review or undo them).
- :func:`score` — how far a document can be trusted (0–1, a band, and the evidence).

>>> from vntextclean import clean
>>> clean("Ðảng ủy Khối  các cơ quan tỉnh")
'Đảng ủy Khối các cơ quan tỉnh'
>>> clean("hoà bình và khoẻ mạnh", tone_style="traditional")
'hòa bình và khỏe mạnh'
"""

from __future__ import annotations

from typing import Any

from .cleaner import Cleaner, cleaner_for
from .config import CleanConfig, Profile, ToneStyle
from .edits import CleanResult, Edit, MetaSpan, apply_edits, undo_edits
from .entities import Cluster, Mention, extract_entities, match_entities
from .reliability import Reliability, score
from .rules import RuleError

__version__ = "0.1.0"

__all__ = [
    "CleanConfig", "CleanResult", "Cleaner", "Edit", "MetaSpan", "Profile", "RuleError",
    "ToneStyle", "apply_edits", "check", "clean", "clean_and_explain", "undo_edits",
    "Cluster", "Mention", "extract_entities", "match_entities",
    "Reliability", "score",
]


def clean_and_explain(text: str, config: CleanConfig | None = None, /, **options: Any) -> CleanResult:
    """Clean ``text`` and return the result with every edit that made it.

    >>> r = clean_and_explain("Nam Ðịnh")
    >>> r.text, r.edits[0].rule
    ('Nam Định', 'unicode/latin-eth')
    """
    return cleaner_for(CleanConfig.from_options(config, **options)).clean(text)


def clean(text: str, config: CleanConfig | None = None, /, **options: Any) -> str:
    """The cleaned text. Options: ``profile``, ``tone_style``, ``expand_abbreviations``…

    On clean text the default profile changes nothing:

    >>> clean("Đảng ủy Khối các cơ quan tỉnh Nghệ An")
    'Đảng ủy Khối các cơ quan tỉnh Nghệ An'
    """
    return clean_and_explain(text, config, **options).text


def check(text: str, config: CleanConfig | None = None, /, **options: Any) -> list[Edit]:
    """Every edit, suggestion and flag a clean would produce; the text is not changed.

    >>> [e.rule for e in check("Ðảng ủy")]
    ['unicode/latin-eth']
    """
    return clean_and_explain(text, config, **options).findings
