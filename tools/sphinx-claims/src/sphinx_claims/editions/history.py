"""The recorded editions of a book and the editors' declarations since the last one.

An editions folder holds one folder per published edition (``0.1/``) with the register as a
build wrote it (``claims.json``) and its metadata (``edition.toml``: ``version``, ``date``,
``commit``), and ``changes.toml``: ``[withdrawn."label"]`` (``reason``, optional
``merged-into``) and ``[notes."label"]`` (``reason``) for the changes since the last edition.
An edition folder may keep its own ``changes.toml`` (the declarations made for that edition;
``tools/release.py`` moves them there).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CLAIMS = "claims.json"
METADATA = "edition.toml"
CHANGES = "changes.toml"
_VERSION = re.compile(r"\d+(?:\.\d+)*")


class EditionError(Exception):
    """An editions folder or a register that cannot be read (the message names the file)."""


def version_key(version: str) -> tuple[int, ...]:
    """``"0.10"`` sorts after ``"0.9"``."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class Withdrawal:
    label: str
    reason: str
    merged_into: str | None
    line: int


@dataclass(frozen=True)
class Declarations:
    """``changes.toml``: withdrawals and reasons, with the line each is declared at."""

    path: Path | None = None
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    note_lines: dict[str, int] = field(default_factory=dict)

    def reason(self, label: str) -> str:
        if label in self.withdrawn:
            return self.withdrawn[label].reason
        return self.notes.get(label, "")


@dataclass(frozen=True)
class Edition:
    version: str
    date: str
    commit: str
    records: list[dict[str, Any]]
    declarations: Declarations

    @property
    def by_label(self) -> dict[str, dict[str, Any]]:
        return {record["label"]: record for record in self.records}


@dataclass(frozen=True)
class History:
    """Every recorded edition, oldest first, and the declarations since the newest."""

    folder: Path
    editions: tuple[Edition, ...]
    pending: Declarations

    @property
    def latest(self) -> Edition | None:
        return self.editions[-1] if self.editions else None

    def withdrawn(self) -> dict[str, tuple[str, Withdrawal]]:
        """``label -> (edition that withdrew it or "", withdrawal)``, over every edition."""
        found: dict[str, tuple[str, Withdrawal]] = {}
        for edition in self.editions:
            for label, item in edition.declarations.withdrawn.items():
                found[label] = (edition.version, item)
        for label, item in self.pending.withdrawn.items():
            found.setdefault(label, ("", item))
        return found

    def published(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Every label ever published: ``label -> (last edition that had it, its record)``."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for edition in self.editions:
            for record in edition.records:
                found[record["label"]] = (edition.version, record)
        return found


def read_records(path: Path) -> list[dict[str, Any]]:
    """A ``claims.json`` register (a list of records with at least ``label`` and ``number``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EditionError(f"{path}: cannot read: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EditionError(f"{path}: not a claims.json register: {error}") from None
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and isinstance(item.get("label"), str) for item in data
    ):
        raise EditionError(f"{path}: not a claims.json register: expected a list of records "
                           "with a 'label'")
    return data


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EditionError(f"{path}: cannot read: {error.strerror}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise EditionError(f"{path}: invalid TOML: {error}") from None


def _header_lines(path: Path, table: str) -> dict[str, int]:
    """The line of each ``[table."label"]`` header (tomllib keeps no positions)."""
    pattern = re.compile(rf'^\s*\[\s*{table}\s*\.\s*"?([a-z0-9-]+)"?\s*\]')
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = pattern.match(line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def read_declarations(path: Path) -> Declarations:
    """``changes.toml`` (an absent file declares nothing)."""
    if not path.is_file():
        return Declarations(path)
    data = _toml(path)
    withdrawn, notes = data.get("withdrawn", {}), data.get("notes", {})
    if not isinstance(withdrawn, dict) or not isinstance(notes, dict):
        raise EditionError(f"{path}: [withdrawn] and [notes] must be tables of labels")
    lines = _header_lines(path, "withdrawn")
    items = {}
    for label, value in withdrawn.items():
        if not isinstance(value, dict) or not isinstance(value.get("reason"), str):
            raise EditionError(f'{path}: [withdrawn."{label}"] needs a reason = "…"')
        merged = value.get("merged-into")
        items[label] = Withdrawal(label, value["reason"], merged if merged else None,
                                  lines.get(label, 1))
    reasons = {}
    for label, value in notes.items():
        if not isinstance(value, dict) or not isinstance(value.get("reason"), str):
            raise EditionError(f'{path}: [notes."{label}"] needs a reason = "…"')
        reasons[label] = value["reason"]
    return Declarations(path, items, reasons, _header_lines(path, "notes"))


def read_edition(folder: Path) -> Edition:
    meta = _toml(folder / METADATA)
    version = str(meta.get("version", folder.name))
    return Edition(version, str(meta.get("date", "")), str(meta.get("commit", "")),
                   read_records(folder / CLAIMS), read_declarations(folder / CHANGES))


def load(folder: Path) -> History:
    """The editions recorded in *folder* (an absent folder: no edition, nothing declared)."""
    editions = []
    if folder.is_dir():
        for child in folder.iterdir():
            if child.is_dir() and _VERSION.fullmatch(child.name) and (child / CLAIMS).is_file():
                editions.append(read_edition(child))
    editions.sort(key=lambda edition: version_key(edition.version))
    return History(folder, tuple(editions), read_declarations(folder / CHANGES))
