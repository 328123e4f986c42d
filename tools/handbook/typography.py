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
from docutils.utils.smartquotes import educate_tokens
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CODE = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math,
         nodes.math_block, nodes.doctest_block)


#: The text nodes of one paragraph (or title, term …), each with the parent that holds it and
#: whether it is code.
Run = list[tuple[nodes.Element, nodes.Text, bool]]


def _runs(tree: nodes.Element) -> list[Run]:
    """The text of *tree* a paragraph at a time, in reading order (parents as found on the way)."""
    runs: list[Run] = []

    def walk(node: nodes.Element, code: bool, run: Run | None) -> None:
        for child in list(node.children):
            if isinstance(child, nodes.Text):
                if run is None:  # text outside any paragraph: a run of its own
                    runs.append([(node, child, code)])
                else:
                    run.append((node, child, code))
            elif isinstance(child, nodes.Element):
                inner = run
                if inner is None and isinstance(child, nodes.TextElement):
                    inner = []
                    runs.append(inner)
                walk(child, code or isinstance(child, _CODE), inner)

    top: Run | None = [] if isinstance(tree, nodes.TextElement) else None
    if top is not None:
        runs.append(top)
    walk(tree, isinstance(tree, _CODE), top)
    return runs


def educate(tree: nodes.Node) -> None:
    """Curl the straight quotes of every text node of *tree* outside code.

    docutils' SmartyPants reads a paragraph's text nodes as one stream, so the quote that closes
    a title after a word in its own node (a protected ``{North Arabian Sea}``, emphasis) closes,
    and ``{Pakistan}'s`` takes an apostrophe, not an opening single quote.
    """
    if not isinstance(tree, nodes.Element):
        return
    for run in _runs(tree):
        if not any(("'" in text or '"' in text) and not code for _, text, code in run):
            continue
        tokens = [("literal" if code else "text", str(text)) for _, text, code in run]
        for (parent, text, _), new in zip(run, educate_tokens(tokens, "q", "en"), strict=True):
            if new != str(text):
                parent.replace(text, nodes.Text(new))


class CurlyQuotes(SphinxPostTransform):
    """Straight quotes in text nodes become curly ones (print and e-book only)."""

    default_priority = 890  # before handbook.latex_rtl splits text nodes
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        educate(self.document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CurlyQuotes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
