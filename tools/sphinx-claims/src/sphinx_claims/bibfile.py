"""A ``.bib`` file read by pybtex's own parser, the one the build renders with, keeping where
each entry and field is written.

sphinxcontrib-bibtex reads bibliographies with :class:`pybtex.database.input.bibtex.Parser`; so
do the linter (:mod:`sphinx_claims.lint.bib`), the build's ``.bib`` warnings
(:mod:`sphinx_claims.ext.source_guard`) and the warnings moved to an entry's line
(:mod:`sphinx_claims.ext.bib_locations`), through :func:`read`. The one core module that imports
a third-party package: pybtex, which is no part of Sphinx. pybtex keeps no positions: the
subclasses here note the line of each entry (where its ``@`` is) and of each field name while
pybtex parses, and collect pybtex's errors instead of raising them. Whatever pybtex accepts,
recovers from or rejects is what both sides see: one parser, one verdict.

Errors are worded as the build words them (:func:`syntax_error`): the rule BIB001 for pybtex's
syntax errors, at the line of the entry pybtex was reading; BIB003 for a field pybtex drops as
repeated; a key that repeats an earlier entry's (pybtex: "repeated bibliography entry") is
BIB002, found over all files (:func:`sphinx_claims.checks.repeated_keys`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pybtex import errors as pybtex_errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import DuplicateField, LowLevelParser, Parser
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace


@dataclass(slots=True, eq=False)
class BibField:
    """One ``name = value`` of an entry: its value as pybtex reads it (macros expanded,
    braces and quotes removed, whitespace collapsed), the text as written, and its line.
    Compared by identity: two identical ``title = {T}`` on one line are two fields."""

    name: str
    value: str
    raw: str
    line: int


@dataclass(slots=True)
class LocatedEntry:
    """An entry pybtex parsed (its fields in the file's order, repeated ones included)."""

    entry_type: str
    key: str
    line: int
    column: int
    fields: list[BibField]
    repeated: list[BibField] = field(default_factory=list)  # fields pybtex dropped


@dataclass(slots=True)
class BibProblem:
    """A pybtex syntax error: the line of the entry it stopped in, and the build's wording."""

    line: int
    detail: str


@dataclass(slots=True)
class BibFile:
    entries: list[LocatedEntry] = field(default_factory=list)
    errors: list[BibProblem] = field(default_factory=list)


def entry_line(error: Exception) -> int | None:
    """The line where the entry pybtex choked on starts (its error names where it gave up)."""
    parser = getattr(error, "parser", None)
    start, text = getattr(parser, "command_start", None), getattr(parser, "text", None)
    if isinstance(start, int) and isinstance(text, str):
        return text.count("\n", 0, start) + 1
    return None


def syntax_error(error: Exception) -> str:
    """BIB001's detail for a pybtex error, as the build and the linter both word it."""
    error_type = getattr(error, "error_type", None) or type(error).__name__
    return f"{error_type}: {error.args[0] if error.args else error}"


class _Fields(list[tuple[str, list[str]]]):
    """pybtex's list of ``(name, value parts)`` for one entry, with where each was written."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line, self.column = line, column
        self.where: dict[int, tuple[int, str]] = {}  # id(value parts) -> (line, raw text)


class _LocatingParser(LowLevelParser):  # type: ignore[misc]
    """pybtex's low-level parser, noting the line of each entry and field name."""

    _raw_value = ""
    #: ``(position, line there)``: each entry's line is counted on from the last entry's, so a
    #: file is counted once (from the start each time, a 10,000-entry file took seconds).
    _counted = (0, 1)

    def _line_at(self, position: int) -> int:
        at, line = self._counted
        if position < at:
            at, line = 0, 1
        line += self.text.count("\n", at, position)
        self._counted = (position, line)
        return line

    def parse_entry_body(self, body_end: Any) -> None:
        start = self.command_start or 0
        line_start = self.text.rfind("\n", 0, start) + 1
        self.current_fields = _Fields(self._line_at(start), start - line_start + 1)
        super().parse_entry_body(body_end)

    def parse_field(self) -> None:
        self.eat_whitespace()
        line = self.lineno
        super().parse_field()
        fields = self.current_fields
        if self.current_field_name and isinstance(fields, _Fields):
            fields.where[id(self.current_value)] = (line, self._raw_value)

    def parse_value(self) -> None:
        self.eat_whitespace()
        begin = self.pos
        super().parse_value()
        self._raw_value = self.text[begin : self.pos].strip()


class _Collected(BibliographyData):  # type: ignore[misc]
    """pybtex's data, which keeps every entry (repeated keys are compared over all files)."""

    def add_entry(self, key: str, entry: Any) -> None:
        pass


class _Parser(Parser):  # type: ignore[misc]
    """pybtex's parser, recording located entries and collecting errors instead of raising."""

    def __init__(self) -> None:
        super().__init__()
        self.data = _Collected()
        self.found = BibFile()
        self._entry: LocatedEntry | None = None
        self._fields: dict[str, BibField] = {}

    def parse_string(self, text: str) -> Any:
        self.unnamed_entry_counter = 1
        for command, body in _LocatingParser(
            text, keyless_entries=self.keyless_entries, handle_error=self.handle_error,
            want_entry=self.data.want_entry, filename=self.filename, macros=self.macros,
        ):
            kind = command.lower()
            if kind == "preamble":
                self.process_preamble(*body)
            elif kind != "string":
                self.process_entry(command, *body)
        return self.data

    def process_entry(self, entry_type: str, key: str | None, fields: Any) -> None:
        where = fields.where if isinstance(fields, _Fields) else {}
        line, column = (fields.line, fields.column) if isinstance(fields, _Fields) else (1, 1)
        located = LocatedEntry(entry_type, key or "", line, column, [])
        self._fields = {}
        for name, parts in fields:
            at, raw = where.get(id(parts), (line, ""))
            item = BibField(name, normalize_whitespace("".join(parts)), raw, at)
            located.fields.append(item)
            self._fields.setdefault(name.lower(), item)
        self._entry = located
        self.found.entries.append(located)
        # A name pybtex cannot split (more than two commas) is reported by the rules from the
        # field's text (BIB010); pybtex's strict mode would raise it here and stop the file.
        # Its errors are set aside for this entry only: pybtex.errors.capture() would end with
        # no capture at all, also for a caller that was collecting (ext.source_guard).
        outer, pybtex_errors.captured_errors = pybtex_errors.captured_errors, []
        try:
            super().process_entry(entry_type, key, fields)
        finally:
            pybtex_errors.captured_errors = outer

    def handle_error(self, error: Exception) -> None:
        if isinstance(error, DuplicateField) and self._entry is not None:
            name = str(error).rsplit(" has a duplicate ", 1)[-1].removesuffix(" field").lower()
            kept, entry = self._fields.get(name), self._entry
            entry.repeated.append(next(
                f for f in entry.fields
                if f.name.lower() == name and f is not kept and f not in entry.repeated
            ))
            return
        if isinstance(error, PybtexSyntaxError):
            self.found.errors.append(BibProblem(entry_line(error) or error.lineno or 1,
                                                syntax_error(error)))
            return
        raise error


def read(text: str, filename: str | None = None) -> BibFile:
    """Parse *text* as pybtex does; every entry with its lines, and pybtex's syntax errors."""
    parser = _Parser()
    parser.filename = filename
    parser.parse_string(text)
    return parser.found
