"""Curly quotes in print wherever the prose has them.

MyST turns straight quotes into curly ones while it parses the prose, but text made later —
the claims register, the bibliography's fields, the source lists — and option values (claim
titles) keep straight ones. For the LaTeX and EPUB builders this post-transform educates every
text node outside code, with docutils' own SmartyPants (quotes only: dashes and ellipses are
the authors' choice). The print book's per-chapter source lists are made after the
post-transforms, so ``handbook.latex_book`` runs :func:`educate` once more on the whole book.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.tree import inside
from sphinx_claims.writers.latex import curly

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CODE = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math,
         nodes.math_block, nodes.doctest_block)


def educate(tree: nodes.Node) -> None:
    """Curl the straight quotes of every text node of *tree* outside code."""
    for text in list(tree.findall(nodes.Text)):
        value = str(text)
        if ("'" in value or '"' in value) and not inside(text, _CODE):
            text.parent.replace(text, nodes.Text(curly(value)))


class CurlyQuotes(SphinxPostTransform):
    """Straight quotes in text nodes become curly ones (print and e-book only)."""

    default_priority = 890  # before handbook.latex_rtl splits text nodes
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        educate(self.document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CurlyQuotes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
