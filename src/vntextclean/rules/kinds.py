"""Rule kinds: literal, table, regex, line, flag and code — one class each.

Each turns a validated :class:`RuleSpec` into a :class:`Rule` whose ``find``
yields :class:`Change`/:class:`Meta` values for a stretch of text.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import ahocorasick
import regex

from ..config import CleanConfig
from ..edits import Change, Meta
from .loader import LinedDict, RuleError, RuleSpec, line_of

# A Vietnamese word boundary: no letter, combining mark or digit on that side.
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}_]")

_FLAG_NAMES = {"IGNORECASE": "i", "MULTILINE": "m", "VERBOSE": "x", "DOTALL": "s"}


@dataclass(slots=True)
class RuleContext:
    """What a rule function sees besides the text."""

    config: CleanConfig
    rule: "Rule"
    data: Any
    state: dict[str, Any]
    document: str = ""


class RuleTimeout(Exception):
    """A rule's matching exceeded ``regex_timeout`` on a stretch of text."""


@dataclass(slots=True)
class Rule:
    """A loaded rule: its spec plus a compiled matcher."""

    spec: RuleSpec
    _find: Callable[[str, RuleContext], Iterable[Change | Meta]]
    _trigger: Callable[[CleanConfig], str | None]
    exceptions: tuple[regex.Pattern, ...] = ()
    data: Any = None
    # Lower-case strings one of which every changed line contains (table entries,
    # or a rule's trigger_literals): the engine finds them all with one automaton.
    literals: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def level(self) -> str:
        return self.spec.level

    @property
    def stage(self) -> str:
        return self.spec.stage

    @property
    def scope(self) -> str:
        return self.spec.scope

    def trigger(self, config: CleanConfig) -> str | None:
        """A regex (with inline flags) that matches every line this rule may change;
        ``None`` for a rule found by its ``literals`` or one of document scope."""
        return self._trigger(config)

    def find(self, text: str, ctx: RuleContext) -> list[Change | Meta]:
        """All findings of this rule in ``text``, minus those inside an exception."""
        try:
            found = list(self._find(text, ctx))
        except TimeoutError:
            raise RuleTimeout(f"rule {self.id} took longer than {ctx.config.regex_timeout}s") from None
        if self.exceptions and found:
            blocked = [m.span() for ex in self.exceptions
                       for m in ex.finditer(text, timeout=ctx.config.regex_timeout)]
            if blocked:
                found = [f for f in found if not any(s < f.end and f.start < e or s <= f.start < e
                                                     for s, e in blocked)]
        return found

    def message(self, before: str, after: str | None) -> str:
        msg = self.spec.message
        if msg:
            try:
                return msg.format(before=before, after=after if after is not None else "")
            except (KeyError, IndexError, ValueError):
                return msg
        if after is None:
            return self.spec.description.split(".")[0]
        return f"{before!r} → {after!r}"


def _compile(spec: RuleSpec, key: str, pattern: Any, flags: str = "") -> regex.Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise spec.error(key, f"'{key}' must be a non-empty regex string")
    try:
        return regex.compile(f"(?{flags})" + pattern if flags else pattern, regex.V0)
    except regex.error as exc:
        raise spec.error(key, f"bad regex in '{key}': {exc}") from None


def _flags(spec: RuleSpec) -> str:
    raw = spec.raw.get("flags", [])
    if not isinstance(raw, list) or any(f not in _FLAG_NAMES for f in raw):
        raise spec.error("flags", f"flags must be a list of {', '.join(_FLAG_NAMES)}")
    return "".join(_FLAG_NAMES[f] for f in raw)


def _no_trigger(_config: CleanConfig) -> None:
    return None


def _static(pattern: str) -> Callable[[CleanConfig], str]:
    return lambda _config: pattern


# --- literal and table --------------------------------------------------------------

def _first_upper(s: str) -> str:
    return s[:1].upper() + s[1:]


def _case_forms(key: str, value: str) -> list[tuple[str, str]]:
    """An entry in its own, Capitalised, Title Case and UPPER forms.

    >>> _case_forms("cở sở", "cơ sở")[1:]
    [('Cở sở', 'Cơ sở'), ('Cở Sở', 'Cơ Sở'), ('CỞ SỞ', 'CƠ SỞ')]
    """
    def title(s: str) -> str:
        return " ".join(_first_upper(w) for w in s.split(" "))
    if key[:1].isupper() and value[:1].islower():
        value = _first_upper(value)   # an entry written with a capital keeps it
    return [(key, value), (_first_upper(key), _first_upper(value)),
            (title(key), title(value)), (key.upper(), value.upper())]


