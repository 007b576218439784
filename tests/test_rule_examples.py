"""Every example of every bundled rule, one test each (LanguageTool's PatternRuleTest)."""

import pytest

from vntextclean.rules import RuleSet
from vntextclean.rules.examples import check_example

RULESET = RuleSet.load()
CASES = [pytest.param(rule, ex, id=f"{rule.id}:{ex.line}",
                      marks=[pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else [])
         for rule in RULESET for ex in rule.spec.examples]


def test_bundled_rules_all_load():
    assert [str(e) for e in RULESET.errors] == []


def test_every_family_has_rules():
    families = {r.id.split("/")[0] for r in RULESET}
    assert {"unicode", "spacing"} <= families


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example):
    problem = check_example(rule, example)
    assert problem is None, f"{rule.spec.path.name}:{example.line}: {problem}"
