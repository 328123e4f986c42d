"""The ``claim`` directive: validate the options, parse the body, note what it cites."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import spec
from sphinx_claims.ext import citations, diagnostics
from sphinx_claims.ext.domain import Claim
from sphinx_claims.ext.nodes import claim_node

#: ``env.temp_data`` key: labels of the claims being parsed (to spot nesting).
_STACK = "sphinx_claims_stack"


class ClaimDirective(SphinxDirective):
    """``:::{claim} Optional title`` with ``:label:``, ``:kind:`` … and a MyST body."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = spec.OPTION_SPEC

    def run(self) -> list[nodes.Node]:
        options = {name: (value or "") for name, value in self.options.items()}
        label = options.get("label", "").strip()
        kind = options.get("kind", "").strip() or spec.DEFAULT_KIND
        certainty = options.get("certainty", "").strip() or spec.DEFAULT_CERTAINTY
        attributed_to = options.get("attributed-to", "").strip() or None
        as_of = options.get("as-of", "").strip() or None
        title = self.arguments[0].strip() if self.arguments else ""
        valid = bool(spec.LABEL_RE.fullmatch(label))

        node = claim_node(
            "",
            label=label,
            kind=kind if kind in spec.KINDS else spec.DEFAULT_KIND,
            certainty=certainty if certainty in spec.CERTAINTIES else spec.DEFAULT_CERTAINTY,
            attributed_to=attributed_to,
            as_of=as_of,
            title=title,
            docname=self.env.docname,
            classes=["claim"],
        )
        anchor = f"claim-{label}" if valid else nodes.make_id(f"claim-{label or 'unlabelled'}")
        if not valid:
            anchor = f"{anchor}-{self.env.new_serialno('sphinx-claims-invalid')}"
        node["ids"].append(anchor)
        self.set_source_info(node)

        for problem in spec.check_options(options):
            diagnostics.warn(problem.code, node, **problem.fields)
        stack: list[str] = self.env.temp_data.setdefault(_STACK, [])  # type: ignore[assignment]
        if stack:
            diagnostics.warn("CLM007", node, label=label or "?", parent=stack[-1] or "?")
        stack.append(label)
        try:
            self.state.nested_parse(self.content, self.content_offset, node)
        finally:
            stack.pop()

        text = citations.plain_text(node.children)
        sources = citations.cited_keys(node.children)
        if not text and not sources:
            diagnostics.warn("CLM002", node, label=label or "?")
        elif not sources:
            diagnostics.warn("CLM001", node, label=label or "?")
        node["claim"] = Claim(
            label=label,
            anchor=anchor,
            docname=self.env.docname,
            line=self.lineno,
            kind=node["kind"],
            certainty=node["certainty"],
            attributed_to=attributed_to,
            as_of=as_of,
            title=title,
            text=text,
            sources=tuple(sources),
        )
        return [node]

