"""Translated builds: a claim's record from its translated text, and claims left untranslated.

In a build whose ``language`` is not the sources' (``claims_source_language``, ``"en"``),
Sphinx's ``Locale`` transform has replaced every message it has a translation for, and marked
the node ``translated``, before the domain collects the claims. :func:`refresh` then reads the
claim's title and text back from its nodes, so every writer (the boxes, the register,
``claims.json``) shows the translation; a claim with any message left in the original language
is marked ``untranslated`` (the HTML box says so, in the original language, never silently).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import extract_messages

from sphinx_claims.ext import citations
from sphinx_claims.ext.nodes import claim_node, claim_title

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_claims.model import Claim

#: Config value: the language the sources are written in.
SOURCE_LANGUAGE = "claims_source_language"
#: Config value: the original-language site's root, relative to a translated build's root
#: (``"../"``); a translated record's ``original_url`` is its ``url`` under it.
ORIGINAL_ROOT = "claims_original_root"


def is_translated_build(config: Config) -> bool:
    """Whether the build's language differs from the sources' (a translation is built)."""
    language = config.language or "en"
    return language != getattr(config, SOURCE_LANGUAGE, "en")


def record_fields(config: Config, url: str, translated: bool) -> dict[str, object]:
    """What a translated build's ``claims.json`` record adds: ``in_language``, whether the
    claim is ``translated``, and ``original_url`` (the same claim in the original language,
    relative to this build's root)."""
    if not is_translated_build(config):
        return {}
    return {
        "in_language": config.language,
        "translated": translated,
        "original_url": f"{getattr(config, ORIGINAL_ROOT, '')}{url}",
    }


def untranslated(node: nodes.Element) -> bool:
    """Whether any message of the claim (its title, a paragraph…) kept its original text."""
    return any(not message.get("translated") for message, _text in extract_messages(node))


def refresh(node: nodes.Element) -> Claim:
    """The claim on *node* with its title and text as the (translated) nodes now read."""
    claim: Claim = node["claim"]
    body = [child for child in node.children if not isinstance(child, claim_title)]
    title = next((c.astext() for c in node.children if isinstance(c, claim_title)), "")
    return dataclasses.replace(claim, title=title.strip(), text=citations.plain_text(body))


def apply(config: Config, document: nodes.document) -> frozenset[str]:
    """In a translated build, update every claim's record and mark the untranslated ones;
    their labels."""
    if not is_translated_build(config):
        return frozenset()
    labels = set()
    for node in document.findall(claim_node):
        if "claim" not in node:
            continue
        # What the sources say, for what compares this claim with recorded editions.
        node["source_claim"] = node["claim"]
        node["claim"] = refresh(node)
        if untranslated(node):
            node["untranslated"] = True
            labels.add(node["claim"].label)
    return frozenset(labels)
