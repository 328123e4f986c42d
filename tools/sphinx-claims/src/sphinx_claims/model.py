"""What a claim is: its options, the typed fields they become, and the record every output shows.

This is the one definition of a claim. The Sphinx directive and the linter both turn a claim's
options into a :class:`Claim` with :func:`make_claim`; ``claims.json``, ``sphinx-claims export``,
the JSON-LD, the register and the HTML and LaTeX boxes are all written from that object and its
:func:`record`. Numbers come from :func:`claim_numbers`, the one numbering scheme.

Adding an option means one field on :class:`Claim` made with :func:`option` (its name, allowed
values, default and check), and the writers that display it: :data:`OPTIONS`, the directive's
option spec, :func:`make_claim`, :data:`RECORD_KEYS` and the value checks are generated from the
fields.

The core imports no Sphinx, docutils or parser: the linter's fast path runs on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

DIRECTIVE = "claim"
KINDS: tuple[str, ...] = ("fact", "interpretation", "assessment", "quotation")
#: How far the claim itself is established (see docs/how-to-read.md).
CERTAINTIES: tuple[str, ...] = ("confirmed", "probable", "unverified", "disputed")
#: How far it is established who holds the view or wrote the words (``:attributed-to:``).
ATTRIBUTION_CERTAINTIES: tuple[str, ...] = ("confirmed", "probable", "disputed")
DEFAULT_KIND = "fact"
DEFAULT_CERTAINTY = "confirmed"
#: Kinds whose claims must say whose view or whose words they report.
ATTRIBUTION_REQUIRED: frozenset[str] = frozenset({"interpretation", "quotation"})

LABEL_RE = re.compile(r"[a-z0-9-]+")
AS_OF_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a cited source says for a claim: the citation key, where (page, paragraph, section
    or timestamp) and the short passage itself."""

    key: str
    locator: str
    passage: str

    def as_record(self) -> dict[str, str]:
        return {"key": self.key, "locator": self.locator, "passage": self.passage}


#: ``key | locator | passage``: one evidence entry (one per line).
EVIDENCE_SEPARATOR = "|"


def evidence_entries(value: str) -> tuple[tuple[Evidence, ...], list[str]]:
    """The entries of an ``:evidence:`` value, and the lines that are not ``key | locator |
    passage`` with all three parts given (blank lines are skipped)."""
    entries: list[Evidence] = []
    bad: list[str] = []
    for line in value.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(EVIDENCE_SEPARATOR, 2)]
        if len(parts) == 3 and all(parts) and " " not in parts[0]:
            entries.append(Evidence(*parts))
        else:
            bad.append(line.strip())
    return tuple(entries), bad


def _evidence(value: str) -> tuple[Evidence, ...]:
    return evidence_entries(value)[0]


def _evidence_problem(value: str) -> str | None:
    entries, bad = evidence_entries(value)
    if bad:
        return f"evidence entry '{bad[0]}' is not 'key | locator | passage'"
    return None if entries else "evidence is empty: give 'key | locator | passage'"


