"""Make citation-heavy builds cheap without forking pybtex or sphinxcontrib-bibtex.

Profiling a synthetic book (``benchmarks/``) with stock sphinxcontrib-bibtex 2.7.0 and pybtex
0.26.1 shows four costs that grow with the book; each has a small, behaviour-preserving fix:

``find_plugin`` (pybtex)
    scans every installed distribution's entry points on each call (~8 ms here), and
    sphinxcontrib-bibtex calls it once per resolved citation. It is memoised per
    ``(group, name, filename)``; failures are never cached (the original raises again), and
    :func:`pybtex.plugin.register_plugin` clears the memo.
formatting the bibliography
    ``BibtexDomain.env_updated`` formats every entry on every build, twice (entry and tooltip).
    Formatted text is cached in the environment, keyed by the style (class, name style, the
    source files that define them) and the entry's content; the cache keeps only what the last
    build used, so it follows ``.bib`` edits and stays as big as one bibliography.
``get_filtered_entries``
    computes, for every entry, the documents citing it by scanning every citation reference
    (entries × references). The same sets come from one index.
``Text.from_latex`` (pybtex)
    decodes LaTeX with latexcodec for every field of every entry, and again for every in-text
    citation (names, years). Results are memoised per string; pybtex's rich text is never
    changed in place, and errors are not cached.
``resolve_xref`` and the bibliography's back-references
    scan every citation (or citation reference) per citation. They run on the subset that can
    match, in the original order, so the result is the same.

The cyclic garbage collector
    re-scans every live object on each full collection; a loaded environment for thousands of
    claims is millions of objects that live for the whole build. ``gc.freeze()`` after the
    environment is loaded (``builder-inited``) and after reading (``env-updated``, also before
    ``-j`` forks its writers) moves them out of the collector's way. Nothing observable changes.

Everything is installed only for the library versions it was written and tested against
(:data:`SUPPORTED`); other versions run stock code, with a warning. ``claims_speedups = False``
in ``conf.py`` turns everything off (the memos are uninstalled too). The formatted-entry cache is
also keyed on a digest of ``conf.py`` and of every configuration value (:func:`config_stamp`),
so a style defined in ``conf.py`` or driven by a config value never serves stale text.
``tests/test_speedups.py`` proves the HTML byte-identical with and without them, and
``tests/test_incremental.py`` every incremental build identical to a clean one.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import inspect
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.plugin
import pybtex.style.formatting
from pybtex import richtext
from pybtex.style import FormattedEntry
from sphinx.util import logging
from sphinxcontrib.bibtex import transforms as bibtex_transforms
from sphinxcontrib.bibtex.citation_target import parse_citation_targets
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

from sphinx_claims import options

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger(__name__)

#: Library versions whose code these patches were read against and tested with.
SUPPORTED: dict[str, frozenset[str]] = {
    "pybtex": frozenset({"0.26.1"}),
    "sphinxcontrib-bibtex": frozenset({"2.7.0"}),
}
#: Attribute of the build environment holding the formatted-entry cache (pickled with it).
ENV_CACHE = "sphinx_claims_formatted_entries"
#: Attribute of the build environment holding this build's :func:`config_stamp`.
STAMP = "sphinx_claims_config_stamp"
#: Attributes of the build environment: each citation's text as last shown, and a digest of
#: what footnote citations are formatted from.
ENV_RENDERED = "sphinx_claims_rendered_citations"
ENV_INPUTS = "sphinx_claims_footcite_inputs"
ENV_STYLE = "sphinx_claims_default_style"
CONFIG = "claims_speedups"


def supported(distribution: str) -> bool:
    """Whether the installed *distribution* is a version these patches know."""
    try:
        return importlib.metadata.version(distribution) in SUPPORTED[distribution]
    except importlib.metadata.PackageNotFoundError:
        return False


# -- find_plugin ---------------------------------------------------------------------------

_original_find_plugin: Callable[..., type] | None = None
_original_register_plugin: Callable[..., bool] | None = None
_plugin_memo: dict[tuple[str, str | None, str | None], type] = {}


def memoised_find_plugin(
    plugin_group: str, name: Any = None, filename: str | None = None
) -> type:
    """:func:`pybtex.plugin.find_plugin`, remembering every successful lookup."""
    assert _original_find_plugin is not None
    if not (name is None or isinstance(name, str)) or not (
        filename is None or isinstance(filename, str)
    ):
        return _original_find_plugin(plugin_group, name, filename)
    key = (plugin_group, name, filename)
    try:
        return _plugin_memo[key]
    except KeyError:
        plugin = _original_find_plugin(plugin_group, name, filename)
        _plugin_memo[key] = plugin
        return plugin


def _register_plugin(*args: Any, **kwargs: Any) -> bool:
    """:func:`pybtex.plugin.register_plugin`, then forget memoised lookups."""
    assert _original_register_plugin is not None
    try:
        return _original_register_plugin(*args, **kwargs)
    finally:
        _plugin_memo.clear()


def install_find_plugin_memo() -> bool:
    """Memoise ``find_plugin`` where pybtex and sphinxcontrib-bibtex look it up at call time."""
    global _original_find_plugin, _original_register_plugin
    if _original_find_plugin is not None:
        return True
    if not supported("pybtex"):
        return False
    _original_find_plugin = pybtex.plugin.find_plugin
    _original_register_plugin = pybtex.plugin.register_plugin
    functools.update_wrapper(memoised_find_plugin, _original_find_plugin)
    pybtex.plugin.find_plugin = memoised_find_plugin
    pybtex.plugin.register_plugin = _register_plugin
    pybtex.style.formatting.find_plugin = memoised_find_plugin  # BaseStyle.__init__
    return True


def uninstall_find_plugin_memo() -> None:
    """Restore pybtex's own ``find_plugin`` (for tests)."""
    global _original_find_plugin, _original_register_plugin
    if _original_find_plugin is None:
        return
    pybtex.plugin.find_plugin = _original_find_plugin
    pybtex.style.formatting.find_plugin = _original_find_plugin
    pybtex.plugin.register_plugin = _original_register_plugin
    _original_find_plugin = _original_register_plugin = None
    _plugin_memo.clear()


