"""A register to compare: a ``claims.json`` file, or ``git:REV`` — that revision's sources
exported by the linter (``sphinx-claims export``, no Sphinx build)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from sphinx_claims.editions.history import EditionError, read_records

GIT_PREFIX = "git:"


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise EditionError(f"git: cannot run: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise EditionError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout


def export_revision(revision: str, cwd: Path) -> list[dict[str, Any]]:
    """The register of *revision*'s sources (the project found from *cwd* in that tree)."""
    from sphinx_claims.lint import config, export

    top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    inside = cwd.resolve().relative_to(top.resolve())
    archive = _git(cwd, "archive", "--format=tar", f"{revision}")
    with tempfile.TemporaryDirectory(prefix="sphinx-claims-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        where = Path(folder) / inside
        try:
            settings = config.load(where)
        except config.ConfigError as error:
            raise EditionError(f"{GIT_PREFIX}{revision}: {error}") from None
        found, errors = export.records(settings)
    if errors:
        raise EditionError(f"{GIT_PREFIX}{revision}: {errors[0]}")
    return found


def read(spec: str, cwd: Path) -> list[dict[str, Any]]:
    """The register *spec* names: ``git:REV`` or a path (relative to *cwd*)."""
    if spec.startswith(GIT_PREFIX):
        return export_revision(spec[len(GIT_PREFIX):], cwd)
    path = Path(spec)
    if not path.is_absolute() and cwd.resolve() != Path.cwd().resolve():
        path = cwd / path
    return read_records(path)
