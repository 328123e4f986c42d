"""The translation checks of a lint run: every catalog of every language, read with polib.

Catalogs are found as Sphinx finds them: ``<locale_dir>/<language>/LC_MESSAGES/<domain>.po``,
the domain given by ``gettext_compact`` (:func:`sphinx_claims.translation.catalog_domain`);
every language folder under the ``locale_dirs`` is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx_claims import translation
from sphinx_claims.findings import Finding
from sphinx_claims.lint.config import Settings
from sphinx_claims.lint.records import Claim, DocumentScan


def languages(settings: Settings) -> dict[str, list[Path]]:
    """``{language: [its LC_MESSAGES folders]}`` under the configured ``locale_dirs``."""
    found: dict[str, list[Path]] = {}
    for folder in settings.locale_dirs:
        if not folder.is_dir():
            continue
        for language in sorted(p for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()):
            found.setdefault(language.name, []).append(language / "LC_MESSAGES")
    return found


def check(
    settings: Settings, named: dict[str, DocumentScan], show: Callable[[Path], str],
) -> tuple[list[Finding], list[str], list[translation.Coverage]]:
    """TRN findings, read errors and coverage of every catalog holding claims of *named*."""
    found = languages(settings)
    if not found:
        return [], [], []
    from markdown_it.renderer import RendererHTML
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(settings.myst, RendererHTML)
    by_domain: dict[str, list[Claim]] = {}
    documents: dict[str, str] = {}
    for docname, scan in named.items():
        if scan.claims:
            domain = translation.catalog_domain(docname, settings.gettext_compact)
            by_domain.setdefault(domain, []).extend(scan.claims)
            documents.setdefault(domain, domain)
    findings: list[Finding] = []
    errors: list[str] = []
    coverage: list[translation.Coverage] = []
    for language, folders in found.items():
        for domain, claims in sorted(by_domain.items()):
            file = next((f / f"{domain}.po" for f in folders if (f / f"{domain}.po").is_file()),
                        None)
            if file is None:
                continue
            path = show(file)
            catalog, error = translation.read_catalog(file, path)
            if catalog is None:
                errors.append(str(error))
                continue
            texts = [translation.ClaimText(c.label, tuple(c.messages)) for c in claims]
            result, covered = translation.check_catalog(path, language, documents[domain],
                                                        catalog, texts, md)
            findings += result
            findings.append(translation.coverage_finding(covered))
            coverage.append(covered)
    return findings, errors, coverage
