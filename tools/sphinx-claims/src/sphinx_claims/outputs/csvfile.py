"""``claims.csv`` beside ``claims.json``: the same records, one row each, for a spreadsheet.

Columns are the records' keys in their ``claims.json`` order; ``sources`` is the keys joined by
``"; "``; ``evidence`` is one ``key | locator | passage`` line per entry (the option's own
syntax); empty values (``null``) are empty cells.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from sphinx_claims.outputs import export

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILENAME = "claims.csv"


def columns(records: list[dict[str, Any]]) -> list[str]:
    """Every key of the records, in the order ``claims.json`` writes them."""
    return list(dict.fromkeys(name for record in records for name in record))


def dumps(records: list[dict[str, Any]]) -> str:
    """The CSV text (RFC 4180 quoting, ``\\r\\n`` line ends, a header row)."""
    out = io.StringIO()
    names = columns(records)
    writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        row = {name: record.get(name) for name in names}
        row["sources"] = "; ".join(record.get("sources") or [])
        row["evidence"] = "\n".join(
            f"{e['key']} | {e['locator']} | {e['passage']}" for e in record.get("evidence") or []
        )
        writer.writerow({name: "" if value is None else value for name, value in row.items()})
    return out.getvalue()


def write_claims_csv(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write ``claims.csv`` next to ``claims.json``."""
    if exception is not None or not export.is_html(app.builder):
        return
    text = dumps(export.claim_records(app.env, app.builder))
    (app.builder.outdir / FILENAME).write_text(text, encoding="utf-8", newline="")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", write_claims_csv)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
