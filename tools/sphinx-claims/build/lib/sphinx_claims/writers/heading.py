"""What a claim's heading says, shared by every writer so HTML and print cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes

from sphinx_claims import spec

KIND_NAMES: dict[str, str] = {
    "fact": "Fact",
    "interpretation": "Interpretation",
    "assessment": "Assessment",
    "quotation": "Quotation",
}
#: A glyph per kind, shown next to the kind's name (never instead of it).
KIND_ICONS: dict[str, str] = {
    "fact": "\u25a0",  # black square
    "interpretation": "\u25d0",  # circle with left half black
    "assessment": "\u25b2",  # black up-pointing triangle
    "quotation": "\u275d",  # heavy double turned comma quotation mark
}
SEPARATOR = " \u00b7 "


@dataclass(frozen=True)
class Heading:
    """The parts of "Claim 2.3 · Interpretation · attributed to A. B." and its badges."""

    number: str
    kind: str
    attributed_to: str
    certainty: str
    as_of: str
    title: str

    @property
    def caption(self) -> str:
        """``"Claim 2.3"`` (just ``"Claim"`` while unnumbered)."""
        return caption(self.number)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind.capitalize())

    @property
    def badge(self) -> str:
        """The certainty worth flagging: empty for the default, ``confirmed``."""
        return "" if self.certainty == spec.DEFAULT_CERTAINTY else self.certainty

    @property
    def text(self) -> str:
        """The heading as one line of plain text (without badges)."""
        parts = [self.caption, self.kind_name]
        if self.attributed_to:
            parts.append(f"attributed to {self.attributed_to}")
        return SEPARATOR.join(parts)


def caption(number: str) -> str:
    """How a claim is named in text and cross-references: ``"Claim 2.3"``."""
    return f"Claim {number}" if number else "Claim"


def heading_of(node: nodes.Element) -> Heading:
    """The heading of a :class:`~sphinx_claims.ext.nodes.claim_node`."""
    return Heading(
        number=node.get("number", ""),
        kind=node.get("kind", spec.DEFAULT_KIND),
        attributed_to=node.get("attributed_to") or "",
        certainty=node.get("certainty", spec.DEFAULT_CERTAINTY),
        as_of=node.get("as_of") or "",
        title=node.get("title") or "",
    )
