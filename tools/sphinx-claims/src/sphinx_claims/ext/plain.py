"""Other output formats (text, man, texinfo, …): a claim becomes a plain container."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_claims.ext import compat
from sphinx_claims.ext.i18n import _, value_name
from sphinx_claims.ext.nodes import claim_node, claim_title
from sphinx_claims.writers.heading import heading_of

#: Formats with their own claim rendering (see :mod:`.html` and :mod:`.latex`).
NATIVE_FORMATS = frozenset({"html", "latex"})


class PlainClaims(SphinxPostTransform):
    """Replace each claim by a container: heading paragraph, then the body."""

    default_priority = 200

    def is_supported(self) -> bool:
        # The gettext builder writes no claim: it extracts the messages, the title's too.
        if compat.builder(self.env).name == "gettext":
            return False
        return compat.builder_format(self.env) not in NATIVE_FORMATS

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(claim_node)):
            heading = heading_of(node)
            line = heading.text
            if heading.badge:
                line += f" [{value_name(heading.badge)}]"
            if heading.as_of:
                line += " (" + _("as of") + f" {heading.as_of})"
            box = nodes.container(ids=node["ids"], classes=["claim", f"claim-kind-{heading.kind}"])
            box += nodes.paragraph("", "", nodes.strong("", line))
            if heading.title:
                box += nodes.paragraph("", "", nodes.emphasis("", heading.title))
            box += [child for child in node.children if not isinstance(child, claim_title)]
            node.replace_self(box)
