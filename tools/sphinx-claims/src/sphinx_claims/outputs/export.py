"""Machine-readable claims: ``claims.json`` at the root of the HTML output.

Each record is :func:`sphinx_claims.model.record` of a claim with a valid label;
``sphinx-claims export`` builds the same records from the sources alone. Records are sorted by
``(path, line)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx_claims import model
from sphinx_claims.ext import translation
from sphinx_claims.model import dumps, inert_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_claims.ext.domain import ClaimDomain

__all__ = ["FILENAME", "claim_records", "dumps", "inert_json", "is_html", "write_claims_json"]

FILENAME = "claims.json"


def claim_records(env: BuildEnvironment, builder: Builder) -> list[dict[str, Any]]:
    """One record per claim with a valid label, sorted by ``(path, line)``.

    ``url`` is the page relative to the site root plus ``#claim-<label>``; ``text`` the body
    without its citations (see :func:`sphinx_claims.ext.citations.plain_text`). A translated
    build adds ``in_language``, ``translated`` and ``original_url``
    (:func:`sphinx_claims.ext.translation.record_fields`).
    """
    from sphinx_claims.editions import lineage
    from sphinx_claims.ext import editions

    domain = cast("ClaimDomain", env.domains["claim"])
    untranslated = domain.data["untranslated"]
    recorded = editions.history_of(env.config)
    records = []
    for claim, number in domain.ordered():
        if not claim.has_valid_label:
            continue
        url = f"{builder.get_target_uri(claim.docname)}#{claim.anchor}"
        translated = claim.label not in untranslated.get(claim.docname, ())
        record = {**model.record(claim, number, url),
                  **translation.record_fields(env.config, url, translated)}
        if recorded is not None:  # compared as the sources write it, in every language
            found = lineage.of(recorded, model.record(domain.source(claim), number, url))
            record["first_edition"], record["last_changed"] = (found.first_edition,
                                                                found.last_changed)
        records.append(record)
    return model.sort_records(records)


def is_html(builder: Builder) -> bool:
    return builder.format == "html" and not builder.name.startswith("epub")


def write_claims_json(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write ``claims.json`` from the domain (never stale)."""
    if exception is not None or not is_html(app.builder):
        return
    text = dumps(claim_records(app.env, app.builder))
    (app.builder.outdir / FILENAME).write_text(text, encoding="utf-8")
