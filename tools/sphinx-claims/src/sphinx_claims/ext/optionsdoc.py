"""The ``sphinx-claims-options`` directive: the config values, rendered from the options table.

``docs/adopting.md`` uses it so the reference lists exactly the values ``setup`` registers
(:mod:`sphinx_claims.options`), with their defaults, as the rules page lists the catalogue.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import options


def _with_code(text: str) -> list[nodes.Node]:
    """*text* with its backquoted spans (``code``) as literals."""
    parts = text.split("`")
    return [nodes.literal(text=part) if index % 2 else nodes.Text(part)
            for index, part in enumerate(parts) if part]


class OptionsDirective(SphinxDirective):
    """A definition list: each config value, its default, what changing it rebuilds, its doc."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list(classes=["sphinx-claims-options"])
        for option in options.OPTIONS:
            term = nodes.term(ids=[f"confval-{option.name}"])
            term += nodes.literal(text=option.name)
            term += nodes.Text(" (default ")
            term += nodes.literal(text=option.shown_default)
            term += nodes.Text(")")
            para = nodes.paragraph()
            para.extend(_with_code(option.doc))
            if option.choices:
                para += nodes.Text(" One of: ")
                para.extend(_with_code(", ".join(f"`{choice!r}`" for choice in option.choices)))
                para += nodes.Text(".")
            items += nodes.definition_list_item("", term, nodes.definition("", para))
        self.set_source_info(items)
        return [items]