# -- Text.from_latex ----------------------------------------------------------------------

_original_from_latex: Callable[[type, str], Any] | None = None


@functools.lru_cache(maxsize=1 << 16)
def _cached_from_latex(cls: type, latex: str) -> Any:
    assert _original_from_latex is not None
    return _original_from_latex(cls, latex)


def _from_latex(cls: type, latex: Any) -> Any:
    """``Text.from_latex``: decoding LaTeX is costly and the same strings recur (names, years)."""
    assert _original_from_latex is not None
    if type(latex) is not str:
        return _original_from_latex(cls, latex)
    return _cached_from_latex(cls, latex)


def install_from_latex_memo() -> bool:
    """Memoise ``pybtex.richtext.Text.from_latex`` (rich text is never changed in place)."""
    global _original_from_latex
    if _original_from_latex is not None:
        return True
    if not supported("pybtex"):
        return False
    _original_from_latex = richtext.Text.from_latex.__func__  # type: ignore[attr-defined]
    richtext.Text.from_latex = classmethod(_from_latex)  # type: ignore[assignment]
    return True


def uninstall_from_latex_memo() -> None:
    """Restore pybtex's own ``Text.from_latex`` (for tests)."""
    global _original_from_latex
    if _original_from_latex is None:
        return
    richtext.Text.from_latex = classmethod(_original_from_latex)  # type: ignore[assignment]
    _original_from_latex = None
    _cached_from_latex.cache_clear()


# -- formatted entries ---------------------------------------------------------------------

_code_stamps: dict[type, tuple[tuple[str, int, int], ...]] = {}


