"""The printed book's structure, for the LaTeX builder only.

* Front, main and back matter: documents of the root document's *unnumbered* toctrees (front
  matter before the numbered toctree, back matter after it) are unnumbered chapters in print, as
  they are in HTML, so chapter numbers (and the claim numbers built on them) match the site. A
  raw ``\\handbookfrontmatter`` / ``\\handbookmainmatter`` / ``\\handbookbackmatter``
  (``docs/_latex/handbook.sty``) goes before the first document of each toctree.
* The root document's own text (before its first toctree) is an unnumbered chapter "About this
  handbook" listed in the contents, not an untitled page (``\\handbookpreface``).
* Web-only documents (``handbook_print_exclude``: the contributors' guide, the linter manual)
  stay on the site but are left out of the print book; links to them become plain text.
* The claims register gets two lines per claim (:mod:`handbook.latex_register`), every table
  is sized for the page (:mod:`handbook.latex_tables`) and the book is indexed
  (:mod:`handbook.latex_index`).
* The full bibliography: Sphinx gathers every citation at the end of the book; it is moved into
  the chapter of the document holding the ``bibliography`` directive, so that chapter is not
  empty and the bibliography is not printed under a second heading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography

from handbook.latex_index import index_book
from handbook.latex_register import print_registers
from handbook.latex_tables import size_tables
from handbook.tree import replace, with_parents
from handbook.typography import educate

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Defined in docs/_latex/handbook.sty; no-ops when that package is not loaded.
FRONTMATTER = r"\ifdefined\handbookfrontmatter\handbookfrontmatter\fi"
MAINMATTER = r"\ifdefined\handbookmainmatter\handbookmainmatter\fi"
BACKMATTER = r"\ifdefined\handbookbackmatter\handbookbackmatter\fi"
#: Makes the moved bibliography list print without its own chapter heading.
INCHAPTER = r"\ifdefined\handbookbibliographyinchapter\handbookbibliographyinchapter\fi"
#: An unnumbered chapter heading for the root document's own text.
PREFACE = r"\ifdefined\handbookpreface\handbookpreface\fi"


def matter_starts(app: Sphinx) -> dict[str, str]:
    """The first document of each of the root document's toctrees → the macro to put before it."""
    root = app.env.get_doctree(app.config.root_doc)
    starts: dict[str, str] = {}
    seen_numbered = False
    for toctree in root.findall(addnodes.toctree):
        docs = [doc for _title, doc in toctree["entries"] if doc]
        if not docs:
            continue
        if toctree.get("numbered"):
            seen_numbered = True
            starts[docs[0]] = MAINMATTER
        else:
            starts[docs[0]] = BACKMATTER if seen_numbered else FRONTMATTER
    return starts


def backmatter_docs(app: Sphinx) -> list[str]:
    """Documents of the root document's unnumbered toctrees after a numbered one, in order."""
    root = app.env.get_doctree(app.config.root_doc)
    docs: list[str] = []
    seen_numbered = False
    for toctree in root.findall(addnodes.toctree):
        seen_numbered = seen_numbered or bool(toctree.get("numbered"))
        if seen_numbered and not toctree.get("numbered"):
            docs.extend(doc for _title, doc in toctree["entries"] if doc)
    return docs


def mark_matter(app: Sphinx, doctree: nodes.document) -> None:
    starts = matter_starts(app)
    for part in list(doctree.findall(addnodes.start_of_file)):
        macro = starts.pop(part["docname"], None)
        if macro is not None:
            part.parent.insert(part.parent.index(part), nodes.raw("", macro, format="latex"))


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


def drop_web_only(app: Sphinx, doctree: nodes.document) -> None:
    """Remove the ``handbook_print_exclude`` documents; links to them become their text."""
    excluded = set(app.config.handbook_print_exclude)
    if not excluded:
        return
    for part in list(doctree.findall(addnodes.start_of_file)):
        if part["docname"] in excluded:
            part.parent.remove(part)
    for parent, ref in list(with_parents(doctree)):
        target = str(ref.get("refuri", "")) if isinstance(ref, nodes.reference) else ""
        if target.startswith("%") and target[1:].split("#")[0] in excluded:
            replace(parent, ref, nodes.inline("", "", *ref.children))


def mark_preface(app: Sphinx, doctree: nodes.document) -> None:
    """Put ``\\handbookpreface`` before the root document's first paragraph of its own."""
    root = next(iter(doctree.findall(nodes.section)), None)
    if root is None:
        return
    first = next((c for c in root.children if isinstance(c, nodes.paragraph)), None)
    if first is not None:
        root.insert(root.index(first), nodes.raw("", PREFACE, format="latex"))


def structure_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: for the LaTeX builder's whole-book tree only."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    drop_web_only(app, doctree)
    mark_preface(app, doctree)
    mark_matter(app, doctree)
    move_bibliography(app, doctree)
    educate(doctree)
    print_registers(doctree)
    size_tables(doctree)
    index_book(app, doctree, set(backmatter_docs(app)))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_print_exclude", [], "env", list)
    app.add_config_value("handbook_index_terms", [], "env", list)
    app.connect("doctree-resolved", structure_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
