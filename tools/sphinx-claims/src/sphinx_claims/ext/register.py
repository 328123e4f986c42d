"""``claims-register`` (every claim) and ``claims-sources`` (every source with its claims).

The directives leave placeholders; :class:`FillRegisters`, a post-transform, fills them from the
domain at write time — like ``todolist`` — so a register is never older than the claims. The
domain lists documents holding a register for rewriting whenever any claim changes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from sphinx_claims.bib.style import labelled
from sphinx_claims.ext import compat, xref
from sphinx_claims.ext.i18n import _, value_name
from sphinx_claims.ext.nodes import claims_register_node, claims_sources_node
from sphinx_claims.writers.heading import kind_name

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from sphinx_claims.ext.domain import ClaimDomain
    from sphinx_claims.model import Claim, Evidence

#: The register's columns: heading and relative width.
COLUMNS: tuple[tuple[str, int], ...] = (
    (_("Claim"), 12),
    (_("Statement"), 44),
    (_("Kind"), 8),
    (_("Certainty"), 8),
    (_("Attributed to"), 10),
    (_("Attribution certainty"), 7),
    (_("Sources"), 11),
)
#: In print the two attribution columns are one ("A. B. (attribution probable)") and the
#: number stands alone: a portrait page has no room for seven columns.
PRINT_COLUMNS: tuple[tuple[str, int], ...] = (
    (_("Claim"), 13),
    (_("Statement"), 39),
    (_("Kind"), 11),
    (_("Certainty"), 11),
    (_("Attributed to"), 12),
    (_("Sources"), 14),
)
NONE = "\u2014"
#: The site's filter bar, in the page so that nothing shifts when claims.js fills the panel
#: with its form: a disclosure (closed, so a phone shows the first claims at once), the live
#: count and a way back to the top. The stylesheet keeps it in reach while the list scrolls.
FILTER_BAR = (
    '<div class="claims-register-bar">\n'
    '<details class="claims-register-panel">'
    '<summary>{filters}<span class="claims-register-active"></span></summary>\n'
    '<p class="claims-register-nojs">{nojs}</p></details>\n'
    '<p class="claims-register-count" role="status" aria-live="polite">'
    "{showing}</p>\n"
    '<a class="claims-register-top" href="#{top}">{top_text}</a>\n'
    "</div>"
)
#: Config value: the register cites a claim's sources in one citation, as an author–date text
#: does ("(A 2025; B 2025)"), instead of one citation per source ("[A, 2025]; [B, 2025]").
ONE_CITATION = "claims_register_one_citation"
#: Files beside the pages that the register offers for download (HTML only).
DOWNLOADS: tuple[tuple[str, str], ...] = (
    ("claims.json", _("JSON, every field of every claim")),
    ("claims.csv", _("CSV, for a spreadsheet")),
)


def note_bibliography(directive: SphinxDirective) -> None:
    """Re-read the register's document when a bib file changes (its labels may change)."""
    bibtex = cast("BibtexDomain", directive.env.domains["cite"])
    for bibfile in bibtex.bibdata.bibfiles:
        directive.env.note_dependency(str(bibfile))


class _RegisterDirective(SphinxDirective):
    """A placeholder node, filled from the domain's data after reading (see FillRegisters)."""

    option_spec: ClassVar = {}
    node_class: ClassVar[type[nodes.Element]]

    def run(self) -> list[nodes.Node]:
        node = self.node_class("")
        self.set_source_info(node)
        note_bibliography(self)
        return [node]


class ClaimsRegisterDirective(_RegisterDirective):
    """``:::{claims-register}``: a table of every claim in the book."""

    node_class = claims_register_node


class ClaimsSourcesDirective(_RegisterDirective):
    """``:::{claims-sources}``: every bibliography entry with the claims that cite it."""

    node_class = claims_sources_node


