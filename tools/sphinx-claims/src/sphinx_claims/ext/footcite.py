"""``{footcite:…}`` roles whose output is grouped in a :class:`~.nodes.footcite_group`."""

from __future__ import annotations

from docutils import nodes
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain
from sphinxcontrib.bibtex.foot_roles import FootCiteRole

from sphinx_claims.ext.nodes import footcite_group

#: Role names under the ``footcite`` domain (``footcite:p`` …).
DOMAIN_ROLES: tuple[str, ...] = tuple(BibtexFootDomain._role_names)


class GroupedFootCiteRole(FootCiteRole):
    """sphinxcontrib-bibtex's footcite role, its nodes wrapped in one group node."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        result, messages = super().run()
        keys = [key.strip() for key in self.text.split(",")]
        group = footcite_group("", "", *result, role=self.name, keys=keys)
        self.set_source_info(group)
        return [group], messages
