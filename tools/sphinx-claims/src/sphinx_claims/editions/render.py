"""``sphinx-claims diff`` output: ``concise`` (one line a claim), ``json`` and ``markdown``."""

from __future__ import annotations

import json
from collections.abc import Callable

from sphinx_claims.editions.classify import Change, counts, word_diff


def _numbers(change: Change) -> str:
    return f"{change.old_number or '-'} -> {change.new_number or '-'}"


def concise(changes: list[Change]) -> str:
    lines = [f"{change.label}: {', '.join(change.changes)} ({_numbers(change)})"
             for change in changes]
    summary = ", ".join(f"{n} {name}" for name, n in counts(changes).items() if n)
    lines.append(f"{len(changes)} changes" + (f": {summary}" if summary else ""))
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change]) -> str:
    return json.dumps([change.as_json() for change in changes], ensure_ascii=False, indent=2) + "\n"


def _diff_markdown(old: str, new: str) -> str:
    marks = {"=": "{}", "-": "~~{}~~", "+": "**{}**"}
    return " ".join(marks[op].format(words) for op, words in word_diff(old, new))


def markdown(changes: list[Change]) -> str:
    out = ["| Claim | Number | Changes |", "|---|---|---|"]
    for change in changes:
        out.append(f"| `{change.label}` | {_numbers(change)} | {', '.join(change.changes)} |")
    details = []
    for change in changes:
        notes = []
        if "regraded" in change.changes:
            notes.append(f"certainty {change.value('old', 'certainty')} → "
                         f"{change.value('new', 'certainty')}")
        if "resourced" in change.changes:
            notes.append(f"sources added: {', '.join(change.sources_added) or 'none'}; removed: "
                         f"{', '.join(change.sources_removed) or 'none'}")
        if "reworded" in change.changes:
            notes.append(_diff_markdown(change.value("old", "text") or "",
                                        change.value("new", "text") or ""))
        if change.reason:
            notes.append(f"Reason: {change.reason}")
        if notes:
            details.append(f"- `{change.label}`: " + " — ".join(notes))
    return "\n".join(out + (["", *details] if details else [])) + "\n"


FORMATS: dict[str, Callable[[list[Change]], str]] = {
    "concise": concise, "json": as_json, "markdown": markdown,
}
