"""schema.org ``Claim`` JSON-LD in the ``<head>`` of every page that holds claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from pybtex.richtext import Text
from sphinx.util.osutil import relative_uri

from sphinx_claims.ext import translation
from sphinx_claims.ext.safe_links import safe_url
from sphinx_claims.model import Evidence, caption, inert_json

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_claims.ext.domain import ClaimDomain


def script_json(data: Any) -> str:
    """JSON for a ``<script>`` element: no ``<``, ``>`` or ``&`` appears literally."""
    return inert_json(data, indent=1)


def _source(env: BuildEnvironment, key: str) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": key}
    entries = env.domains["cite"].bibdata.data.entries  # type: ignore[attr-defined]
    entry = entries.get(key)
    if entry is not None:
        title = entry.fields.get("title")
        if title:
            try:
                work["name"] = Text.from_latex(title).render_as("text")
            except Exception:
                work["name"] = title
        url = safe_url(entry.fields.get("url"))
        if url:
            work["url"] = url
    return work


def _with_evidence(work: dict[str, Any], evidence: tuple[Evidence, ...]) -> dict[str, Any]:
    """*work* with the claim's evidence from it: a ``Quotation`` per passage (``position``: the
    locator, page, paragraph, section or timestamp, as the editor wrote it)."""
    parts = [
        {"@type": "Quotation", "text": entry.passage, "position": entry.locator}
        for entry in evidence
        if entry.key == work["identifier"]
    ]
    return {**work, "hasPart": parts} if parts else work


def page_graph(
    env: BuildEnvironment, docname: str, page: str | None = None
) -> list[dict[str, Any]]:
    """The ``Claim`` objects of *docname*'s claims (with valid labels), in the build's language;
    a translated build's claim names its original (``translationOfWork``, relative to *page*,
    the page's address under the site root)."""
    from sphinx_claims.editions import lineage
    from sphinx_claims.ext import editions
    from sphinx_claims.model import record

    domain = cast("ClaimDomain", env.domains["claim"])
    config = env.config
    recorded = editions.history_of(config)
    translated_build = translation.is_translated_build(config)
    original = f"{getattr(config, translation.ORIGINAL_ROOT, '')}{page or ''}"
    graph = []
    for index, claim in enumerate(domain.claims.get(docname, [])):
        if not claim.has_valid_label:
            continue
        item: dict[str, Any] = {
            "@type": "Claim",
            "@id": f"#{claim.anchor}",
            "identifier": claim.label,
            "alternateName": caption(domain.number_of(docname, index)),
            "name": claim.display_title,
            "text": claim.text,
            "genre": claim.kind,
            "creativeWorkStatus": claim.certainty,
            "inLanguage": config.language or "en",
        }
        if translated_build and page is not None:
            item["translationOfWork"] = {
                "@type": "Claim",
                "@id": f"{relative_uri(page, original)}#{claim.anchor}",
                "inLanguage": getattr(config, translation.SOURCE_LANGUAGE, "en"),
            }
        if claim.attributed_to:
            item["creditText"] = claim.attributed_to
        if claim.attribution_certainty:
            item["additionalProperty"] = {
                "@type": "PropertyValue",
                "propertyID": "attributionCertainty",
                "value": claim.attribution_certainty,
            }
        if claim.as_of:
            item["temporalCoverage"] = claim.as_of
        if recorded is not None:  # editions: schema.org's firstAppearance and version
            found = lineage.of(recorded, record(domain.source(claim), "", ""))
            if found.first_edition:
                item["firstAppearance"] = {"@type": "CreativeWork", "version": found.first_edition}
            if found.last_changed:
                item["version"] = found.last_changed
        if claim.sources:
            item["citation"] = [
                _with_evidence(_source(env, key), claim.evidence) for key in claim.sources
            ]
        graph.append(item)
    return graph


def add_to_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: append the page's JSON-LD to the ``metatags`` of ``<head>``."""
    if doctree is None:
        return
    graph = page_graph(app.env, pagename, app.builder.get_target_uri(pagename))
    if not graph:
        return
    data = {"@context": "https://schema.org", "@graph": graph}
    script = f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
    context["metatags"] = context.get("metatags", "") + script
