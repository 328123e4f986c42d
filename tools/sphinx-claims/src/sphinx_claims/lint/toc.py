"""Book order and chapter numbers from the sources' toctrees, as Sphinx computes them.

Mirrors what the build uses for claim numbers (:mod:`sphinx_claims.ext.numbering`): documents in
toctree order from the root document (depth first), then the rest by name; a document's chapter
is the first part of its section number under a numbered toctree (each numbered toctree counts
from 1; a document takes one number per top-level heading; documents in toctrees below it share
its chapter). An external table of contents (``_toc.yml``) gives more toctrees per document
(*external*: :attr:`sphinx_claims.lint.config.Settings.toc_trees`), after the document's own,
as sphinx-external-toc appends them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from fnmatch import fnmatchcase

from sphinx_claims.findings import Finding, make
from sphinx_claims.lint.records import DocumentScan, Toctree
from sphinx_claims.lint.suffixes import NO_CONF
from sphinx_claims.lint.suffixes import docname as source_docname

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_TITLED = re.compile(r"^(.+?)\s*<([^<>]+)>$")


def entry_docnames(
    docname: str, entry: str, glob: bool, known: list[str],
    suffixes: Mapping[str, str] = NO_CONF,
) -> list[str]:
    """The documents a toctree entry of *docname* names (none for URLs and ``self``)."""
    match = _TITLED.match(entry)
    target = match.group(2) if match else entry
    if target == "self" or _URL.match(target):
        return []
    if target.startswith("/"):
        name = target[1:]
    else:
        name = posixpath.join(posixpath.dirname(docname), target)
    name = posixpath.normpath(name)
    name = source_docname(suffixes, name)
    if glob and any(ch in name for ch in "*?["):
        return sorted(d for d in known if fnmatchcase(d, name) and d != docname)
    return [name]


#: No external table of contents.
NO_TREES: Mapping[str, list[Toctree]] = {}


def _children(
    docname: str, scan: DocumentScan, known: list[str], suffixes: Mapping[str, str],
    external: Mapping[str, list[Toctree]] = NO_TREES,
) -> list[tuple[int, list[str]]]:
    return [
        (tree.numbered,
         [d for e in tree.entries for d in entry_docnames(docname, e, tree.glob, known, suffixes)])
        for tree in (*scan.toctrees, *external.get(docname, ()))
    ]


def document_order(
    root: str, docs: Mapping[str, DocumentScan], suffixes: Mapping[str, str] = NO_CONF,
    external: Mapping[str, list[Toctree]] = NO_TREES,
) -> list[str]:
    """Every document in book order: toctree order from *root*, then the rest by name."""
    known = sorted(docs)
    order: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in docs:
            continue
        seen.add(docname)
        order.append(docname)
        entries = [d for _, names in _children(docname, docs[docname], known, suffixes, external)
                   for d in names]
        stack.extend(reversed(entries))
    order.extend(d for d in known if d not in seen)
    return order


def chapters(
    root: str, docs: Mapping[str, DocumentScan], suffixes: Mapping[str, str] = NO_CONF,
    external: Mapping[str, list[Toctree]] = NO_TREES,
) -> dict[str, int]:
    """``{docname: chapter}`` for documents under a numbered toctree."""
    known = sorted(docs)
    found: dict[str, int] = {}
    assigned: set[str] = set()

    def walk(names: list[str], depth: int, counter: list[int], chapter: int | None) -> None:
        for name in names:
            if name in assigned or name not in docs:
                continue
            assigned.add(name)
            scan = docs[name]
            own = chapter
            if scan.headings:
                top = scan.headings[0]
                if chapter is None:
                    counter[0] += 1
                    own = counter[0]
                    counter[0] += sum(level <= top for level in scan.headings[1:])
            if own is not None:
                found[name] = own
            if depth > 1:
                for _numbered, children in _children(name, scan, known, suffixes, external):
                    walk(children, depth - 1, [0], own)

    for docname in document_order(root, docs, suffixes, external):
        for numbered, names in _children(docname, docs[docname], known, suffixes, external):
            if numbered and docname not in assigned:
                walk(names, numbered, [0], None)
    return found


def outside_toctrees(
    root: str, docs: Mapping[str, DocumentScan], listed: frozenset[str] | None = None,
    suffixes: Mapping[str, str] = NO_CONF,
) -> list[Finding]:
    """TOC001 for every document no toctree lists (Sphinx's ``toc.not_included``).

    *listed* are the documents an external table of contents names (Jupyter Book's
    ``_toc.yml``); the root document and documents marked ``orphan`` are exempt. Without the
    root document among *docs* there is no book to be outside of, and nothing is reported.
    """
    if root not in docs:
        return []
    known = sorted(docs)
    included: set[str] = set(listed or ())
    for docname, scan in docs.items():
        for tree in scan.toctrees:
            for entry in tree.entries:
                included.update(entry_docnames(docname, entry, tree.glob, known, suffixes))
    return [
        make("TOC001", scan.path, 1, 1, subject=docname, docname=docname)
        for docname, scan in docs.items()
        if docname != root and docname not in included and not scan.orphan
    ]
