"""``sphinx-claims export``: the HTML build's ``claims.json``, from the sources alone.

The record layout, field order and sort order are those of :mod:`sphinx_claims.outputs.export` (the
build's writer); numbers come from :mod:`.toc`. ``text`` follows the build's definition for
what MyST itself produces (plain text, emphasis, code, links, ``{term}``/``{abbr}`` roles);
roles whose text only a build can resolve (``{ref}`` to a section title) keep their target.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sphinx_claims import spec
from sphinx_claims.lint import runner, toc
from sphinx_claims.lint.config import Settings
from sphinx_claims.outputs.export import dumps

FIELDS: tuple[str, ...] = (
    "label", "number", "kind", "title", "text", "sources", "attributed_to", "certainty",
    "as_of", "docname", "path", "line", "url",
)


def records(settings: Settings) -> tuple[list[dict[str, Any]], list[str]]:
    """The claims.json records (and any read errors) for the configured sources."""
    show = runner.display_path(settings.srcdir)
    files = list(runner.markdown_files(settings, settings.sources))
    scanner = runner.Scanner(settings.myst, settings.srcdir, show, collect_text=True,
                             literal=settings.literal)
    docs, errors = {}, []
    for file in files:
        scan = scanner.scan_file(file)
        errors.extend(scan.errors)
        docs[scan.path.removesuffix(".md")] = scan
    root = settings.root_doc
    order = toc.document_order(root, docs)
    chapters = toc.chapters(root, docs)
    per_chapter: Counter[int] = Counter()
    unnumbered = 0
    found = []
    for docname in order:
        chapter = chapters.get(docname)
        for claim in docs[docname].claims:
            if chapter is None:
                unnumbered += 1
                number = str(unnumbered)
            else:
                per_chapter[chapter] += 1
                number = f"{chapter}.{per_chapter[chapter]}"
            label = claim.label
            if not spec.LABEL_RE.fullmatch(label):
                continue
            options = claim.options
            kind = (options.get("kind") or "").strip() or spec.DEFAULT_KIND
            certainty = (options.get("certainty") or "").strip() or spec.DEFAULT_CERTAINTY
            found.append({
                "label": label,
                "number": number,
                "kind": kind if kind in spec.KINDS else spec.DEFAULT_KIND,
                "title": claim.title,
                "text": claim.text,
                "sources": list(claim.keys),
                "attributed_to": (options.get("attributed-to") or "").strip() or None,
                "certainty": certainty if certainty in spec.CERTAINTIES
                else spec.DEFAULT_CERTAINTY,
                "as_of": (options.get("as-of") or "").strip() or None,
                "docname": docname,
                "path": f"{docname}.md",
                "line": claim.line,
                "url": f"{docname}.html#claim-{label}",
            })
    found.sort(key=lambda record: (record["path"], record["line"]))
    return found, errors


def export(settings: Settings) -> tuple[str, list[str]]:
    """``claims.json``'s text and the read errors met on the way."""
    found, errors = records(settings)
    return dumps(found), errors
