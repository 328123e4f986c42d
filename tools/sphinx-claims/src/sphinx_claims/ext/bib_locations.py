"""Bibliography warnings point at the ``.bib`` entry, not at the page holding the bibliography.

sphinxcontrib-bibtex reports an entry its style cannot format ("missing title in X") at the line
of the ``bibliography`` directive, and pybtex's data errors (a repeated entry) at no line at all.
The author has to fix the ``.bib`` file, so both are moved to ``refs.bib:LINE`` of the entry.
An unknown key cited by a claim is reported at the citation; the copy of that citation which
the register builds (no line of its own) is not reported again.
pybtex keeps no positions: the files are read again by pybtex's parser with lines
(:func:`sphinx_claims.bibfile.read`, the linter's reading too), only when a warning needs them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils.nodes import Node

from sphinx_claims import bibfile

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The loggers (``sphinx.`` + module name) whose warnings name an entry.
LOGGERS = (
    "sphinx.sphinxcontrib.bibtex.domain",
    "sphinx.sphinx_claims.bib.style",
    "sphinx.sphinx_claims.ext.source_guard",
)
#: subtype → where the warning's message names the entry's key (``last``: a repetition).
MOVED: dict[str, re.Pattern[str]] = {
    "missing_field": re.compile(r"^missing \S+ in (?P<key>.+)$"),
    "format_error": re.compile(r"^cannot format (?P<key>\S+):"),
    "unknown_type": re.compile(r" in (?P<key>\S+) \(formatted as @misc\)$"),
}

_positions: dict[tuple[str, int, int], dict[str, list[int]]] = {}


def entry_lines(path: Path) -> dict[str, list[int]]:
    """Lowercased entry key → the lines its entries start at in *path* (more than one: repeated).

    Cached per file version (path, mtime, size).
    """
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    if stamp not in _positions:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        lines: dict[str, list[int]] = {}
        for entry in bibfile.read(text.replace("\r\n", "\n").replace("\r", "\n")).entries:
            lines.setdefault(entry.key.lower(), []).append(entry.line)
        _positions.clear()  # one version of each file is enough; usually one file
        _positions[stamp] = lines
    return _positions[stamp]


def locate(bibfiles: list[Path], key: str, *, last: bool = False) -> str | None:
    """``"file:line"`` of the entry *key* in the first of *bibfiles* that holds it."""
    for path in bibfiles:
        found = entry_lines(path).get(key.lower())
        if found:
            return f"{path}:{found[-1] if last else found[0]}"
    return None


def _generated(location: object) -> bool:
    """Whether *location* is a node a transform made (no line): the register's citations."""
    return isinstance(location, Node) and not location.line


class BibLocationFilter(logging.Filter):
    """Moves the location of an entry's warning to the entry (``file:line``)."""

    def __init__(self) -> None:
        super().__init__()
        self.bibfiles: list[Path] = []

    def filter(self, record: logging.LogRecord) -> bool:
        subtype = getattr(record, "subtype", None) or ""
        if subtype == "key_not_found" and _generated(getattr(record, "location", None)):
            return False  # a copy, in the register, of a citation already reported at its line
        pattern = MOVED.get(subtype)
        if pattern is None or not self.bibfiles:
            return True
        match = pattern.search(record.getMessage())
        if match is not None:
            found = match.groupdict()
            key = found.get("key") or found.get("last")
            location = locate(self.bibfiles, key or "", last=bool(found.get("last")))
            if location is not None:
                record.location = location  # a "file:line" string is used as it is
        return True


FILTER = BibLocationFilter()


def follow_bibfiles(app: Sphinx) -> None:
    """``builder-inited`` (after sphinxcontrib-bibtex parsed): the files this build reads."""
    bibdata: Any = getattr(app.env.domains.get("cite"), "bibdata", None)
    FILTER.bibfiles = list(bibdata.bibfiles) if bibdata is not None else []


def setup(app: Sphinx) -> dict[str, bool]:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if FILTER not in logger.filters:
            logger.addFilter(FILTER)
    app.connect("builder-inited", follow_bibfiles, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
