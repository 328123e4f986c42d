"""The checks behind the claim and citation rules: pure functions the build and the linter share.

Each function takes what a side found (a claim's options, whether its body is empty, the labels
of the book …) and returns :class:`Problem` objects: a rule code and the fields of its message
(:mod:`sphinx_claims.rules` words it). The Sphinx side (``ext``) and the linter (``lint``) only
locate claims, call these functions and report; so a rule both run cannot drift.

Where a finding is reported (one convention, both sides): a problem with one option is reported
at that option's line (:func:`problem_line`); every other claim problem at the claim's opening
fence; a citation or a cross-reference at its role's line. A suppression comment anchors on the
fence line (:mod:`sphinx_claims.suppression`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from sphinx_claims import model


@dataclass(frozen=True)
class Problem:
    """One rule violated: its code, its message's fields, and the option it is about (if one)."""

    code: str
    fields: Mapping[str, str] = field(default_factory=dict)
    option: str | None = None


valid_as_of = model.valid_as_of


def check_options(options: Mapping[str, str | None]) -> list[Problem]:
    """CLM004, CLM005 and CLM006 for a claim's options (already split into ``name -> value``).

    Problems come in a stable order: label, unknown options, values, attribution.
    """
    problems: list[Problem] = []
    label = (options.get("label") or "").strip()
    if not label:
        where = "label" if "label" in options else None
        problems.append(Problem("CLM004", {"detail": "claim has no :label:"}, where))
    elif not model.LABEL_RE.fullmatch(label):
        detail = f"invalid label '{label}': use lowercase letters, digits and hyphens"
        problems.append(Problem("CLM004", {"detail": detail}, "label"))
    for name in options:
        if name not in model.BY_NAME:
            allowed = ", ".join(model.OPTION_NAMES)
            detail = f"unknown option '{name}' (allowed: {allowed})"
            problems.append(Problem("CLM005", {"detail": detail}, name))
    for option in model.OPTIONS:  # each option's own checks (model.Option.problem)
        raw = options.get(option.name)
        detail = option.problem(raw, options) if raw is not None else None
        if detail:
            problems.append(Problem("CLM005", {"detail": detail}, option.name))
    kind = (options.get("kind") or "").strip() or model.DEFAULT_KIND
    if kind in model.ATTRIBUTION_REQUIRED and not (options.get("attributed-to") or "").strip():
        problems.append(Problem("CLM006", {"kind": kind, "label": label or "?"}, "kind"))
    return problems


def check_body(label: str, *, empty: bool, citations: int) -> Problem | None:
    """CLM002 for a body with nothing in it but comments, else CLM001 for one with no citation.

    *empty*: the body holds no block but comments and targets (``% …``, ``(name)=``);
    *citations*: how many citation roles the body holds (a malformed one counts: it is CIT004).
    """
    if empty:
        return Problem("CLM002", {"label": label or "?"})
    if not citations:
        return Problem("CLM001", {"label": label or "?"})
    return None


def check_nesting(label: str, parent: str | None) -> Problem | None:
    """CLM007 for a claim inside another claim (*parent*: its label, ``None`` at the top)."""
    if parent is None:
        return None
    return Problem("CLM007", {"label": label or "?", "parent": parent or "?"})


def citation_outside_claim(keys: Sequence[str]) -> Problem:
    """CIT002 for a citation of *keys* that no claim holds."""
    return Problem("CIT002", {"key": ", ".join(keys)})


def malformed_target(target: str) -> Problem:
    """CIT004 for a citation role whose target does not parse."""
    return Problem("CIT004", {"target": target})


@cache
def _role_opening() -> re.Pattern[str]:
    """Where MyST's role rule starts a role: ``{name}`` then the opening backticks (the
    plugin's own name pattern, unanchored; imported when first needed, as the parsers are)."""
    from mdit_py_plugins.myst_role.index import VALID_NAME_PATTERN

    return re.compile(VALID_NAME_PATTERN.pattern.lstrip("^") + "`+")


