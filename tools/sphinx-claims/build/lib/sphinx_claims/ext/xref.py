"""Links to claims: "Claim 2.3", and in print "Claim 2.3 (p. 41)"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_claims.ext.nodes import claim_pageref
from sphinx_claims.writers.heading import caption

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_claims.ext.domain import Claim, ClaimDomain


def claim_reference(
    builder: Builder,
    fromdocname: str,
    claim: Claim,
    number: str,
    contnode: nodes.Element | None = None,
    explicit: bool = False,
) -> nodes.Element:
    """A link to *claim*: its caption (or *contnode* when the author gave the text).

    In LaTeX output an implicit reference also gets the page: "Claim 2.3 (p. 41)" — unless
    ``latex_show_pagerefs`` is on, where Sphinx already prints "(page 41)" after every link.
    """
    if explicit and contnode is not None:
        inner: nodes.Element = contnode
    else:
        classes = contnode["classes"] if contnode is not None else []
        inner = nodes.inline("", caption(number), classes=[*classes, "claim-caption"])
    title = f"{caption(number)}: {claim.display_title}"
    ref = make_refnode(builder, fromdocname, claim.docname, claim.anchor, inner, title)
    if builder.format != "latex" or explicit or builder.config.latex_show_pagerefs:
        return ref
    return nodes.inline(
        "",
        "",
        ref,
        nodes.Text(" (p.\u00a0"),
        claim_pageref("", target=f"{claim.docname}:{claim.anchor}"),
        nodes.Text(")"),
        classes=["claim-xref"],
    )


def resolve_std_ref(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """``missing-reference``: let ``{ref}`label``` reach claims, which are not std labels."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    domain = cast("ClaimDomain", env.domains["claim"])
    found = domain.by_label().get(node["reftarget"])
    if found is None:
        return None
    claim, number = found
    builder: Any = app.builder
    return claim_reference(
        builder, node["refdoc"], claim, number, contnode, bool(node.get("refexplicit"))
    )
