"""Reading rule files: YAML with line numbers, validation, bundled and user folders.

Errors name the file and line: ``rules/ocr/known.yaml:12: unknown key 'tabel'; …``.
A broken rule is reported and skipped; the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..edits import LEVELS

STAGES: tuple[str, ...] = (
    "encoding", "unicode", "spacing", "tone", "ocr", "boilerplate", "abbreviations", "mt",
)
KINDS: tuple[str, ...] = ("literal", "table", "regex", "line", "flag", "code")
PROFILE_NAMES: tuple[str, ...] = ("safe", "news", "aggressive")

COMMON_KEYS = {
    "id", "description", "level", "profiles", "kind", "examples", "stage", "option",
    "message", "exceptions", "source", "link", "scope", "trigger_literals", "trigger_chars",
}
KIND_KEYS: dict[str, set[str]] = {
    "literal": {"find", "replace", "match", "case"},
    "table": {"table", "match", "case"},
    "regex": {"pattern", "replace", "flags"},
    "line": {"pattern", "classify", "flags"},
    "flag": {"pattern", "flags"},
    "code": {"function", "trigger", "trigger_function", "data"},
}
EXAMPLE_KEYS = {"in", "out", "keep", "at", "options", "xfail", "note"}


class RuleError(Exception):
    """A rule file is broken; ``str()`` is ``path:line: problem``."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{_display(self.path)}:{line}: {problem}")


def _display(path: Path) -> str:
    """Show a rule path from its ``rules/`` folder, not from this machine's root."""
    parts = path.parts
    for marker in ("rules", "data"):
        if marker in parts:
            i = len(parts) - 1 - parts[::-1].index(marker)
            return "/".join(("rules", *parts[i + 1:]))
    return str(path)


# --- YAML with line numbers -------------------------------------------------------

class LinedDict(dict):
    """A mapping that remembers the line of each key (1-based)."""
    line: int = 0
    key_lines: dict[Any, int]


