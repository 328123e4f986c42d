"""What the site's script knows: ``_static/sphinx-claims-data.js``, written before any page.

One file for every page, built offline from the domains. ``static/claims.js`` loads it with a
script element (so it works from ``file://`` too), not as a page asset: a page the build did
not rewrite must not name an outdated checksum of it.

``claims``   the records of ``claims.json`` plus the chapter and each source's label, for the
             register's filters and the search page's claim results;
``messages`` the script's own words in the build's language (``{English: translation}``, from
             the extension's catalog; empty in English);
``sources``  per bibliography key: its author–year label, the full reference as HTML, the
             address of its bibliography entry and the claims that cite it ("cited by").

Addresses are relative to the site root; the script resolves them against the page's
``data-content_root``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx_claims.bib.style import labelled
from sphinx_claims.ext.i18n import VALUE_NAMES, _
from sphinx_claims.outputs import export

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from sphinx_claims.ext.domain import ClaimDomain

FILENAME = "sphinx-claims-data.js"
#: Every message ``static/claims.js`` shows (with ``{name}`` placeholders, filled by the script).
SCRIPT_MESSAGES: tuple[str, ...] = (
    "Claim {number}", "Cited by {claims}.", "Cited by no claim.", "Accessed {date}.",
    "Citation copied.", "Copying failed.", "Open the entry \u2192", "Front and back matter",
    "Chapter", "Kind", "Certainty", "Attributed to", "Source", "Book order",
    "Filter the claims", "Search the claims", "All", "Sort by", "Show all", "Show all claims",
    "No claims match these filters.", "Showing all {total} claims.",
    "Showing {shown} of {total} claims.", "Claims ({count})", "Claims: none found",
)


def messages() -> dict[str, str]:
    """The script's messages and the option values, where the build's language differs."""
    found = {message: str(_(message)) for message in SCRIPT_MESSAGES}
    found |= {value: str(name) for value, name in VALUE_NAMES.items()}
    return {message: text for message, text in found.items() if text != message}
GLOBAL = "sphinxClaimsData"


def source_entries(env: BuildEnvironment, builder: Builder) -> dict[str, dict[str, Any]]:
    """Every entry of the book's bibliographies, by key: label, reference and its address."""
    bibtex = cast("BibtexDomain", env.domains["cite"])
    entries: dict[str, dict[str, Any]] = {}
    for citation in bibtex.citations:
        if bibtex.bibliographies[citation.bibliography_key].list_ != "citation":
            continue
        if citation.key in entries:
            continue
        docname = citation.bibliography_key.docname
        style = bibtex.bibliographies[citation.bibliography_key].style
        entries[citation.key] = {
            "label": citation.formatted_entry.label,
            # An author–date entry starts with what the label says: previews leave it out.
            "labelled": labelled(style),
            "html": citation.formatted_entry.text.render_as("html"),
            "url": f"{builder.get_target_uri(docname)}#{citation.citation_id}",
            "cited_by": [],
        }
    return entries


def chapter_of(number: str) -> str:
    """``"2"`` for claim ``"2.7"``; ``""`` for front and back matter (numbers without a dot)."""
    head, dot, _ = number.partition(".")
    return head if dot else ""


def site_data(env: BuildEnvironment, builder: Builder) -> dict[str, Any]:
    sources = source_entries(env, builder)
    claims = []
    for record in export.claim_records(env, builder):
        chapter = chapter_of(record["number"])
        title = env.titles.get(record["docname"])
        claims.append(
            {
                **record,
                "attribution_certainty": record.get("attribution_certainty"),
                "chapter": chapter,
                "chapter_title": title.astext() if title is not None else "",
                "source_labels": [
                    sources[key]["label"] if key in sources else key for key in record["sources"]
                ],
            }
        )
        for key in record["sources"]:
            if key in sources:
                sources[key]["cited_by"].append(
                    {"number": record["number"], "url": record["url"]}
                )
    order = {claim.label: i for i, (claim, _number) in enumerate(_domain(env).ordered())}
    claims.sort(key=lambda claim: order.get(claim["label"], len(order)))
    return {"claims": claims, "sources": sources, "messages": messages()}


def _domain(env: BuildEnvironment) -> ClaimDomain:
    return cast("ClaimDomain", env.domains["claim"])


def script(data: dict[str, Any]) -> str:
    return f"window.{GLOBAL} = {export.inert_json(data, indent=1)};\n"


def write_site_data(app: Sphinx, builder: Builder) -> None:
    """``write-started``: write the data file before the pages that load it."""
    if not export.is_html(builder):
        return
    static = builder.outdir / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / FILENAME).write_text(script(site_data(app.env, builder)), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("write-started", write_site_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
