"""Edits: every change the cleaner makes, as a value that can be explained and undone.

A stage of the cleaner never returns new text; it returns :class:`Edit`s, each
naming the rule that made it, the span it replaces and why. The engine applies a
stage's edits, hands the new text to the next stage, and keeps the spans in the
coordinates of the ORIGINAL input (:func:`compose`), so that
``apply_edits(original, result.edits) == result.text`` always holds.

>>> e = Edit(0, 1, "Ð", "Đ", rule="unicode/latin-eth")
>>> apply_edits("Ðảng ủy", [e])
'Đảng ủy'
"""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal, NamedTuple, Sequence

Level = Literal["fix", "suggest", "flag"]
LEVELS: tuple[Level, ...] = ("fix", "suggest", "flag")


class Change(NamedTuple):
    """What a rule function yields: a span of the text it was given and its replacement.

    ``after`` is ``None`` for a flag (no replacement). The engine turns a Change
    into an :class:`Edit`, adding the rule id and level from the rule file.
    """

    start: int
    end: int
    after: str | None
    reason: str = ""


class Meta(NamedTuple):
    """What a rule yields when it recognises a span without changing it
    (a dateline, a byline, a photo credit, an abbreviation definition)."""

    kind: str
    start: int
    end: int
    value: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: replace ``before`` at ``[start, end)`` of the input with ``after``.

    ``level`` is ``fix`` (applied), ``suggest`` (a replacement a reader should
    confirm; applied only on request) or ``flag`` (no replacement; ``after`` is
    ``None``). ``rule`` is the id of the rule file; when two stages touched the
    same stretch the edit is merged and ``rule`` lists both, joined by ``+``.
    """

    start: int
    end: int
    before: str
    after: str | None
    rule: str
    level: Level = "fix"
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "rule": self.rule,
            "level": self.level,
            "reason": self.reason,
        }

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind this edit (several when stages were merged)."""
        return tuple(self.rule.split("+"))


@dataclass(frozen=True, slots=True)
class MetaSpan:
    """A recognised span of the input (dateline, byline, photo credit, source tag…)."""

    kind: str
    start: int
    end: int
    text: str
    rule: str
    value: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end,
                "text": self.text, "rule": self.rule, "value": self.value}


@dataclass(slots=True)
class CleanResult:
    """What :meth:`Cleaner.clean` returns.

    - ``text``: the cleaned text; ``apply_edits(original, edits) == text``.
    - ``edits``: applied edits, sorted, non-overlapping, spans in the original.
    - ``suggestions`` and ``flags``: found but not applied (spans in the original).
    - ``metadata``: recognised spans (datelines, bylines, credits, definitions).
    - ``stats``: counters gathered during the pass (tokens, lines…), for scoring.
    """

    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    suggestions: list[Edit] = field(default_factory=list)
    flags: list[Edit] = field(default_factory=list)
    metadata: list[MetaSpan] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def findings(self) -> list[Edit]:
        """Edits, suggestions and flags together, in input order."""
        return sorted([*self.edits, *self.suggestions, *self.flags],
                      key=lambda e: (e.start, e.end, e.rule))

    def explain(self) -> list[str]:
        """One line per finding: ``line:col rule level 'before' -> 'after' (reason)``."""
        index = LineIndex(self.original)
        out = []
        for e in self.findings:
            line, col = index.position(e.start)
            arrow = f" -> {e.after!r}" if e.after is not None else ""
            why = f" ({e.reason})" if e.reason else ""
            out.append(f"{line}:{col} {e.rule} {e.level} {e.before!r}{arrow}{why}")
        return out

    def diff(self, name: str = "text") -> str:
        """A unified diff between the input and the cleaned text."""
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "changed": self.changed,
            "edits": [e.to_dict() for e in self.edits],
            "suggestions": [e.to_dict() for e in self.suggestions],
            "flags": [e.to_dict() for e in self.flags],
            "metadata": [m.to_dict() for m in self.metadata],
            "stats": self.stats,
        }


