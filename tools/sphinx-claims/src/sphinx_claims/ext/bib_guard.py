"""An in-text citation of an entry the style cannot format is a warning, not a crash.

sphinxcontrib-bibtex catches :class:`~pybtex.style.template.FieldIsMissing` while it formats the
bibliography, but not while it formats an in-text citation: ``{cite:t}`key``` of an entry with
neither author nor title raises out of ``resolve_xref`` and stops the build with "Extension
error". :class:`GuardedBibtexDomain` is sphinxcontrib-bibtex's domain with that one call guarded:
the citation is shown as its key and reported at the citation's line, with the entry's ``.bib``
line in the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import docutils.nodes
from pybtex.exceptions import PybtexError
from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain

from sphinx_claims.ext import bib_locations

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def located_entry(error: Exception, target: str) -> str | None:
    """``file:line`` of the entry the error names, else of the first key in *target* found."""
    named = getattr(getattr(error, "entry", None), "key", None)
    keys = [named] if named else []
    for key in [*keys, *(t.strip() for t in target.split(","))]:
        located = bib_locations.locate(bib_locations.FILTER.bibfiles, key)
        if located:
            return located
    return None


class GuardedBibtexDomain(BibtexDomain):
    """The ``cite`` domain, whose citations never raise on an entry's missing fields."""

    def resolve_xref(  # type: ignore[override]
        self, env: Any, fromdocname: str, builder: Any, typ: str, target: str, node: Any,
        contnode: Any,
    ) -> Any:
        try:
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        except (PybtexError, UnicodeDecodeError) as error:  # a missing field, unreadable LaTeX
            entry = located_entry(error, target)
            # at the citation; a generated citation (the sources page) has no line: at the entry
            where = node if node.line else entry
            logger.warning(
                "cannot show the citation %r: %s%s", target, error,
                f" (entry at {entry})" if entry and where is node else "",
                location=where, type="bibtex", subtype="citation_format",
            )
            result = docutils.nodes.inline(target, target)
            result["classes"].append("bibtex-citation")
            return result


def setup(app: Sphinx) -> dict[str, bool]:
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(GuardedBibtexDomain, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
