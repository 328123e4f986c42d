"""Every page is rewritten when the book's navigation changes, so incremental equals clean.

A theme's sidebar shows the whole table of contents on every page, but Sphinx rewrites only the
pages whose source changed (and those it knows depend on them): after a chapter is added,
removed, renamed or retitled, the other pages kept the old sidebar until a clean build. The
navigation's fingerprint (every toctree's entries and every document's title) is kept in the
environment; when it changes, ``env-get-updated`` lists every document.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ENV_ATTR = "sphinx_claims_navigation"


def fingerprint(env: BuildEnvironment) -> str:
    """A digest of the toctrees' entries, in order, and of every document's title."""
    digest = hashlib.sha256()
    for docname in sorted(env.toctree_includes):
        digest.update(repr((docname, env.toctree_includes[docname])).encode())
    for docname in sorted(env.titles):
        digest.update(repr((docname, env.titles[docname].astext())).encode())
    return digest.hexdigest()


def rewrite_all_on_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every document, if the navigation changed since the last build."""
    current, previous = fingerprint(env), getattr(env, ENV_ATTR, None)
    setattr(env, ENV_ATTR, current)
    if previous is None or previous == current:
        return []
    return sorted(env.all_docs)


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("env-get-updated", rewrite_all_on_change)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
