""""Sources cited in this chapter": a list at the end of each document that cites.

Which documents get one is ``claims_chapter_sources`` (:mod:`sphinx_claims.options`): by
default those that hold a claim, so a book without claims is left as it was.

The list is rendered from sphinxcontrib-bibtex's domain data (``citation_refs`` and
``citations``), not with another ``bibliography`` directive, so no entry is duplicated
(sphinxcontrib-bibtex #243). It is added when a doctree is resolved, after every document has
been read: parallel (``-j``) and incremental builds see the same data. Each item carries the
entry's label in the full bibliography and links to it, unless the bibliography's style is an
author–date style whose entries begin with their author (:func:`~sphinx_claims.bib.style.labelled`):
such items are the entry alone, as the bibliography lists it. For the LaTeX builder, which resolves
the whole book as one tree, each chapter gets its list at the end of its own part of that tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.nodes import make_refnode

from sphinx_claims import options
from sphinx_claims.bib.style import labelled
from sphinx_claims.ext.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinxcontrib.bibtex.domain import BibtexDomain, Citation

#: The heading of the list, in HTML and in print.
HEADING = "Sources cited in this chapter"  # in the build's language: _(HEADING)
#: The class on the list's container (HTML class, LaTeX: container environment).
CSS_CLASS = "chapter-sources"


def cited_keys(domain: BibtexDomain, docname: str) -> set[str]:
    """The bibliography keys that *docname*'s citation roles cite."""
    return {
        target.key
        for ref in domain.citation_refs
        if ref.docname == docname
        for target in ref.targets
    }


def citations_for(domain: BibtexDomain, docname: str) -> list[Citation]:
    """The full bibliography's citations cited in *docname*, in the bibliography's order."""
    keys = cited_keys(domain, docname)
    chosen: dict[str, Citation] = {}
    for citation in domain.citations:
        bibliography = domain.bibliographies[citation.bibliography_key]
        if citation.key in keys and bibliography.list_ == "citation":
            chosen.setdefault(citation.key, citation)
    return list(chosen.values())


def _label_link(builder: Builder, docname: str, citation: Citation) -> nodes.Node:
    """``[n]``, linked to the entry in the full bibliography."""
    label = f"[{citation.formatted_entry.label}]"
    todoc = citation.bibliography_key.docname
    if builder.name == "latex":
        target = f"cite.{todoc}:{citation.citation_id}"
        return nodes.raw("", rf"\hyperlink{{{target}}}{{{label}}}", format="latex")
    return make_refnode(builder, docname, todoc, citation.citation_id, nodes.Text(label))


def sources_node(
    builder: Builder, domain: BibtexDomain, docname: str, citations: Iterable[Citation]
) -> nodes.container:
    """The list: a rubric and one item per cited entry."""
    anchor = f"sources-cited-{docname.replace('/', '-')}"
    container = nodes.container(classes=[CSS_CLASS], ids=[anchor])
    heading = _(HEADING)
    container += nodes.rubric(heading, heading)
    items = nodes.bullet_list(classes=[f"{CSS_CLASS}-list"])
    for citation in citations:
        para = nodes.paragraph()
        if labelled(domain.bibliographies[citation.bibliography_key].style):
            para += _label_link(builder, docname, citation)
            para += nodes.Text(" ")
        para.extend(citation.formatted_entry.text.render(domain.backend))
        item = nodes.list_item("", para, classes=[f"cite-key-{citation.key}"])
        item["bibtex-key"] = citation.key
        items += item
    container += items
    return container


def _has_bibliography(domain: BibtexDomain, docname: str) -> bool:
    return any(key.docname == docname for key in domain.bibliographies)


def _append_to_chapter(tree: nodes.Element, node: nodes.Element) -> None:
    """Append *node* inside the document's first top-level section (or at the end)."""
    section = next((child for child in tree.children if isinstance(child, nodes.section)), None)
    (section if section is not None else tree).append(node)


def add_chapter_sources(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: give every citing document (or inlined part) its sources list."""
    which = app.config.claims_chapter_sources
    if which == options.SOURCES_NONE:
        return
    domain: BibtexDomain = app.env.get_domain("cite")  # type: ignore[assignment]
    claim_domain = app.env.domains.get("claim")
    claims = claim_domain.data["claims"] if claim_domain is not None else {}
    parts: list[tuple[nodes.Element, str]] = [
        (part, part["docname"]) for part in doctree.findall(addnodes.start_of_file)
    ]
    if not parts:
        parts = [(doctree, docname)]
    for part, part_doc in parts:
        if _has_bibliography(domain, part_doc):
            continue
        if which == options.SOURCES_CLAIMS and not claims.get(part_doc):
            continue
        citations = citations_for(domain, part_doc)
        if citations:
            _append_to_chapter(part, sources_node(app.builder, domain, part_doc, citations))


def setup(app: Sphinx) -> dict[str, Any]:
    options.register(app, "claims_chapter_sources")
    app.connect("doctree-resolved", add_chapter_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
