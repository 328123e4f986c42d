"""A content-addressed cache of per-file scans (ruff keeps one too): unchanged files are not
parsed again.

One pickle in ``.sphinx-claims-cache/`` at the project root maps each file to its scan and the
digests of every file the scan read (the file and its ``{include}`` targets). An entry is used
only when all those digests still match, the displayed path is the same, and the run's
fingerprint (linter source, library versions, MyST settings, rule messages) is unchanged;
``.bib`` entries also expire daily (a urldate can become "in the future"). Project-wide checks
always run on the full set. ``--no-cache`` turns it off; a damaged cache file is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from sphinx_claims import model, rules
from sphinx_claims.lint.bib import BibScan
from sphinx_claims.lint.records import DocumentScan, digest

DIRECTORY = ".sphinx-claims-cache"
_FILE = "scans.pickle"
_FORMAT = 1


def fingerprint(settings: Any) -> str:
    """What every cached scan depends on besides its files."""
    parts: list[str] = [str(_FORMAT), sys.version]
    parts += _versions(("myst_parser", "markdown_it_py", "mdit_py_plugins", "pybtex",
                        "sphinxcontrib_bibtex"))
    package = Path(__file__).resolve().parent
    core = ("rules.py", "model.py", "checks.py", "findings.py", "suppression.py",
            "citation_target.py", "datamodel.py", "bibfile.py")
    for source in sorted([*package.rglob("*.py"), *(package.parent / name for name in core)]):
        parts.append(digest(source.read_bytes()))
    myst = _canonical(settings.myst_values)  # conf.py's values: no need to import myst-parser
    parts += [repr(myst), str(settings.srcdir), repr(sorted(getattr(settings, "literal", ()))),
              repr(sorted(getattr(settings, "suffixes", {}).items())),  # which reader a file gets
              repr(sorted(model.CITATION_ROLES)),
              repr([(r.code, r.message) for r in rules.all_rules()])]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _versions(names: tuple[str, ...]) -> list[str]:
    """``name-version`` of each installed distribution, from its ``.dist-info`` folder's name.

    (What :func:`importlib.metadata.version` reads, without importing it: that costs more than
    a whole run from the cache.)
    """
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry[: -len(".dist-info")].partition("-")
                key = name.lower().replace("-", "_").replace(".", "_")
                if key in names:
                    found.setdefault(key, version)
    return [f"{name}={found.get(name, '?')}" for name in names]


def _canonical(value: object) -> str:
    """A repr that does not depend on hash order (sets and dicts sorted)."""
    if isinstance(value, set | frozenset):
        return repr(sorted(map(_canonical, value)))
    if isinstance(value, dict):
        return repr(sorted((_canonical(k), _canonical(v)) for k, v in value.items()))
    return repr(value)


def _current(path: str) -> str | None:
    try:
        return digest(Path(path).read_bytes())
    except OSError:
        return None


class Cache:
    """Scans from earlier runs, and the ones this run adds."""

    def __init__(self, root: Path | None, key: str) -> None:
        self.file = root / DIRECTORY / _FILE if root is not None else None
        self.key = key
        self.markdown: dict[str, DocumentScan] = {}
        self.bibs: dict[str, BibScan] = {}
        #: What a pybtex style requires, by (style, entry type, fields present): asked once,
        #: so that a cached run imports no pybtex (:mod:`.pybtex_fields`).
        self.fields: dict[tuple[str, str, frozenset[str]], tuple[str, ...]] = {}
        self.changed = False
        if self.file is not None and self.file.is_file():
            try:
                with self.file.open("rb") as handle:
                    data = pickle.load(handle)
                if data.get("key") == key:
                    self.markdown, self.bibs = data["markdown"], data["bibs"]
                    self.fields = data.get("fields", {})
            except Exception:  # a damaged or foreign cache file is just ignored
                self.markdown, self.bibs, self.fields = {}, {}, {}

    def get_markdown(self, file: Path, display: str) -> DocumentScan | None:
        scan = self.markdown.get(str(file.resolve()))
        if scan is None or scan.path != display:
            return None
        if any(_current(path) != known for path, known in scan.inputs.items()):
            return None
        scan.file = file
        return scan

    def put_markdown(self, scan: DocumentScan) -> None:
        if scan.errors or scan.file is None:
            return
        self.markdown[str(scan.file.resolve())] = scan
        self.changed = True

    def get_bib(self, file: Path, display: str, today: dt.date) -> BibScan | None:
        scan = self.bibs.get(str(file.resolve()))
        if scan is None or scan.path != display or scan.today != today:
            return None
        return scan if _current(str(file.resolve())) == scan.digest else None

    def put_bib(self, file: Path, scan: BibScan) -> None:
        if not scan.errors:
            self.bibs[str(file.resolve())] = scan
            self.changed = True

    def save(self) -> None:
        """Write the cache atomically (only if this run added scans)."""
        if self.file is None or not self.changed:
            return
        try:
            self.file.parent.mkdir(exist_ok=True)
            gitignore = self.file.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n")
            data = {"key": self.key, "markdown": self.markdown, "bibs": self.bibs,
                    "fields": self.fields}
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only checkout still lints, just without a cache
