"""Curly quotes wherever the prose has them, never inside code or a web address.

MyST turns straight quotes into curly ones while it parses the prose, but text made later —
the claims register, the bibliography's fields, the source lists, in-text citations — and option
values (claim titles) keep straight ones. For the LaTeX and EPUB builders a post-transform
educates every text node outside code, with docutils' own SmartyPants (quotes only: dashes and
ellipses are the authors' choice). The print book's per-chapter source lists are made after the
post-transforms, so ``handbook.latex_book`` runs :func:`educate` once more on the whole book; on
the site, the references (citations, the bibliography, the source lists and the sources page)
are educated once the page is resolved (:func:`educate_references`). Web addresses shown as text
keep their characters: a quote in a URL is part of the address.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils.smartquotes import educate_tokens
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CODE = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math,
         nodes.math_block, nodes.doctest_block)


#: A web address in running text (as a reader would copy it: up to the next space).
URL = re.compile(r"(?:https?://|www\.)\S+")


def _is_code(node: nodes.Element) -> bool:
    """Code, or a link that shows its own address (``https://…``) as its text."""
    if isinstance(node, _CODE):
        return True
    if isinstance(node, nodes.reference):
        text = node.astext().strip()
        return bool(text) and (text == node.get("refuri") or URL.fullmatch(text) is not None)
    return False


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
                walk(child, code or _is_code(child), inner)

    top: Run | None = [] if isinstance(tree, nodes.TextElement) else None
    if top is not None:
        runs.append(top)
    walk(tree, _is_code(tree), top)
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
        tokens: list[tuple[str, str]] = []
        sizes: list[int] = []
        for _, text, code in run:
            pieces = _tokens(str(text), code)
            tokens += pieces
            sizes.append(len(pieces))
        educated = iter(educate_tokens(tokens, "q", "en"))
        for (parent, text, _), size in zip(run, sizes, strict=True):
            new = "".join(next(educated) for _ in range(size))
            if new != str(text):
                parent.replace(text, nodes.Text(new))


def _tokens(text: str, code: bool) -> list[tuple[str, str]]:
    """SmartyPants tokens of one text node: web addresses in it are left as they are."""
    if code:
        return [("literal", text)]
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in URL.finditer(text):
        if match.start() > position:
            pieces.append(("text", text[position:match.start()]))
        pieces.append(("literal", match.group()))
        position = match.end()
    if position < len(text) or not pieces:
        pieces.append(("text", text[position:]))
    return pieces


#: On the site: what holds references, whose text the bibliography style made — in-text
#: citations ("(Chernova and CNN's Beijing Bureau 2022)"), the chapters' source lists, the sources
#: page and the register's sources column (bibliography entries are ``citation`` nodes).
REFERENCE_CLASSES = frozenset(
    {"bibtex-citation", "chapter-sources", "claims-sources", "claims-register-sources"}
)


def _is_reference_text(node: nodes.Node) -> bool:
    return isinstance(node, nodes.citation) or (
        isinstance(node, nodes.Element) and bool(REFERENCE_CLASSES & set(node["classes"]))
    )


def curled(text: str) -> str:
    """*text* with curly quotes, its web addresses left as they are."""
    return "".join(educate_tokens(_tokens(text, code=False), "q", "en"))


def educate_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (HTML): curl the quotes of every reference on the page, and of the
    entries that citations show when hovered (their ``reftitle``)."""
    if app.builder.format != "html":
        return
    for node in list(doctree.findall(_is_reference_text)):
        educate(node)
        for link in node.findall(nodes.reference):
            if link.get("reftitle"):
                link["reftitle"] = curled(link["reftitle"])


class CurlyQuotes(SphinxPostTransform):
    """Straight quotes in text nodes become curly ones (print and e-book only)."""

    default_priority = 890  # before handbook.latex_rtl splits text nodes
    builders = ("latex", "epub")

    def run(self, **kwargs: Any) -> None:
        educate(self.document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CurlyQuotes)
    # After sphinx-claims adds the chapters' source lists (priority 500).
    app.connect("doctree-resolved", educate_references, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
