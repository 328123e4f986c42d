"""Page numbers after cross-references in print, without brackets inside brackets.

With ``latex_show_pagerefs`` Sphinx prints "(page 17)" after every internal link, so a link the
author already put in parentheses reads "(Claim 1.24 (page 17))", and a list of them "(Claim 2.3
(page 22), Claim 2.5 (page 22))". A post-transform marks every link inside an open parenthesis
of its paragraph, and the translator prints "(Claim 1.24 on page 17)" for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from handbook.i18n import gettext

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The class that marks a reference written inside parentheses.
IN_PARENTHESES = "handbook-in-parentheses"


def in_parentheses(ref: nodes.reference) -> bool:
    """Whether *ref* stands inside a parenthesis its paragraph opened before it."""
    block = ref.parent
    while block is not None and (isinstance(block, nodes.Inline)
                                 or not isinstance(block, nodes.TextElement)):
        block = block.parent
    first = next(ref.findall(nodes.Text), None)
    if block is None or first is None:
        return False
    before = []
    for text in block.findall(nodes.Text):
        if text is first:
            break
        before.append(str(text))
    opened = "".join(before)
    return opened.count("(") > opened.count(")")


class MarkParenthesisedReferences(SphinxPostTransform):
    """Mark the internal references an author wrapped in parentheses (print only)."""

    default_priority = 880
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            if not ref.get("refuri", "").startswith(("http:", "https:", "mailto:")) \
                    and in_parentheses(ref):
                ref["classes"].append(IN_PARENTHESES)


class HandbookLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX translator; a marked reference takes " on page N" instead of " (page N)"."""

    def visit_reference(self, node: nodes.Element) -> None:
        super().visit_reference(node)
        closing = self.context[-1]
        if IN_PARENTHESES in node.get("classes", ()) and closing.startswith("}}} (\\autopageref"):
            on = gettext("on")
            self.context[-1] = f"}}}}}} {on} " + closing.removeprefix("}}} (").removesuffix(")")


def use_translator(app: Sphinx) -> None:
    """Register the translator for LaTeX builds only: a registered translator of any builder
    makes pydata-sphinx-theme wrap only the registered ones, and the HTML pages would lose its
    accessibility fixes (``aria-level`` on toctree captions)."""
    if app.builder.format == "latex":
        app.set_translator("latex", HandbookLaTeXTranslator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(MarkParenthesisedReferences)
    app.connect("builder-inited", use_translator, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
