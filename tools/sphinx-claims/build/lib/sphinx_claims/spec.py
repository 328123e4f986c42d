"""What a claim is: its options, their allowed values, and which roles count as citations.

The Sphinx directive and the linter both validate claims with :func:`check_options`, so the build
and ``sphinx-claims check`` can never disagree about what a valid claim is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from docutils.parsers.rst import directives
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.foot_domain import BibtexFootDomain

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
OPTIONS: tuple[str, ...] = (
    "label", "kind", "attributed-to", "attribution-certainty", "certainty", "as-of",
)

LABEL_RE = re.compile(r"[a-z0-9-]+")
AS_OF_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

#: Directives whose body is not MyST: a ``{cite}`` or a fence inside is text (linter and build).
LITERAL_DIRECTIVES: frozenset[str] = frozenset(
    {
        "code", "code-block", "sourcecode", "code-cell", "literalinclude", "math", "raw",
        "eval-rst", "toctree", "bibliography", "footbibliography", "csv-table", "mermaid",
        "graphviz", "graph", "digraph", "highlight", "index", "claims-register",
        "claims-sources", "sphinx-claims-rules",
    }
)

#: Every sphinxcontrib-bibtex role that cites: ``cite``, ``cite:p`` … ``footcite:ts``.
CITATION_ROLES: frozenset[str] = frozenset(
    {"cite", "footcite"}
    | {f"cite:{name}" for name in BibtexDomain._role_names}
    | {f"footcite:{name}" for name in BibtexFootDomain._role_names}
)


class ClaimOptionSpec(dict[str, object]):
    """A docutils ``option_spec`` that accepts every option name as plain text.

    Unknown names are not rejected by the parser (MyST would drop them with its own
    ``myst.directive_option`` warning); :func:`check_options` reports them as ``CLM005``, so the
    build and the linter word the finding identically.
    """

    def __init__(self) -> None:
        super().__init__({name: directives.unchanged for name in OPTIONS})

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> object:
        return directives.unchanged


#: The ``option_spec`` of the claim directive (and of the linter's stand-in directive).
OPTION_SPEC = ClaimOptionSpec()


@dataclass(frozen=True)
class OptionProblem:
    """One thing wrong with a claim's options: a rule code and the message's fields."""

    code: str
    fields: Mapping[str, str]


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


def check_options(options: Mapping[str, str | None]) -> list[OptionProblem]:
    """Validate a claim's options (already split into ``name -> value``).

    Returns problems in a stable order: label, unknown options, values, attribution.
    """
    problems: list[OptionProblem] = []
    label = (options.get("label") or "").strip()
    if not label:
        problems.append(OptionProblem("CLM004", {"detail": "claim has no :label:"}))
    elif not LABEL_RE.fullmatch(label):
        problems.append(
            OptionProblem(
                "CLM004",
                {"detail": f"invalid label '{label}': use lowercase letters, digits and hyphens"},
            )
        )
    for name in options:
        if name not in OPTIONS:
            allowed = ", ".join(OPTIONS)
            problems.append(
                OptionProblem("CLM005", {"detail": f"unknown option '{name}' (allowed: {allowed})"})
            )
    kind = (options.get("kind") or DEFAULT_KIND).strip()
    if kind not in KINDS:
        problems.append(OptionProblem("CLM005", {"detail": _bad_value("kind", kind, KINDS)}))
    certainty = (options.get("certainty") or DEFAULT_CERTAINTY).strip()
    if certainty not in CERTAINTIES:
        problems.append(
            OptionProblem("CLM005", {"detail": _bad_value("certainty", certainty, CERTAINTIES)})
        )
    attribution_certainty = options.get("attribution-certainty")
    if attribution_certainty is not None:
        value = attribution_certainty.strip()
        if value not in ATTRIBUTION_CERTAINTIES:
            problems.append(
                OptionProblem(
                    "CLM005",
                    {"detail": _bad_value("attribution-certainty", value, ATTRIBUTION_CERTAINTIES)},
                )
            )
        elif not (options.get("attributed-to") or "").strip():
            problems.append(
                OptionProblem(
                    "CLM005", {"detail": "attribution-certainty needs :attributed-to:"}
                )
            )
    as_of = options.get("as-of")
    if as_of is not None and not valid_as_of(as_of.strip()):
        problems.append(
            OptionProblem(
                "CLM005",
                {"detail": f"as-of '{as_of}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"},
            )
        )
    if kind in ATTRIBUTION_REQUIRED and not (options.get("attributed-to") or "").strip():
        problems.append(OptionProblem("CLM006", {"kind": kind, "label": label or "?"}))
    return problems


def _bad_value(option: str, value: str, allowed: tuple[str, ...]) -> str:
    return f"{option} '{value}' is not one of: {', '.join(allowed)}"