class LineIndex:
    """Maps offsets to 1-based ``(line, column)`` pairs, for ``path:line:col`` output."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


def apply_edits(text: str, edits: Iterable[Edit | Change]) -> str:
    """Apply non-overlapping edits (flags, with no replacement, are skipped).

    >>> apply_edits("hoà bình", [Edit(0, 3, "hoà", "hòa", rule="tone/placement")])
    'hòa bình'
    """
    parts: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.after is None:
            continue
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}: {e!r}")
        parts.append(text[pos:e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def undo_edits(text: str, edits: Sequence[Edit]) -> str:
    """Turn cleaned text back into the input, given the edits that produced it.

    >>> undo_edits("hòa bình", [Edit(0, 3, "hoà", "hòa", rule="tone/placement")])
    'hoà bình'
    """
    parts: list[str] = []
    pos = 0
    shift = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.after is None:
            continue
        new_start = e.start + shift
        parts.append(text[pos:new_start])
        parts.append(e.before)
        pos = new_start + len(e.after)
        shift += len(e.after) - (e.end - e.start)
    parts.append(text[pos:])
    return "".join(parts)


def resolve_overlaps(edits: Iterable[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Keep a non-overlapping subset: earlier start wins, then the longer span.

    Returns ``(kept, dropped)``. Zero-width insertions at the same point as
    another edit's start count as overlapping, so the order of text stays defined.
    """
    kept: list[Edit] = []
    dropped: list[Edit] = []
    end = -1
    for e in sorted(edits, key=lambda e: (e.start, -(e.end - e.start))):
        if e.start < end or (kept and e.start == kept[-1].start):
            dropped.append(e)
            continue
        kept.append(e)
        end = e.end
    return kept, dropped


class _Piece(NamedTuple):
    cur_start: int      # span in the current (intermediate) text
    cur_end: int
    orig_start: int     # span in the original text
    orig_end: int
    edit: Edit | None   # the earlier edit that produced this piece; None if unchanged


