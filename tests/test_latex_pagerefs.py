"""handbook.latex_pagerefs: which references stand inside an author's parentheses."""

from __future__ import annotations

from docutils import nodes
from handbook.latex_pagerefs import in_parentheses


def _ref(text: str) -> nodes.reference:
    return nodes.reference("", "", nodes.inline("", text), refuri="%doc#claim")


def test_a_reference_alone_in_parentheses() -> None:
    ref = _ref("Claim 1.24")
    nodes.paragraph("", "", nodes.Text("an arms supplier ("), ref, nodes.Text(")."))
    assert in_parentheses(ref)


def test_every_reference_of_a_list_in_parentheses() -> None:
    first, second = _ref("Claim 2.3"), _ref("Claim 2.5")
    nodes.paragraph("", "", nodes.Text("joint actions ("), first, nodes.Text(", "), second,
                    nodes.Text(")."))
    assert in_parentheses(first) and in_parentheses(second)


def test_a_reference_inside_emphasis_inside_parentheses() -> None:
    ref = _ref("Claim 2.10")
    nodes.paragraph("", "", nodes.Text("the post ("), nodes.emphasis("", "", ref),
                    nodes.Text(")"))
    assert in_parentheses(ref)


def test_a_reference_after_a_closed_parenthesis_is_running_text() -> None:
    ref = _ref("Introduction")
    nodes.paragraph("", "", nodes.Text("(first) start with "), ref, nodes.Text(" and go on"))
    assert not in_parentheses(ref)
