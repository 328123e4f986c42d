"""Words and controls that only make sense on the site: the PDF and the EPUB must not have them."""

from __future__ import annotations

#: Compared with the text after straight and curly apostrophes are made the same.
WEB_ONLY_PHRASES = (
    "address keeps your choices",  # the register's filters
    "genindex",                    # Sphinx's name for the HTML index page
    "Copy citation",
    "Cite this page",
    "Copy BibTeX",
    "Permalink",
    "Link to this",                # Sphinx's heading permalinks ("Link to this heading")
    "Link to Claim",               # a claim's permalink mark
    "Download PDF",
    "click",
    "hover",
)


def web_only_phrases_in(text: str) -> list[str]:
    """The phrases of :data:`WEB_ONLY_PHRASES` that *text* contains (case-insensitive)."""
    folded = text.replace("’", "'").casefold()
    return [phrase for phrase in WEB_ONLY_PHRASES if phrase.casefold() in folded]
