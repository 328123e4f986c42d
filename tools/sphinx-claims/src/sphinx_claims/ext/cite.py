"""``{cite:…}`` roles whose malformed target is rule CIT004, not a crash of the build.

sphinxcontrib-bibtex's role parses its target when the role runs and raises ``ValueError`` on a
malformed one (``{cite:p}`{see}```), which stops the build. Here such a role leaves its
``pending_xref`` marked :data:`MALFORMED`, registered nowhere in the bibtex domain; the claims
domain reports CIT004 at its line and replaces it by its text when the document is read
(:func:`sphinx_claims.ext.domain._citations`), so nothing resolves it later.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.roles import CiteRole

#: Node attribute set on a citation whose target does not parse.
MALFORMED = "claims_malformed"
#: Role names under the ``cite`` domain (``cite:p`` …).
DOMAIN_ROLES: tuple[str, ...] = tuple(BibtexDomain._role_names)


class TolerantCiteRole(CiteRole):
    """sphinxcontrib-bibtex's cite role, leaving a malformed target for CIT004."""

    def result_nodes(
        self, document: nodes.document, env: Any, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            list(parse_citation_targets(self.target))
        except ValueError:
            if not node.get("refdomain"):
                node["refdomain"], node["reftype"] = "cite", "p"
            node[MALFORMED] = True
            return [node], []
        return super().result_nodes(document, env, node, is_ref)