def _build_table(spec: RuleSpec) -> Rule:
    raw = spec.raw
    if spec.kind == "literal":
        for key in ("find", "replace"):
            if not isinstance(raw.get(key), str) or (key == "find" and not raw[key]):
                raise spec.error(key if key in raw else None, f"a literal rule needs a string '{key}'")
        table = {raw["find"]: raw["replace"]}
    else:
        table = raw.get("table")
        if not isinstance(table, dict) or not table:
            raise spec.error("table", "a table rule needs a non-empty 'table' mapping (found: replacement)")
        for k, v in table.items():
            if not isinstance(k, str) or not k or not isinstance(v, str):
                raise spec.error("table", f"table entry {k!r}: both sides must be strings")
    match = raw.get("match", "word")
    case = raw.get("case", "preserve")
    if match not in ("word", "anywhere"):
        raise spec.error("match", "match must be 'word' or 'anywhere'")
    if case not in ("preserve", "exact"):
        raise spec.error("case", "case must be 'preserve' or 'exact'")
    if case == "preserve":
        # Each entry also matches its Capitalised, Title Case and UPPER forms,
        # written back in the same form; any other mix of capitals ("nhất Đinh",
        # a name after a word) is not the entry.
        lookup: dict[str, str] = {}
        for k, v in table.items():
            for form, replacement in _case_forms(k, v):
                if lookup.get(form, replacement) != replacement:
                    line = line_of(table, k, spec.line) if isinstance(table, LinedDict) else spec.line
                    raise RuleError(spec.path, line, f"entry {k!r} collides with another entry in "
                                    f"the form {form!r}; use case: exact for this table")
                lookup.setdefault(form, replacement)
    else:
        lookup = dict(table)
    # One automaton finds every entry in one pass (a regex alternation of a
    # thousand entries is slow); word boundaries are checked per hit.
    automaton = ahocorasick.Automaton()
    for form in lookup:
        automaton.add_word(form, form)
    automaton.make_automaton()
    whole_words = match == "word"

    def find(text: str, ctx: RuleContext) -> Iterator[Change]:
        hits = []
        for last, form in automaton.iter(text):
            start, end = last - len(form) + 1, last + 1
            if whole_words and ((start > 0 and _WORD_CHAR.match(text, start - 1))
                                or _WORD_CHAR.match(text, end)):
                continue
            hits.append((start, -end, form))
        pos = 0
        for start, neg_end, form in sorted(hits):   # leftmost, then longest
            if start < pos:
                continue
            pos = -neg_end
            after = lookup[form]
            if after != form:
                yield Change(start, -neg_end, after, f"{form!r} is a known error for {after!r}")

    # No regex trigger: the scan finds the lines holding an entry by these literals.
    return Rule(spec, find, _no_trigger, literals=tuple(sorted({k.lower() for k in table})))


# --- regex, flag ------------------------------------------------------------------

def _build_regex(spec: RuleSpec) -> Rule:
    flags = _flags(spec)
    pattern = _compile(spec, "pattern", spec.raw.get("pattern"), flags)
    template = spec.raw.get("replace")
    if not isinstance(template, str):
        raise spec.error("replace" if "replace" in spec.raw else None,
                         "a regex rule needs 'replace' (a template; '' deletes the match)")
    try:
        pattern.sub(template, "")   # validates group references early
    except (regex.error, IndexError) as exc:
        raise spec.error("replace", f"bad replacement template: {exc}") from None

    def find(text: str, ctx: RuleContext) -> Iterator[Change]:
        for m in pattern.finditer(text, timeout=ctx.config.regex_timeout):
            after = m.expand(template)
            if after != m.group():
                yield Change(m.start(), m.end(), after, "")

    src = spec.raw["pattern"]
    return Rule(spec, find, _static(f"(?{flags}:{src})" if flags else f"(?:{src})"))


def _build_flag(spec: RuleSpec) -> Rule:
    flags = _flags(spec)
    pattern = _compile(spec, "pattern", spec.raw.get("pattern"), flags)

    def find(text: str, ctx: RuleContext) -> Iterator[Change]:
        for m in pattern.finditer(text, timeout=ctx.config.regex_timeout):
            if m.end() > m.start():
                yield Change(m.start(), m.end(), None, "")

    src = spec.raw["pattern"]
    return Rule(spec, find, _static(f"(?{flags}:{src})" if flags else f"(?:{src})"))


# --- line ---------------------------------------------------------------------------

_BLANK_LINE = regex.compile(r"[ \t\u00a0]*\r?\n")


def drop_line_span(text: str, start: int, end: int) -> tuple[int, int]:
    r"""The span to delete for dropping the line ``[start, end)``, with its line break.

    >>> text = "Bài viết.\n\nChia sẻ bài viết\n\nĐoạn sau."
    >>> s, e = drop_line_span(text, 11, 27)
    >>> text[:s] + text[e:]
    'Bài viết.\n\nĐoạn sau.'
    """
    stop = end
    if text.startswith("\r\n", stop):
        stop += 2
    elif text.startswith("\n", stop):
        stop += 1
    return tidy_line_drop(text, start, stop)


