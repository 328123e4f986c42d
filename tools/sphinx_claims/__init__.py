"""sphinx-claims: every factual statement in a claim, every claim with a source.

The package is both a Sphinx extension (``extensions = ["sphinx_claims"]``) and the
``sphinx-claims`` citation linter. ``setup()`` only wires; each concept has its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_claims import (
    bibdata,
    directive,
    domain,
    export,
    footcite,
    html,
    jsonld,
    latex,
    nodes,
    numbering,
    plain,
    register,
    xref,
)
from sphinx_claims.lint import rulesdoc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_claims.source_guard")
    app.setup_extension("sphinx_claims.safe_links")
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("builder-inited", bibdata.normalise_bibdata, priority=600)
    app.setup_extension("sphinx_claims.speedups")

    app.add_node(
        nodes.claim_node,
        html=(html.visit_claim, html.depart_claim),
        latex=(latex.visit_claim, latex.depart_claim),
    )
    app.add_node(nodes.claim_pageref, html=(html.skip, None), latex=(latex.visit_pageref, None))
    app.add_node(nodes.claims_register_node)
    app.add_node(nodes.claims_sources_node)
    app.add_role("footcite", footcite.GroupedFootCiteRole(), override=True)
    for name in footcite.DOMAIN_ROLES:
        app.add_role_to_domain("footcite", name, footcite.GroupedFootCiteRole(), override=True)
    app.add_directive("claim", directive.ClaimDirective)
    app.add_directive("claims-register", register.ClaimsRegisterDirective)
    app.add_directive("claims-sources", register.ClaimsSourcesDirective)
    app.add_directive("sphinx-claims-rules", rulesdoc.RulesDirective)
    app.add_domain(domain.ClaimDomain)
    app.add_post_transform(numbering.ClaimNumbers)
    app.add_post_transform(register.FillRegisters)
    app.add_post_transform(plain.PlainClaims)
    app.connect("env-get-updated", domain.on_env_get_updated, priority=900)
    app.connect("missing-reference", xref.resolve_std_ref)
    app.connect("config-inited", html.add_static_path)
    app.add_css_file(html.CSS_FILE)
    app.connect("html-page-context", jsonld.add_to_page)
    app.connect("build-finished", export.write_claims_json)
    app.add_latex_package(latex.PACKAGE)
    app.connect("build-finished", latex.copy_package)
    app.setup_extension("sphinx_claims.chapter_sources")
    app.setup_extension("sphinx_claims.latex_book")
    app.setup_extension("sphinx_claims.latex_rtl")
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 2,
    }