def valid_as_of(value: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real calendar date."""
    match = AS_OF_RE.fullmatch(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _as_of_problem(value: str) -> str | None:
    if valid_as_of(value.strip()):
        return None
    return f"as-of '{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"


@dataclass(frozen=True, slots=True)
class Option:
    """One claim option: its name as written, the :class:`Claim` field it fills, its values.

    *allowed* limits the value to a set (a blank value is the *default*, when there is one);
    *requires* names an option that must be given too; *check* returns what is wrong with a
    value (``None`` when nothing is); *parse* turns the stripped text into the field's value.
    """

    name: str
    field: str = ""
    allowed: tuple[str, ...] = ()
    default: Any = None
    requires: str | None = None
    check: Callable[[str], str | None] | None = None
    parse: Callable[[str], Any] | None = None

    def value(self, options: Mapping[str, str | None]) -> Any:
        """The field's value for *options*: the default when absent, blank or not allowed."""
        text = (options.get(self.name) or "").strip()
        if self.allowed and text not in self.allowed:
            return self.default
        if not text:
            return self.default
        return self.parse(text) if self.parse else text

    def problem(self, raw: str, options: Mapping[str, str | None]) -> str | None:
        """What is wrong with the value *raw* given in *options* (``None``: nothing)."""
        value = raw.strip()
        if self.allowed:
            if self.default is not None and not value:
                return None  # blank: the default
            if value not in self.allowed:
                return f"{self.name} '{value}' is not one of: {', '.join(self.allowed)}"
        if self.requires and not (options.get(self.requires) or "").strip():
            return f"{self.name} needs :{self.requires}:"
        return self.check(raw) if self.check else None


def option(name: str, default: Any = None, **metadata: Any) -> Any:
    """A :class:`Claim` field filled from the claim option *name* (see :class:`Option`)."""
    return field(default=default, metadata={"option": Option(name, default=default, **metadata)})


def shown(default: Any = dataclasses.MISSING, *, record: bool = True) -> Any:
    """A :class:`Claim` field that is not an option; *record*: ``claims.json`` carries it."""
    return field(default=default, metadata={"record": record})


#: Directives whose body is not MyST: a ``{cite}`` or a fence inside is text (linter and build).
LITERAL_DIRECTIVES: frozenset[str] = frozenset(
    {
        "code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw",
        "eval-rst", "toctree", "bibliography", "footbibliography", "csv-table", "mermaid",
        "graphviz", "graph", "digraph", "highlight", "index", "claims-register",
        "claims-sources", "sphinx-claims-rules", "claims-changes",
    }
)

#: sphinxcontrib-bibtex's role names (``BibtexDomain`` and ``BibtexFootDomain``); a test checks
#: them against the installed package, so the linter need not import it (it imports Sphinx).
_CITE_ROLES = (
    "alp", "alps", "author", "authorpar", "authorpars", "authors", "cauthor", "cauthors", "ct",
    "cts", "empty", "label", "labelpar", "p", "ps", "t", "ts", "year", "yearpar",
)
_FOOTCITE_ROLES = ("ct", "cts", "p", "ps", "t", "ts")
#: Every sphinxcontrib-bibtex role that cites: ``cite``, ``cite:p`` … ``footcite:ts``.
CITATION_ROLES: frozenset[str] = frozenset(
    {"cite", "footcite"}
    | {f"cite:{name}" for name in _CITE_ROLES}
    | {f"footcite:{name}" for name in _FOOTCITE_ROLES}
)


def _text(value: str | None) -> str:
    return value or ""


class ClaimOptionSpec(dict[str, object]):
    """A docutils ``option_spec`` that accepts every option name as plain text.

    Unknown names are not rejected by the parser (MyST would drop them with its own
    ``myst.directive_option`` warning); :func:`sphinx_claims.checks.check_options` reports them
    as ``CLM005``, so the build and the linter word the finding identically.
    """

    def __init__(self) -> None:
        super().__init__({name: _text for name in OPTION_NAMES})

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> object:
        return _text



@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One claim once its document has been read: where it is, what its options say, its body.

    ``path`` is the source file relative to the source directory (POSIX), ``line`` the 1-based
    line of its opening fence, ``text`` the body as one line without its citations, ``sources``
    the cited keys in order of first citation, ``anchor`` its HTML id (``claim-<label>``; the
    build numbers the ids of invalid labels). Invalid option values fall back to the defaults
    (the problem is reported by the checks).

    This class is the one definition of a claim's fields (myst-parser's ``MdParserConfig``
    shape): a field made by :func:`option` is a directive option (:data:`OPTIONS`, their checks
    and defaults come from it); every field but ``anchor`` is in the ``claims.json`` record, in
    this order (:data:`RECORD_KEYS`).
    """

    label: str = option("label", "")
    kind: str = option("kind", DEFAULT_KIND, allowed=KINDS)
    title: str = shown("")
    text: str = shown("")
    sources: tuple[str, ...] = shown(())
    attributed_to: str | None = option("attributed-to")
    attribution_certainty: str | None = option(
        "attribution-certainty", allowed=ATTRIBUTION_CERTAINTIES, requires="attributed-to"
    )
    certainty: str = option("certainty", DEFAULT_CERTAINTY, allowed=CERTAINTIES)
    as_of: str | None = option("as-of", check=_as_of_problem)
    evidence: tuple[Evidence, ...] = option(
        "evidence", (), check=_evidence_problem, parse=_evidence
    )
    docname: str = shown()
    path: str = shown()
    line: int = shown()
    anchor: str = shown("", record=False)

    def __reduce__(self) -> tuple[Callable[..., Claim], tuple[object, ...]]:
        """Pickle as the field values in order (fast to load from a cache and from workers)."""
        return _restore, tuple(getattr(self, name) for name in self.__slots__)

    @property
    def has_valid_label(self) -> bool:
        return bool(LABEL_RE.fullmatch(self.label))

    @property
    def display_title(self) -> str:
        """The title, or else the first sentence of the text."""
        return self.title or first_sentence(self.text)


_FIELDS = dataclasses.fields(Claim)


def _restore(*values: object) -> Claim:
    return Claim(**{f.name: value for f, value in zip(_FIELDS, values, strict=True)})


#: Every option of the claim directive, in the order problems are reported (field order).
OPTIONS: tuple[Option, ...] = tuple(
    dataclasses.replace(f.metadata["option"], field=f.name)
    for f in _FIELDS if "option" in f.metadata
)
OPTION_NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS)
BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}

#: The ``option_spec`` of the claim directive (and of the linter's stand-in directive).
OPTION_SPEC = ClaimOptionSpec()

#: The keys of a ``claims.json`` record, in output order (stable: consumers read them): the
#: label, the claim's number, the recorded fields in field order, the page URL and anchor.
RECORD_KEYS: tuple[str, ...] = (
    "label", "number",
    *(f.name for f in _FIELDS[1:] if f.metadata.get("record", True)),
    "url",
)


def make_claim(
    options: Mapping[str, str | None],
    *,
    title: str,
    docname: str,
    path: str,
    line: int,
    text: str = "",
    sources: Iterable[str] = (),
    anchor: str | None = None,
) -> Claim:
    """The :class:`Claim` for a directive's *options* (``name -> value``) and body.

    A value whose option *requires* another that is not given is dropped (an attribution
    certainty without an attribution).
    """
    values = {option.field: option.value(options) for option in OPTIONS}
    for option in OPTIONS:
        if option.requires and not values[BY_NAME[option.requires].field]:
            values[option.field] = option.default
    return Claim(
        **values,
        title=title.strip(),
        docname=docname,
        path=path,
        line=line,
        text=text,
        sources=tuple(sources),
        anchor=anchor or f"claim-{values['label']}",
    )


def _recorded(value: Any) -> Any:
    if isinstance(value, tuple):
        return [item.as_record() if isinstance(item, Evidence) else item for item in value]
    return value


_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


def plain(text: str) -> str:
    """A claim's ``text`` from the text of its parts: whitespace runs collapsed to one space,
    no space before ``.,;:!?``, the ends stripped (the build and ``sphinx-claims export``)."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def record(claim: Claim, number: str, url: str) -> dict[str, Any]:
    """The ``claims.json`` record of *claim* (``url``: page relative to the site root + anchor)."""
    values: dict[str, Any] = {"number": number, "url": url}
    return {
        key: values[key] if key in values else _recorded(getattr(claim, key))
        for key in RECORD_KEYS
    }


