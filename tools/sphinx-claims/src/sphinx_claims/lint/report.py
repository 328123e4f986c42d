"""Output formats (ruff's names): concise, full, json, github, sarif; and ``--statistics``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sphinx_claims import __version__, rules
from sphinx_claims.findings import Finding

FORMATS = ("concise", "full", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def concise(findings: list[Finding], **_: object) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}" for f in findings]
    return "\n".join([*lines, summary(findings)]) + "\n"


def full(findings: list[Finding], *, source: Callable[[str], list[str]], **_: object) -> str:
    """Each finding with its source line and a caret under the column."""
    out = []
    for f in findings:
        out.append(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
        lines = source(f.path)
        if 0 < f.line <= len(lines):
            number = str(f.line)
            pad = " " * len(number)
            out += [
                f"{pad} |",
                f"{number} | {lines[f.line - 1]}",
                f"{pad} | {' ' * (f.column - 1)}^ {f.code} ({f.rule.name})",
                "",
            ]
    out.append(summary(findings))
    return "\n".join(out) + "\n"


def failing(findings: list[Finding]) -> list[Finding]:
    """The findings that fail a run: errors and warnings (notices never do)."""
    return [f for f in findings if f.severity is not rules.Severity.INFO]


def summary(findings: list[Finding]) -> str:
    notices = len(findings) - len(failing(findings))
    notes = f"{notices} notice{'s' * (notices != 1)}"
    findings = failing(findings)
    if not findings:
        return f"All checks passed! ({notes})" if notices else "All checks passed!"
    errors = sum(f.severity is rules.Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if notices:
        counts += f", {notes}"
    return f"Found {len(findings)} finding{'s' * (len(findings) != 1)} ({counts})."


def _level(severity: rules.Severity, info: str) -> str:
    """The GitHub / SARIF level of *severity* (*info*: that format's word for a notice)."""
    if severity is rules.Severity.INFO:
        return info
    return "error" if severity is rules.Severity.ERROR else "warning"


def as_json(findings: list[Finding], **_: object) -> str:
    """One object per finding; ``path`` is always a file (a notebook's cell is ``cell``, its
    1-based number, ``null`` outside notebooks; ``line`` and ``column`` count within it)."""
    from sphinx_claims.lint.readers.notebook import split_cell

    records = []
    for f in findings:
        path, cell = split_cell(f.path)
        records.append(
            {"path": path, "cell": cell, "line": f.line, "column": f.column, "code": f.code,
             "severity": str(f.severity), "message": f.message}
        )
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], **_: object) -> str:
    """GitHub Actions workflow commands (annotations on the pull request's diff)."""
    from sphinx_claims.lint.readers.notebook import split_cell

    lines = []
    for f in findings:
        level = _level(f.severity, "notice")
        path, cell = split_cell(f.path)
        if cell is None:
            where, text = f"file={_escape_property(path)},line={f.line},col={f.column}", ""
        else:  # a notebook: the file, and the cell position in the message
            where, text = f"file={_escape_property(path)}", f"(cell {cell}:{f.line}:{f.column}) "
        lines.append(f"::{level} {where},title={f.code}::"
                     f"{_escape_data(f'{f.code} {text}{f.message}')}")
    return "".join(line + "\n" for line in lines)


def fingerprints(findings: list[Finding]) -> list[str]:
    """Stable ids: rule, file and subject (label, key …) plus an occurrence count, no lines."""
    seen: Counter[tuple[str, str, str]] = Counter()
    prints = []
    for f in findings:
        ident = (f.code, f.path, f.subject or f.message)
        seen[ident] += 1
        digest = hashlib.sha256("\x1f".join([*ident, str(seen[ident])]).encode()).hexdigest()
        prints.append(digest[:32])
    return prints


def sarif(findings: list[Finding], **_: object) -> str:
    """SARIF 2.1.0 with every rule's metadata, relative URIs and partial fingerprints."""
    catalogue = rules.all_rules()
    position = {rule.code: i for i, rule in enumerate(catalogue)}
    driver = {
        "name": "sphinx-claims",
        "version": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.what},
                "fullDescription": {"text": rule.why},
                "help": {"text": f"{rule.what}\n\nWhy: {rule.why}\n\nExample:\n{rule.example}"},
                "defaultConfiguration": {
                    "level": _level(rule.severity, "note")
                },
            }
            for rule in catalogue
        ],
    }
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": position[f.code],
            "level": _level(f.severity, "note"),
            "message": {"text": f.message},
            "locations": [_location(f)],
            "partialFingerprints": {"sphinxClaimsFinding/v1": fp},
        }
        for f, fp in zip(findings, fingerprints(findings), strict=True)
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results,
                  "columnKind": "unicodeCodePoints"}],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _location(f: Finding) -> dict[str, object]:
    """A SARIF location; a notebook cell is the notebook's file with the cell as a region
    property and a logical location (line and column count within the cell's source)."""
    from sphinx_claims.lint.readers.notebook import split_cell

    path, cell = split_cell(f.path)
    region: dict[str, object] = {"startLine": f.line, "startColumn": f.column}
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": {"uri": Path(path).as_posix(), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }
    if cell is not None:
        region["properties"] = {"cell": cell}
        location["logicalLocations"] = [{"name": f"cell {cell}", "kind": "notebookCell"}]
    return location


def statistics(findings: list[Finding], output_format: str) -> str:
    """``count CODE name`` per rule, most frequent first (JSON for json/sarif)."""
    counts = Counter(f.code for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if output_format in ("json", "sarif"):
        return json.dumps(
            [{"code": code, "name": rules.get(code).name, "count": count}
             for code, count in ordered], indent=2,
        ) + "\n"
    width = max((len(str(c)) for c in counts.values()), default=1)
    return "".join(
        f"{count:>{width}}\t{code}\t{rules.get(code).name}\n" for code, count in ordered
    )


RENDERERS: dict[str, Callable[..., str]] = {
    "concise": concise, "full": full, "json": as_json, "github": github, "sarif": sarif,
}
