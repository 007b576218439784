"""The rule engine's rule side: loading, validating and compiling rule files.

>>> rs = RuleSet.load()
>>> "unicode/latin-eth" in rs
True
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Iterator

from .kinds import Rule, RuleContext, RuleTimeout, build_rule
from .loader import STAGES, RuleError, RuleSpec, bundled_rules_dir, load_specs

__all__ = ["Rule", "RuleContext", "RuleError", "RuleSet", "RuleSpec", "RuleTimeout", "STAGES",
           "bundled_rules_dir"]


class RuleSet:
    """All rules that loaded, plus the errors of those that did not."""

    def __init__(self, rules: list[Rule], errors: list[RuleError]) -> None:
        order = {s: i for i, s in enumerate(STAGES)}
        self.rules = sorted(rules, key=lambda r: (order[r.stage], r.id))
        self.errors = errors
        self._by_id = {r.id: r for r in self.rules}

    @classmethod
    def load(cls, extra: Iterable[Path | str] = ()) -> "RuleSet":
        """The bundled rules plus user folders (cached per set of folders)."""
        return _load(tuple(Path(p).resolve() for p in extra))

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self._by_id

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"no rule {rule_id!r}; `vntextclean rules list` shows the rules") from None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


@functools.lru_cache(maxsize=16)
def _load(extra: tuple[Path, ...]) -> RuleSet:
    report = load_specs(extra)
    rules: list[Rule] = []
    errors = list(report.errors)
    for spec in report.specs:
        try:
            rules.append(build_rule(spec))
        except RuleError as exc:
            errors.append(exc)
    return RuleSet(rules, errors)
