"""HTML: a box per claim kind, its heading, its certainty, a permalink and "copy citation".

Every claim shows its certainty (``confirmed`` too) as a labelled badge; the certainty of its
attribution, when given, is a second, differently drawn badge beside the name it qualifies. The
first claim of a page is preceded by a legend that links to the book's "how to read" page
(``claims_how_to_read``). The script (``static/claims.js``) copies a claim's citation, previews
references and drives the register's filters; without it the page reads the same. A claim's
``:evidence:`` (the supporting passage of each source and where it is) closes the box in a
``<details>`` disclosure, shut until the reader opens it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.i18n import format_date

from sphinx_claims import model, options
from sphinx_claims.ext.i18n import _, either, value_name
from sphinx_claims.writers.heading import KIND_ICONS, caption, curly, heading_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

STATIC = Path(__file__).parent / "static"
CSS_FILE = "claims.css"
#: Layout rules for the web site only (``:has()``, which EPUB's CSS does not allow).
SITE_CSS_FILE = "claims-site.css"
JS_FILE = "claims.js"
#: Translator attribute: the page's legend has been written.
_LEGEND_DONE = "_sphinx_claims_legend_done"


def citation_prefix(config: Config, number: str, label: str) -> str:
    """The build-time part of a claim's citation; the script adds its URL and access date.

    ``Authors. Year. Title. Version V. Claim N (label L).`` (Chicago author-date) from the
    Sphinx config (``author``, ``html_title`` or ``project``, ``release``); the year is the
    build's (``SOURCE_DATE_EPOCH`` when set, as for Sphinx's ``today``).
    """
    title = curly(getattr(config, "html_title", None) or config.project)  # as CITATION.cff
    year = format_date("%Y", language=getattr(config, "language", None) or "en")
    parts = [f"{curly(config.author)}.", f"{year}.", f"{title}.",
             _("Version {release}.").format(release=config.release)]
    parts.append(_("{claim} (label {label}).").format(claim=caption(number), label=label))
    return " ".join(parts)


def how_to_read_uri(self: HTML5Translator) -> str:
    """Relative link from the page being written to ``claims_how_to_read`` (or ``""``)."""
    target = self.builder.config.claims_how_to_read
    if not target:
        return ""
    docname, _, anchor = target.partition("#")
    uri = self.builder.get_relative_uri(self.builder.current_docname, docname)
    return f"{uri}#{anchor}" if anchor else uri


def legend_html(self: HTML5Translator) -> str:
    """The key to the badges, once per page, linking to "how to read"."""
    link = how_to_read_uri(self)
    more = f' <a href="{link}">{_("How to read the claims")}</a>.' if link else ""
    certainty = _("how far the claim itself is established: {values}.")
    attribution = _("how sure it is who holds the view or wrote the words: {values}.")
    return (
        '<p class="claims-legend">'
        f'<span class="claim-badge claim-badge-legend">{_("Certainty")}</span> '
        f"{certainty.format(values=either(model.CERTAINTIES))} "
        f'<span class="claim-attribution-badge">{_("Attribution")}</span> '
        f"{attribution.format(values=either(model.ATTRIBUTION_CERTAINTIES))}{more}</p>\n"
    )


def certainty_html(enc: Any, certainty: str) -> str:
    return (
        f'<span class="claim-badge claim-badge-{enc(certainty)}">'
        f'<span class="claim-facet">{_("Certainty")} </span>{enc(value_name(certainty))}</span>'
    )


def attribution_html(enc: Any, attributed_to: str, attribution_certainty: str) -> str:
    parts = [
        '<span class="claim-sep"> \u00b7 </span>',
        f'<span class="claim-attribution">{_("attributed to")} ',
        f'<span class="claim-attributed-to">{enc(attributed_to)}</span>',
    ]
    if attribution_certainty:
        value = enc(attribution_certainty)
        parts.append(
            f' <span class="claim-attribution-badge claim-attribution-{value}">'
            f'<span class="claim-facet">{_("Attribution")} </span>'
            f"{enc(value_name(attribution_certainty))}</span>"
        )
    parts.append("</span>")
    return "".join(parts)


def claim_field(node: nodes.Element, heading: Any, name: str) -> str:
    """A field of the claim behind *heading* (the claim model), else the node's attribute."""
    claim = getattr(heading, "claim", None)
    value = getattr(claim, name, None) if claim is not None else node.get(name)
    return value or ""