def _code_stamp(cls: type) -> tuple[tuple[str, int, int], ...]:
    """(file, mtime, size) of every source file defining *cls* or a base: edits invalidate."""
    stamp = _code_stamps.get(cls)
    if stamp is None:
        files: dict[str, None] = {}
        for klass in cls.__mro__:
            try:
                files[inspect.getfile(klass)] = None
            except TypeError:  # builtins
                continue
        parts = []
        for path in files:
            try:
                st = os.stat(path)
            except OSError:
                parts.append((path, 0, -1))
            else:
                parts.append((path, st.st_mtime_ns, st.st_size))
        stamp = _code_stamps[cls] = tuple(parts)
    return stamp


def style_key(style: Any) -> tuple[Any, ...]:
    """What, besides the entry and the configuration, a formatted entry's text depends on."""
    cls, names = type(style), type(style.name_style)
    return (
        f"{cls.__module__}.{cls.__qualname__}",
        f"{names.__module__}.{names.__qualname__}",
        _code_stamp(cls),
        _code_stamp(names),
        style.abbreviate_names,
        style.min_crossrefs,
    )


def config_stamp(config: Config, confdir: str | os.PathLike[str] | None) -> str:
    """A digest of everything else a style may read: ``conf.py``'s text (a style defined
    there, module-level values it reads) and every configuration value, ``-D`` overrides
    included. Values whose ``repr`` is an address (a function) are covered by ``conf.py``."""
    digest = hashlib.sha256()
    if confdir is not None:
        try:
            digest.update(Path(confdir, "conf.py").read_bytes())
        except OSError:
            digest.update(b"(no conf.py)")
    for item in sorted(config, key=lambda item: item.name):
        text = repr(item.value)
        if " at 0x" not in text:
            digest.update(f"{item.name}={text}\0".encode())
    return digest.hexdigest()


def entry_key(entry: Entry) -> tuple[Any, ...]:
    """An entry's full content: key, type, fields in order, persons with every name part."""
    persons = tuple(
        (
            role,
            tuple(
                (
                    tuple(p.first_names),
                    tuple(p.middle_names),
                    tuple(p.prelast_names),
                    tuple(p.last_names),
                    tuple(p.lineage_names),
                )
                for p in people
            ),
        )
        for role, people in entry.persons.items()
    )
    return (entry.key, entry.type, tuple(entry.fields.items()), persons)


class FormattedEntryCache:
    """Formatted entry texts of the previous build (``old``) and of this one (``new``).

    The environment keeps ``(config stamp, texts)``; a different stamp starts empty.
    """

    def __init__(self, old: dict[tuple[Any, ...], Any]) -> None:
        self.old = old
        self.new: dict[tuple[Any, ...], Any] = {}
        self.hits = self.misses = 0

    def format_entry(
        self, original: Callable[..., FormattedEntry], style: Any, label: str, entry: Entry,
        bib_data: Any,
    ) -> FormattedEntry:
        if bib_data is not None or "crossref" in entry.fields:
            return original(style, label, entry, bib_data=bib_data)
        key = (style_key(style), entry_key(entry))
        text = self.new.get(key)
        if text is None:
            text = self.old.get(key)
            if text is None:
                self.misses += 1
                formatted = original(style, label, entry, bib_data=bib_data)
                if getattr(formatted, "problem", None) is None:  # its warning must come again
                    self.new[key] = formatted.text
                return formatted
            self.new[key] = text
        self.hits += 1
        return FormattedEntry(entry.key, text, label)


_active_cache: FormattedEntryCache | None = None
_original_format_entry = pybtex.style.formatting.BaseStyle.format_entry


