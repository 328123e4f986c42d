"""The TRN checks in a translated build (``language`` other than the sources', English).

Before Sphinx's ``Locale`` transform replaces a document's text by its translation, a transform
notes each claim's messages exactly as the gettext builder extracts them (the claim's title, then
:func:`sphinx.util.nodes.extract_messages` of its body). Once every document is read, each
document's catalog (``locale_dirs``, ``language``, ``gettext_compact``) is read with polib and
checked by :mod:`sphinx_claims.translation`, as the linter does. Findings are logged at the
``.po`` file and line: errors (TRN003, TRN004) as warnings ``claims.TRN00x``, so ``-W`` fails on
a changed citation key; notices (TRN001, TRN002, and the TRN005 coverage line) at info level, so
a translation in progress builds.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from sphinx_claims import rules, translation
from sphinx_claims.ext import diagnostics
from sphinx_claims.ext.nodes import claim_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("sphinx_claims")
#: ``env`` attribute: ``{docname: [(label, messages), …]}``.
_MESSAGES = "sphinx_claims_messages"
#: One before Sphinx's ``Locale`` (20): the text is still the original's.
PRIORITY = 19


def _store(env: BuildEnvironment) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """``{docname: [(label, messages), …]}`` noted so far (see :func:`noted`)."""
    if not hasattr(env, _MESSAGES):
        setattr(env, _MESSAGES, {})
    return getattr(env, _MESSAGES)


def noted(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """Every claim's original messages by label, as noted while the documents were read."""
    return {label: messages for items in _store(env).values() for label, messages in items}


def _translated_build(env: BuildEnvironment) -> bool:
    """Whether the build's language is not the sources' (``claims_source_language`` where the
    translated-site support defines it, else English)."""
    language = env.config.language or "en"
    return language != getattr(env.config, "claims_source_language", "en")


def claim_messages(node: claim_node) -> tuple[str, ...]:
    """The msgids of one claim: its title, then its body's (nested claims' aside)."""
    title = str(node.get("claim").title if node.get("claim") else "").strip()
    found = [title] if title else []
    for element, message in extract_messages(node):
        owner = element.parent
        while owner is not None and not isinstance(owner, claim_node):
            owner = owner.parent
        if (owner is node or isinstance(element, claim_node)) and message not in found:
            found.append(message)
    return tuple(found)


class NoteClaimMessages(SphinxTransform):
    """Note each claim's original messages (translated builds only)."""

    default_priority = PRIORITY

    def apply(self, **kwargs: Any) -> None:
        if not _translated_build(self.env):
            return
        noted = [(str(node["claim"].label), claim_messages(node))
                 for node in self.document.findall(claim_node) if node.get("claim")]
        if noted:
            _store(self.env)[self.env.docname] = noted


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: Any) -> None:
    mine, theirs = _store(env), getattr(other, _MESSAGES, {})
    mine.update((name, theirs[name]) for name in docnames if name in theirs)


def report(app: Sphinx, env: BuildEnvironment) -> None:
    """Check every document's claims against its catalog and log the findings."""
    if not _translated_build(env):
        return
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(getattr(env, "myst_config", None) or MdParserConfig(), RendererHTML)
    language = str(env.config.language)
    folders = [Path(app.srcdir, d, language, "LC_MESSAGES") for d in env.config.locale_dirs]
    compact = env.config.gettext_compact
    if isinstance(compact, str) and compact in ("0", "1"):
        compact = compact == "1"
    by_domain: dict[str, list[translation.ClaimText]] = {}
    for docname in sorted(_store(env)):
        domain = translation.catalog_domain(docname, compact)
        by_domain.setdefault(domain, []).extend(
            translation.ClaimText(label, messages) for label, messages in _store(env)[docname])
    on = diagnostics.enabled(app.config)
    for domain, claims in sorted(by_domain.items()):
        file = next((f / f"{domain}.po" for f in folders if (f / f"{domain}.po").is_file()), None)
        if file is None:
            continue
        catalog, error = translation.read_catalog(file, str(file.resolve()))
        if catalog is None:
            logger.warning("%s", error, type=rules.WARNING_TYPE, subtype="catalog")
            continue
        findings, covered = translation.check_catalog(str(file.resolve()), language, domain,
                                                      catalog, claims, md)
        for finding in [*findings, translation.coverage_finding(covered)]:
            if not on(finding.code, finding.path):
                continue
            location = f"{finding.path}:{finding.line}"
            if finding.severity is rules.Severity.INFO:
                kind, subtype = finding.rule.sphinx_type
                logger.info("%s [%s.%s]", finding.message, kind, subtype, location=location,
                            type=kind, subtype=subtype)
            else:
                diagnostics.warn(finding.code, location, message=finding.message)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(NoteClaimMessages)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-check-consistency", report)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