def visit_claim(self: HTML5Translator, node: nodes.Element) -> None:
    heading = heading_of(node)
    anchor = node["ids"][0] if node["ids"] else ""
    heading_id = f"{anchor}-heading"
    if not getattr(self, _LEGEND_DONE, False):
        setattr(self, _LEGEND_DONE, True)
        if self.builder.config.claims_legend:
            self.body.append(legend_html(self))
    # An untranslated claim of a translated build: its text is in the sources' language (the
    # box says so); the box's own words are in the build's.
    untranslated = bool(node.get("untranslated"))
    attributes = {"aria-labelledby": heading_id}
    own = ""
    if untranslated:
        attributes["lang"] = self.config.claims_source_language
        own = f' lang="{self.config.language}"'
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS=f"claim-kind-{heading.kind} claim-certainty-{heading.certainty}"
            + " claim-untranslated" * untranslated,
            role="note",
            **attributes,
        )
    )
    enc = self.encode
    # Sphinx's own switch for permalinks (off in e-books, where a link to itself is no use):
    # the claim's link mark, "Permalink" and "Copy citation" follow it.
    links = bool(anchor) and self.config.html_permalinks and self.builder.add_permalinks
    parts = [
        f'<p class="claim-heading" id="{heading_id}"{own}>',
        f'<span class="claim-icon" aria-hidden="true">{KIND_ICONS.get(heading.kind, "")}</span>',
        f'<span class="claim-number">{enc(heading.caption)}</span>',
        '<span class="claim-sep"> \u00b7 </span>',
        f'<span class="claim-kind">{enc(heading.kind_name)}</span>',
    ]
    if heading.attributed_to:
        parts.append(
            attribution_html(
                enc, heading.attributed_to, claim_field(node, heading, "attribution_certainty")
            )
        )
    if links:
        parts.append(
            f'<a class="headerlink" href="#{anchor}" '
            f'title="{enc(_("Link to {claim}").format(claim=heading.caption))}">\u00b6</a>'
        )
    parts.append("</p>\n")
    parts.append(f'<p class="claim-meta"{own}>')
    parts.append(certainty_html(enc, heading.certainty))
    parts.append(edition_badge_html(self, node))
    if heading.as_of:
        parts.append(
            f' <span class="claim-as-of">{_("as of")} <time datetime="{enc(heading.as_of)}">'
            f"{enc(heading.as_of)}</time></span>"
        )
    label = claim_field(node, heading, "label")
    if links and label:
        cite = citation_prefix(self.builder.config, heading.number, label)
        parts.append(
            f' <a class="claim-permalink" href="#{anchor}">{_("Permalink")}</a>'
            ' <button type="button" class="claim-copy" hidden="hidden" '
            f'data-citation="{enc(cite)}" data-anchor="{anchor}">{_("Copy citation")}</button>'
            '<span class="claim-copy-status" role="status"></span>'
        )
    parts.append("</p>\n")
    if untranslated:
        parts.append(f'<p class="claim-untranslated-note"{own}>'
                     f'{_("Not yet translated: this claim is shown in English.")}</p>\n')
    if heading.title:
        parts.append(f'<p class="claim-title">{enc(heading.title)}</p>\n')
    self.body.append("".join(parts))


def edition_badge_html(self: HTML5Translator, node: nodes.Element) -> str:
    """"New since 0.1" / "Changed in 0.2": a link to the claim's changelog entry (or ``""``)."""
    status = node.get("edition_status")
    page = self.config.claims_changes_page
    if not status or not page:
        return ""
    word = "New" if status["status"] == "new" else "Changed"
    when = f"in {status['edition']}" if status["released"] else f"since {status['since']}"
    uri = self.builder.get_relative_uri(self.builder.current_docname, page)
    enc = self.encode
    return (f' <a class="claim-edition-badge claim-edition-{enc(status["status"])}" '
            f'href="{enc(uri)}#{enc(status["fragment"])}" '
            f'title="What changed, in the changelog">{enc(word)} {enc(when)}</a>')


def evidence_html(enc: Any, evidence: tuple[model.Evidence, ...]) -> str:
    """The claim's evidence behind a disclosure: closed until the reader opens it."""
    if not evidence:
        return ""
    items = "".join(
        f'<li><cite class="claim-evidence-source">{enc(entry.key)}</cite>, '
        f'<span class="claim-evidence-locator">{enc(entry.locator)}</span>: '
        f'<q class="claim-evidence-passage">{enc(entry.passage)}</q></li>'
        for entry in evidence
    )
    count = (_("{n} passage") if len(evidence) == 1 else _("{n} passages")).format(n=len(evidence))
    summary = _("Evidence ({count})").format(count=count)
    return (
        f'<details class="claim-evidence"><summary>{summary}</summary>'
        f'<ul class="claim-evidence-list">{items}</ul></details>\n'
    )


def depart_claim(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(evidence_html(self.encode, heading_of(node).claim.evidence))
    self.body.append("</div>\n")


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def transparent(self: object, node: nodes.Element) -> None:
    """Write no tag of the node's own (its children are written as they are)."""


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: serve ``static/`` (stylesheet and script) with the book."""
    config.html_static_path.append(str(STATIC))


def add_site_css(app: Sphinx) -> None:
    """``builder-inited``: the site-only stylesheet, for every HTML builder but the EPUB ones."""
    if app.builder.name.startswith("epub"):
        app.config.epub_exclude_files = [*app.config.epub_exclude_files,
                                         f"_static/{SITE_CSS_FILE}"]
    elif app.builder.format == "html":
        app.add_css_file(SITE_CSS_FILE)


def setup(app: Sphinx) -> dict[str, Any]:
    """The HTML side's assets and settings (nodes are registered by the extension's setup)."""
    options.register(app, "claims_how_to_read", "claims_legend")
    app.connect("config-inited", add_static_path)
    app.add_css_file(CSS_FILE)
    app.connect("builder-inited", add_site_css)
    app.add_js_file(JS_FILE, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
