"""LaTeX: the ``sphinxclaim`` environment (from ``latex/sphinxclaims.sty``) and page references.

``\\begin{sphinxclaim}{kind}{number}{kind name}{attributed to}{badge}{as of}{title}``:
*kind* is the option value (``fact`` …, selects the box style), *number* ``2.3``, *kind name*
``Interpretation``, *attributed to* the attribution with its certainty when given
(``A. B. (attribution probable)``), *badge* the certainty when it is not ``confirmed`` (else
empty); every argument but the first two may be empty. A ``\\label`` for the claim's anchor
follows, so ``\\pageref`` gives its page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import texescape
from sphinx.util.fileutil import copy_asset_file

from sphinx_claims.writers.heading import heading_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

PACKAGE = "sphinxclaims"
STY = Path(__file__).parent / "tex" / f"{PACKAGE}.sty"
ENVIRONMENT = "sphinxclaim"


def visit_claim(self: LaTeXTranslator, node: nodes.Element) -> None:
    heading = heading_of(node)

    def esc(text: str) -> str:
        return texescape.escape(text, self.config.latex_engine)

    arguments = (
        heading.kind,
        esc(heading.number),
        esc(heading.kind_name),
        esc(heading.attribution),
        esc(heading.badge),
        esc(heading.as_of),
        esc(heading.title),
    )
    braced = "".join(f"{{{arg}}}" for arg in arguments)
    self.body.append(f"\n\\begin{{{ENVIRONMENT}}}{braced}%\n")
    self.body.append(self.hypertarget_to(node, anchor=True) + "%\n")


def depart_claim(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(f"\n\\end{{{ENVIRONMENT}}}\n")


def visit_pageref(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(f"\\pageref{{{self.idescape(node['target'])}}}")
    raise nodes.SkipNode


def copy_package(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: put the package next to the ``.tex`` files."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(STY, app.builder.outdir)
