"""The ``claim`` domain: every claim of the book, its number, and cross-references to it.

Domain data (all picklable, per document so ``clear_doc``/``merge_domaindata`` are exact):

``claims``     ``{docname: [Claim, …]}`` in document order
``xrefs``      ``{docname: frozenset(targets)}`` of ``claim:ref``, ``std:ref`` and ``any`` roles
``registers``  ``{docname: True}`` for documents holding ``claims-register``/``claims-sources``
``numbers``    ``{docname: ["2.1", …]}`` parallel to ``claims`` (recomputed every build)
``order``      documents holding claims, in book order (recomputed every build)
``labels``     the labels of the last build (references to a removed label need rewriting)
``state``      fingerprint of the claims and numbers written last build
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole

from sphinx_claims import spec
from sphinx_claims.ext import citations, diagnostics, numbering
from sphinx_claims.ext.nodes import claim_node, claims_register_node, claims_sources_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Claim:
    """What the book knows about one claim once its document has been read."""

    label: str
    anchor: str
    docname: str
    line: int
    kind: str
    certainty: str
    attributed_to: str | None
    as_of: str | None
    title: str
    text: str
    sources: tuple[str, ...]

    @property
    def has_valid_label(self) -> bool:
        return bool(spec.LABEL_RE.fullmatch(self.label))

    @property
    def display_title(self) -> str:
        """The title, or else the first sentence of the text."""
        return self.title or citations.first_sentence(self.text)


class ClaimRefRole(XRefRole):
    """``{claim:ref}`label``` and ``{claim:ref}`text <label>```."""

    innernodeclass = nodes.inline


class ClaimDomain(Domain):
    """Collects claims per document; numbers them; resolves ``{claim:ref}``."""

    name = "claim"
    label = "Claims"
    object_types = {"claim": ObjType("claim", "ref")}  # noqa: RUF012 (Domain API)
    roles = {"ref": ClaimRefRole()}  # noqa: RUF012
    initial_data: dict[str, Any] = {  # noqa: RUF012
        "claims": {},
        "xrefs": {},
        "registers": {},
        "numbers": {},
        "order": [],
        "labels": frozenset(),
        "state": "",
    }
    data_version = 1

    # --- data ------------------------------------------------------------------------------
    @property
    def claims(self) -> dict[str, list[Claim]]:
        return self.data["claims"]

    @property
    def xrefs(self) -> dict[str, frozenset[str]]:
        return self.data["xrefs"]

    @property
    def registers(self) -> dict[str, bool]:
        return self.data["registers"]

    @property
    def numbers(self) -> dict[str, list[str]]:
        return self.data["numbers"]

    def clear_doc(self, docname: str) -> None:
        for key in ("claims", "xrefs", "registers", "numbers"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in ("claims", "xrefs", "registers"):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # The directive parks each Claim on its node; move them here, in document order.
        claims: list[Claim] = []
        for node in document.findall(claim_node):
            claim = node.attributes.pop("claim", None)
            if isinstance(claim, Claim):
                node["index"] = len(claims)
                claims.append(claim)
        if claims:
            self.claims[docname] = claims
        targets = {
            xref["reftarget"]
            for xref in document.findall(addnodes.pending_xref)
            if (xref.get("refdomain"), xref.get("reftype")) in {("claim", "ref"), ("std", "ref")}
            or xref.get("reftype") == "any"
        }
        if targets:
            self.xrefs[docname] = frozenset(targets)
        if any(document.findall(claims_register_node)) or any(
            document.findall(claims_sources_node)
        ):
            self.registers[docname] = True

    # --- queries ---------------------------------------------------------------------------
    def ordered(self) -> Iterator[tuple[Claim, str]]:
        """Every claim with its number, in book order (toctree order, then document order)."""
        for docname in self.data["order"]:
            if docname not in self.claims:
                continue
            numbers = self.numbers.get(docname, [])
            for index, claim in enumerate(self.claims[docname]):
                yield claim, numbers[index] if index < len(numbers) else ""

    def by_label(self) -> dict[str, tuple[Claim, str]]:
        """The first claim (in book order) for each valid label, with its number."""
        cached = getattr(self, "_by_label", None)
        if cached is not None and cached[0] == self.data["state"]:
            return cached[1]
        found: dict[str, tuple[Claim, str]] = {}
        for claim, number in self.ordered():
            if claim.has_valid_label:
                found.setdefault(claim.label, (claim, number))
        self._by_label = (self.data["state"], found)
        return found

    def number_of(self, docname: str, index: int) -> str:
        numbers = self.numbers.get(docname, [])
        return numbers[index] if 0 <= index < len(numbers) else ""

    # --- after reading ---------------------------------------------------------------------
    def refresh(self) -> list[str]:
        """Number the claims, report duplicate labels, and list documents to rewrite."""
        self.data["order"] = numbering.document_order(self.env, self.claims)
        self.data["numbers"] = numbering.assign_numbers(self.env, self.claims, self.data["order"])
        seen: dict[str, Claim] = {}
        for claim, _number in self.ordered():
            if not claim.has_valid_label:
                continue
            first = seen.setdefault(claim.label, claim)
            if first is not claim:
                other = f"{self.env.doc2path(first.docname, False).as_posix()}:{first.line}"
                diagnostics.warn(
                    "CLM003", (claim.docname, claim.line), label=claim.label, other=other
                )
        state = self._fingerprint()
        if state == self.data["state"]:
            return []
        self.data["state"] = state
        labels = frozenset(claim.label for claim, _ in self.ordered())
        labels, self.data["labels"] = labels | self.data["labels"], labels
        return sorted(
            set(self.claims)
            | set(self.registers)
            | {docname for docname, targets in self.xrefs.items() if targets & labels}
        )

    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        for claim, number in self.ordered():
            digest.update(repr((astuple(claim), number)).encode())
        return digest.hexdigest()

    # --- cross-references ------------------------------------------------------------------
    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        from sphinx_claims.ext import xref

        found = self.by_label().get(target)
        if found is None:
            diagnostics.warn("CLM008", node, label=target)
            return nodes.inline("", "", contnode, classes=["claim-xref", "claim-xref-missing"])
        claim, number = found
        return xref.claim_reference(
            builder, fromdocname, claim, number, contnode, bool(node.get("refexplicit"))
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.Element]]:
        from sphinx_claims.ext import xref

        found = self.by_label().get(target)
        if found is None:
            return []
        claim, number = found
        ref = xref.claim_reference(
            builder, fromdocname, claim, number, contnode, bool(node.get("refexplicit"))
        )
        return [("claim:ref", ref)]

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for label, (claim, number) in sorted(self.by_label().items()):
            yield label, f"Claim {number}", "claim", claim.docname, claim.anchor, 1


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (after the toctree collector numbered the sections)."""
    domain = cast("ClaimDomain", env.domains["claim"])
    return [docname for docname in domain.refresh() if docname in env.all_docs]
