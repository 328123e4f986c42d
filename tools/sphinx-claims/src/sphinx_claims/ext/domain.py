"""The ``claim`` domain: every claim of the book, its number, and cross-references to it.

Domain data (all picklable, per document so ``clear_doc``/``merge_domaindata`` are exact):

``claims``     ``{docname: [Claim, …]}`` in document order
``xrefs``      ``{docname: frozenset(targets)}`` of ``claim:ref``, ``std:ref`` and ``any`` roles
``registers``  ``{docname: True}`` for documents holding ``claims-register``/``claims-sources``
``numbers``    ``{docname: ["2.1", …]}`` parallel to ``claims`` (recomputed every build)
``order``      documents holding claims, in book order (recomputed every build)
``labels``     the labels of the last build (references to a removed label need rewriting)
``state``      fingerprint of the claims and numbers written last build
``refs``       ``{docname: [(label, line), …]}`` of ``{claim:ref}`` roles (for CLM008)
``findings``   ``{docname: [Finding, …]}`` noted while the document was read
``comments``   ``{docname: [CommentLine, …]}``: the document's comment lines (suppressions)
``cites``      ``{docname: [(keys, line), …]}`` of its citations (for CIT001/CIT003)
``untranslated`` ``{docname: frozenset(labels)}`` of claims left untranslated (translated builds)
``reported``   documents whose findings were logged (a re-read document is reported again)

A claim is a :class:`sphinx_claims.model.Claim`; the directive leaves it on its node.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import astuple
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from sphinx_claims import checks
from sphinx_claims.ext import citations, cite, diagnostics, editions, numbering, translation
from sphinx_claims.ext.nodes import (
    claim_node,
    claims_register_node,
    claims_sources_node,
    footcite_group,
)
from sphinx_claims.findings import Finding, make
from sphinx_claims.model import Claim

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain


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
        "refs": {},
        "findings": {},
        "comments": {},
        "cites": {},
        "untranslated": {},
        "originals": {},
        "reported": set(),
    }
    data_version = 4
    #: Per-document keys (cleared and merged per document).
    _PER_DOC = ("claims", "xrefs", "registers", "refs", "findings", "comments", "cites",
                "untranslated", "originals")

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
        for key in (*self._PER_DOC, "numbers"):
            self.data[key].pop(docname, None)
        self.data["reported"].discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in self._PER_DOC:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # The directive leaves each Claim on its node; collect them in document order (in a
        # translated build, as the translation reads).
        untranslated = translation.apply(env.config, document)
        if untranslated:
            self.data["untranslated"][docname] = untranslated
        claims: list[Claim] = []
        originals: dict[str, Claim] = {}
        for node in document.findall(claim_node):
            claim = node.get("claim")
            if isinstance(claim, Claim):
                node["index"] = len(claims)
                claims.append(claim)
                if isinstance(node.get("source_claim"), Claim):
                    originals[claim.label] = node["source_claim"]
        if originals:
            self.data["originals"][docname] = originals
        if claims:
            self.claims[docname] = claims
        targets = set()
        refs = []
        for xref in document.findall(addnodes.pending_xref):
            kind = (xref.get("refdomain"), xref.get("reftype"))
            if kind in {("claim", "ref"), ("std", "ref")} or xref.get("reftype") == "any":
                targets.add(xref["reftarget"])
            if kind == ("claim", "ref"):
                refs.append((xref["reftarget"], xref.line or 0))
        if targets:
            self.xrefs[docname] = frozenset(targets)
        if refs:
            self.data["refs"][docname] = refs
        findings, comments = diagnostics.collected(env)
        comments = [*comments, *diagnostics.rest_comments(env, docname, document)]
        cited, cites = _citations(docname, document)
        findings = [*findings, *cited]
        if cites:
            self.data["cites"][docname] = cites
        if findings:
            self.data["findings"][docname] = findings
        if comments:
            self.data["comments"][docname] = comments
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

    def source(self, claim: Claim) -> Claim:
        """*claim* as its sources write it (in a translated build, before translation): what
        recorded editions are compared with."""
        return self.data["originals"].get(claim.docname, {}).get(claim.label, claim)

    def number_of(self, docname: str, index: int) -> str:
        numbers = self.numbers.get(docname, [])
        return numbers[index] if 0 <= index < len(numbers) else ""

    # --- after reading ---------------------------------------------------------------------
    def refresh(self) -> list[str]:
        """Number the claims, report the findings, and list documents to rewrite."""
        self.data["order"] = numbering.document_order(self.env, self.claims)
        self.data["numbers"] = numbering.assign_numbers(self.env, self.claims, self.data["order"])
        self.report()
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

    def book_findings(self) -> dict[str, list[Finding]]:
        """The checks across documents: CLM003 (duplicate labels), CIT001/CIT003 (keys not in
        the bibliography), CLM008 (unknown labels), EDN001-EDN003 (editions)."""
        found: dict[str, list[Finding]] = {}
        located = ((claim.label, claim) for claim, _number in self.ordered())
        for claim, first, problem in checks.duplicate_labels(located):
            problem = checks.duplicate_problem(problem, f"{first.path}:{first.line}")
            found.setdefault(claim.docname, []).append(
                make(problem.code, claim.docname, claim.line, 1, **problem.fields)
            )
        entries = _bibliography_keys(self.env)
        for docname, cites in self.data["cites"].items():
            for keys, line in cites:
                for key in keys:
                    problem = checks.citation_key(key, entries)
                    if problem:
                        found.setdefault(docname, []).append(
                            make(problem.code, docname, line, 1, **problem.fields)
                        )
        labels = self.by_label()
        for docname, refs in self.data["refs"].items():
            for label, line in refs:
                unknown = checks.unknown_reference(label, labels)
                if unknown:
                    found.setdefault(docname, []).append(
                        make(unknown.code, docname, line, 1, **unknown.fields)
                    )
        for where, edition_findings in editions.book_findings(self.env, self).items():
            found.setdefault(where, []).extend(edition_findings)
        return found

    def report(self) -> None:
        """Log every document's findings once (after it was read) and the book's every build."""
        book = self.book_findings()
        reported: set[str] = self.data["reported"]
        for docname in sorted({*self.data["findings"], *self.data["comments"], *book}):
            fresh = docname not in reported
            findings = [*(self.data["findings"].get(docname, []) if fresh else []),
                        *book.get(docname, [])]
            diagnostics.report(self.env.config, findings,
                               self.data["comments"].get(docname, []), unused=fresh)
            reported.add(docname)

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
        if found is None:  # CLM008, reported with the document's findings
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


def _citations(
    docname: str, document: nodes.document
) -> tuple[list[Finding], list[tuple[tuple[str, ...], int]]]:
    """CIT002 for every citation no claim holds, CIT004 for a malformed one (at the line of
    the paragraph holding it; the role is replaced by its text, so nothing resolves it), and
    every citation's ``(keys, line)`` (for CIT001/CIT003)."""
    found, cites = [], []
    for node in list(document.findall(citations.is_citation)):
        line = citations.source_line(node)
        if isinstance(node, footcite_group):
            keys = tuple(node["keys"])
        else:
            target = node.get("reftarget", "")
            if node.get(cite.MALFORMED):
                problem = checks.malformed_target(target)
                found.append(make(problem.code, docname, line, 1, **problem.fields))
                node.replace_self(nodes.inline(node.rawsource, node.astext()))
                continue
            keys = tuple(t.key for t in parse_citation_targets(target))
        cites.append((keys, line))
        parent = node.parent
        while parent is not None and not isinstance(parent, claim_node):
            parent = parent.parent
        if parent is None:
            problem = checks.citation_outside_claim(keys)
            found.append(make(problem.code, docname, line, 1, **problem.fields))
    return found, cites


def _bibliography_keys(env: BuildEnvironment) -> dict[str, str]:
    """Every key of the configured bibliographies, lower-cased -> as written."""
    try:
        bibtex = cast("BibtexDomain", env.domains["cite"])
    except KeyError:  # sphinxcontrib-bibtex not loaded: nothing to check against
        return {}
    return {key.lower(): key for key in bibtex.bibdata.data.entries}
