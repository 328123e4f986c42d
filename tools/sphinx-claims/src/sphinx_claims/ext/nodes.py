"""Docutils nodes of the extension: a claim, the two registers, and a print page reference."""

from __future__ import annotations

from docutils import nodes


class claim_node(nodes.General, nodes.Element):
    """One claim: its body as children, its metadata as attributes.

    Attributes: ``label``, ``kind``, ``certainty``, ``attributed_to``, ``as_of``, ``title``,
    ``docname``, ``index`` (position among the document's claims, set by the domain) and
    ``number`` (``"2.3"``, set by :class:`~sphinx_claims.ext.numbering.ClaimNumbers` at write time).
    """


class claim_title(nodes.Part, nodes.TextElement):
    """A claim's title (the directive's argument), the claim's first child.

    A text element with ``rawsource``, source and line, so the gettext builder extracts it and
    Sphinx's ``Locale`` transform replaces it in a translated build; the domain reads the
    (translated) text back into the claim's record.
    """


class claims_register_node(nodes.General, nodes.Element):
    """Placeholder for ``claims-register``: replaced by a table of every claim."""


class claims_sources_node(nodes.General, nodes.Element):
    """Placeholder for ``claims-sources``: replaced by every source with its claims."""


class claim_pageref(nodes.Inline, nodes.Element):
    """``\\pageref`` to a claim in print (attribute ``target``: ``docname:anchor``)."""


class footcite_group(nodes.inline):
    """What one ``{footcite:…}`` role produced, grouped (attributes ``role`` and ``keys``).

    A plain ``inline`` to every writer; it lets a claim tell its citations apart from its
    text, since footnote citations are rendered while the document is parsed.
    """
