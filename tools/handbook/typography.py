"""Curly quotes in every edition wherever the prose has them.

MyST turns straight quotes into curly ones while it parses the prose, but text made later —
the claims register, the bibliography's fields, the source lists — and option values (claim
titles) keep straight ones. For the site, the EPUB and the PDF this post-transform educates every
text node outside code, with docutils' own SmartyPants (quotes only: dashes and ellipses are
the authors' choice). The per-chapter source lists are made after the post-transforms, so
:func:`educate_resolved` (site, EPUB) and ``handbook.latex_book`` (PDF) run :func:`educate`
once more.
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
    """Straight quotes in text nodes become curly ones (HTML, EPUB and LaTeX output)."""

    default_priority = 890  # before handbook.latex_rtl splits text nodes
    formats = ("html", "latex")

    def run(self, **kwargs: Any) -> None:
        educate(self.document)
        # A citation's tooltip (the source's entry, from sphinxcontrib-bibtex) as well.
        for ref in self.document.findall(nodes.reference):
            title = ref.get("reftitle", "")
            if "'" in title or '"' in title:
                ref["reftitle"] = "".join(educate_tokens([("text", title)], "q", "en"))


def educate_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after the extensions' own handlers: text they add then (a chapter's
    source list) is curled too. The print book does the same in :mod:`handbook.latex_book`."""
    if app.builder.format == "html":
        educate(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CurlyQuotes)
    app.connect("doctree-resolved", educate_resolved, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