def opened_roles(text: str) -> list[tuple[int, str]]:
    """``(offset, role)`` for each citation role opened in *text*.

    *text* is what the MyST parser left as plain text (a ``text`` token): a role found there
    is one whose backticks never closed, printed to readers as it is written.
    """
    return [(match.start(), match.group(1)) for match in _role_opening().finditer(text)
            if match.group(1) in model.CITATION_ROLES]


def unclosed_role(role: str, written: str) -> Problem:
    """CIT005 for citation *role* left open; *written*: the rest of its line as written."""
    shown = written.split("\n", 1)[0].rstrip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return Problem("CIT005", {"role": role, "text": shown})


def citation_key(key: str, entries: Mapping[str, str]) -> Problem | None:
    """CIT001 for a key no bibliography has, CIT003 for one that differs only in case.

    *entries* maps each bibliography key, lower-cased, to the key as written.
    """
    entry = entries.get(key.lower())
    if entry is None:
        return Problem("CIT001", {"key": key})
    if entry != key:
        return Problem("CIT003", {"key": key, "entry": entry})
    return None


T = TypeVar("T")


def duplicate_labels(claims: Iterable[tuple[str, T]]) -> Iterator[tuple[T, T, Problem]]:
    """``(claim, first, CLM003)`` for each ``(label, claim)``, in book order, whose valid label
    an earlier claim already carries (the message's ``other`` is filled by the caller's
    ``where(first)``: see :func:`duplicate_problem`)."""
    first: dict[str, T] = {}
    for label, claim in claims:
        if not model.LABEL_RE.fullmatch(label):
            continue
        earlier = first.setdefault(label, claim)
        if earlier is not claim:
            yield claim, earlier, Problem("CLM003", {"label": label})


def repeated_keys(entries: Iterable[tuple[str, T]]) -> Iterator[tuple[T, T]]:
    """``(entry, first)`` for each ``(key, entry)``, in reading order, whose key an earlier entry
    already has, compared case-blind as BibTeX does (BIB002; pybtex: "repeated entry")."""
    first: dict[str, T] = {}
    for key, entry in entries:
        earlier = first.setdefault(key.lower(), entry)
        if earlier is not entry:
            yield entry, earlier


def duplicate_problem(problem: Problem, other: str) -> Problem:
    """*problem* (CLM003) with where the first claim is (``path:line``)."""
    return Problem(problem.code, {**problem.fields, "other": other})


def unknown_reference(label: str, labels: Mapping[str, object] | set[str]) -> Problem | None:
    """CLM008 for a ``{claim:ref}`` to a label no claim carries."""
    return None if label in labels else Problem("CLM008", {"label": label})


def uncited_evidence(
    label: str, evidence: str | None, cited: Iterable[str]
) -> list[Problem]:
    """CLM009 for each key an ``:evidence:`` value names that *cited* (the body's keys) lacks."""
    if evidence is None:
        return []
    keys = set(cited)
    entries, _bad = model.evidence_entries(evidence)
    missing = dict.fromkeys(entry.key for entry in entries if entry.key not in keys)
    return [Problem("CLM009", {"label": label or "?", "key": key}, "evidence") for key in missing]


@dataclass(frozen=True)
class LocatedClaim:
    """A claim as a reader located it: all the one claim check needs.

    *options*: ``name -> value`` as written; *fence*: the line of its opening fence;
    *option_lines*: a function giving the line of each option (called only when a problem is
    about an option, so readers need not find them otherwise); *parent*: the label of the claim
    it sits in (``None`` at the top); *empty*: its body holds nothing but comments and targets;
    *citations*: how many citation roles its body holds (a malformed one counts); *cited*: the
    keys its body cites (its ``:evidence:`` may name no other).
    """

    options: Mapping[str, str]
    fence: int
    option_lines: Callable[[], Mapping[str, int]] = dict
    parent: str | None = None
    empty: bool = False
    citations: int = 0
    cited: Sequence[str] = ()


