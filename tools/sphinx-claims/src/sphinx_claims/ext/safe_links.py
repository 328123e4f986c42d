"""Links that could run code in a reader's browser or PDF viewer are built as plain text.

A bibliography is outside data: a ``url`` field of ``javascript:alert(1)`` would otherwise become
a clickable link in the HTML and the PDF. Last of all (``doctree-resolved`` at a late priority,
so also for links that sphinxcontrib-bibtex and other handlers build from bib fields), a link
whose URL has a scheme outside
:data:`SAFE_SCHEMES` keeps its text, loses its target, and is reported with its location.
``sphinx-claims check`` flags such a url in the .bib file as BIB007. The machine-readable
outputs apply the same policy through :func:`safe_url`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.util import logging

from sphinx_claims.ext import bib_locations

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
WARNING_TYPE = ("source", "unsafe-link")
# Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and spaces at its ends,
# so "java\tscript:" is "javascript:".
_IGNORED = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))


def scheme(uri: str) -> str:
    """The URL scheme of *uri* as a browser reads it, lowercased ('' for a relative URL)."""
    cleaned = _IGNORED.sub("", uri).strip(_EDGES)
    if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", cleaned):
        return ""
    return urlsplit(cleaned).scheme.lower()


def is_safe(uri: str) -> bool:
    found = scheme(uri)
    return not found or found in SAFE_SCHEMES


def safe_url(uri: str | None) -> str | None:
    """The link policy of every output: *uri* if a reader may follow it, else None.

    The HTML and LaTeX writers get it through :func:`neutralise_unsafe_links`; the
    machine-readable outputs (JSON-LD, ``claims.json``, exports) call it for each URL they
    publish, so that a ``javascript:`` URL in a ``.bib`` field is nowhere a link.
    """
    return uri if uri is not None and is_safe(uri) else None


def _bib_entry_location(app: Sphinx, uri: str) -> str | None:
    """``file:line`` of the ``.bib`` entry a generated link's URL comes from, if any."""
    bibdata = getattr(app.env.domains.get("cite"), "bibdata", None)
    if bibdata is None:
        return None
    for entry in bibdata.data.entries.values():
        if any(uri in value for value in entry.fields.values()):
            return bib_locations.locate(bib_locations.FILTER.bibfiles, entry.key)
    return None


def neutralise_unsafe_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace every ``reference`` with an unsafe ``refuri`` by its text.

    A link written in a page is reported at its line; one built from a ``.bib`` field (a
    bibliography entry, a footnote, a tooltip: no line of its own) once, at the entry.
    """
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri is None or safe_url(uri) is not None:
            continue
        location: Any = ref if ref.line else _bib_entry_location(app, uri) or docname
        logger.warning(
            "link to %r removed: URL scheme %r is not one of %s", uri[:80], scheme(uri),
            ", ".join(sorted(SAFE_SCHEMES)), location=location,
            type=WARNING_TYPE[0], subtype=WARNING_TYPE[1], once=not ref.line,
        )
        ref.replace_self(nodes.inline("", "", *ref.children, classes=["unsafe-link"]))


def setup(app: Sphinx) -> dict[str, bool]:
    # After every other handler (default priority 500) that may add links from bib data.
    app.connect("doctree-resolved", neutralise_unsafe_links, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
