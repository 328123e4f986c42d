"""HTML: a box per claim kind, its heading with badges and a permalink, and the stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_claims.writers.heading import KIND_ICONS, heading_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

STATIC = Path(__file__).parent / "static"
CSS_FILE = "claims.css"


def visit_claim(self: HTML5Translator, node: nodes.Element) -> None:
    heading = heading_of(node)
    anchor = node["ids"][0] if node["ids"] else ""
    heading_id = f"{anchor}-heading"
    self.body.append(
        self.starttag(
            node,
            "div",
            CLASS=f"claim-kind-{heading.kind} claim-certainty-{heading.certainty}",
            role="note",
            **{"aria-labelledby": heading_id},
        )
    )
    enc = self.encode
    parts = [
        f'<p class="claim-heading" id="{heading_id}">',
        f'<span class="claim-icon" aria-hidden="true">{KIND_ICONS.get(heading.kind, "")}</span>',
        f'<span class="claim-number">{enc(heading.caption)}</span>',
        '<span class="claim-sep"> \u00b7 </span>',
        f'<span class="claim-kind">{enc(heading.kind_name)}</span>',
    ]
    if heading.attributed_to:
        parts += [
            '<span class="claim-sep"> \u00b7 </span>',
            '<span class="claim-attribution">attributed to ',
            f'<span class="claim-attributed-to">{enc(heading.attributed_to)}</span>',
        ]
        if heading.attribution_note:
            parts.append(
                f' <span class="claim-attribution-certainty">{enc(heading.attribution_note)}</span>'
            )
        parts.append("</span>")
    if heading.badge:
        parts.append(
            f' <span class="claim-badge claim-badge-{heading.badge}">{enc(heading.badge)}</span>'
        )
    if heading.as_of:
        parts.append(
            f' <span class="claim-as-of">as of <time datetime="{enc(heading.as_of)}">'
            f"{enc(heading.as_of)}</time></span>"
        )
    if anchor:
        parts.append(
            f'<a class="headerlink" href="#{anchor}" '
            f'title="Link to {enc(heading.caption)}">\u00b6</a>'
        )
    parts.append("</p>\n")
    if heading.title:
        parts.append(f'<p class="claim-title">{enc(heading.title)}</p>\n')
    self.body.append("".join(parts))


def depart_claim(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: serve ``static/claims.css`` with the book."""
    config.html_static_path.append(str(STATIC))
