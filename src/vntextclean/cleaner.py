"""The cleaning pipeline: one fast scan, then the rules of each stage in order.

Most text needs nothing. One compiled scan looks for the triggers of every
line-scope rule at once; only the lines where something matched are handed to
the rules, stage by stage (encoding, unicode, spacing, tone, ocr, boilerplate,
abbreviations, mt). Document-scope rules (repeated captions, in-text
abbreviation definitions) see the whole text. Every change is an :class:`Edit`
kept in the coordinates of the input, so the result can be explained and undone.

>>> Cleaner().clean("Ðảng ủy  Khối").text
'Đảng ủy Khối'
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any, Iterable

import ahocorasick
import regex

from .config import CleanConfig
from .edits import Change, CleanResult, Composer, Edit, Meta, MetaSpan, resolve_overlaps
from .rules import STAGES, Rule, RuleContext, RuleError, RuleSet, RuleTimeout
from .rules.kinds import tidy_line_drop

MAX_PASSES = 3


@dataclass(slots=True)
class _Stage:
    name: str
    line_rules: list[Rule]
    line_triggers: list[Any]          # compiled per-rule trigger (re or regex), or None
    doc_rules: list[Rule]


@dataclass(slots=True)
class _ScanPlan:
    """How to find the lines that need work, for a run of stages.

    Bundled rules' triggers use the standard library's ``re`` (several times
    faster than ``regex`` on character classes): one-character-class triggers
    are merged into one class, the others get a scan each. Table entries and
    trigger literals go into one Aho-Corasick automaton run over the lower-cased
    text. User rules' triggers use ``regex``, whose matching can be timed out,
    so a user pattern cannot hang the run.
    """

    chars: "re.Pattern[str] | None"        # every one-character-class trigger, merged
    fast: list["re.Pattern[str]"]           # other bundled triggers, one scan each
    timed: regex.Pattern | None
    automaton: Any

    @property
    def empty(self) -> bool:
        return self.chars is None and not self.fast and self.timed is None and self.automaton is None


_ASTRAL_RANGE = re.compile(r"\\U[0-9a-fA-F]{8}(?:-\\U[0-9a-fA-F]{8})?")
_ONE_CLASS = re.compile(r"\[((?:\\.|[^\\\[\]])+)\]")


def _char_class(src: str) -> str | None:
    """The inside of ``[...]`` when a trigger is one character class (perhaps in ``(?:…)``)."""
    while src.startswith("(?:") and src.endswith(")"):
        src = src[3:-1]
    m = _ONE_CLASS.fullmatch(src)
    return m.group(1) if m and not m.group(1).startswith("^") else None


class Cleaner:
    """A configured cleaner; build once, then call :meth:`clean` on many texts.

    Options are the fields of :class:`CleanConfig` (``profile``, ``tone_style``,
    ``expand_abbreviations``…). ``only`` restricts the run to the given rule ids
    whatever the profile (the example runner uses it); ``scan=False`` hands every
    line to the rules instead of only those a trigger marks (slow; for checking
    that triggers are complete).

    >>> r = Cleaner(profile="safe").clean("Nam Ðịnh")
    >>> r.text, [e.rule for e in r.edits]
    ('Nam Định', ['unicode/latin-eth'])
    """

    def __init__(self, config: CleanConfig | None = None, /, *,
                 only: Iterable[str] | None = None, scan: bool = True, **options: Any) -> None:
        self.scan = scan
        self.config = CleanConfig.from_options(config, **options)
        self.ruleset = RuleSet.load(self.config.rules)
        if self.ruleset.errors:
            first, more = self.ruleset.errors[0], self.ruleset.errors[1:]
            if not more:
                raise first
            raise RuleError(first.path, first.line, first.problem + f" (and {len(more)} more: "
                            + "; ".join(str(e) for e in more) + ")")
        if only is not None:
            wanted = set(only)
            missing = wanted - {r.id for r in self.ruleset}
            if missing:
                raise KeyError(f"no rule(s) {', '.join(sorted(missing))}")
            self.rules = [r for r in self.ruleset if r.id in wanted]
        else:
            self.rules = [r for r in self.ruleset if self._active(r)]
        self._stages: list[_Stage] = []
        for name in STAGES:
            line_rules = [r for r in self.rules if r.stage == name and r.scope == "line"]
            doc_rules = [r for r in self.rules if r.stage == name and r.scope == "document"]
            if line_rules or doc_rules:
                triggers = [self._compile_trigger(r) for r in line_rules]
                self._stages.append(_Stage(name, line_rules, triggers, doc_rules))
        self._has_doc_rules = any(s.doc_rules for s in self._stages)
        self._plans = [self._plan(self._stages[i:]) for i in range(len(self._stages))]

    def _active(self, rule: Rule) -> bool:
        cfg = self.config
        if cfg.profile not in rule.spec.profiles or cfg.is_disabled(rule.id):
            return False
        if rule.spec.option and not getattr(cfg, rule.spec.option):
            return False
        return True

    def _compile_trigger(self, rule: Rule) -> Any:
        if rule.literals:
            return None   # a table rule's own matching is one automaton pass: no check first
        src = rule.trigger(self.config)
        if not src:
            return None
        if rule.spec.bundled:
            try:
                return re.compile(src)
            except re.error:
                pass
        return _TimedPattern(regex.compile(src, regex.V0), self.config.regex_timeout)

    def _plan(self, stages: list[_Stage]) -> _ScanPlan:
        # sre skips fast over text only for a pattern that starts with a known set
        # of characters; an alternation of classes loses that, so classes are merged
        # into one and every other trigger gets a scan of its own.
        classes: list[str] = []
        fast: list[str] = []
        timed: list[str] = []
        literals: set[str] = set()
        for stage in stages:
            for rule in stage.line_rules:
                if rule.literals:
                    literals.update(rule.literals)
                    continue
                src = rule.trigger(self.config)
                if not src:
                    continue
                first_chars = rule.spec.raw.get("trigger_chars")
                if rule.spec.bundled and first_chars:
                    # The scan looks for the rare first character only; the rule's
                    # full trigger confirms each marked line before the rule runs.
                    classes.append(first_chars[1:-1])
                    continue
                if rule.spec.bundled:
                    try:
                        re.compile(src)
                    except re.error:
                        if src not in timed:
                            timed.append(src)
                        continue
                    inner = _char_class(src)
                    if inner is not None:
                        classes.append(inner)
                    elif src not in fast:
                        fast.append(src)
                    continue
                if src not in timed:
                    timed.append(src)
        automaton = None
        if literals:
            automaton = ahocorasick.Automaton()
            for lit in literals:
                automaton.add_word(lit, len(lit))
            automaton.make_automaton()
        chars = None
        if classes:
            # sre's fast skip works for a class of BMP characters; characters beyond
            # the BMP (rare in Vietnamese text) get one cheap scan of their own.
            merged = "".join(classes)
            bmp = _ASTRAL_RANGE.sub("", merged)
            chars = re.compile("[" + bmp + "]")
            if bmp != merged:
                fast.insert(0, "[\U00010000-\U0010ffff]")
        return _ScanPlan(
            chars,
            [re.compile(p) for p in fast],
            regex.compile("|".join(f"(?:{p})" for p in timed), regex.V0) if timed else None,
            automaton)

    # --- the pass ------------------------------------------------------------------

    def clean(self, text: str) -> CleanResult:
        """Clean one document and explain every change.

        >>> r = Cleaner().clean("hoà bình")
        >>> r.text, r.edits[0].before, r.edits[0].after
        ('hòa bình', 'hoà', 'hòa')
        """
        if not isinstance(text, str):
            raise TypeError(f"clean() takes str, not {type(text).__name__}; decode bytes as UTF-8 first")
        run = _Run(self, text)
        stable: set[str] | None = None
        for _ in range(MAX_PASSES):
            before = run.comp.text
            run.one_pass(stable)
            if run.comp.text == before:
                break
            # A line that went through this pass unchanged gives the same answer
            # next time; only lines this pass created need another look.
            stable = set(before.split("\n")) & set(run.comp.text.split("\n"))
        return run.result()

    def check(self, text: str) -> list[Edit]:
        """Every edit, suggestion and flag for ``text``, without changing it."""
        return self.clean(text).findings


class _Run:
    """The state of cleaning one document."""

    def __init__(self, cleaner: Cleaner, text: str) -> None:
        self.cleaner = cleaner
        self.config = cleaner.config
        self.comp = Composer(text)
        self.state: dict[str, Any] = {}
        self.findings: dict[tuple[int, int, str, str | None], Edit] = {}
        self.metadata: dict[tuple[int, int, str], MetaSpan] = {}
        self.problems: list[str] = []

    def one_pass(self, stable: set[str] | None = None) -> None:
        stages = self.cleaner._stages
        if not stages:
            return
        if stable is None:
            dirty = self._scan(self.cleaner._plans[0])
        else:
            dirty = [i for i, line in enumerate(self.comp.text.split("\n")) if line not in stable]
        if not dirty and not self.cleaner._has_doc_rules:
            return
        for i, stage in enumerate(stages):
            if stage.line_rules and dirty:
                self._run_lines(stage, dirty)
            if stage.doc_rules and self._run_document(stage) and i + 1 < len(stages):
                dirty = self._scan(self.cleaner._plans[i + 1])

    def _scan(self, plan: _ScanPlan) -> list[int]:
        """Indices of the lines where some trigger matches: the stretches that need work."""
        text = self.comp.text
        if plan.empty:
            return []
        if not self.cleaner.scan:
            return list(range(text.count("\n") + 1))
        lines: set[int] = set()
        if plan.chars is not None:
            lines.update(_pattern_lines(text, plan.chars.search))
        for pattern in plan.fast:
            lines.update(_pattern_lines(text, pattern.search))
        if plan.timed is not None:
            timeout = self.config.regex_timeout
            try:
                lines.update(_pattern_lines(text, lambda t, pos: plan.timed.search(t, pos, timeout=timeout)))
            except TimeoutError:
                self.problems.append("a rule's trigger timed out while scanning; every line was checked")
                return list(range(text.count("\n") + 1))
        if plan.automaton is not None:
            lines.update(_literal_lines(text, plan.automaton))
        return sorted(lines)

    def _context(self, rule: Rule) -> RuleContext:
        return RuleContext(self.config, rule, rule.data, self.state, self.comp.text)

    def _run_lines(self, stage: _Stage, dirty: list[int]) -> None:
        text = self.comp.text
        bounds = _line_bounds(text, dirty)
        found: list[tuple[Rule, Change | Meta]] = []
        for rule, trigger in zip(stage.line_rules, stage.line_triggers):
            ctx = self._context(rule)
            for s, e in bounds:
                segment = text[s:e]
                if trigger is not None and not trigger.search(segment):
                    continue
                items = self._find(rule, segment, ctx,
                                   lambda: f"line {text.count(chr(10), 0, s) + 1}")
                for item in items:
                    if isinstance(item, Meta):
                        found.append((rule, item._replace(start=item.start + s, end=item.end + s)))
                    elif item.after is not None and "\n" in item.after + segment[item.start:item.end]:
                        self.problems.append(f"rule {rule.id} tried to change a line break in line scope; ignored")
                    else:
                        found.append((rule, item._replace(start=item.start + s, end=item.end + s)))
        self._apply(found)

    def _run_document(self, stage: _Stage) -> bool:
        found: list[tuple[Rule, Change | Meta]] = []
        text = self.comp.text
        for rule in stage.doc_rules:
            items = self._find(rule, text, self._context(rule), lambda: "the text")
            found.extend((rule, item) for item in items)
        return self._apply(found)

    def _find(self, rule: Rule, text: str, ctx: RuleContext, where: Any) -> list[Change | Meta]:
        """A rule's findings; a rule that times out or fails is reported and skipped,
        never taking the whole run down. ``where`` names the stretch, when needed."""
        try:
            return rule.find(text, ctx)
        except RuleTimeout as exc:
            self.problems.append(f"{exc}; skipped on {where()}")
        except Exception as exc:
            self.problems.append(f"rule {rule.id} failed on {where()}: {type(exc).__name__}: {exc}")
        return []

    def _apply(self, found: list[tuple[Rule, Change | Meta]]) -> bool:
        """Record findings and metadata; apply the fixes of one stage. True if the text changed."""
        if not found:
            return False
        text = self.comp.text
        fixes: list[Edit] = []
        apply_suggestions = self.config.apply_suggestions
        for rule, item in found:
            if not (0 <= item.start <= item.end <= len(text)):
                self.problems.append(f"rule {rule.id} gave a span outside the text; ignored")
                continue
            if isinstance(item, Meta):
                os_, oe, _, _ = self.comp.locate(item.start, item.end)
                key = (os_, oe, item.kind)
                self.metadata.setdefault(key, MetaSpan(item.kind, os_, oe, self.comp.original[os_:oe],
                                                        rule.id, item.value))
                continue
            before = text[item.start:item.end]
            level = rule.level
            if item.after is None:
                level = "flag"
            elif item.after == before:
                continue
            edit = Edit(item.start, item.end, before, item.after, rule.id, level,
                        item.reason or rule.message(before, item.after))
            if level == "fix" or (level == "suggest" and apply_suggestions):
                fixes.append(edit)
            else:
                self._record_finding(edit)
        kept, dropped = resolve_overlaps(_merge_line_drops(text, fixes))
        before_text = self.comp.text
        self.comp.apply(kept)
        return self.comp.text != before_text

    def _record_finding(self, edit: Edit) -> None:
        os_, oe, cs, ce = self.comp.locate(edit.start, edit.end)
        after = edit.after
        if after is not None:
            cur = self.comp.text
            after = cur[cs:edit.start] + after + cur[edit.end:ce]
        finding = Edit(os_, oe, self.comp.original[os_:oe], after, edit.rule, edit.level, edit.reason)
        self.findings.setdefault((os_, oe, edit.rule, after), finding)

    def result(self) -> CleanResult:
        # A finding about text that a later fix deleted (a flag on a furniture line
        # a later pass dropped) no longer describes the output.
        deleted = [(e.start, e.end) for e in self.comp.edits if e.after == "" and e.end > e.start]
        starts = [s for s, _ in deleted]

        def gone(start: int, end: int) -> bool:
            i = bisect.bisect_right(starts, start) - 1
            return i >= 0 and deleted[i][0] <= start and end <= deleted[i][1] and end > start

        findings = sorted((f for f in self.findings.values() if not gone(f.start, f.end)),
                          key=lambda e: (e.start, e.end, e.rule))
        self.metadata = {k: m for k, m in self.metadata.items() if not gone(m.start, m.end)}
        stats: dict[str, Any] = {"chars": len(self.comp.original)}
        by_stage: dict[str, int] = {}
        for e in self.comp.edits:
            for rid in e.rules:
                fam = rid.split("/", 1)[0]
                by_stage[fam] = by_stage.get(fam, 0) + 1
        stats["edits_by_family"] = by_stage
        if self.problems:
            stats["problems"] = self.problems
        return CleanResult(
            original=self.comp.original,
            text=self.comp.text,
            edits=self.comp.edits,
            suggestions=[f for f in findings if f.level == "suggest"],
            flags=[f for f in findings if f.level == "flag"],
            metadata=sorted(self.metadata.values(), key=lambda m: (m.start, m.kind)),
            stats=stats,
        )


class _TimedPattern:
    """A ``regex`` pattern whose ``search`` gives up after ``timeout`` seconds.

    A trigger that times out counts as a match: the rule then runs, and its own
    timed matching is what gets reported and skipped.
    """

    __slots__ = ("pattern", "timeout")

    def __init__(self, pattern: regex.Pattern, timeout: float) -> None:
        self.pattern, self.timeout = pattern, timeout

    def search(self, text: str) -> bool:
        try:
            return self.pattern.search(text, timeout=self.timeout) is not None
        except TimeoutError:
            return True


def _pattern_lines(text: str, search: Any) -> Iterable[int]:
    """Line indices with a match; after a match the scan jumps to the next line."""
    pos = last = line = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        st = m.start()
        line += text.count("\n", last, st)
        span_end = max(st, m.end() - 1)
        last_line = line + text.count("\n", st, span_end)
        yield from range(line, last_line + 1)
        nl = text.find("\n", span_end)
        if nl < 0:
            return
        pos = last = nl + 1
        line = last_line + 1


def _literal_lines(text: str, automaton: Any) -> Iterable[int]:
    """Line indices holding a literal (case-insensitively). Lower-casing never
    adds or removes line breaks, so line numbers survive it; a line break is
    added at the end so that literals such as " \\n" also find the last line."""
    lowered = text.lower() + "\n"
    last = line = 0
    for end, length in automaton.iter(lowered):
        start = end - length + 1
        line += lowered.count("\n", last, start)
        last = start
        yield line


def _merge_line_drops(text: str, fixes: list[Edit]) -> list[Edit]:
    """Join whole-line deletions that only blank lines separate, and tidy the block.

    Each dropped line tidies its own surroundings; two furniture lines in a row
    would otherwise leave a blank line between paragraphs twice over.
    """
    def whole_lines(e: Edit) -> bool:
        return (e.after == "" and (e.start == 0 or text[e.start - 1] == "\n")
                and (e.end == len(text) or text[e.end - 1] == "\n"))
    drops = sorted((e for e in fixes if whole_lines(e)), key=lambda e: e.start)
    if len(drops) < 2:
        return fixes
    groups: list[list[Edit]] = [[drops[0]]]
    for e in drops[1:]:
        prev = groups[-1][-1]
        if e.start >= prev.end and text[prev.end:e.start].strip() == "":
            groups[-1].append(e)
        else:
            groups.append([e])
    merged: list[Edit] = []
    for g in groups:
        if len(g) == 1:
            merged.append(g[0])
            continue
        start, stop = tidy_line_drop(text, g[0].start, g[-1].end)
        rules = "+".join(dict.fromkeys(r for e in g for r in e.rules))
        merged.append(Edit(start, stop, text[start:stop], "", rules, "fix",
                           "; ".join(dict.fromkeys(e.reason for e in g if e.reason))))
    in_groups = {id(e) for e in drops}
    return [e for e in fixes if id(e) not in in_groups] + merged


def _line_bounds(text: str, indices: list[int]) -> list[tuple[int, int]]:
    """Start and end (without the line break) of the given lines, in order."""
    out: list[tuple[int, int]] = []
    pos = line = 0
    for idx in indices:
        while line < idx:
            nl = text.find("\n", pos)
            if nl < 0:
                return out
            pos = nl + 1
            line += 1
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if end > pos and text[end - 1] == "\r":
            end -= 1
        out.append((pos, end))
    return out


@functools.lru_cache(maxsize=32)
def cleaner_for(config: CleanConfig) -> Cleaner:
    """A cached cleaner per configuration, for the one-call functions."""
    return Cleaner(config)
