"""Read ``.bib`` files with pybtex's parser, the one the build renders with, keeping lines.

One file gives its entries (key, type, fields, line), per-entry findings (BIB001, BIB003, BIB005
to BIB008, BIB013) and its ``%`` comment lines (suppressions). The parse is
:func:`sphinx_claims.bibfile.read`, which the build's BIB001/BIB003 warnings come from too.
Checks that need every file (duplicate keys, required fields through ``crossref``, unused
entries) live in :mod:`.project`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from sphinx_claims import suppression
from sphinx_claims.findings import Finding, make
from sphinx_claims.lint.records import Comment, decode_error, read_text

if TYPE_CHECKING:
    from sphinx_claims.bibfile import LocatedEntry

_DATE = re.compile(
    r"(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?[?~%]?"
)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DATE_PROBLEM = "is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a range a/b)"


@dataclass(slots=True)
class BibEntry:
    """An entry as far as the project-wide checks need it."""

    path: str
    key: str
    entry_type: str
    line: int
    column: int
    fields: frozenset[str]
    crossref: str | None


@dataclass(slots=True)
class BibScan:
    path: str
    digest: str = ""
    today: dt.date | None = None
    entries: list[BibEntry] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    comments: list[tuple[Comment, int]] = field(default_factory=list)  # comment, anchor line
    errors: list[str] = field(default_factory=list)
    lines: int = 1


def scan_bib(file: Path, path: str, today: dt.date | None = None) -> BibScan:
    """Parse one ``.bib`` file and check each entry on its own."""
    today = today or dt.datetime.now(dt.UTC).date()
    scan = BibScan(path, today=today)
    inputs: dict[str, str] = {}
    try:
        text = read_text(file, inputs).replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as error:
        scan.errors.append(decode_error(path, error))
        return scan
    scan.digest = next(iter(inputs.values()))
    lines = text.split("\n")
    scan.lines = suppression.last_line(text)
    from sphinx_claims import bibfile  # pybtex: imported when a .bib file is read

    parsed = bibfile.read(text, path)
    scan.findings.extend(
        make("BIB001", path, error.line, _column(lines, error.line, "@"),
             subject=f"line{error.line}", detail=error.detail)
        for error in parsed.errors
    )
    scan.comments = [
        (Comment(path, line, column, body), anchor) for line, column, body, anchor
        in suppression.bib_comment_lines(lines, [e.line for e in parsed.entries], scan.lines + 1)
    ]
    for entry in parsed.entries:
        record = BibEntry(
            path, entry.key, entry.entry_type.lower(), entry.line, entry.column,
            frozenset(f.name.lower() for f in entry.fields if f.value.strip()),
            _value(entry, "crossref"),
        )
        scan.entries.append(record)
        scan.findings.extend(_check_entry(path, entry, record, lines, today))
    return scan


_DOI_LINK = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\S+)", re.IGNORECASE)


def is_doi_link(url: str, doi: str | None) -> bool:
    """Whether *url* resolves a DOI (``https://doi.org/10.…``): a persistent identifier, not a
    page that may change, so it needs no access date. With a ``doi`` field, it must be that DOI."""
    match = _DOI_LINK.fullmatch(url.strip())
    if match is None:
        return False
    return doi is None or unquote(match.group(1)).lower() == doi.strip().lower()


def _value(entry: LocatedEntry, name: str, *, written: bool = False) -> str | None:
    """The first *name* field's value as pybtex reads it (a field pybtex drops is skipped);
    *written*: a bare macro name as written (``month = jan``), not what it expands to."""
    for item in entry.fields:
        if item.name.lower() == name and item not in entry.repeated:
            bare = written and re.fullmatch(r"[A-Za-z][\w-]*", item.raw)
            return item.raw if bare else item.value.strip()
    return None


def _column(lines: list[str], line: int, needle: str) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    index = text.find(needle)
    return index + 1 if index >= 0 else 1


def _check_entry(
    path: str, entry: LocatedEntry, record: BibEntry, lines: list[str], today: dt.date
) -> list[Finding]:
    found: list[Finding] = []
    key = entry.key
    located: dict[str, tuple[int, int]] = {}
    for item in entry.fields:
        column = _column(lines, item.line, item.name)
        if item in entry.repeated:
            found.append(make("BIB003", path, item.line, column, anchor=record.line,
                              subject=key, key=key, field=item.name))
        located.setdefault(item.name.lower(), (item.line, column))

    def at(name: str) -> tuple[int, int]:
        return located.get(name, (record.line, record.column))

    def add(code: str, name: str, **fields: object) -> None:
        line, column = at(name)
        found.append(make(code, path, line, column, anchor=record.line, subject=key, key=key,
                          **fields))

    url = _value(entry, "url")
    urldate = _value(entry, "urldate")
    if url and not urldate and not is_doi_link(url, _value(entry, "doi")):
        add("BIB005", "url")
    for name in ("date", "urldate", "eventdate", "origdate"):
        value = _value(entry, name)
        if value is None:
            continue
        problem = date_problem(value, single=name == "urldate")
        if problem is None and name == "urldate" and _earliest(value) > today:
            problem = "is in the future"
        if problem:
            add("BIB006", name, field=name, value=value, problem=problem)
    year = _value(entry, "year")
    if year is not None and not re.fullmatch(r"-?\d{1,4}", year):
        add("BIB006", "year", field="year", value=year, problem="is not a year")
    if url:
        problem = url_problem(url)
        if problem:
            add("BIB007", "url", value=url, problem=problem)
    doi = _value(entry, "doi")
    if doi is not None:
        problem = doi_problem(doi)
        if problem:
            add("BIB008", "doi", value=doi, problem=problem)
    for name in unverified_without_field(entry):
        add("BIB013", "unverified", field=name)
    _check_data(entry, add)
    return found


def unverified_without_field(entry: LocatedEntry) -> list[str]:
    """The names in the entry's ``unverified`` list that are not fields of the entry."""
    listed = _value(entry, "unverified")
    if listed is None:
        return []
    present = {f.name.lower() for f in entry.fields if f.value.strip()}
    names = [name.strip().lower() for name in listed.split(",")]
    return [name or "(empty)" for name in names if name not in present]


#: Fields holding a BibTeX name list (biblatex's default data model).
NAME_FIELDS = ("author", "editor", "translator", "bookauthor", "editora", "editorb", "editorc",
               "annotator", "commentator", "introduction", "foreword", "afterword", "holder")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_AND = re.compile(r"(?<=\s)and(?=\s)", re.IGNORECASE)


def _check_data(entry: LocatedEntry, add: Callable[..., None]) -> None:
    """BIB010-BIB012: name lists, ISBN/ISSN check digits and months."""
    for name in NAME_FIELDS:
        value = _value(entry, name)
        if value:
            problem = name_list_problem(value)
            if problem:
                add("BIB010", name, field=name, value=value, problem=problem)
    for name, check in (("isbn", isbn_problem), ("issn", issn_problem)):
        value = _value(entry, name)
        if value:
            problem = check(value)
            if problem:
                add("BIB011", name, field=name, value=value, problem=problem)
    month = _value(entry, "month", written=True)  # ``jan``, not pybtex's "January"
    if month:
        problem = month_problem(month)
        if problem:
            add("BIB012", "month", value=month, problem=problem)


def _top_level(value: str) -> str:
    """*value* with every braced group blanked out (``{Smith and Sons}`` is one name)."""
    out, depth = [], 0
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        out.append(char if depth == 0 and char != "}" else "_")
    return "".join(out)


def name_list_problem(value: str) -> str | None:
    """Why BibTeX would split the name list *value* wrongly, or ``None``."""
    flat = _top_level(value.strip())
    names = _AND.split(f" {flat} ")
    if any(not n.strip() for n in names):
        return "has an empty name (a dangling or doubled 'and')"
    for name in names:
        stripped = name.strip()
        if stripped.endswith(",") or stripped.startswith(","):
            return "has a name with a stray comma: names are separated by 'and', not commas"
        if stripped.count(",") > 2:
            return "has a name with more than two commas: separate names with 'and'"
    return None


def _digits(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def isbn_problem(value: str) -> str | None:
    """Why *value* is not an ISBN-10 or ISBN-13 with a correct check digit, or ``None``."""
    digits = _digits(value)
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else "has a wrong check digit (ISBN-10)"
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return None if total % 10 == 0 else "has a wrong check digit (ISBN-13)"
    return "is not an ISBN (10 digits, or 13 starting 978 or 979)"


def issn_problem(value: str) -> str | None:
    """Why *value* is not an ISSN (NNNN-NNNC) with a correct check digit, or ``None``."""
    digits = _digits(value)
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return "is not an ISSN (8 digits, NNNN-NNNN)"
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return None if digits[7] == expected else "has a wrong check digit (ISSN)"


def month_problem(value: str) -> str | None:
    """Why *value* is not a month biblatex reads (1-12 or jan … dec), or ``None``."""
    text = value.strip()
    if text.isdigit() and 1 <= int(text) <= 12:
        return None
    if text.lower() in _MONTHS:
        return None
    return "is not a month (1-12, or jan … dec)"


def date_problem(value: str, *, single: bool = False) -> str | None:
    """Why *value* is not a biblatex (ISO 8601/EDTF level 0-1) date, or ``None``."""
    parts = value.strip().split("/")
    if len(parts) > 2 or (single and len(parts) > 1):
        return _DATE_PROBLEM if not single else "is not a single ISO 8601 date"
    for part in parts:
        if len(parts) == 2 and part in ("", ".."):
            continue
        match = _DATE.fullmatch(part)
        if not match:
            return _DATE_PROBLEM
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if month is not None and day is None and 21 <= month <= 24:
            continue  # EDTF seasons
        try:
            dt.date(max(abs(int(match["year"])), 1), month or 1, day or 1)
        except ValueError:
            return "is not a real calendar date"
    return None


def _earliest(value: str) -> dt.date:
    match = _DATE.fullmatch(value.strip())
    if not match:
        return dt.date.min
    try:
        return dt.date(max(int(match["year"]), 1), int(match["month"] or 1),
                       int(match["day"] or 1))
    except ValueError:
        return dt.date.min


def url_problem(url: str) -> str | None:
    """Why *url* is not a usable http(s) link, or ``None``."""
    if any(ch.isspace() for ch in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "cannot be parsed"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) URL"
    if not parts.hostname:
        return "has no host"
    return None


def doi_problem(doi: str) -> str | None:
    """Why *doi* is not a bare DOI (``10.NNNN/suffix``), or ``None``."""
    lowered = doi.lower()
    if lowered.startswith(("doi:", "http://", "https://", "dx.doi.org", "doi.org")):
        return "carries a prefix: store only the 10.NNNN/… part"
    if not _DOI.fullmatch(doi):
        return "is not a DOI (10.NNNN/…)"
    return None