class LinedList(list):
    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    out = LinedDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"unhashable key {key!r}", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LinedList:
    out = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def line_of(obj: Any, key: Any = None, default: int = 1) -> int:
    """The line of ``obj`` (or of ``obj[key]``) in its YAML file."""
    if key is not None and isinstance(obj, LinedDict):
        return obj.key_lines.get(key, obj.line or default)
    if key is not None and isinstance(obj, LinedList) and isinstance(key, int):
        return obj.item_lines[key] if key < len(obj.item_lines) else obj.line
    return getattr(obj, "line", default) or default


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, 1, f"not UTF-8 ({exc.reason}); save the file as UTF-8") from None
    except OSError as exc:
        raise RuleError(path, 1, f"cannot read: {exc.strerror}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleError(path, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(path, 1, f"invalid YAML: {exc}") from None


# --- Rule specs ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Example:
    """One example of a rule: ``in``→``out``, ``keep``, or ``in`` + ``at`` for a flag."""

    line: int
    input: str | None = None
    output: str | None = None
    keep: str | None = None
    at: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    xfail: str | None = None


@dataclass(slots=True)
class RuleSpec:
    """A validated rule file, before its matcher is built."""

    id: str
    path: Path
    line: int
    description: str
    level: str
    profiles: frozenset[str]
    kind: str
    stage: str
    scope: str
    option: str | None
    message: str | None
    exceptions: tuple[str, ...]
    examples: tuple[Example, ...]
    raw: LinedDict
    bundled: bool = True

    def error(self, key: str | None, problem: str) -> RuleError:
        return RuleError(self.path, line_of(self.raw, key, self.line), problem)


def _expect(cond: bool, path: Path, line: int, problem: str) -> None:
    if not cond:
        raise RuleError(path, line, problem)


def parse_spec(data: Any, path: Path, root: Path, *, bundled: bool) -> RuleSpec:
    """Validate one rule file's data (the schema is in docs/rules.md)."""
    from ..config import CleanConfig  # local: avoid an import cycle at package import

    _expect(isinstance(data, LinedDict), path, 1,
            "a rule file must be a YAML mapping with id, description, level, profiles, kind, examples")
    expected_id = path.relative_to(root).with_suffix("").as_posix()
    for key in ("id", "description", "level", "profiles", "kind"):
        _expect(key in data, path, data.line, f"missing required key '{key}'")
    kind = data["kind"]
    _expect(kind in KINDS, path, line_of(data, "kind"),
            f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    allowed = COMMON_KEYS | KIND_KEYS[kind]
    for key in data:
        if key not in allowed:
            raise RuleError(path, line_of(data, key),
                            f"unknown key {key!r} for a {kind} rule; allowed: {', '.join(sorted(allowed))}")
    rid = data["id"]
    _expect(isinstance(rid, str) and rid == expected_id, path, line_of(data, "id"),
            f"id {rid!r} must equal the file's path under rules/: {expected_id!r}")
    _expect(isinstance(data["description"], str) and data["description"].strip() != "",
            path, line_of(data, "description"), "description must be a non-empty string")
    level = data["level"]
    _expect(level in LEVELS, path, line_of(data, "level"),
            f"unknown level {level!r}; use fix, suggest or flag")
    _expect(kind != "flag" or level == "flag", path, line_of(data, "level"),
            "a flag rule has no replacement, so its level must be 'flag'")
    profiles = data["profiles"]
    _expect(isinstance(profiles, list) and profiles and all(p in PROFILE_NAMES for p in profiles),
            path, line_of(data, "profiles"),
            f"profiles must be a non-empty list of {', '.join(PROFILE_NAMES)}")
    family = expected_id.split("/", 1)[0]
    stage = data.get("stage", family)
    _expect(stage in STAGES, path, line_of(data, "stage" if "stage" in data else "id"),
            f"unknown stage {stage!r} (from the folder name unless 'stage' is given); "
            f"use one of {', '.join(STAGES)}")
    default_scope = "document" if kind == "line" else "line"
    scope = data.get("scope", default_scope)
    _expect(scope in ("line", "document"), path, line_of(data, "scope"),
            "scope must be 'line' or 'document'")
    _expect(not (kind == "line" and scope != "document"), path, line_of(data, "scope"),
            "a line rule sees whole lines and may delete them, so its scope is 'document'")
    option = data.get("option")
    if option is not None:
        known = set(CleanConfig.__dataclass_fields__)
        _expect(option in known, path, line_of(data, "option"),
                f"unknown option {option!r}; use a CleanConfig field such as expand_abbreviations")
    exceptions = data.get("exceptions", [])
    _expect(isinstance(exceptions, list) and all(isinstance(e, str) for e in exceptions),
            path, line_of(data, "exceptions"), "exceptions must be a list of regex strings")
    chars = data.get("trigger_chars")
    _expect(chars is None or (isinstance(chars, str) and chars.startswith("[") and chars.endswith("]")),
            path, line_of(data, "trigger_chars"),
            "trigger_chars must be one character class such as '[®°±]': a character every trigger match starts with")
    literals = data.get("trigger_literals", [])
    _expect(isinstance(literals, list) and all(isinstance(x, str) and x for x in literals),
            path, line_of(data, "trigger_literals"),
            "trigger_literals must be a list of non-empty strings (matched case-insensitively)")
    message = data.get("message")
    _expect(message is None or isinstance(message, str), path, line_of(data, "message"),
            "message must be a string")
    examples = _parse_examples(data, path, level)
    return RuleSpec(
        id=rid, path=path, line=data.line, description=data["description"].strip(),
        level=level, profiles=frozenset(profiles), kind=kind, stage=stage, scope=scope,
        option=option, message=message, exceptions=tuple(exceptions), examples=examples,
        raw=data, bundled=bundled)


def _parse_examples(data: LinedDict, path: Path, level: str) -> tuple[Example, ...]:
    raw = data.get("examples")
    _expect(isinstance(raw, list) and len(raw) > 0, path, line_of(data, "examples", data.line),
            "a rule needs examples (in/out, keep): a rule without examples does not load")
    out = []
    for i, ex in enumerate(raw):
        line = line_of(raw, i)
        _expect(isinstance(ex, dict), path, line, "each example is a mapping (in/out, keep, at, options, xfail)")
        for key in ex:
            _expect(key in EXAMPLE_KEYS, path, line_of(ex, key, line),
                    f"unknown example key {key!r}; use in, out, keep, at, options, xfail")
        for key in ("in", "out", "keep", "at", "xfail"):
            _expect(key not in ex or isinstance(ex[key], str), path, line_of(ex, key, line),
                    f"example '{key}' must be a string (quote it in YAML)")
        has_in, has_keep = "in" in ex, "keep" in ex
        _expect(has_in != has_keep, path, line,
                "an example has either 'in' (with 'out' or 'at') or 'keep'")
        if has_in:
            # 'in' + 'at' alone: a flag, or a span the rule recognises as metadata.
            _expect("out" in ex or "at" in ex, path, line,
                    "an 'in' example needs 'out' (the expected text) or 'at' (the span it must report)")
            _expect(level != "flag" or "out" not in ex, path, line,
                    "a flag changes nothing: give 'in' and 'at', not 'out'")
            _expect(ex.get("out") != ex["in"], path, line,
                    "'out' equals 'in'; use 'keep' for text that must not change")
        if "at" in ex:
            _expect(has_in and ex["at"] in ex["in"], path, line_of(ex, "at", line),
                    "'at' must be a part of the example's 'in' text")
        options = ex.get("options", {})
        _expect(isinstance(options, dict), path, line_of(ex, "options", line), "options must be a mapping")
        out.append(Example(line=line, input=ex.get("in"), output=ex.get("out"), keep=ex.get("keep"),
                           at=ex.get("at"), options=dict(options), xfail=ex.get("xfail")))
    return tuple(out)


# --- Folders ----------------------------------------------------------------------

def bundled_rules_dir() -> Path:
    """The bundled rules: inside the installed package, or the repository's ``rules/``."""
    packaged = resources.files("vntextclean.rules") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    repo = Path(__file__).resolve().parents[3] / "rules"
    if repo.is_dir():
        return repo
    raise FileNotFoundError("the bundled rules are missing from this installation; reinstall vntextclean")


def rule_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(slots=True)
class LoadReport:
    specs: list[RuleSpec]
    errors: list[RuleError]


def load_specs(extra: Iterable[Path] = ()) -> LoadReport:
    """Read the bundled rules, then each user folder (a user rule with a bundled id replaces it)."""
    by_id: dict[str, RuleSpec] = {}
    errors: list[RuleError] = []
    roots = [(bundled_rules_dir(), True)] + [(Path(p).resolve(), False) for p in extra]
    for root, bundled in roots:
        if not root.is_dir():
            errors.append(RuleError(root, 1, "rule folder not found; give a folder of .yaml rule files"))
            continue
        seen_here: dict[str, Path] = {}
        for path in rule_files(root):
            try:
                spec = parse_spec(read_yaml(path), path, root, bundled=bundled)
            except RuleError as exc:
                errors.append(exc)
                continue
            if spec.id in seen_here:
                errors.append(spec.error("id", f"duplicate id {spec.id!r} (also in {seen_here[spec.id]})"))
                continue
            seen_here[spec.id] = path
            by_id[spec.id] = spec
    return LoadReport(list(by_id.values()), errors)
