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
