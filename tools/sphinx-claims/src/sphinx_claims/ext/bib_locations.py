"""Bibliography warnings point at the ``.bib`` entry, not at the page holding the bibliography.

sphinxcontrib-bibtex reports an entry its style cannot format ("missing title in X") at the line
of the ``bibliography`` directive, and pybtex's data errors (a repeated entry) at no line at all.
The author has to fix the ``.bib`` file, so both are moved to ``refs.bib:LINE`` of the entry.
pybtex keeps no positions; bibtexparser (which the linter reads ``.bib`` files with) does, and
the files are read again only when a warning needs them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL + 1)

#: The loggers (``sphinx.`` + module name) whose warnings name an entry.
LOGGERS = ("sphinx.sphinxcontrib.bibtex.domain", "sphinx.sphinx_claims.ext.source_guard")
#: ``(subtype, pattern)``: the warnings moved, and where their message names the entry's key.
MOVED: dict[str, re.Pattern[str]] = {
    "missing_field": re.compile(r"^missing \S+ in (?P<key>.+)$"),
    "BIB001": re.compile(r"repeated bibliography entry: (?P<key>\S+)"),
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
        for block in bibtexparser.parse_string(text).blocks:
            if isinstance(block, Entry | DuplicateBlockKeyBlock) and block.start_line is not None:
                lines.setdefault(block.key.lower(), []).append(block.start_line + 1)
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


class BibLocationFilter(logging.Filter):
    """Moves the location of an entry's warning to the entry (``file:line``)."""

    def __init__(self) -> None:
        super().__init__()
        self.bibfiles: list[Path] = []

    def filter(self, record: logging.LogRecord) -> bool:
        pattern = MOVED.get(getattr(record, "subtype", None) or "")
        if pattern is None or not self.bibfiles:
            return True
        match = pattern.search(record.getMessage())
        if match is not None:
            # a repeated entry: the repetition is the one to remove
            repeated = record.subtype == "BIB001"  # type: ignore[attr-defined]
            location = locate(self.bibfiles, match.group("key"), last=repeated)
            if location is not None:
                record.location = location  # a "file:line" string is used as it is
        return True


FILTER = BibLocationFilter()


def follow_bibfiles(app: Sphinx) -> None:
    """``builder-inited`` (after sphinxcontrib-bibtex parsed): the files this build reads."""
    domain: Any = app.env.domains.get("cite")
    FILTER.bibfiles = list(domain.bibdata.bibfiles) if domain is not None else []


def setup(app: Sphinx) -> dict[str, bool]:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if FILTER not in logger.filters:
            logger.addFilter(FILTER)
    app.connect("builder-inited", follow_bibfiles, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
