"""The linter's findings are the core's (:mod:`sphinx_claims.findings`); kept for its imports."""

from sphinx_claims.findings import Finding, make

__all__ = ["Finding", "make"]