def check_claim(claim: LocatedClaim) -> list[tuple[int, Problem]]:
    """Every problem of one claim with the line it is reported at: the option checks (CLM004,
    CLM005, CLM006, CLM009) at their option's line, nesting (CLM007) and the body (CLM002, else
    CLM001) at the fence. The directive and every linter reader call this and only report."""
    label = (claim.options.get("label") or "").strip()
    problems = [*check_options(claim.options),
                *uncited_evidence(label, claim.options.get("evidence"), claim.cited)]
    found: list[tuple[int, Problem]] = []
    if problems:
        lines = claim.option_lines()
        found = [(problem_line(problem, lines, claim.fence), problem) for problem in problems]
    for problem in (check_nesting(label, claim.parent),
                    check_body(label, empty=claim.empty, citations=claim.citations)):
        if problem is not None:
            found.append((claim.fence, problem))
    return found


# --- where a problem is reported -------------------------------------------------------------


def option_lines(lines: Sequence[str], first: int) -> dict[str, int]:
    """Line of each option in a directive's option block.

    *lines* are the option block's lines (``:name: value`` fields or a ``---`` YAML block, as
    MyST reads them), *first* the line number of the first of them.
    """
    found: dict[str, int] = {}
    for number, raw in enumerate(lines, start=first):
        text = raw.strip()
        if text.startswith(":") and not text.startswith(":::"):
            name = text[1:].split(":", 1)[0].strip()
        elif ":" in text and not text.startswith("---"):
            name = text.split(":", 1)[0].strip()
        else:
            continue
        found.setdefault(name, number)
    return found


def problem_line(problem: Problem, lines: Mapping[str, int], fence: int) -> int:
    """Where *problem* is reported: its option's line if it has one, else the fence line."""
    if problem.option is None:
        return fence
    return lines.get(problem.option, fence)


def rest_option_lines(block_text: str, fence: int) -> dict[str, int]:
    """Line of each option of a reST directive: the field lines after its first line (at
    *fence*) up to the first blank line (*block_text*: the directive as written)."""
    lines = block_text.split("\n")[1:]
    end = next((index for index, text in enumerate(lines) if not text.strip()), len(lines))
    return option_lines(lines[:end], fence + 1)


# --- fences (MST001) -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fence:
    """A directive fence: where it opens, its marker run (``:::``), its text as shown, and the
    line of the fence that closes it (``None`` when nothing does)."""

    line: int
    markup: str
    text: str
    closer: int | None = None
    column: int = 1


def closes(line: str, markup: str, *, exact: bool = False) -> bool:
    """Whether *line* is a closing fence for a fence opened with *markup* (*exact*: MyST's
    ``colon_fence_exact_match``, a ``:::`` closed only by as many colons)."""
    text = line.lstrip(" \t>").rstrip()
    marker = markup[0]
    if not text or text.strip(marker):
        return False
    if marker == ":" and exact:
        return len(text) == len(markup)
    return len(text) >= len(markup)


def unclosed_fence(fence: Fence, outer: Fence | None) -> tuple[Fence, Problem]:
    """MST001 for *fence*, never closed, inside the directive fence *outer* (``None`` at the
    top): the fence it is reported at, and the problem worded for what ended it.

    When the outer fence has no more markers than the inner one, the closing fence meant for the
    inner one closed the outer one: the outer fence is the one to fix, and is reported.
    """
    if outer is None or outer.closer is None or outer.markup[0] != fence.markup[0]:
        detail = f"unclosed directive fence '{fence.text}' swallows everything after it"
        return fence, Problem("MST001", {"detail": detail})
    if len(outer.markup) <= len(fence.markup):
        detail = (f"directive fence '{outer.text}' is closed by the '{outer.markup}' at line "
                  f"{outer.closer}, which was meant for '{fence.text}' at line {fence.line}: "
                  f"close it before line {fence.line}, or give it more '{fence.markup[0]}' "
                  "than the fence inside")
        return outer, Problem("MST001", {"detail": detail})
    detail = (f"unclosed directive fence '{fence.text}' is ended by the enclosing "
              f"'{outer.text}' (line {outer.line}) at line {outer.closer}")
    return fence, Problem("MST001", {"detail": detail})