class Composer:
    """Keeps edits in original coordinates while stages rewrite the text in turn.

    After each stage, :meth:`apply` takes that stage's edits (spans in the
    current text), applies them, and merges each with any earlier edit whose
    output it touches, so the list always rebuilds the current text from the
    original: ``apply_edits(original, composer.edits) == composer.text``.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._edits: list[Edit] = []
        self._cache: tuple[list[_Piece], list[int]] | None = None

    @property
    def edits(self) -> list[Edit]:
        return list(self._edits)

    def _indexed(self) -> tuple[list[_Piece], list[int]]:
        """The pieces of the current text and their ends (sorted: the pieces partition
        the text in order), kept until the next :meth:`apply`."""
        if self._cache is None:
            pieces = self._pieces()
            self._cache = (pieces, [p.cur_end for p in pieces])
        return self._cache

    def _pieces(self) -> list[_Piece]:
        pieces: list[_Piece] = []
        cur = orig = 0
        for e in self._edits:
            if e.start > orig:
                n = e.start - orig
                pieces.append(_Piece(cur, cur + n, orig, e.start, None))
                cur += n
            n = len(e.after or "")
            pieces.append(_Piece(cur, cur + n, e.start, e.end, e))
            cur += n
            orig = e.end
        pieces.append(_Piece(cur, cur + len(self.original) - orig, orig, len(self.original), None))
        return pieces

    @staticmethod
    def _map_start(pieces: list[_Piece], x: int, ends: list[int]) -> int:
        # A start on the boundary of a deletion maps past the deleted text.
        # Pieces ending before x cannot hold it, so the search starts after them.
        first = bisect.bisect_left(ends, x)
        for i in range(first, len(pieces)):
            p = pieces[i]
            if p.edit is None:
                if p.cur_start <= x < p.cur_end:
                    return p.orig_start + (x - p.cur_start)
            elif x == p.cur_start and p.cur_end > p.cur_start:
                return p.orig_start
        return pieces[-1].orig_end

    @staticmethod
    def _map_end(pieces: list[_Piece], x: int, ends: list[int]) -> int:
        # An end on the boundary of a deletion maps before the deleted text.
        first = bisect.bisect_left(ends, x)
        for i in range(first, len(pieces)):
            p = pieces[i]
            if p.edit is None:
                if p.cur_start < x <= p.cur_end:
                    return p.orig_start + (x - p.cur_start)
            elif x == p.cur_end and p.cur_end > p.cur_start:
                return p.orig_end
            if x <= p.cur_start:
                return p.orig_start
        return pieces[-1].orig_end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest span of the original that covers ``[start, end)`` of the current text."""
        os_, oe, _, _ = self.locate(start, end)
        return os_, oe

    def locate(self, start: int, end: int) -> tuple[int, int, int, int]:
        """Like :meth:`to_original`, also returning the current span widened to
        whole earlier replacements: ``(orig_start, orig_end, cur_start, cur_end)``."""
        if not self._edits:
            return start, end, start, end
        pieces, ends = self._indexed()
        i = bisect.bisect_right(ends, start)
        while i < len(pieces) and pieces[i].cur_start < end:   # a span inside an earlier
            p = pieces[i]                                       # replacement maps to all of it
            if p.edit is not None and start < p.cur_end:
                start, end = min(start, p.cur_start), max(end, p.cur_end)
            i += 1
        os_ = self._map_start(pieces, start, ends)
        oe = self._map_end(pieces, end, ends) if end > start else os_
        return os_, max(os_, oe), start, end

    def apply(self, stage_edits: Sequence[Edit]) -> None:
        """Apply non-overlapping edits whose spans are in the current text."""
        stage_edits = sorted((e for e in stage_edits
                              if e.after is not None and e.after != e.before),
                             key=lambda e: e.start)
        if not stage_edits:
            return
        new_text = apply_edits(self.text, stage_edits)
        if not self._edits:
            self._edits = list(stage_edits)
            self.text = new_text
            self._cache = None
            return
        pieces, ends = self._indexed()
        changed = [p for p in pieces if p.edit is not None]
        changed_ends = [p.cur_end for p in changed]
        groups: list[list] = []   # [cur_start, cur_end, old pieces, stage edits]
        for se in stage_edits:
            cs, ce = se.start, se.end
            olds: list[_Piece] = []
            # Only earlier edits near this one can touch it: start at the first
            # that does not end before it, stop at the first that starts after it.
            first = bisect.bisect_left(changed_ends, cs)
            for i in range(first, len(changed)):
                p = changed[i]
                if p.cur_start > ce:
                    break
                inside = p.cur_start < ce and cs < p.cur_end          # overlaps the output
                deletion = p.cur_start == p.cur_end and cs < p.cur_start < ce
                insertion = cs == ce and p.cur_start <= cs <= p.cur_end
                if inside or deletion or insertion:
                    olds.append(p)
                    cs, ce = min(cs, p.cur_start), max(ce, p.cur_end)
            if groups and (cs < groups[-1][1] or any(o in groups[-1][2] for o in olds)):
                g = groups[-1]
                g[0], g[1] = min(g[0], cs), max(g[1], ce)
                g[2].extend(o for o in olds if o not in g[2])
                g[3].append(se)
            else:
                groups.append([cs, ce, olds, [se]])
        consumed: set[int] = set()
        new_edits: list[Edit] = []
        for cs, ce, olds, ses in groups:
            os_ = self._map_start(pieces, cs, ends) if cs < ce else None
            oe = self._map_end(pieces, ce, ends) if cs < ce else None
            if os_ is None or oe is None:    # a pure insertion
                os_ = oe = self._map_start(pieces, cs, ends)
            for o in olds:
                os_, oe = min(os_, o.orig_start), max(oe, o.orig_end)
                consumed.add(id(o.edit))
            local = [replace(e, start=e.start - cs, end=e.end - cs) for e in ses]
            after = apply_edits(self.text[cs:ce], local)
            before = self.original[os_:oe]
            if after == before:
                continue   # a later stage undid an earlier one: nothing changed here
            rules: list[str] = []
            reasons: list[str] = []
            for e in [*(o.edit for o in olds), *ses]:
                rules.extend(r for r in e.rules if r not in rules)
                if e.reason and e.reason not in reasons:
                    reasons.append(e.reason)
            new_edits.append(Edit(os_, oe, before, after, "+".join(rules), "fix", "; ".join(reasons)))
        kept = [e for e in self._edits if id(e) not in consumed]
        self._edits = sorted(kept + new_edits, key=lambda e: (e.start, e.end))
        self.text = new_text
        self._cache = None
