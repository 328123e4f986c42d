"""Claim numbers from the numbered toctree (the scheme itself is :func:`model.claim_numbers`).

A claim in a document that the numbered toctree gives the section number ``(2,)`` or
``(2, 1, …)`` belongs to chapter 2; claims of a chapter are counted in book order (toctree order,
then position in the document). Claims in documents outside the numbered toctree (front and back
matter) share one book-wide sequence without a chapter part: ``1``, ``2``, … — so every number
is unique. The number is written literally into HTML and LaTeX, so both show the same one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_claims import model
from sphinx_claims.ext.nodes import claim_node

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def document_order(env: BuildEnvironment, docnames: Collection[str]) -> list[str]:
    """*docnames* in book order: the toctree from the root document, then the rest by name."""
    relations = env.collect_relations()
    ordered: list[str] = []
    seen: set[str] = set()
    docname: str | None = env.config.root_doc
    while docname is not None and docname not in seen:
        seen.add(docname)
        if docname in docnames:
            ordered.append(docname)
        docname = relations[docname][2] if docname in relations else None
    ordered.extend(sorted(set(docnames) - seen))
    return ordered


def chapter_of(env: BuildEnvironment, docname: str) -> int | None:
    """The chapter number of *docname* in the numbered toctree, or ``None``."""
    secnumber = env.toc_secnumbers.get(docname, {}).get("")
    return secnumber[0] if secnumber else None


def assign_numbers(
    env: BuildEnvironment, claims: Mapping[str, Sequence[Any]], order: Sequence[str]
) -> dict[str, list[str]]:
    """``{docname: [number, …]}`` for every claim, parallel to *claims*."""
    return model.claim_numbers(
        (docname, chapter_of(env, docname), len(claims.get(docname, ()))) for docname in order
    )


class ClaimNumbers(SphinxPostTransform):
    """Write each claim's number onto its node before the writers run."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains["claim"]
        for node in self.document.findall(claim_node):
            node["number"] = domain.number_of(node["docname"], node.get("index", -1))
