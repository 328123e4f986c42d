"""Checks across files: labels, keys and entries compared over the whole project."""

from __future__ import annotations

from collections.abc import Iterable

from sphinx_claims import rules, spec
from sphinx_claims.lint import datamodel
from sphinx_claims.lint.bib import BibEntry
from sphinx_claims.lint.findings import Finding, make
from sphinx_claims.lint.myst import Citation, Claim, Reference


def duplicate_labels(claims: Iterable[Claim]) -> list[Finding]:
    """CLM003 for every claim whose label an earlier claim already uses."""
    first: dict[str, Claim] = {}
    found = []
    for claim in claims:
        label = claim.label
        if not label:
            continue
        other = first.setdefault(label, claim)
        if other is not claim and (other.path, other.line) != (claim.path, claim.line):
            found.append(make("CLM003", claim.path, claim.line, claim.column, subject=label,
                              label=label, other=f"{other.path}:{other.line}"))
    return found


def index_entries(entries: Iterable[BibEntry]) -> tuple[dict[str, BibEntry], list[Finding]]:
    """The first entry of every key, and BIB002 for later ones (keys compared case-blind)."""
    first: dict[str, BibEntry] = {}
    found = []
    for entry in entries:
        other = first.setdefault(entry.key.lower(), entry)
        if other is not entry:
            where = str(other.line) if other.path == entry.path else f"{other.path}:{other.line}"
            found.append(make("BIB002", entry.path, entry.line, entry.column, subject=entry.key,
                              key=entry.key, other=where))
    return first, found


def citation_keys(
    citations: Iterable[Citation], entries: dict[str, BibEntry]
) -> tuple[list[Finding], set[str]]:
    """CIT001/CIT003 for keys not in the bibliography, CIT002 for citations outside claims.

    Also returns the (lower-cased) keys cited, for BIB009.
    """
    found = []
    cited: set[str] = set()
    for cite in citations:
        if cite.keys is None:
            continue
        if cite.claim is None:
            found.append(make("CIT002", cite.path, cite.line, cite.column,
                              subject=cite.target, key=", ".join(cite.keys)))
        for key in cite.keys:
            lowered = key.lower()
            cited.add(lowered)
            entry = entries.get(lowered)
            if entry is None:
                found.append(make("CIT001", cite.path, cite.line, cite.column, subject=key,
                                  key=key))
            elif entry.key != key:
                found.append(make("CIT003", cite.path, cite.line, cite.column, subject=key,
                                  key=key, entry=entry.key))
    return found, cited


def required_fields(entries: Iterable[BibEntry], index: dict[str, BibEntry]) -> list[Finding]:
    """BIB004 for each requirement of the data model an entry (with its crossref) misses."""
    found = []
    for entry in entries:
        fields = set(entry.fields)
        parent, seen = entry.crossref, {entry.key.lower()}
        while parent and parent.lower() in index and parent.lower() not in seen:
            seen.add(parent.lower())
            source = index[parent.lower()]
            fields |= datamodel.inherited(source.entry_type, entry.entry_type, source.fields)
            parent = source.crossref
        for requirement in datamodel.missing(entry.entry_type, fields):
            found.append(make("BIB004", entry.path, entry.line, entry.column, subject=entry.key,
                              key=entry.key, type=entry.entry_type, field=requirement))
    return found


def unused_entries(index: dict[str, BibEntry], cited: set[str]) -> list[Finding]:
    """BIB009 for every entry no citation names."""
    return [
        make("BIB009", e.path, e.line, e.column, subject=e.key, key=e.key)
        for lowered, e in index.items()
        if lowered not in cited
    ]


def unknown_references(claims: Iterable[Claim], references: Iterable[Reference]) -> list[Finding]:
    """CLM008 for every ``{claim:ref}`` whose label no claim carries."""
    if "CLM008" not in rules.RULES:
        return []
    labels = {claim.label for claim in claims if spec.LABEL_RE.fullmatch(claim.label)}
    return [
        make("CLM008", ref.path, ref.line, ref.column, subject=ref.label, label=ref.label)
        for ref in references
        if ref.label not in labels
    ]
