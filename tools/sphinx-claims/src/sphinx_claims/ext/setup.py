"""The extension's wiring: every node, directive, role, transform and event handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_claims import __version__, options
from sphinx_claims.bib import data as bibdata
from sphinx_claims.ext import (
    cite,
    directive,
    domain,
    footcite,
    nodes,
    numbering,
    optionsdoc,
    plain,
    register,
    rulesdoc,
    xref,
)
from sphinx_claims.outputs import export, jsonld
from sphinx_claims.writers import html, latex

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_claims.ext.i18n")
    app.setup_extension("sphinx_claims.ext.source_guard")
    app.setup_extension("sphinx_claims.ext.safe_links")
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("sphinx_claims.ext.bib_guard")
    app.setup_extension("sphinx_claims.ext.navigation")
    app.connect("builder-inited", bibdata.normalise_bibdata, priority=600)
    app.setup_extension("sphinx_claims.bib.speedups")

    options.register(app)  # every config value (sphinx_claims.options)
    app.add_node(
        nodes.claim_node,
        html=(html.visit_claim, html.depart_claim),
        latex=(latex.visit_claim, latex.depart_claim),
    )
    # The title is read into the claim's record (translated, in a translated build); the boxes
    # show it from there.
    app.add_node(nodes.claim_title, html=(html.skip, None), latex=(html.skip, None))
    app.add_node(nodes.claim_pageref, html=(html.skip, None), latex=(latex.visit_pageref, None))
    # Registered so docutils' generic visitors know it (a {footcite} in a heading reaches the
    # table-of-contents filter); writers render it as the inline it is.
    app.add_node(nodes.footcite_group, html=(html.transparent, html.transparent))
    app.add_node(nodes.claims_register_node)
    app.add_node(nodes.claims_sources_node)
    app.add_role("cite", cite.TolerantCiteRole(), override=True)
    for name in cite.DOMAIN_ROLES:
        app.add_role_to_domain("cite", name, cite.TolerantCiteRole(), override=True)
    app.add_role("footcite", footcite.GroupedFootCiteRole(), override=True)
    for name in footcite.DOMAIN_ROLES:
        app.add_role_to_domain("footcite", name, footcite.GroupedFootCiteRole(), override=True)
    app.add_directive("claim", directive.ClaimDirective)
    app.add_directive("claims-register", register.ClaimsRegisterDirective)
    app.add_directive("claims-sources", register.ClaimsSourcesDirective)
    app.add_directive("sphinx-claims-rules", rulesdoc.RulesDirective)
    app.add_directive("sphinx-claims-options", optionsdoc.OptionsDirective)
    app.add_domain(domain.ClaimDomain)
    app.add_post_transform(numbering.ClaimNumbers)
    app.add_post_transform(register.FillRegisters)
    app.add_post_transform(plain.PlainClaims)
    app.connect("env-get-updated", domain.on_env_get_updated, priority=900)
    app.connect("missing-reference", xref.resolve_std_ref)
    app.setup_extension("sphinx_claims.writers.html")
    app.setup_extension("sphinx_claims.outputs.site_data")
    app.setup_extension("sphinx_claims.outputs.csvfile")
    app.setup_extension("sphinx_claims.ext.search")
    app.connect("html-page-context", jsonld.add_to_page)
    app.connect("build-finished", export.write_claims_json)
    app.add_latex_package(latex.PACKAGE)
    app.connect("build-finished", latex.copy_package)
    app.connect("builder-inited", latex.words_in_language)
    app.setup_extension("sphinx_claims.ext.chapter_sources")
    app.setup_extension("sphinx_claims.ext.translation_checks")
    app.setup_extension("sphinx_claims.ext.editions")
    app.setup_extension("sphinx_claims.ext.bib_labels")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 5,  # 4: claim titles are nodes (translatable); 5: originals kept
    }
