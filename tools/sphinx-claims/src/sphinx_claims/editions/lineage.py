"""A claim's history across editions: the edition it first appeared in, the edition it last
changed in, and whether it is new or changed since the newest recorded edition.

Only the claim's own record and the recorded editions decide (not its number or page), so a
chapter's output does not depend on the other chapters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx_claims.editions.classify import CONTENT, classify
from sphinx_claims.editions.history import History

#: Keys added to a ``claims.json`` record when editions are configured (``None``: not yet in a
#: published edition, or changed since the newest one).
KEYS: tuple[str, ...] = ("first_edition", "last_changed")


def _content_changed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return bool(set(classify(old, new)) & CONTENT)


@dataclass(frozen=True)
class Lineage:
    first_edition: str | None
    last_changed: str | None
    #: ``"new"`` or ``"changed"`` when the claim differs from the edition it is compared with
    #: (the newest, or for a claim unchanged since, the one before the newest).
    status: str | None = None
    #: The edition the status is relative to, and whether the change is still unreleased.
    since: str | None = None
    released: bool = False

    def fragment(self, label: str) -> str:
        """The id of the changelog entry that describes the status."""
        return entry_id(label, None if not self.released else self.last_changed)


def entry_id(label: str, version: str | None = None) -> str:
    """The id of a changelog entry: ``change-<label>`` for changes since the newest edition,
    ``change-<version>-<label>`` for changes recorded in *version*."""
    return f"change-{version}-{label}" if version else f"change-{label}"


def of(history: History, record: dict[str, Any], release: str | None = None) -> Lineage:
    """*record*'s lineage (``release``: the configured release; a change recorded in the
    newest edition is shown as such only while it is the release being built)."""
    label = record["label"]
    holding = [e for e in history.editions if label in e.by_label]
    first = holding[0].version if holding else None
    latest = history.latest
    if latest is None:
        return Lineage(None, None)
    if label not in latest.by_label:
        return Lineage(first, None, "new", latest.version)
    if _content_changed(latest.by_label[label], record):
        return Lineage(first, None, "changed", latest.version)
    last = first
    previous: dict[str, Any] | None = None
    for edition in history.editions:
        current = edition.by_label.get(label)
        if current is not None and previous is not None and _content_changed(previous, current):
            last = edition.version
        if current is not None:
            previous = current
    status, since = None, None
    if last == latest.version and len(history.editions) > 1 and release == latest.version:
        before = history.editions[-2]
        status = "changed" if label in before.by_label else "new"
        since = before.version
    return Lineage(first, last, status, since, released=status is not None)


def annotate(records: list[dict[str, Any]], history: History) -> None:
    """Add :data:`KEYS` to every record (in place)."""
    for record in records:
        found = of(history, record)
        record["first_edition"], record["last_changed"] = found.first_edition, found.last_changed
