"""The shared checks: what is wrong with a claim, and the line it is reported at."""

from __future__ import annotations

from sphinx_claims import checks


def test_each_option_problem_names_its_option():
    problems = checks.check_options({"label": "Bad", "kind": "rumour", "colour": "red",
                                     "attribution-certainty": "sure", "as-of": "2025-13"})
    assert [(p.code, p.option) for p in problems] == [
        ("CLM004", "label"), ("CLM005", "colour"), ("CLM005", "kind"),
        ("CLM005", "attribution-certainty"), ("CLM005", "as-of"),
    ]


def test_option_problems_at_the_option_line_others_at_the_fence():
    lines = checks.option_lines([":label: x", ":certainty: likely", "Body"], 11)
    assert lines == {"label": 11, "certainty": 12}
    (problem,) = checks.check_options({"label": "x", "certainty": "likely"})
    assert checks.problem_line(problem, lines, 10) == 12
    assert checks.problem_line(checks.Problem("CLM001"), lines, 10) == 10


def test_a_body_of_comments_only_is_empty_not_uncited():
    assert checks.check_body("x", empty=True, citations=0).code == "CLM002"
    assert checks.check_body("x", empty=False, citations=0).code == "CLM001"
    assert checks.check_body("x", empty=False, citations=1) is None


def test_one_claim_check_gives_every_problem_with_its_line():
    text = ".. claim::\n   :label: Bad_Label\n   :kind: quotation\n\n   :label: in-the-body\n"
    claim = checks.LocatedClaim(
        {"label": "Bad_Label", "kind": "quotation"}, 7,
        lambda: checks.rest_option_lines(text, 7), parent="outer", empty=True,
    )
    assert [(line, p.code) for line, p in checks.check_claim(claim)] == [
        (8, "CLM004"), (9, "CLM006"), (7, "CLM007"), (7, "CLM002"),
    ]


def test_option_lines_are_only_looked_up_for_an_option_problem():
    def never() -> dict[str, int]:
        raise AssertionError("looked up")

    claim = checks.LocatedClaim({"label": "fine"}, 3, never, citations=1)
    assert checks.check_claim(claim) == []
    uncited = checks.LocatedClaim({"label": "fine"}, 3, never)
    assert [(line, p.code) for line, p in checks.check_claim(uncited)] == [(3, "CLM001")]
