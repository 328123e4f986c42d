"""The bibliography without labels, where its style says entries begin with their author.

sphinxcontrib-bibtex gives every entry of a ``citation`` list a label ("[Xinhua 2021a]"). An
author–date style (``labelled = False``, :func:`sphinx_claims.bib.style.labelled`) starts each
entry with the author the text cites, so the label only repeats it: on the site and in the
e-book it is removed (the entry keeps its id, so citations still link to it). LaTeX keeps it for
``\\bibitem``, which needs one; the book's stylesheet decides whether to print it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_claims.bib.style import labelled

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinxcontrib.bibtex.domain import BibtexDomain


class UnlabelledEntries(SphinxPostTransform):
    """Remove the label of every citation whose bibliography's style is unlabelled."""

    default_priority = 6  # after sphinxcontrib-bibtex's BibliographyTransform (5)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = cast("BibtexDomain", self.env.domains["cite"])
        styles = {
            citation.citation_id: domain.bibliographies[citation.bibliography_key].style
            for citation in domain.citations
        }
        for citation in list(self.document.findall(nodes.citation)):
            style = styles.get(next(iter(citation["ids"]), ""))
            if style is None or labelled(style):
                continue
            for label in list(citation.findall(nodes.label)):
                label.parent.remove(label)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(UnlabelledEntries)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
