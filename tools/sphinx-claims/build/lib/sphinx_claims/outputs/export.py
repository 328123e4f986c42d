"""Machine-readable claims: ``claims.json`` at the root of the HTML output.

:func:`claim_records` is the one definition of a record; ``sphinx-claims export`` builds the same
records from the sources alone. Records are sorted by ``(path, line)``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_claims.ext.domain import ClaimDomain

FILENAME = "claims.json"
#: The fields of a record, in output order.
FIELDS: tuple[str, ...] = (
    "label",
    "number",
    "kind",
    "title",
    "text",
    "sources",
    "attributed_to",
    "certainty",
    "as_of",
    "docname",
    "path",
    "line",
    "url",
)


def claim_records(env: BuildEnvironment, builder: Builder) -> list[dict[str, Any]]:
    """One record per claim with a valid label, sorted by ``(path, line)``.

    ``path`` is the source file relative to the source directory (POSIX), ``url`` the page
    relative to the site root plus ``#claim-<label>``, ``sources`` the cited keys in order of
    first citation, ``text`` the body without its citations (see
    :func:`sphinx_claims.ext.citations.plain_text`).
    """
    domain = cast("ClaimDomain", env.domains["claim"])
    records = []
    for claim, number in domain.ordered():
        if not claim.has_valid_label:
            continue
        records.append(
            {
                "label": claim.label,
                "number": number,
                "kind": claim.kind,
                "title": claim.title,
                "text": claim.text,
                "sources": list(claim.sources),
                "attributed_to": claim.attributed_to,
                "certainty": claim.certainty,
                "as_of": claim.as_of,
                "docname": claim.docname,
                "path": env.doc2path(claim.docname, False).as_posix(),
                "line": claim.line,
                "url": f"{builder.get_target_uri(claim.docname)}#{claim.anchor}",
            }
        )
    records.sort(key=lambda record: (record["path"], record["line"]))
    return records


#: JSON escapes that keep markup inert inside a page or a ``<script>``: no ``</script>``, no
#: ``<!--``, and none of the line separators that end a JavaScript string.
_INERT = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def inert_json(data: Any, indent: int) -> str:
    """``json.dumps`` (UTF-8, not ASCII-escaped) with markup characters escaped."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_INERT)


def dumps(records: list[dict[str, Any]]) -> str:
    """``claims.json``'s text: stable, UTF-8, one trailing newline, markup escaped."""
    return inert_json(records, indent=2) + "\n"


def is_html(builder: Builder) -> bool:
    return builder.format == "html" and not builder.name.startswith("epub")


def write_claims_json(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write ``claims.json`` from the domain (never stale)."""
    if exception is not None or not is_html(app.builder):
        return
    text = dumps(claim_records(app.env, app.builder))
    (app.builder.outdir / FILENAME).write_text(text, encoding="utf-8")
