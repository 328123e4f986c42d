"""Broken sources fail with file and line, and the rest of the book still builds.

Two cases Sphinx and MyST handle badly on their own:

* a source that is not valid UTF-8 makes Sphinx crash with a traceback ("Encoding error!");
  here it is one warning at the offending line, and the file is read with the bad bytes
  replaced by U+FFFD so that every other document is unaffected;
* an unclosed directive fence (``:::`` or a backtick fence) silently swallows the rest of the
  file; here it is rule MST001 at the fence's line, as in ``sphinx-claims check``;
* a citation role whose backtick never closes is printed as text; here it is rule CIT005 at
  its line, found in the same parser tokens as in ``sphinx-claims check``;
* a BibTeX syntax error (an unbalanced brace) makes pybtex raise inside sphinxcontrib-bibtex's
  ``builder-inited`` handler, a crash; here pybtex's errors are captured while it parses, and
  what pybtex rejects is reported at its ``.bib`` line, as the linter reports it (one reading,
  :mod:`sphinx_claims.bibfile`): BIB001 (syntax), BIB002 (repeated key), BIB003 (repeated
  field); the entries that parse are kept;
* an entry the style cannot format is reported at its ``.bib`` line
  (:mod:`sphinx_claims.ext.bib_locations`), not at the bibliography page.
"""

from __future__ import annotations

import codecs
import encodings.utf_8_sig
import os
from typing import TYPE_CHECKING

import pybtex.errors
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from myst_parser.parsers.mdit import create_md_parser
from sphinx.util import logging

from sphinx_claims import bibfile, checks, model, myst_text, rules, suppression
from sphinx_claims.checks import Fence, Problem, closes, unclosed_fence
from sphinx_claims.ext import compat, diagnostics
from sphinx_claims.findings import Finding, make

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The codec a document is read with once a source fails to decode: UTF-8 (BOM allowed, as
#: Sphinx's default ``utf-8-sig``) with undecodable bytes replaced instead of raising.
REPLACING_CODEC = "sphinx_claims_utf_8_sig_replace"
ENCODING_WARNING = ("source", "encoding")


class _ReplacingDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name != REPLACING_CODEC:
        return None
    base = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=REPLACING_CODEC,
        encode=base.encode,
        decode=lambda data, errors="strict": encodings.utf_8_sig.decode(data, "replace"),
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_ReplacingDecoder,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
    )


codecs.register(_search)


def decode_problem(data: bytes, encoding: str = "utf-8-sig") -> tuple[int, str] | None:
    """``(line, message)`` for the first undecodable byte of *data*, or None if it decodes."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return line, (
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at column {column} "
            "(the build shows it as U+FFFD; save the file as UTF-8)"
        )
    return None


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: report every source that is not UTF-8, then read leniently."""
    encoding = env.settings.get("input_encoding") or app.config.source_encoding
    if encoding == REPLACING_CODEC:
        encoding = app.config.source_encoding
    broken = False
    for docname in docnames:
        try:
            data = compat.doc_path(env, docname).read_bytes()
        except OSError:
            continue  # Sphinx reports unreadable files itself
        problem = decode_problem(data, encoding)
        if problem is not None:
            line, message = problem
            logger.warning(
                message, location=(docname, line), type=ENCODING_WARNING[0],
                subtype=ENCODING_WARNING[1],
            )
            broken = True
    if broken:
        env.settings["input_encoding"] = REPLACING_CODEC


_PARSERS: dict[int, MarkdownIt] = {}


def _parser(config: MdParserConfig) -> MarkdownIt:
    if id(config) not in _PARSERS:
        _PARSERS.clear()
        _PARSERS[id(config)] = create_md_parser(config, RendererHTML)
    return _PARSERS[id(config)]


def _body_is_myst(token: Token) -> bool:
    """Whether a fence's body is read as MyST: a non-literal directive or a plain ``:::`` div
    (``:::aside`` too: the word is only the div's class)."""
    info = token.info
    name = info.split(maxsplit=1)[0] if info.strip() else ""
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1] not in model.LITERAL_DIRECTIVES
    return token.type == "colon_fence"


def scan_source(
    text: str, config: MdParserConfig, offset: int = 0, outer: Fence | None = None,
) -> tuple[list[tuple[int, Problem]], list[tuple[int, str]]]:
    """``(line, MST001)`` for every fence of *text* left open (worded and placed by
    :func:`sphinx_claims.checks.unclosed_fence`, as ``sphinx-claims check`` does),
    ``(line, CIT005)`` for every citation role left open, and ``(line, text)`` for every
    comment line (suppressions).

    A directive's body is MyST, parsed on its own (as MyST's nested parse does), so an unclosed
    fence inside a directive -- typically a claim whose closing ``:::`` is missing, so that the
    next claim's ``:::`` closes it -- is found at its own line. *offset* is *text*'s first line
    in the file, minus one; *outer* the closed directive fence around *text*.
    """
    lines = text.splitlines()
    fences: list[tuple[int, Problem]] = []
    comments: list[tuple[int, str]] = []
    exact = bool(getattr(config, "colon_fence_exact_match", False))
    md = _parser(config)
    for token in md.parse(text):
        if token.type == "inline" and token.map and "}`" in token.content:
            fences += _unclosed_roles(md, token, offset)
            continue
        if token.type == "myst_line_comment" and token.map:
            comments += [(offset + token.map[0] + 1 + index, line.strip())
                         for index, line in enumerate(token.content.split("\n"))]
            continue
        if token.type not in {"fence", "colon_fence"} or token.level or not token.map:
            continue
        start, end = token.map
        closed = end - 1 > start and end - 1 < len(lines) and closes(
            lines[end - 1], token.markup, exact=exact
        )
        fence = Fence(offset + start + 1, token.markup, f"{token.markup}{token.info.strip()}"[:60],
                      offset + end if closed else None)
        if not closed:
            where, problem = unclosed_fence(fence, outer)
            fences.append((where.line, problem))
        if _body_is_myst(token):
            inner = scan_source(token.content, config, offset + start + 1,
                                fence if closed else None)
            fences += inner[0]
            comments += inner[1]
    return fences, comments