def sort_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records in ``claims.json`` order: by ``(path, line)``."""
    return sorted(records, key=lambda item: (item["path"], item["line"]))


def claim_numbers(documents: Iterable[tuple[str, int | None, int]]) -> dict[str, list[str]]:
    """Claim numbers per document: ``"chapter.sequence"``, or ``"n"`` outside any chapter.

    *documents* are ``(docname, chapter, claim count)`` in book order (toctree order; a chapter
    is the first part of the document's section number in the numbered toctree, ``None`` for
    front and back matter). Claims of a chapter are counted in book order; claims outside any
    chapter share one book-wide sequence, so every number is unique.
    """
    per_chapter: Counter[int] = Counter()
    unnumbered = 0
    numbers: dict[str, list[str]] = {}
    for docname, chapter, count in documents:
        found: list[str] = []
        for _ in range(count):
            if chapter is None:
                unnumbered += 1
                found.append(str(unnumbered))
            else:
                per_chapter[chapter] += 1
                found.append(f"{chapter}.{per_chapter[chapter]}")
        numbers[docname] = found
    return numbers


def caption(number: str) -> str:
    """How a claim is named in text and cross-references: ``"Claim 2.3"``."""
    return f"Claim {number}" if number else "Claim"


def first_sentence(text: str) -> str:
    """Up to and including the first ``.``, ``!`` or ``?`` that ends a sentence."""
    match = re.search(r"[.!?](?=\s|$)", text)
    return text[: match.end()] if match else text


#: JSON escapes that keep markup inert inside a page or a ``<script>``: no ``</script>``, no
#: ``<!--``, and none of the line separators that end a JavaScript string.
_INERT = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def inert_json(data: Any, indent: int) -> str:
    """``json.dumps`` (UTF-8, not ASCII-escaped) with markup characters escaped."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_INERT)


def dumps(records: list[dict[str, Any]]) -> str:
    """``claims.json``'s text: stable, UTF-8, one trailing newline, markup escaped."""
    return inert_json(records, indent=2) + "\n"
