"""What differs between the Sphinx releases the extension supports (7.2 to 9.x).

Sphinx 8 made ``BuildEnvironment.doc2path`` return a path; Sphinx 7 returns a string.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def doc_path(env: BuildEnvironment, docname: str, base: bool = True) -> Path:
    """The file of *docname* (absolute, or relative to the source directory if not *base*)."""
    return Path(env.doc2path(docname, base))


def builder(env: BuildEnvironment) -> Builder:
    """The running builder, as Sphinx's own post-transforms reach it: ``env._app`` since Sphinx
    8.2 (``SphinxTransform.app`` is deprecated in Sphinx 9), ``env.app`` before."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def builder_format(env: BuildEnvironment) -> str:
    """The running builder's output format (``env._builder_cls`` since Sphinx 8.2)."""
    cls = getattr(env, "_builder_cls", None)
    return cls.format if cls is not None else env.app.builder.format
