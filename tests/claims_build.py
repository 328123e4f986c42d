"""Build a ``tests/roots/test-claims*`` root in a scratch copy with ``sphinx.testing``.

Shared by the claim extension's tests (test_directive, test_domain, test_register, test_export).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"


@dataclass
class Built:
    srcdir: Path
    outdir: Path
    warnings: str
    env: Any
    statuscode: int

    def claims_json(self) -> list[dict[str, Any]]:
        return json.loads((self.outdir / "claims.json").read_text(encoding="utf-8"))

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def copy_root(name: str, dest: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to *dest* (created) and return it."""
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    parallel: int = 0,
    fresh: bool = False,
    confoverrides: dict[str, Any] | None = None,
    builddir: Path | None = None,
    **kwargs: Any,
) -> Built:
    """Build *srcdir* (into ``srcdir/_build`` unless *builddir*) and collect the warnings."""
    warning = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir or srcdir / "_build",
        freshenv=fresh,
        confoverrides=confoverrides,
        status=StringIO(),
        warning=warning,
        parallel=parallel,
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = strip_escape_sequences(warning.getvalue())
    return Built(srcdir, Path(app.outdir), warnings, app.env, app.statuscode)
