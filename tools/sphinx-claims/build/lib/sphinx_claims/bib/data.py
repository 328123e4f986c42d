"""Bridge biblatex data to sphinxcontrib-bibtex's author–year labels.

sphinxcontrib-bibtex builds author–year labels from BibTeX's ``year`` field and prints "n.d." when
it is missing; biblatex entries carry ``date`` instead. After sphinxcontrib-bibtex has parsed the
bib files (its own ``builder-inited`` handler), derive ``year`` from ``date`` where it is absent.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_YEAR = re.compile(r"^\s*(\d{4})")


def derive_years(entries: Any) -> int:
    """Add ``year`` to every entry that has a ``date`` but no ``year``; return how many."""
    added = 0
    for entry in entries.values():
        fields = entry.fields
        if "year" in fields or "date" not in fields:
            continue
        match = _YEAR.match(fields["date"])
        if match:
            fields["year"] = match.group(1)
            added += 1
    return added


def normalise_bibdata(app: Sphinx) -> None:
    """``builder-inited`` handler, connected after sphinxcontrib-bibtex's own."""
    domain = app.env.domains.get("cite")
    if domain is not None:
        derive_years(domain.bibdata.data.entries)
