"""EDN001–EDN003: published labels stay stable (the build and the linter both call this)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sphinx_claims.checks import Problem
from sphinx_claims.editions.history import History

W = TypeVar("W")


@dataclass(frozen=True)
class Current(Generic[W]):
    """A claim of the sources as the checks need it; *where* is the caller's location."""

    label: str
    certainty: str
    attribution_certainty: str | None
    where: W


def problems(
    history: History, claims: Iterable[Current[W]]
) -> tuple[list[Problem], list[tuple[Current[W], Problem]]]:
    """Problems of the changes file (EDN001, reported at its ``[withdrawn]`` or first line) and
    problems of claims (EDN002, EDN003)."""
    current = list(claims)
    labels = {claim.label for claim in current}
    withdrawn = history.withdrawn()
    book: list[Problem] = []
    for label, (edition, _record) in sorted(history.published().items()):
        if label not in labels and label not in withdrawn:
            book.append(Problem("EDN001", {"label": label, "edition": edition}))
    at_claims: list[tuple[Current[W], Problem]] = []
    latest = history.latest.by_label if history.latest else {}
    version = history.latest.version if history.latest else ""
    for claim in current:
        if claim.label in withdrawn:
            edition = withdrawn[claim.label][0]
            at_claims.append((claim, Problem("EDN002", {
                "label": claim.label, "edition": f" in edition {edition}" if edition else "",
            })))
            continue
        old = latest.get(claim.label)
        if old is None or claim.label in history.pending.notes:
            continue
        moves = [f"{old.get(key)} → {value}" for key, value in (
            ("certainty", claim.certainty), ("attribution_certainty", claim.attribution_certainty)
        ) if key in old and old.get(key) != value]
        if moves:
            at_claims.append((claim, Problem("EDN003", {
                "label": claim.label, "edition": version, "change": ", ".join(moves),
            })))
    return book, at_claims
