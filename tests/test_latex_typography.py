"""Print typography: curly quotes in option values and made-up text, author–year citations."""

from __future__ import annotations

from handbook.citations import HandbookReferenceStyle

from sphinx_claims.writers.latex import BoxFields, begin_environment, curly


def test_curly_quotes_follow_english_rules() -> None:
    assert curly("Russia's \"special\" partner") == "Russia’s “special” partner"
    assert curly("no quotes") == "no quotes"
    assert curly("’already’") == "’already’"


def test_a_claim_box_carries_label_both_certainties_and_a_curly_title() -> None:
    fields = BoxFields(kind="interpretation", number="2.3", kind_name="Interpretation",
                       attributed_to="O'Brien", certainty="confirmed",
                       attribution_certainty="probable", as_of="2025", title="Xi's \"model\"",
                       label="sr-model")
    tex = begin_environment(fields, lambda s: s)
    assert tex == (
        "\n\\begin{sphinxclaim}{kind={interpretation}, number={2.3}, "
        "kind-name={Interpretation}, attributed-to={O’Brien}, certainty={confirmed}, "
        "attribution-certainty={probable}, as-of={2025}, title={Xi’s “model”}, "
        "label={sr-model}}%\n"
    )


def test_the_reference_style_uses_semicolons_and_no_comma_before_the_year() -> None:
    style = HandbookReferenceStyle()
    assert style.bracket_parenthetical.sep == "; "
    assert (style.bracket_parenthetical.left, style.bracket_parenthetical.right) == ("(", ")")
    assert style.author_year_sep == " "