class FillRegisters(SphinxPostTransform):
    """Replace register placeholders by their content (before references are resolved)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = cast("ClaimDomain", self.env.domains["claim"])
        docname = self.env.docname
        self.builder = compat.builder(self.env)
        for node in list(self.document.findall(claims_register_node)):
            node.replace_self(self.register_table(domain, docname, _section_id(node)))
        for node in list(self.document.findall(claims_sources_node)):
            node.replace_self(self.sources_list(domain, docname))

    # --- claims-register -------------------------------------------------------------------
    @property
    def is_html(self) -> bool:
        return self.builder.format == "html"

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        return COLUMNS if self.is_html else PRINT_COLUMNS

    def register_table(self, domain: ClaimDomain, docname: str, top: str = "") -> nodes.Element:
        """A table of every claim; in HTML also download links and per-cell labels for cards."""
        table = nodes.table(classes=["claims-register", "longtable", "colwidths-given"])
        group = nodes.tgroup(cols=len(self.columns))
        table += group
        for _name, width in self.columns:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += _row([nodes.Text(name) for name, _width in self.columns])
        body = nodes.tbody()
        group += body
        for claim, number in domain.ordered():
            body += self.register_row(claim, number, docname)
        if not len(body):
            empty = _("The book has no claims yet.")
            return nodes.paragraph("", empty, classes=["claims-register"])
        if not self.is_html:
            return table
        container = nodes.container(classes=["claims-register-view"])
        if not self.builder.name.startswith("epub"):  # an e-book has no claims.json nor script
            container += self.downloads(docname)
            bar = FILTER_BAR.format(
                filters=_("Filters"), nojs=_("The filters need JavaScript."), top=top,
                showing=_("Showing all {total} claims.").format(total=len(body)), top_text=_("Top"),
            )
            container += nodes.raw("", bar, format="html")
        container += table
        return container

    def register_row(self, claim: Claim, number: str, docname: str) -> nodes.row:
        """One claim's row, from its record: number, statement, kind, certainties, sources."""
        attribution_certainty = getattr(claim, "attribution_certainty", None) or ""
        number_cell = nodes.inline()
        number_cell += xref.claim_reference(self.builder, docname, claim, number)
        statement = nodes.Text(claim.text or claim.display_title)
        kind = nodes.Text(kind_name(claim.kind))
        certainty = nodes.inline(
            "", value_name(claim.certainty), classes=[f"claim-certainty-{claim.certainty}"]
        )
        if self.is_html:  # the badge the chapters show
            certainty["classes"] += ["claim-badge", f"claim-badge-{claim.certainty}"]
        sources = (
            self.citations(claim.sources, docname, claim.evidence) if claim.sources else _none()
        )
        if self.is_html:
            if claim.title:
                number_cell += nodes.inline("", claim.title, classes=["claims-register-title"])
            cells: list[nodes.Node] = [
                number_cell,
                statement,
                kind,
                certainty,
                nodes.Text(claim.attributed_to) if claim.attributed_to else _none(),
                nodes.Text(value_name(attribution_certainty)) if attribution_certainty else _none(),
                sources,
            ]
            cells = [_labelled(name, cell) for (name, _w), cell in zip(COLUMNS, cells, strict=True)]
        else:
            attribution = claim.attributed_to or NONE
            if claim.attributed_to and attribution_certainty:
                attribution += " " + _("(attribution {certainty})").format(
                    certainty=value_name(attribution_certainty))
            cells = [number_cell, statement, kind, certainty, nodes.Text(attribution), sources]
        row = _row(
            cells,
            classes=[f"claim-kind-{claim.kind}", f"claim-certainty-{claim.certainty}"],
        )
        if claim.has_valid_label:
            row["ids"].append(f"register-{claim.label}")
        return row

    def downloads(self, docname: str) -> nodes.paragraph:
        """"Download the register: claims.json · claims.csv", linked relative to *docname*."""
        para = nodes.paragraph(classes=["claims-register-downloads"])
        para += nodes.Text(_("Download the register: "))
        page = self.builder.get_target_uri(docname)
        for position, (filename, what) in enumerate(DOWNLOADS):
            if position:
                para += nodes.Text(" \u00b7 ")
            para += nodes.reference(
                "", filename, refuri=relative_uri(page, filename), classes=["claims-download"]
            )
            para += nodes.Text(f" ({what})")
        para += nodes.Text(".")
        return para

    def citations(
        self, keys: tuple[str, ...], docname: str, evidence: tuple[Evidence, ...] = ()
    ) -> nodes.Element:
        """The claim's sources, each key followed by the locators of the claim's evidence from it.

        With :data:`ONE_CITATION` set, one citation of every key, as an author–date text writes
        it ("(Alpha 2025; Beta 2024, p. 3)", the locators as post-text); else one citation per
        key, separated by "; ", each followed by its locators ("[Beta, 2024] (p. 3)").
        """
        group = nodes.inline(classes=["claims-register-sources"])
        if self.config[ONE_CITATION]:
            targets = []
            for key in keys:
                post = ", ".join(e.locator for e in evidence if e.key == key)
                post = post.replace("{", "(").replace("}", ")")
                targets.append(f"{key}{{{post}}}" if post else key)
            group += self.citation(tuple(targets), docname)
            return group
        for position, key in enumerate(keys):
            if position:
                group += nodes.Text("; ")
            group += self.citation((key,), docname)
            locators = [entry.locator for entry in evidence if entry.key == key]
            if locators:
                text = f" ({'; '.join(locators)})"
                group += nodes.inline("", text, classes=["claims-register-locator"])
        return group

    def citation(self, keys: tuple[str, ...], docname: str) -> nodes.Element:
        """A ``{cite:p}`` of *keys* (citation targets: ``key`` or ``key{post-text}``), resolved
        later by sphinxcontrib-bibtex ("(Xinhua 2021a)")."""
        target = ",".join(keys)
        ref = addnodes.pending_xref(
            target,
            nodes.inline(target, target),
            refdomain="cite",
            reftype="p",
            reftarget=target,
            refdoc=docname,
            refexplicit=False,
            refwarn=True,
        )
        ref.source, ref.line = self.document.get("source"), 0
        return ref

    # --- claims-sources --------------------------------------------------------------------
    def sources_list(self, domain: ClaimDomain, docname: str) -> nodes.Element:
        citing: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
        for claim, number in domain.ordered():
            for key in claim.sources:
                citing[key].append((claim, number))
        result = nodes.definition_list(classes=["claims-sources"])
        for key, entry_nodes, with_label in self.bibliography_entries():
            item = nodes.definition_list_item(ids=[f"claims-source-{nodes.make_id(key)}"])
            definition = nodes.definition()
            entry = nodes.paragraph("", "", *entry_nodes, classes=["claims-source-entry"])
            if with_label:  # "(Xinhua 2021a)", then the entry
                term = nodes.term("", "", self.citation((key,), docname))
                definition += entry
            else:  # the entry begins with its author: it is the heading
                term = nodes.term("", "", *entry.children, classes=["claims-source-entry"])
            cited = nodes.paragraph(classes=["claims-source-claims"])
            if citing.get(key):
                cited += nodes.Text(_("Cited by "))
                for position, (claim, number) in enumerate(citing[key]):
                    if position:
                        cited += nodes.Text(", ")
                    cited += xref.claim_reference(self.builder, docname, claim, number)
                cited += nodes.Text(".")
            else:
                cited += nodes.Text(_("Cited by no claim."))
            definition += cited
            item += [term, definition]
            result += item
        if not len(result):
            return nodes.paragraph("", _("The bibliography is empty."), classes=["claims-sources"])
        return result

    def bibliography_entries(self) -> list[tuple[str, list[nodes.Node], bool]]:
        """Every entry of the book's bibliographies, in bibliography order, formatted, and
        whether its style heads it with a label (:func:`~sphinx_claims.bib.style.labelled`)."""
        bibtex = cast("BibtexDomain", self.env.domains["cite"])
        entries: dict[str, tuple[str, list[nodes.Node], bool]] = {}
        for citation in bibtex.citations:
            bibliography = bibtex.bibliographies[citation.bibliography_key]
            if bibliography.list_ != "citation" or citation.key in entries:
                continue
            entries[citation.key] = (
                citation.key,
                citation.formatted_entry.text.render(bibtex.backend),
                labelled(bibliography.style),
            )
        return list(entries.values())


def _section_id(node: nodes.Node) -> str:
    """The id of the section holding *node* (where the register's "Top" leads), or ``""``."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent["ids"]:
            return str(parent["ids"][0])
        parent = parent.parent
    return ""


def _none() -> nodes.inline:
    """An empty cell's dash (the narrow-screen cards leave such cells out)."""
    return nodes.inline("", NONE, classes=["claims-none"])


def _labelled(name: str, cell: nodes.Node) -> nodes.Element:
    """*cell* preceded by its column's name, which the stylesheet shows only on narrow screens."""
    wrapper = nodes.inline()
    wrapper += nodes.inline("", f"{name}: ", classes=["claims-cell-label"])
    wrapper += cell
    return wrapper


def _row(cells: list[nodes.Node], classes: list[str] | None = None) -> nodes.row:
    row = nodes.row(classes=classes or [])
    for content in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", content)
        row += entry
    return row
