"""What a claim's heading says, shared by every writer so HTML and print cannot disagree.

A :class:`Heading` is a view of a :class:`~sphinx_claims.model.Claim` and its number: it holds
no field of its own, only how the fields are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from docutils.utils.smartquotes import smartyPants

from sphinx_claims import model

__all__ = ["KIND_ICONS", "KIND_NAMES", "SEPARATOR", "Heading", "caption", "heading_of", "kind_name"]

#: Each kind's name in English (:func:`kind_name` gives it in the build's language).
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


def _(message: str) -> str:
    """*message* in the build's language. ``sphinx.locale`` is imported only when a writer asks:
    ``docs/conf.py`` imports this module (:func:`curly`), and so does the linter, which imports
    no Sphinx."""
    from sphinx_claims.ext.i18n import _ as translate

    return str(translate(message))


def value_name(value: str) -> str:
    from sphinx_claims.ext.i18n import value_name as translate

    return translate(value)


def caption(number: str) -> str:
    """How a claim is named in the build's language: ``"Claim 2.3"`` (``"Bewering 2.3"``)."""
    return _("Claim {number}").format(number=number) if number else _("Claim")


def kind_name(kind: str) -> str:
    """A kind's name in the build's language (``"Interpretation"``)."""
    name = KIND_NAMES.get(kind)
    return _(name) if name is not None else kind.capitalize()


@dataclass(frozen=True)
class Heading:
    """The parts of "Claim 2.3 · Interpretation · attributed to A. B." and its badges."""

    claim: model.Claim
    number: str

    @property
    def kind(self) -> str:
        return self.claim.kind

    @property
    def certainty(self) -> str:
        return self.claim.certainty

    @property
    def attributed_to(self) -> str:
        return self.claim.attributed_to or ""

    @property
    def attribution_note(self) -> str:
        """``"(attribution probable)"`` when ``:attribution-certainty:`` is given, else empty."""
        certainty = self.claim.attribution_certainty
        if not (certainty and self.attributed_to):
            return ""
        return _("(attribution {certainty})").format(certainty=value_name(certainty))

    @property
    def attribution(self) -> str:
        """Who the view or the words are attributed to, with how certain that is."""
        return " ".join(part for part in (self.attributed_to, self.attribution_note) if part)

    @property
    def as_of(self) -> str:
        return self.claim.as_of or ""

    @property
    def title(self) -> str:
        return self.claim.title

    @property
    def caption(self) -> str:
        """``"Claim 2.3"`` (just ``"Claim"`` while unnumbered)."""
        return caption(self.number)

    @property
    def kind_name(self) -> str:
        return kind_name(self.kind)

    @property
    def badge(self) -> str:
        """The certainty worth flagging: empty for the default, ``confirmed``."""
        return "" if self.certainty == model.DEFAULT_CERTAINTY else self.certainty

    @property
    def text(self) -> str:
        """The heading as one line of plain text (without badges)."""
        parts = [self.caption, self.kind_name]
        if self.attributed_to:
            parts.append(_("attributed to {who}").format(who=self.attribution))
        return SEPARATOR.join(parts)


def heading_of(node: nodes.Element) -> Heading:
    """The heading of a :class:`~sphinx_claims.ext.nodes.claim_node`."""
    return Heading(node["claim"], node.get("number", ""))


def curly(text: str) -> str:
    """Straight quotes and apostrophes as curly ones (English rules, as in the prose)."""
    return smartyPants(text, "q", "en") if ("'" in text or '"' in text) else text
