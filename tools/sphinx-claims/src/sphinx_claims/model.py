"""What a claim is: its options, the typed fields they become, and the record every output shows.

This is the one definition of a claim. The Sphinx directive and the linter both turn a claim's
options into a :class:`Claim` with :func:`make_claim`; ``claims.json``, ``sphinx-claims export``,
the JSON-LD, the register and the HTML and LaTeX boxes are all written from that object and its
:func:`record`. Numbers come from :func:`claim_numbers`, the one numbering scheme.

Adding an option means: a row in :data:`OPTIONS`, a field on :class:`Claim` (filled in
:func:`make_claim`), its key in :data:`RECORD_KEYS` if ``claims.json`` carries it, its validation
in :mod:`sphinx_claims.checks` if it has allowed values, and the writers that display it.

The core imports no Sphinx, docutils or parser: the linter's fast path runs on it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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
class Option:
    """One claim option: its name as written, its field on :class:`Claim`, its allowed values."""

    name: str
    field: str
    allowed: tuple[str, ...] = ()
    default: str | None = None


#: Every option of the claim directive, in the order problems are reported.
OPTIONS: tuple[Option, ...] = (
    Option("label", "label"),
    Option("kind", "kind", KINDS, DEFAULT_KIND),
    Option("attributed-to", "attributed_to"),
    Option("attribution-certainty", "attribution_certainty", ATTRIBUTION_CERTAINTIES),
    Option("certainty", "certainty", CERTAINTIES, DEFAULT_CERTAINTY),
    Option("as-of", "as_of"),
)
OPTION_NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS)
BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}

#: Directives whose body is not MyST: a ``{cite}`` or a fence inside is text (linter and build).
LITERAL_DIRECTIVES: frozenset[str] = frozenset(
    {
        "code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw",
        "eval-rst", "toctree", "bibliography", "footbibliography", "csv-table", "mermaid",
        "graphviz", "graph", "digraph", "highlight", "index", "claims-register",
        "claims-sources", "sphinx-claims-rules",
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


#: The ``option_spec`` of the claim directive (and of the linter's stand-in directive).
OPTION_SPEC = ClaimOptionSpec()


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim once its document has been read: where it is, what its options say, its body.

    ``path`` is the source file relative to the source directory (POSIX), ``line`` the 1-based
    line of its opening fence, ``text`` the body as one line without its citations, ``sources``
    the cited keys in order of first citation, ``anchor`` its HTML id (``claim-<label>``; the
    build numbers the ids of invalid labels). Invalid option values fall back to the defaults
    (the problem is reported by the checks).
    """

    label: str
    kind: str
    certainty: str
    attributed_to: str | None
    attribution_certainty: str | None
    as_of: str | None
    title: str
    docname: str
    path: str
    line: int
    text: str = ""
    sources: tuple[str, ...] = ()
    anchor: str = ""

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Pickle as ``Claim(*fields)`` (fast to load from a cache and from workers)."""
        return Claim, tuple(getattr(self, name) for name in self.__slots__)

    @property
    def has_valid_label(self) -> bool:
        return bool(LABEL_RE.fullmatch(self.label))

    @property
    def display_title(self) -> str:
        """The title, or else the first sentence of the text."""
        return self.title or first_sentence(self.text)


def _value(options: Mapping[str, str | None], option: Option) -> str | None:
    """The option's stripped value; its default when absent, blank or not allowed."""
    value = (options.get(option.name) or "").strip()
    if option.allowed and value not in option.allowed:
        return option.default
    return value or option.default


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
    """The :class:`Claim` for a directive's *options* (``name -> value``) and body."""
    label = (options.get("label") or "").strip()
    attributed_to = _value(options, BY_NAME["attributed-to"])
    return Claim(
        label=label,
        kind=_value(options, BY_NAME["kind"]) or DEFAULT_KIND,
        certainty=_value(options, BY_NAME["certainty"]) or DEFAULT_CERTAINTY,
        attributed_to=attributed_to,
        attribution_certainty=(
            _value(options, BY_NAME["attribution-certainty"]) if attributed_to else None
        ),
        as_of=_value(options, BY_NAME["as-of"]),
        title=title.strip(),
        docname=docname,
        path=path,
        line=line,
        text=text,
        sources=tuple(sources),
        anchor=anchor or f"claim-{label}",
    )


#: The keys of a ``claims.json`` record, in output order (stable: consumers read them).
RECORD_KEYS: tuple[str, ...] = (
    "label", "number", "kind", "title", "text", "sources", "attributed_to",
    "attribution_certainty", "certainty", "as_of", "docname", "path", "line", "url",
)


_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


def plain(text: str) -> str:
    """A claim's ``text`` from the text of its parts: whitespace runs collapsed to one space,
    no space before ``.,;:!?``, the ends stripped (the build and ``sphinx-claims export``)."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text)).strip()


def record(claim: Claim, number: str, url: str) -> dict[str, Any]:
    """The ``claims.json`` record of *claim* (``url``: page relative to the site root + anchor)."""
    values: dict[str, Any] = {"number": number, "url": url, "sources": list(claim.sources)}
    return {key: values[key] if key in values else getattr(claim, key) for key in RECORD_KEYS}


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
