"""What changed between two registers, claim by claim (matched by label)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sphinx_claims.editions.history import Declarations

#: Every class a change can fall in, in the order they are listed.
CLASSES: tuple[str, ...] = (
    "added", "withdrawn", "reworded", "regraded", "resourced", "reattributed", "renumbered",
    "moved",
)
#: The classes that change what a claim says or how sure it is (a badge shows them); a new
#: number or page alone does not.
CONTENT: frozenset[str] = frozenset(
    {"added", "reworded", "regraded", "resourced", "reattributed"}
)
#: ``class -> record fields`` compared for it (a field missing from an old record is equal).
FIELDS: dict[str, tuple[str, ...]] = {
    "reworded": ("text", "title"),
    "regraded": ("certainty", "attribution_certainty"),
    "resourced": ("sources",),
    "reattributed": ("attributed_to",),
    "renumbered": ("number",),
    "moved": ("docname",),
}


@dataclass(frozen=True)
class Change:
    """One claim's changes between an old and a new register."""

    label: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    changes: tuple[str, ...]
    reason: str = ""
    merged_into: str | None = None

    @property
    def old_number(self) -> str | None:
        return self.old.get("number") if self.old else None

    @property
    def new_number(self) -> str | None:
        return self.new.get("number") if self.new else None

    def value(self, side: str, key: str) -> Any:
        record = self.old if side == "old" else self.new
        return (record or {}).get(key)

    @property
    def sources_added(self) -> list[str]:
        old = self.value("old", "sources") or []
        return [key for key in self.value("new", "sources") or [] if key not in old]

    @property
    def sources_removed(self) -> list[str]:
        new = self.value("new", "sources") or []
        return [key for key in self.value("old", "sources") or [] if key not in new]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "changes": list(self.changes),
            "old_chapter": self.value("old", "docname"),
            "new_chapter": self.value("new", "docname"),
        }
        shown = {"regraded": ("certainty", "attribution_certainty"),
                 "reattributed": ("attributed_to",), "reworded": ("title", "text")}
        for name, keys in shown.items():
            if name in self.changes:
                for key in keys:
                    data[f"old_{key}"] = self.value("old", key)
                    data[f"new_{key}"] = self.value("new", key)
        if "resourced" in self.changes:
            data["sources_added"] = self.sources_added
            data["sources_removed"] = self.sources_removed
        if self.reason:
            data["reason"] = self.reason
        if self.merged_into:
            data["merged_into"] = self.merged_into
        return data


def _differs(old: dict[str, Any], new: dict[str, Any], key: str) -> bool:
    if key not in old or key not in new:
        return False
    if key == "sources":
        return set(old[key] or ()) != set(new[key] or ())
    return bool(old[key] != new[key])


def classify(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    """The classes of change between two records of one label (empty: unchanged)."""
    return tuple(name for name, keys in FIELDS.items() if any(_differs(old, new, k) for k in keys))


def diff(
    old: Iterable[dict[str, Any]],
    new: Iterable[dict[str, Any]],
    declarations: Declarations | None = None,
) -> list[Change]:
    """Every claim that changed, in the new register's order, then the withdrawn ones in the
    old register's order."""
    declared = declarations or Declarations()
    before = {record["label"]: record for record in old}
    after = {record["label"]: record for record in new}
    found = []
    for label, record in after.items():
        if label not in before:
            found.append(Change(label, None, record, ("added",), declared.reason(label)))
            continue
        changes = classify(before[label], record)
        if changes:
            found.append(Change(label, before[label], record, changes, declared.reason(label)))
    for label, record in before.items():
        if label not in after:
            item = declared.withdrawn.get(label)
            found.append(Change(label, record, None, ("withdrawn",), declared.reason(label),
                                item.merged_into if item else None))
    return found


def counts(changes: Iterable[Change]) -> dict[str, int]:
    """How many claims fall in each class (a claim can fall in several)."""
    found = dict.fromkeys(CLASSES, 0)
    for change in changes:
        for name in change.changes:
            found[name] += 1
    return found


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, words)`` runs of a word-level diff: op is ``=``, ``-`` (removed) or ``+``."""
    before, after = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("=", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(before[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(after[j1:j2])))
    return runs
