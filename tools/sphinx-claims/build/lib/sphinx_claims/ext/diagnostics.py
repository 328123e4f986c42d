"""Report rule violations as Sphinx warnings (``type="claims"``, ``subtype=<rule code>``)."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from sphinx_claims import rules

logger = logging.getLogger("sphinx_claims")


def warn(code: str, location: Any, **fields: object) -> None:
    """Log rule *code* with its catalogue message at *location* (a node or ``(docname, line)``)."""
    rule = rules.get(code)
    kind, subtype = rule.sphinx_type
    logger.warning(rule.format(**fields), location=location, type=kind, subtype=subtype)
