"""Checks across files: labels, keys and entries compared over the whole project."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sphinx_claims import checks, datamodel, model, rules
from sphinx_claims.editions import checks as edition_checks
from sphinx_claims.editions import history
from sphinx_claims.findings import Finding, make
from sphinx_claims.lint import pybtex_fields
from sphinx_claims.lint.bib import BibEntry
from sphinx_claims.lint.records import Citation, Claim, Reference


def duplicate_labels(claims: Iterable[Claim]) -> list[Finding]:
    """CLM003 for every claim whose label an earlier claim already uses."""
    found = []
    for claim, other, problem in checks.duplicate_labels((c.label, c) for c in claims):
        if (other.path, other.line) != (claim.path, claim.line):
            problem = checks.duplicate_problem(problem, f"{other.path}:{other.line}")
            found.append(make(problem.code, claim.path, claim.line, claim.column,
                              subject=claim.label, **problem.fields))
    return found


def index_entries(entries: Iterable[BibEntry]) -> tuple[dict[str, BibEntry], list[Finding]]:
    """The first entry of every key, and BIB002 for later ones (keys compared case-blind)."""
    entries = list(entries)
    found = []
    for entry, other in checks.repeated_keys((e.key, e) for e in entries):
        where = str(other.line) if other.path == entry.path else f"{other.path}:{other.line}"
        found.append(make("BIB002", entry.path, entry.line, entry.column, subject=entry.key,
                          key=entry.key, other=where))
    first: dict[str, BibEntry] = {}
    for entry in entries:
        first.setdefault(entry.key.lower(), entry)
    return first, found


def citation_keys(
    citations: Iterable[Citation], entries: dict[str, BibEntry]
) -> tuple[list[Finding], set[str]]:
    """CIT001/CIT003 for keys not in the bibliography, CIT002 for citations outside claims.

    Also returns the (lower-cased) keys cited, for BIB009.
    """
    found = []
    cited: set[str] = set()
    keys = {lowered: entry.key for lowered, entry in entries.items()}
    for cite in citations:
        if cite.keys is None:
            continue
        line, column = cite.at
        if cite.claim is None:
            problem = checks.citation_outside_claim(cite.keys)
            found.append(make(problem.code, cite.path, line, column, subject=cite.target,
                              **problem.fields))
        for key in cite.keys:
            cited.add(key.lower())
            problem = checks.citation_key(key, keys)
            if problem:
                found.append(make(problem.code, cite.path, line, column, subject=key,
                                  **problem.fields))
    return found, cited


def required_fields(
    entries: Iterable[BibEntry], index: dict[str, BibEntry], pybtex_style: str | None = None,
    memo: dict[tuple[str, str, frozenset[str]], tuple[str, ...]] | None = None,
) -> list[Finding]:
    """BIB004 for each requirement an entry (with its crossref) misses: biblatex's data model,
    or, with *pybtex_style*, what that pybtex style needs (:mod:`.pybtex_fields`), asked once
    per (style, type, fields) and kept in *memo* (the linter's cache passes its own)."""
    memo = {} if memo is None else memo
    found = []
    for entry in entries:
        fields = set(entry.fields)
        parent, seen = entry.crossref, {entry.key.lower()}
        while parent and parent.lower() in index and parent.lower() not in seen:
            seen.add(parent.lower())
            source = index[parent.lower()]
            fields |= datamodel.inherited(source.entry_type, entry.entry_type, source.fields)
            parent = source.crossref
        if pybtex_style is not None:
            asked = (pybtex_style, entry.entry_type, frozenset(fields))
            if asked not in memo:
                memo[asked] = pybtex_fields.missing(*asked)
            needed = list(memo[asked])
        else:
            needed = datamodel.missing(entry.entry_type, fields)
        for requirement in needed:
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
    labels = {claim.label for claim in claims if model.LABEL_RE.fullmatch(claim.label)}
    found = []
    for ref in references:
        problem = checks.unknown_reference(ref.label, labels)
        if problem:
            found.append(make(problem.code, ref.path, *ref.at, subject=ref.label,
                              **problem.fields))
    return found


def edition_findings(
    folder: Path, claims: Iterable[Claim], show: Callable[[Path], str]
) -> list[Finding]:
    """EDN001 (at changes.toml) and EDN002/EDN003 (at the claim) against the recorded
    editions in *folder*."""
    from sphinx_claims.lint.config import ConfigError

    try:
        recorded = history.load(folder)
    except history.EditionError as error:
        raise ConfigError(str(error)) from None
    current = [
        edition_checks.Current(
            claim.label,
            model.BY_NAME["certainty"].value(claim.options),
            model.BY_NAME["attribution-certainty"].value(claim.options)
            if model.BY_NAME["attributed-to"].value(claim.options) else None,
            claim,
        )
        for claim in claims if model.LABEL_RE.fullmatch(claim.label)
    ]
    book, at_claims = edition_checks.problems(recorded, current)
    changes = show(folder / history.CHANGES)
    found = [make(p.code, changes, 1, 1, subject=p.fields["label"], **p.fields) for p in book]
    for item, problem in at_claims:
        claim = item.where
        found.append(make(problem.code, claim.path, claim.line, claim.column,
                          subject=claim.label, **problem.fields))
    return found
