"""LaTeX: the ``sphinxclaim`` environment (from ``tex/sphinxclaims.sty``) and page references.

``\\begin{sphinxclaim}{kind=fact, number={2.3}, kind-name={Fact}, …}`` takes the box's fields as
key–value pairs (pgfkeys), one per :class:`BoxFields` field with ``_`` written ``-``: *kind* is
the option value (selects the box style), *number* ``2.3``, *kind-name* ``Interpretation``,
*certainty* always given (``confirmed`` too), *attribution-certainty* how sure it is who holds
the view (empty when not stated), *label* the claim's permanent label, printed small in the box.
A ``\\label`` for the claim's anchor follows, so ``\\pageref`` gives its page. The claim's
evidence closes the box, one ``\\sphinxclaimevidence{key}{locator}{passage}`` per entry. Straight
quotes in the title, attribution and passages become curly ones, as MyST makes them in the prose.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import texescape

from sphinx_claims.ext import translation
from sphinx_claims.ext.i18n import _, value_name
from sphinx_claims.model import Evidence
from sphinx_claims.writers.heading import curly, heading_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

PACKAGE = "sphinxclaims"
STY = Path(__file__).parent / "tex" / f"{PACKAGE}.sty"
ENVIRONMENT = "sphinxclaim"


@dataclass(frozen=True)
class BoxFields:
    """What a claim box shows, as plain text (escaped only when written)."""

    kind: str
    number: str
    kind_name: str
    attributed_to: str
    certainty: str
    attribution_certainty: str
    as_of: str
    title: str
    label: str


def box_fields(node: nodes.Element) -> BoxFields:
    """The fields of a :class:`~sphinx_claims.ext.nodes.claim_node`."""
    heading = heading_of(node)
    claim = heading.claim
    return BoxFields(
        kind=heading.kind,
        number=heading.number,
        kind_name=heading.kind_name,
        attributed_to=heading.attributed_to,
        certainty=value_name(heading.certainty),
        attribution_certainty=(
            value_name(claim.attribution_certainty or "") if heading.attributed_to else ""
        ),
        as_of=heading.as_of,
        title=heading.title,
        label=claim.label,
    )


#: Fields whose text is prose (straight quotes become curly ones).
_PROSE = frozenset({"attributed_to", "title"})


def begin_environment(values: BoxFields, escape: Callable[[str], str]) -> str:
    """``\\begin{sphinxclaim}{key={value}, …}%``: every field, escaped and braced."""
    pairs = []
    for item in fields(values):
        value = getattr(values, item.name)
        text = escape(curly(value) if item.name in _PROSE else value)
        pairs.append(f"{item.name.replace('_', '-')}={{{text}}}")
    return f"\n\\begin{{{ENVIRONMENT}}}{{{', '.join(pairs)}}}%\n"


def evidence_commands(evidence: tuple[Evidence, ...], escape: Callable[[str], str]) -> str:
    """``\\sphinxclaimevidence{key}{locator}{passage}`` per entry (empty without evidence)."""
    return "".join(
        f"\n\\sphinxclaimevidence{{{escape(e.key)}}}{{{escape(e.locator)}}}"
        f"{{{escape(curly(e.passage))}}}%"
        for e in evidence
    )


def visit_claim(self: LaTeXTranslator, node: nodes.Element) -> None:
    def esc(text: str) -> str:
        return texescape.escape(text, self.config.latex_engine)

    self.body.append(begin_environment(box_fields(node), esc))
    self.body.append(self.hypertarget_to(node, anchor=True) + "%\n")


def depart_claim(self: LaTeXTranslator, node: nodes.Element) -> None:
    def esc(text: str) -> str:
        return texescape.escape(text, self.config.latex_engine)

    self.body.append(evidence_commands(heading_of(node).claim.evidence, esc))
    self.body.append(f"\n\\end{{{ENVIRONMENT}}}\n")


def visit_pageref(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(f"\\pageref{{{self.idescape(node['target'])}}}")
    raise nodes.SkipNode


#: The package's words (``\providecommand`` in the .sty) and their English text.
WORDS = {
    "sphinxclaimname": "Claim",
    "sphinxclaimattributedname": "attributed to",
    "sphinxclaimasofname": "as of",
    "sphinxclaimcertaintyname": "certainty",
    "sphinxclaimattributioncertaintyname": "attribution",
    "sphinxclaimlabelname": "label",
    "sphinxclaimevidencename": "Evidence",
}


def words_in_language(app: Sphinx) -> None:
    """``builder-inited``: in a translated LaTeX build, the box's words in its language."""
    if app.builder.format != "latex" or not translation.is_translated_build(app.config):
        return
    lines = "".join(
        f"\\renewcommand{{\\{name}}}{{{texescape.escape(str(_(text)), 'lualatex')}}}\n"
        for name, text in WORDS.items()
    )
    context = app.builder.context  # type: ignore[attr-defined]  # the LaTeX builder's
    context["preamble"] = context.get("preamble", "") + lines


def copy_package(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: put the package next to the ``.tex`` files."""
    if exception is None and app.builder.format == "latex":
        # A plain copy, replacing an older one (copy_asset_file's ``force`` is Sphinx 8+).
        shutil.copyfile(STY, Path(app.builder.outdir) / STY.name)