def _unclosed_roles(md: MarkdownIt, token: Token, offset: int) -> list[tuple[int, Problem]]:
    """``(line, CIT005)`` for each citation role an inline *token* leaves open: its content
    tokenized again without the post-processing that joins text (as the linter reads it)."""
    children: list[Token] = []
    md.inline.tokenize(StateInline(token.content, md, {}, children))
    first = offset + (token.map[0] if token.map else 0) + 1
    return [(first + token.content.count("\n", 0, start), problem)
            for start, problem in myst_text.unclosed_roles(token.content, children)]


def unclosed_fences(text: str, config: MdParserConfig, offset: int = 0) -> list[tuple[int, str]]:
    """``(line, message)`` for every fence of *text* left open (:func:`scan_source`)."""
    return [(line, rules.get(problem.code).format(**problem.fields))
            for line, problem in scan_source(text, config, offset)[0] if problem.code == "MST001"]


def notebook_cells(text: str) -> list[tuple[int, str]]:
    """``(base line, source)`` of each markdown cell MyST-NB reads from notebook *text*: the
    line MyST-NB numbers the cell's line 0 (cell *N*: ``N * 10000 + 1``), as
    :func:`sphinx_claims.lint.readers.notebook.build_line` maps the linter's cells."""
    import nbformat

    from sphinx_claims.notebook import REMOVED

    try:
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception:  # MyST-NB reports an unreadable notebook
        return []
    cells = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        tags = (cell.get("metadata") or {}).get("tags") or []
        if cell.get("cell_type") == "markdown" and source.strip() and not REMOVED & set(tags):
            cells.append((number * 10000 + 1, source))
    return cells


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: rules MST001 and CIT005 for a MyST document (each markdown cell of a
    notebook), and its comment lines for the suppressions (all reported with the document's
    other findings)."""
    suffix = compat.doc_path(app.env, docname).suffix
    config = getattr(app.env, "myst_config", None)
    if suffix not in (".md", ".ipynb") or config is None:
        return
    if suffix == ".ipynb" and "myst_nb" not in app.extensions:
        return  # another reader (nbsphinx) reads the notebook
    texts = notebook_cells(source[0]) if suffix == ".ipynb" else [(0, source[0])]
    for offset, text in texts:
        fences, comments = scan_source(text, config, offset)
        for line, problem in fences:
            diagnostics.add(app.env, problem, line)
        diagnostics.add_comments(app.env, comments)


def capture_bib_errors(app: Sphinx) -> None:
    """``builder-inited``, before sphinxcontrib-bibtex parses: collect pybtex errors, not raise."""
    pybtex.errors.captured_errors = []


def report_bib_errors(app: Sphinx) -> None:
    """``builder-inited``, after sphinxcontrib-bibtex parsed: what pybtex rejected in each
    bibliography file, read again by the same parser with lines (:func:`bibfile.read`, the
    linter's reading too): BIB001 per syntax error, BIB003 per repeated field, BIB002 per
    repeated key. The errors pybtex collected while sphinxcontrib-bibtex parsed are the same
    ones, without a line where the parse went on past them."""
    pybtex.errors.captured_errors = None
    bibdata = getattr(app.env.domains.get("cite"), "bibdata", None)
    entries: list[tuple[str, bibfile.LocatedEntry]] = []
    found: list[Finding] = []
    comments: list[tuple[suppression.CommentLine, int]] = []
    for path in list(bibdata.bibfiles) if bibdata is not None else []:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # sphinxcontrib-bibtex has reported it
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        parsed = bibfile.read(text, str(path))
        for error in parsed.errors:
            found.append(make("BIB001", str(path), error.line, 1, detail=error.detail))
        for entry in parsed.entries:
            entries.append((str(path), entry))
            for item in entry.repeated:
                found.append(make("BIB003", str(path), item.line, 1, anchor=entry.line,
                                  key=entry.key, field=item.name))
        comments += suppression.bib_comments(
            str(path), text, [entry.line for entry in parsed.entries])
    for (path, entry), (other_path, other) in checks.repeated_keys(
        (entry.key, (path, entry)) for path, entry in entries
    ):
        where = (str(other.line) if other_path == path
                 else f"{os.path.relpath(other_path, app.srcdir)}:{other.line}")
        found.append(make("BIB002", path, entry.line, 1, key=entry.key, other=where))
    # ``% sphinx-claims: ignore[…]`` lines in the .bib silence these as they do in the linter;
    # an unused one is the linter's to report (it runs every .bib rule).
    kept = suppression.apply(found, suppression.parse(comments), lambda code, path: True,
                             checked=lambda code: False)
    for finding in kept:
        rule = rules.get(finding.code)
        logger.warning(finding.message, location=f"{finding.path}:{finding.line}",
                       type=rule.sphinx_type[0], subtype=rule.sphinx_type[1])


def setup(app: Sphinx) -> dict[str, bool]:
    app.setup_extension("sphinx_claims.ext.bib_locations")
    app.connect("env-before-read-docs", check_encodings)
    app.connect("source-read", check_fences)
    # sphinxcontrib-bibtex parses the bib files in its builder-inited handler (priority 500).
    app.connect("builder-inited", capture_bib_errors, priority=400)
    app.connect("builder-inited", report_bib_errors, priority=550)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
