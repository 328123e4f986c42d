"""The printed book's structure, for the LaTeX builder only.

* Back matter: documents listed in the root document's *unnumbered* toctrees (the glossary and
  the bibliography) are unnumbered chapters in print, as they are in HTML. A raw
  ``\\handbookbackmatter`` (``docs/_latex/handbook.sty``) goes before the first of them.
* The full bibliography: Sphinx gathers every citation at the end of the book; it is moved into
  the chapter of the document holding the ``bibliography`` directive, so that chapter is not
  empty and the bibliography is not printed under a second heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Defined in docs/_latex/handbook.sty; a no-op when that package is not loaded.
BACKMATTER = r"\ifdefined\handbookbackmatter\handbookbackmatter\fi"
#: Makes the moved bibliography list print without its own chapter heading.
INCHAPTER = r"\ifdefined\handbookbibliographyinchapter\handbookbibliographyinchapter\fi"


def backmatter_docs(app: Sphinx) -> list[str]:
    """Documents of the root document's unnumbered toctrees, in order."""
    root = app.env.get_doctree(app.config.root_doc)
    docs: list[str] = []
    for toctree in root.findall(addnodes.toctree):
        if not toctree.get("numbered"):
            docs.extend(doc for _title, doc in toctree["entries"] if doc)
    return docs


def mark_backmatter(app: Sphinx, doctree: nodes.document) -> None:
    back = set(backmatter_docs(app))
    for part in doctree.findall(addnodes.start_of_file):
        if part["docname"] in back:
            part.parent.insert(part.parent.index(part), nodes.raw("", BACKMATTER, format="latex"))
            return


def move_bibliography(app: Sphinx, doctree: nodes.document) -> None:
    bib = next(iter(doctree.findall(thebibliography)), None)
    if bib is None:
        return
    domain = app.env.get_domain("cite")
    homes = {key.docname for key in domain.bibliographies}  # type: ignore[attr-defined]
    for part in doctree.findall(addnodes.start_of_file):
        if part["docname"] in homes:
            section = next((c for c in part.children if isinstance(c, nodes.section)), part)
            bib.parent.remove(bib)
            section += nodes.raw("", INCHAPTER, format="latex")
            section += bib
            return


def structure_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: for the LaTeX builder's whole-book tree only."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    mark_backmatter(app, doctree)
    move_bibliography(app, doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", structure_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