def _format_entry(self: Any, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
    """``BaseStyle.format_entry``, served from the cache while the bibtex domain formats."""
    if _active_cache is None:
        return _original_format_entry(self, label, entry, bib_data=bib_data)
    return _active_cache.format_entry(_original_format_entry, self, label, entry, bib_data)


@contextmanager
def _formatting_with(cache: FormattedEntryCache) -> Iterator[None]:
    global _active_cache
    previous, _active_cache = _active_cache, cache
    try:
        yield
    finally:
        _active_cache = previous


# -- indexes over citation references ------------------------------------------------------


def cited_docnames_index(citation_refs: Iterable[Any]) -> dict[str, set[str]]:
    """Citation key → the documents whose citation references name it."""
    index: defaultdict[str, set[str]] = defaultdict(set)
    for ref in citation_refs:
        for target in ref.targets:
            index[target.key].add(ref.docname)
    return index


def get_filtered_entries(
    self: BibtexDomain, bibliography_key: BibliographyKey
) -> Iterable[tuple[str, Entry]]:
    """``BibtexDomain.get_filtered_entries`` (2.7.0) with the cited documents from an index."""
    bibliography = self.bibliographies[bibliography_key]
    index = cited_docnames_index(self.citation_refs)
    for entry in self.get_entries(bibliography.bibfiles):
        key = bibliography.keyprefix + entry.key
        cited_docnames = set(index.get(key, ()))
        visitor = _FilterVisitor(
            entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames
        )
        try:
            success = visitor.visit(bibliography.filter_)
        except ValueError as err:
            logger.warning(
                "syntax error in :filter: expression; %s" % err,  # noqa: UP031 (as 2.7.0)
                location=(bibliography_key.docname, bibliography.line),
                type="bibtex",
                subtype="filter_syntax_error",
            )
            success = bool(cited_docnames)
        if success or entry.key in bibliography.keys:
            yield key, entry


class _CitationIndex:
    """Citation key → positions in one ``citations`` list (rebuilt when the list changes)."""

    def __init__(self, citations: list[Any]) -> None:
        self.citations = citations
        self.length = len(citations)
        self.positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, citation in enumerate(citations):
            self.positions[citation.key].append(position)

    def subset(self, keys: Iterable[str]) -> list[Any]:
        found = sorted(p for key in set(keys) for p in self.positions.get(key, ()))
        return [self.citations[p] for p in found]


def _citation_index(domain: BibtexDomain) -> _CitationIndex:
    citations = domain.data["citations"]
    index: _CitationIndex | None = getattr(domain, "_claims_citation_index", None)
    if index is None or index.citations is not citations or index.length != len(citations):
        index = _CitationIndex(citations)
        domain._claims_citation_index = index  # type: ignore[attr-defined]
    return index


@contextmanager
def _domain_data(domain: BibtexDomain, name: str, value: Any) -> Iterator[None]:
    saved = domain.data[name]
    domain.data[name] = value
    try:
        yield
    finally:
        domain.data[name] = saved


# -- the patched BibtexDomain / BibliographyTransform methods -------------------------------

_original: dict[str, Callable[..., Any]] = {}


def _enabled(config: Config) -> bool:
    return bool(getattr(config, CONFIG, False))


def _env_updated(self: BibtexDomain) -> Iterable[str]:
    if not _enabled(self.env.config):
        return _original["env_updated"](self)
    stamp = getattr(self.env, STAMP, None)
    previous_stamp, previous = getattr(self.env, ENV_CACHE, None) or (None, {})
    cache = FormattedEntryCache(previous if stamp is not None and previous_stamp == stamp else {})
    with _formatting_with(cache):
        result = _original["env_updated"](self)
    setattr(self.env, ENV_CACHE, (stamp, cache.new))
    result = [*(result or ()), *_rewritten_docs(self)]
    self.__dict__.pop("_claims_citation_index", None)
    logger.debug(
        "[sphinx-claims] bibliography entries: %d formatted, %d from cache",
        cache.misses, cache.hits,
    )
    return result


def _rendered(citation: Any) -> tuple[Any, ...]:
    tooltip = citation.tooltip_entry
    return (citation.formatted_entry.label, citation.formatted_entry.text,
            tooltip.text if tooltip is not None else None)


def _rewritten_docs(domain: BibtexDomain) -> set[str]:
    """Documents showing a citation whose text changed since the last build.

    Sphinx rewrites a page only when its source changed, and sphinxcontrib-bibtex makes only
    the bibliography depend on the ``.bib`` files: after an edit to an entry, a style or the
    configuration, the citing pages kept the old label and tooltip. They are rewritten here
    (``env-updated`` returns them), with the pages holding a claims register or sources list.
    """
    rendered = {citation.key: _rendered(citation) for citation in domain.citations}
    previous: dict[str, Any] = getattr(domain.env, ENV_RENDERED, None) or {}
    setattr(domain.env, ENV_RENDERED, rendered)
    changed = {key for key in rendered.keys() | previous.keys()
               if rendered.get(key) != previous.get(key)}
    if not changed or not previous:
        return set()
    docs = {ref.docname for ref in domain.citation_refs
            if any(target.key in changed for target in ref.targets)}
    docs |= {c.bibliography_key.docname for c in domain.citations if c.key in changed}
    docs |= set(getattr(domain.env.domains.get("claim"), "registers", ()))
    return docs & set(domain.env.all_docs)


def outdated_docs(app: Sphinx, env: Any, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    """``env-get-outdated``: documents whose bibliography text was fixed when they were read.

    * A ``bibliography`` directive keeps the style it was read with, and sphinxcontrib-bibtex
      declares ``bibtex_default_style`` as an ``html`` value (pages rewritten, not read again):
      when the default style changes, the bibliography pages are read again.
    * A footnote citation is formatted while its document is read, so a changed entry, style or
      configuration must have it read again; only documents whose source mentions ``footcite``
      are (a cheap over-approximation of "cites this entry").
    """
    if not _enabled(app.config):
        return []
    domain: Any = env.domains.get("cite")
    if not isinstance(domain, BibtexDomain):  # not sphinxcontrib-bibtex's (natbib has one)
        return []
    style_name, previous_style = app.config.bibtex_default_style, getattr(env, ENV_STYLE, None)
    setattr(env, ENV_STYLE, style_name)
    bibliography_docs = set()
    if previous_style is not None and previous_style != style_name:
        bibliography_docs = {key.docname for key in domain.bibliographies}
    digest = hashlib.sha256(str(getattr(env, STAMP, "")).encode())
    for entry in domain.bibdata.data.entries.values():
        digest.update(repr(entry_key(entry)).encode())
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)
    digest.update(repr(_code_stamp(style)).encode())
    inputs, previous = digest.hexdigest(), getattr(env, ENV_INPUTS, None)
    setattr(env, ENV_INPUTS, inputs)
    outdated = sorted(bibliography_docs & env.all_docs.keys() - added - changed - removed)
    if previous is None or previous == inputs:
        return outdated
    for docname in sorted(env.all_docs.keys() - added - changed - removed):
        try:
            text = Path(env.doc2path(docname)).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "footcite" in text and docname not in outdated:
            outdated.append(docname)
    return outdated


def _get_filtered_entries(
    self: BibtexDomain, bibliography_key: BibliographyKey
) -> Iterable[tuple[str, Entry]]:
    if not _enabled(self.env.config):
        return _original["get_filtered_entries"](self, bibliography_key)
    return get_filtered_entries(self, bibliography_key)


def _resolve_xref(self: BibtexDomain, env: Any, fromdocname: str, builder: Any, typ: str,
                  target: str, node: Any, contnode: Any) -> Any:
    resolve = _original["resolve_xref"]
    if not _enabled(env.config):
        return resolve(self, env, fromdocname, builder, typ, target, node, contnode)
    try:
        keys = [t.key for t in parse_citation_targets(target)]
    except ValueError:  # the original reports it
        return resolve(self, env, fromdocname, builder, typ, target, node, contnode)
    # resolve_xref only looks at citations whose key is one of *keys*; give it just those.
    with _domain_data(self, "citations", _citation_index(self).subset(keys)):
        return resolve(self, env, fromdocname, builder, typ, target, node, contnode)


def _transform_run(self: Any, **kwargs: Any) -> None:
    run = _original["BibliographyTransform.run"]
    env = self.document.settings.env
    if not _enabled(env.config):
        return run(self, **kwargs)
    bibliographies = self.document.findall(bibtex_transforms.bibliography_node)
    docnames = {node["docname"] for node in bibliographies}
    if not docnames:
        return run(self, **kwargs)
    # back-references only come from citation references in the bibliography's own document.
    domain = env.get_domain("cite")
    refs = [ref for ref in domain.citation_refs if ref.docname in docnames]
    with _domain_data(domain, "citation_refs", refs):
        return run(self, **kwargs)


_PATCHES: dict[str, tuple[Any, str, Callable[..., Any]]] = {
    "env_updated": (BibtexDomain, "env_updated", _env_updated),
    "get_filtered_entries": (BibtexDomain, "get_filtered_entries", _get_filtered_entries),
    "resolve_xref": (BibtexDomain, "resolve_xref", _resolve_xref),
    "BibliographyTransform.run": (bibtex_transforms.BibliographyTransform, "run", _transform_run),
}


def install_domain_patches() -> bool:
    """Wrap the sphinxcontrib-bibtex methods (once per process); each checks ``claims_speedups``."""
    if _original:
        return True
    if not supported("sphinxcontrib-bibtex") or not supported("pybtex"):
        return False
    for name, (owner, attr, replacement) in _PATCHES.items():
        _original[name] = getattr(owner, attr)
        setattr(owner, attr, functools.wraps(_original[name])(replacement))
    pybtex.style.formatting.BaseStyle.format_entry = _format_entry
    return True


def uninstall_domain_patches() -> None:
    """Put the library's own methods back (for tests)."""
    for name, (owner, attr, _replacement) in _PATCHES.items():
        if name in _original:
            setattr(owner, attr, _original.pop(name))
    pybtex.style.formatting.BaseStyle.format_entry = _original_format_entry


def uninstall() -> None:
    """Put every patched function and method back, memos emptied."""
    uninstall_domain_patches()
    uninstall_find_plugin_memo()
    uninstall_from_latex_memo()


def _config_inited(app: Sphinx, config: Config) -> None:
    if not _enabled(config):
        uninstall()  # off means off: nothing of this module stays in pybtex for the process
        return
    if not (install_find_plugin_memo() and install_from_latex_memo()
            and install_domain_patches()):
        uninstall()
        logger.warning(
            "[sphinx-claims] speed-ups off: they know pybtex %s and sphinxcontrib-bibtex %s, "
            "not the installed versions (set claims_speedups = False to silence this)",
            "/".join(sorted(SUPPORTED["pybtex"])),
            "/".join(sorted(SUPPORTED["sphinxcontrib-bibtex"])),
            type="claims", subtype="speedups",
        )


def stamp_config(app: Sphinx) -> None:
    """``builder-inited``: the configuration's stamp, for the formatted-entry cache."""
    if _enabled(app.config):
        setattr(app.env, STAMP, config_stamp(app.config, app.confdir))


def freeze_long_lived(app: Sphinx, *_args: Any) -> None:
    """Move every object alive now (the environment, above all) out of the cyclic GC's scans.

    Only what lives until the end of the build may be frozen: a frozen object is never
    collected, nor is anything a frozen object points to. Sphinx keeps every doctree it read in
    ``_write_doc_doctree_cache`` until the document is written; frozen there, each doctree, and
    every node the writer later hangs on it (a register of thousands of claims), stayed in
    memory to the end. So the cache is dropped first (the writer unpickles each doctree from
    ``.doctrees``, as it does under ``-j``) and the garbage is collected before freezing.
    """
    if not _enabled(app.config):
        return
    getattr(app.env, "_write_doc_doctree_cache", {}).clear()
    gc.collect()
    gc.freeze()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register ``claims_speedups`` (default on) and install the patches once config is read."""
    options.register(app, CONFIG)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", stamp_config)
    app.connect("env-get-outdated", outdated_docs)
    app.connect("builder-inited", freeze_long_lived, priority=900)
    app.connect("env-updated", freeze_long_lived, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
