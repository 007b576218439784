"""Running every rule's own examples, the way LanguageTool tests its rules.

For each example, with that rule alone:

- ``in`` + ``out``: ``in`` becomes exactly ``out``; the edits rebuild ``out``
  from ``in``; the rule finds nothing more in ``out``; and the fast scan gives
  the same result as running on every line (the rule's trigger is complete).
  For a ``suggest`` rule, ``out`` is the text once the suggestion is accepted,
  and a default run leaves ``in`` as it is.
- ``in`` + ``at`` (flags and recognisers): a finding or metadata span covers
  exactly ``at``.
- ``keep``: nothing is changed, suggested or flagged.
- ``xfail``: the example is expected to fail; if it passes, that is reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterable

from ..edits import apply_edits
from .kinds import Rule
from .loader import Example


@dataclass(frozen=True, slots=True)
class ExampleOutcome:
    """The result of one example: ``ok`` or a ``problem`` to show at ``where``."""

    rule: str
    where: str          # rules/family/name.yaml:LINE
    ok: bool
    problem: str = ""
    xfail: bool = False


def _where(rule: Rule, example: Example) -> str:
    from .loader import _display
    return f"{_display(rule.spec.path)}:{example.line}"


@functools.lru_cache(maxsize=4096)
def _cleaner(rule_id: str, options: tuple[tuple[str, Any], ...], scan: bool,
             extra: tuple[str, ...]):
    from ..cleaner import Cleaner
    return Cleaner(only=[rule_id], scan=scan, rules=extra, **dict(options))


def _options(rule: Rule, example: Example) -> dict[str, Any]:
    options = dict(example.options)
    if rule.spec.option and rule.spec.option not in options:
        options[rule.spec.option] = True
    return options


def check_example(rule: Rule, example: Example, *, extra: tuple[str, ...] = ()) -> str | None:
    """The problem with one example, or ``None`` when it holds."""
    opts = tuple(sorted(_options(rule, example).items()))
    try:
        fast = _cleaner(rule.id, opts, True, extra)
        slow = _cleaner(rule.id, opts, False, extra)
    except Exception as exc:   # a bad option in the example
        return f"cannot run the example: {exc}"
    if example.keep is not None:
        r = fast.clean(example.keep)
        found = r.findings
        if found or r.text != example.keep:
            f = found[0]
            return (f"'keep' text was changed or reported: {f.before!r} → {f.after!r} "
                    f"at {f.start} ({f.level})")
        return None
    assert example.input is not None
    text = example.input
    r = fast.clean(text)
    if slow.clean(text).text != r.text:
        return ("the fast scan and a full run disagree: the rule's trigger misses "
                "a line it changes")
    if example.output is None:   # flag or recogniser: 'at' must be found exactly
        want = example.at or ""
        spans = [(f.start, f.end) for f in r.findings] + [(m.start, m.end) for m in r.metadata]
        starts = _occurrences(text, want)
        if not any((s, s + len(want)) in spans for s in starts):
            got = [text[s:e] for s, e in spans]
            return f"expected a finding at {want!r}; got {got!r}"
        if r.text != text and rule.level == "flag":
            return "a flag rule changed the text"
        return None
    if rule.level == "suggest":
        if r.text != text:
            return "a suggest rule changed the text in a default run"
        accepted = _cleaner(rule.id, opts + (("apply_suggestions", True),), True, extra)
        r = accepted.clean(text)
        if not r.edits:
            return f"expected the suggestion {example.output!r}; the rule found nothing"
    if r.text != example.output:
        return f"expected {example.output!r}, got {r.text!r}"
    if apply_edits(text, r.edits) != r.text:
        return "the edits do not rebuild the output from the input"
    if example.at is not None and not any(e.before == example.at or example.at in e.before
                                          for e in r.edits):
        return f"expected an edit covering {example.at!r}; edits: {[e.before for e in r.edits]!r}"
    again = fast.clean(example.output)
    again_found = [f for f in again.findings if f.level != "flag" or rule.level == "flag"]
    if again.text != example.output or again_found:
        return f"the rule fires again on its own output: {again_found[0].before if again_found else again.text!r}"
    return None


def _occurrences(text: str, part: str) -> list[int]:
    out, pos = [], text.find(part)
    while pos != -1:
        out.append(pos)
        pos = text.find(part, pos + 1)
    return out


def run_examples(rules: Iterable[Rule], *, extra: tuple[str, ...] = ()) -> list[ExampleOutcome]:
    """Run every example of every given rule."""
    outcomes: list[ExampleOutcome] = []
    for rule in rules:
        for example in rule.spec.examples:
            problem = check_example(rule, example, extra=extra)
            where = _where(rule, example)
            if example.xfail is not None:
                if problem is None:
                    outcomes.append(ExampleOutcome(rule.id, where, False,
                                                   f"marked xfail ({example.xfail}) but passes: remove the xfail",
                                                   xfail=True))
                else:
                    outcomes.append(ExampleOutcome(rule.id, where, True, problem, xfail=True))
            else:
                outcomes.append(ExampleOutcome(rule.id, where, problem is None, problem or ""))
    return outcomes
