"""The rule catalogue: every rule says where it runs, and the docs show it."""

from __future__ import annotations

from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain

from sphinx_claims import model, rules
from sphinx_claims.lint import cli


def test_every_rule_runs_somewhere_and_says_where():
    for rule in rules.all_rules():
        assert rule.runs and rule.runs <= rules.BOTH, rule.code
        assert rule.where in cli.explain(rule)


def test_the_build_runs_every_claim_rule_and_citations_outside_claims():
    built = {rule.code for rule in rules.all_rules() if rules.runs_in(rule.code, rules.BUILD)}
    assert {f"CLM00{n}" for n in range(1, 9)} | {"CIT002", "MST001", "SUP001"} <= built
    assert not rules.runs_in("BIB009", rules.BUILD)  # unused entries: the whole project


def test_citation_roles_are_sphinxcontrib_bibtexs():
    live = (
        {"cite", "footcite"}
        | {f"cite:{name}" for name in BibtexDomain._role_names}
        | {f"footcite:{name}" for name in BibtexFootDomain._role_names}
    )
    assert live == model.CITATION_ROLES
