"""One lint run: find the files, scan them (in parallel on several cores), check, suppress."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_claims.findings import Finding
from sphinx_claims.lint import project, suffixes, suppress
from sphinx_claims.lint.bib import BibScan, scan_bib
from sphinx_claims.lint.cache import Cache, fingerprint
from sphinx_claims.lint.config import ConfigError, Settings
from sphinx_claims.lint.records import Citation, Claim, DocumentScan
from sphinx_claims.lint.scan import Scanner
from sphinx_claims.translation import Coverage

#: Below this many files a single process is faster than starting workers.
PARALLEL_THRESHOLD = 40
_SKIP_DIRS = frozenset({"node_modules", "_build", "__pycache__", "site-packages"})


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    files: int = 0
    coverage: list[Coverage] = field(default_factory=list)


def display_path(cwd: Path) -> Callable[[Path], str]:
    """Paths as shown to the user: relative to the working directory where possible."""
    base = cwd.resolve()

    def show(path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            return str(absolute)

    return show


def markdown_files(settings: Settings, roots: Sequence[Path]) -> Iterator[Path]:
    """Source files (the build's suffixes: ``.md``, ``.rst``, ``.ipynb`` …) under *roots* (files
    given directly are always taken), pruned like Sphinx. Of two files one document name
    (``page.ipynb`` and ``page.md``) only the first in name order is a document, as in Sphinx's
    discovery (which warns "multiple files found" and builds that one)."""
    seen: set[Path] = set()
    named: set[Path] = set()
    for root in roots:
        if root.is_file():
            if root not in seen:
                seen.add(root)
                yield root
            continue
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            dirs[:] = sorted(
                d for d in dirs
                if not d.startswith(".") and d not in _SKIP_DIRS
                and not settings.excluded_dir(here / d)
                and not (here / d / "pyvenv.cfg").exists()
            )
            for name in sorted(files):
                file = here / name
                if (settings.is_source(file) and file not in seen
                        and not settings.excluded(file)):
                    document = here / suffixes.docname(settings.suffixes, name)
                    if document in named:
                        continue
                    named.add(document)
                    seen.add(file)
                    yield file


def select_files(
    settings: Settings, paths: Sequence[Path]
) -> tuple[list[Path], list[Path], bool]:
    """Markdown files to check, bib files to report on, and whether this is the whole project."""
    if not paths:
        missing = [s for s in settings.sources if not s.exists()]
        if missing:
            raise ConfigError(f"{missing[0]}: source folder does not exist")
        return list(markdown_files(settings, settings.sources)), list(settings.bibfiles), True
    for path in paths:
        if not path.exists():
            raise ConfigError(f"{path}: no such file or directory")
    folders = [p.resolve() for p in paths if p.is_dir()]
    if folders and all(any(s.resolve().is_relative_to(f) for f in folders)
                       for s in settings.sources):
        return select_files(settings, ())  # the book's folder (or above): the whole project
    bibs = [p for p in paths if p.is_file() and p.suffix == ".bib"]
    roots = [p for p in paths if p not in bibs]
    bibs += [b for r in roots if r.is_dir() for b in sorted(r.rglob("*.bib"))
             if ".venv" not in b.parts]
    return list(markdown_files(settings, roots)), bibs, False


_scanner: Scanner | Callable[[], Scanner] | None = None


def _scan_chunk(files: list[Path]) -> list[DocumentScan]:
    global _scanner
    assert _scanner is not None
    if not files:
        return []
    if not isinstance(_scanner, Scanner):
        _scanner = _scanner()  # the parsers are imported only when a file must be parsed
    return [_scanner.scan_file(f) for f in files]


def _scan_one_bib(args: tuple[Path, str, dt.date]) -> BibScan:
    return scan_bib(*args)


def _chunks(files: list[Path], count: int) -> list[list[Path]]:
    """Split *files* into *count* lists of similar total size (largest first, round robin)."""
    ordered = sorted(files, key=lambda f: f.stat().st_size if f.exists() else 0, reverse=True)
    chunks: list[list[Path]] = [[] for _ in range(count)]
    for index, file in enumerate(ordered):
        round_, pos = divmod(index, count)
        chunks[pos if round_ % 2 == 0 else count - 1 - pos].append(file)
    return [c for c in chunks if c]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Switch the cyclic garbage collector off for the duration (restoring its state after).

    A scan allocates millions of short-lived, acyclic objects (tokens, claims, citations); the
    collector's repeated passes over the growing heap, and over every object a worker's
    results unpickle into, cost seconds on a large book and reclaim nothing.
    Forked workers inherit the paused state.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scan_all(
    scanner: Scanner | Callable[[], Scanner], md_files: list[Path], bib_files: list[Path],
    show: Callable[[Path], str],
    jobs: int, cache: Cache | None = None,
) -> tuple[list[DocumentScan], list[BibScan]]:
    """Scan every file not in *cache*, using *jobs* worker processes for large projects, and
    add the new scans to *cache* (the caller saves it, once, with the rest of the run's answers).

    *scanner* may be a factory: it is called only if some file is not in the cache.
    """
    global _scanner
    _scanner = scanner
    today = dt.datetime.now(dt.UTC).date()
    docs: list[DocumentScan] = []
    todo: list[Path] = []
    for file in md_files:
        hit = cache.get_markdown(file, show(file)) if cache is not None else None
        if hit is None:
            todo.append(file)
        else:
            docs.append(hit)
    bibs: dict[Path, BibScan] = {}
    bib_args = []
    for file in bib_files:
        hit = cache.get_bib(file, show(file), today) if cache is not None else None
        if hit is None:
            bib_args.append((file, show(file), today))
        else:
            bibs[file] = hit
    if todo and not isinstance(scanner, Scanner):
        _scanner = scanner()  # before forking: the workers inherit the parser
    if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD and sys.platform != "win32":
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            bib_async = pool.map_async(_scan_one_bib, bib_args)
            chunks = _chunks(todo, jobs * 4)
            new = [s for part in pool.imap_unordered(_scan_chunk, chunks) for s in part]
            new_bibs = bib_async.get()
    else:
        new = _scan_chunk(todo)
        new_bibs = [_scan_one_bib(a) for a in bib_args]
    for (file, *_), scan in zip(bib_args, new_bibs, strict=True):
        bibs[file] = scan
    if cache is not None:
        for scan in new:
            cache.put_markdown(scan)
        for (file, *_), scan in zip(bib_args, new_bibs, strict=True):
            cache.put_bib(file, scan)
    docs += new
    docs.sort(key=lambda s: s.path)
    return docs, [bibs[f] for f in bib_files]


def outside_toctrees(settings: Settings, docs: list[DocumentScan]) -> list[Finding]:
    """TOC001: documents of the source directory no toctree lists."""
    from sphinx_claims.lint import toc

    named, _ = by_docname(settings, docs)
    return toc.outside_toctrees(settings.root_doc, named, settings.toc_files, settings.suffixes)


def book_order(settings: Settings, docs: list[DocumentScan]) -> list[DocumentScan]:
    """*docs* in the book's toctree order (so "duplicate" means "later in the book")."""
    from sphinx_claims.lint import toc

    named, rest = by_docname(settings, docs)
    order = toc.document_order(settings.root_doc, named, settings.suffixes, settings.toc_trees)
    return [named[name] for name in order] + rest


def by_docname(
    settings: Settings, docs: list[DocumentScan]
) -> tuple[dict[str, DocumentScan], list[DocumentScan]]:
    """The documents of the source directory by Sphinx docname, and the others."""
    named: dict[str, DocumentScan] = {}
    rest = []
    prefix = str(settings.srcdir.resolve()) + os.sep
    for doc in docs:
        absolute = os.path.abspath(doc.file or doc.path)
        if absolute.startswith(prefix):  # string operations: thousands of documents
            rel = absolute[len(prefix):].replace(os.sep, "/")
            named[suffixes.docname(settings.suffixes, rel)] = doc
        else:
            rest.append(doc)
    return named, rest


def translations(
    settings: Settings, docs: list[DocumentScan], show: Callable[[Path], str], result: Result,
) -> list[Finding]:
    """TRN001-TRN005: the claims' messages in every catalog under the ``locale_dirs``."""
    from sphinx_claims.lint import catalogs

    named, _ = by_docname(settings, docs)
    findings, errors, coverage = catalogs.check(settings, named, show)
    result.errors.extend(errors)
    result.coverage.extend(coverage)
    return findings


@paused_gc()
def run(
    settings: Settings,
    cwd: Path,
    paths: Sequence[Path] = (),
    *,
    jobs: int | None = None,
    collect_text: bool = False,
    use_cache: bool = False,
) -> Result:
    """Lint *paths* (default: the configured sources and bibliography) and return the findings."""
    show = display_path(cwd)
    md_files, bib_targets, whole = select_files(settings, paths)
    bib_targets = [b.resolve() for b in bib_targets]
    bib_files = list(dict.fromkeys([*(b.resolve() for b in settings.bibfiles), *bib_targets]))
    result = Result(files=len(md_files) + len(bib_targets))
    for bib in bib_files:
        if not bib.is_file():
            raise ConfigError(f"{show(bib)}: bibliography file does not exist")
    def scanner() -> Scanner:
        return Scanner(settings.myst, settings.srcdir, show, collect_text=collect_text,
                       literal=settings.literal, suffixes=settings.suffixes)

    jobs = jobs or min(os.cpu_count() or 1, 8)
    cache = Cache(settings.root, fingerprint(settings)) if use_cache else None
    docs, bibs = scan_all(scanner, md_files, bib_files, show, jobs, cache)

    docs = book_order(settings, docs)
    reported_bibs = {show(b) for b in bib_targets}
    findings: list[Finding] = []
    comments = []
    for doc in docs:
        result.claims.extend(doc.claims)
        result.errors.extend(doc.errors)
        result.lines.update(doc.lines)
        findings.extend(doc.findings)
        comments.extend(doc.comments)
    anchored = suppress.anchor_markdown(comments)
    entries = []
    for bib in bibs:
        result.errors.extend(bib.errors)
        result.lines[bib.path] = bib.lines
        entries.extend(bib.entries)
        if bib.path in reported_bibs:
            findings.extend(bib.findings)
            anchored.extend(bib.comments)

    citations = result.citations = [c for doc in docs for c in doc.citations]
    findings += project.duplicate_labels(result.claims)
    index, duplicates = project.index_entries(entries)
    cite_findings, cited = project.citation_keys(citations, index)
    findings += cite_findings
    known = dict(cache.fields) if cache is not None else None
    bib_findings = duplicates + project.required_fields(
        entries, index, settings.pybtex_style, known)
    if cache is not None:
        if known != cache.fields:
            cache.fields, cache.changed = known, True
        cache.save()  # once: the scans and pybtex's answers together
    if whole:
        bib_findings += project.unused_entries(index, cited)
        references = [r for doc in docs for r in doc.references]
        findings += project.unknown_references(result.claims, references)
        findings += outside_toctrees(settings, docs)
        findings += translations(settings, docs, show, result)
        if settings.editions is not None:
            findings += project.edition_findings(settings.editions, result.claims, show)
    findings += [f for f in bib_findings if f.path in reported_bibs]

    selection = settings.selection
    findings = [f for f in findings if selection.enabled_for(f.code, f.path)]
    findings = suppress.apply(findings, suppress.parse(anchored), selection)
    findings = [f for f in findings if selection.enabled_for(f.code, f.path)]
    result.findings = sorted(set(findings), key=lambda f: f.sort_key)
    return result
