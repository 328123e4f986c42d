"""The printed book's structure, for the LaTeX builder only.

* Front, main and back matter: documents of the root document's *unnumbered* toctrees (front
  matter before the numbered toctree, back matter after it) are unnumbered chapters in print, as
  they are in HTML, so chapter numbers (and the claim numbers built on them) match the site. A
  raw ``\\handbookfrontmatter`` / ``\\handbookmainmatter`` / ``\\handbookbackmatter``
  (``docs/_latex/handbook.sty``) goes before the first document of each toctree.
* Long tables (more than :data:`LONG_TABLE_ROWS` rows) break across pages: Sphinx's tabulary
  cannot, and a timeline runs off the page. They become ``longtable`` with column widths in
  proportion to their longest cell, so text still wraps.
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

#: Defined in docs/_latex/handbook.sty; no-ops when that package is not loaded.
FRONTMATTER = r"\ifdefined\handbookfrontmatter\handbookfrontmatter\fi"
MAINMATTER = r"\ifdefined\handbookmainmatter\handbookmainmatter\fi"
BACKMATTER = r"\ifdefined\handbookbackmatter\handbookbackmatter\fi"
#: Makes the moved bibliography list print without its own chapter heading.
INCHAPTER = r"\ifdefined\handbookbibliographyinchapter\handbookbibliographyinchapter\fi"


#: Tables with more body rows than this are typeset as longtable.
LONG_TABLE_ROWS = 8


def _longest_cells(tgroup: nodes.Element, ncols: int) -> list[int]:
    longest = [1] * ncols
    for row in tgroup.findall(nodes.row):
        for i, entry in enumerate(c for c in row.children if isinstance(c, nodes.entry)):
            if i < ncols:
                longest[i] = max(longest[i], len(entry.astext()))
    return longest


def _inside_table(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.table):
            return True
        parent = parent.parent
    return False


def break_long_tables(doctree: nodes.document) -> None:
    """Make long, unnested tables breakable longtables with content-proportional widths."""
    for table in doctree.findall(nodes.table):
        if "longtable" in table["classes"] or _inside_table(table):
            continue
        tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
        if tgroup is None:
            continue
        body = next((c for c in tgroup.children if isinstance(c, nodes.tbody)), None)
        if body is None or len(body.children) <= LONG_TABLE_ROWS:
            continue
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        widths = _longest_cells(tgroup, len(colspecs))
        for colspec, width in zip(colspecs, widths, strict=True):
            colspec["colwidth"] = min(max(width, 8), 60)
        table["classes"] += ["longtable", "colwidths-given"]


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


def structure_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: for the LaTeX builder's whole-book tree only."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    mark_matter(app, doctree)
    move_bibliography(app, doctree)
    break_long_tables(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", structure_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