def tidy_line_drop(text: str, start: int, stop: int) -> tuple[int, int]:
    """Widen a deletion of whole lines ``[start, stop)`` so no blank-line debris is left.

    After a blank line (or at the start of the text) the blank lines that follow go
    too. At the end of the text the blank lines before it go, and the text keeps
    the ending it had: a final line break only if it had one.
    """
    if start == 0 or _line_is_blank_before(text, start):
        m = _BLANK_LINE.match(text, stop)
        while m and m.end() > m.start():
            stop = m.end()
            m = _BLANK_LINE.match(text, stop)
    if text[stop:].strip() == "":
        stop = len(text)
        while start > 0:
            k = text.rfind("\n", 0, start - 1)
            if k < 0 or text[k + 1:start - 1].strip() != "":
                break
            start = k + 1
        if not text.endswith("\n") and start > 0 and text[start - 1] == "\n":
            start -= 2 if start > 1 and text[start - 2] == "\r" else 1
    return start, stop


def _line_is_blank_before(text: str, start: int) -> bool:
    if start < 1 or text[start - 1] != "\n":
        return False
    k = text.rfind("\n", 0, start - 1)
    return text[k + 1:start - 1].strip() == ""


def _build_line(spec: RuleSpec) -> Rule:
    flags = _flags(spec)
    classify = spec.raw.get("classify")
    if not isinstance(classify, str) or not classify:
        raise spec.error("classify", "a line rule needs 'classify': drop, or a metadata kind such as byline")
    src = spec.raw.get("pattern")
    _compile(spec, "pattern", src, flags)   # validate alone, for a clear error
    full = regex.compile(f"(?m{flags})^[ \\t\\u00a0]*(?:{src})[ \\t\\u00a0]*\\r?$", regex.V0)

    def find(text: str, ctx: RuleContext) -> Iterator[Change | Meta]:
        for m in full.finditer(text, timeout=ctx.config.regex_timeout):
            end = m.end() - (1 if m.group().endswith("\r") else 0)
            if classify == "drop":
                s, e = drop_line_span(text, m.start(), end)
                yield Change(s, e, "", f"page furniture: {text[m.start():end].strip()!r}")
            else:
                line = text[m.start():end]
                lead = len(line) - len(line.lstrip())
                yield Meta(classify, m.start() + lead, m.start() + len(line.rstrip()), line.strip())

    return Rule(spec, find, _no_trigger)


# --- code ---------------------------------------------------------------------------

def _resolve(spec: RuleSpec, key: str) -> Callable[..., Any]:
    target = spec.raw.get(key)
    if not isinstance(target, str) or ":" not in target:
        raise spec.error(key, f"'{key}' must be 'module:function' (a module of vntextclean)")
    module_name, _, func_name = target.partition(":")
    try:
        module = importlib.import_module(f"vntextclean.{module_name}")
    except ImportError as exc:
        raise spec.error(key, f"cannot import vntextclean.{module_name}: {exc}") from None
    func = getattr(module, func_name, None)
    if not callable(func):
        raise spec.error(key, f"vntextclean.{module_name} has no function {func_name!r}")
    return func


def _build_code(spec: RuleSpec) -> Rule:
    func = _resolve(spec, "function")
    if "trigger" in spec.raw and "trigger_function" in spec.raw:
        raise spec.error("trigger", "give either 'trigger' or 'trigger_function', not both")
    if "trigger" in spec.raw:
        src = spec.raw["trigger"]
        _compile(spec, "trigger", src)
        trigger = _static(f"(?:{src})")
    elif "trigger_function" in spec.raw:
        tf = _resolve(spec, "trigger_function")
        trigger = lambda config: tf(config)   # noqa: E731
    else:
        trigger = _no_trigger
    if spec.scope == "line" and trigger is _no_trigger:
        raise spec.error(None, "a line-scope code rule needs 'trigger' or 'trigger_function' "
                         "(or scope: document)")
    return Rule(spec, func, trigger, data=spec.raw.get("data"))


_BUILDERS: dict[str, Callable[[RuleSpec], Rule]] = {
    "literal": _build_table,
    "table": _build_table,
    "regex": _build_regex,
    "flag": _build_flag,
    "line": _build_line,
    "code": _build_code,
}


def build_rule(spec: RuleSpec) -> Rule:
    """Compile a validated spec into a rule (raises :class:`RuleError` on a bad pattern)."""
    rule = _BUILDERS[spec.kind](spec)
    if "trigger_literals" in spec.raw:
        if spec.scope != "line":
            raise spec.error("trigger_literals", "trigger_literals only serve line-scope rules")
        rule.literals = tuple(sorted({x.lower() for x in spec.raw["trigger_literals"]}))
    compiled = []
    for i, src in enumerate(spec.exceptions):
        try:
            compiled.append(regex.compile(src, regex.V0))
        except regex.error as exc:
            raise RuleError(spec.path, line_of(spec.raw.get("exceptions"), i, spec.line),
                            f"bad regex in exceptions: {exc}") from None
    rule.exceptions = tuple(compiled)
    return rule
