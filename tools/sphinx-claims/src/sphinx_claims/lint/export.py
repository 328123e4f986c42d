"""``sphinx-claims export``: the HTML build's ``claims.json``, from the sources alone.

Records, their keys and their order are :func:`sphinx_claims.model.record`'s, numbers
:func:`sphinx_claims.model.claim_numbers`' (chapters from :mod:`.toc`), as in the build.
``text`` follows the build's definition for what MyST itself produces (plain text, emphasis,
code, links, ``{term}``/``{abbr}`` roles); roles whose text only a build can resolve (``{ref}`` to
a section title) keep their target.
"""

from __future__ import annotations

from typing import Any

from sphinx_claims import model
from sphinx_claims.editions import history, lineage
from sphinx_claims.lint import runner, suffixes, toc
from sphinx_claims.lint.config import Settings
from sphinx_claims.lint.readers import notebook

FIELDS: tuple[str, ...] = model.RECORD_KEYS


def records(settings: Settings) -> tuple[list[dict[str, Any]], list[str]]:
    """The claims.json records (and any read errors) for the configured sources."""
    show = runner.display_path(settings.srcdir)
    files = list(runner.markdown_files(settings, settings.sources))
    scanner = runner.Scanner(settings.myst, settings.srcdir, show, collect_text=True,
                             literal=settings.literal, suffixes=settings.suffixes)
    docs, errors, paths = {}, [], {}
    for file in files:
        scan = scanner.scan_file(file)
        errors.extend(scan.errors)
        docname = suffixes.docname(settings.suffixes, scan.path)
        docs[docname], paths[docname] = scan, scan.path
    root = settings.root_doc
    order = toc.document_order(root, docs, settings.suffixes, settings.toc_trees)
    chapters = toc.chapters(root, docs, settings.suffixes, settings.toc_trees)
    numbers = model.claim_numbers(
        (docname, chapters.get(docname), len(docs[docname].claims)) for docname in order
    )
    found = []
    for docname in order:
        for claim, number in zip(docs[docname].claims, numbers[docname], strict=True):
            if not model.LABEL_RE.fullmatch(claim.label):
                continue
            item = model.make_claim(
                claim.options, title=claim.title, docname=docname, path=paths[docname],
                line=notebook.build_line(claim.path, claim.line)[1], text=claim.text,
                sources=claim.keys,
            )
            found.append(model.record(item, number, f"{docname}.html#{item.anchor}"))
    found = model.sort_records(found)
    if settings.editions is not None:
        try:
            lineage.annotate(found, history.load(settings.editions))
        except history.EditionError as error:
            errors.append(str(error))
    return found, errors


def export(settings: Settings) -> tuple[str, list[str]]:
    """``claims.json``'s text and the read errors met on the way."""
    found, errors = records(settings)
    return model.dumps(found), errors
