"""Read reStructuredText the way the build does: docutils' own parser, no hand-written grammar.

A ``.rst`` document (or an ``{eval-rst}`` block of a MyST page) is parsed by
:class:`docutils.parsers.rst.Parser` with stand-ins registered for the duration of the parse:
the citation roles and ``claim:ref`` record where they are written, ``claim`` records a claim and
parses its body, ``toctree`` records its entries, ``include`` records the file it reads, and
every directive docutils does not know (Sphinx's and extensions') parses its body as reST unless
it is a literal directive (code, execution, ``bibliography`` …). Problems docutils itself would
report are left to the build: the linter only looks for claims and citations.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Directive, Parser, directives, roles
from docutils.parsers.rst.directives.misc import Include
from docutils.utils import new_document

from sphinx_claims import checks, model, suppression
from sphinx_claims.citation_target import role_keys
from sphinx_claims.findings import make
from sphinx_claims.lint.records import (
    CLAIM_REF_ROLE,
    ROLE_TITLE,
    Citation,
    Claim,
    Comment,
    DocumentScan,
    Reference,
    Toctree,
    at_block,
    credit_claims,
    digest,
    lines_of,
)

if TYPE_CHECKING:
    from sphinx_claims.lint.readers.myst import MystReader


@dataclass
class _Context:
    """What the stand-ins need while docutils parses one text."""

    scanner: MystReader
    scan: DocumentScan
    file: Path
    path: str
    offset: int  # file line (0-based) of the text's first line
    file_lines: list[str]
    claim: int | None
    used: set[tuple[str, int, int]] = field(default_factory=set)
    lines: dict[str, list[str]] = field(default_factory=dict)

    def where(self, source: str | None, line: int | None) -> tuple[str, list[str], int]:
        """Displayed path, its lines and the 1-based file line of docutils' *source*:*line*."""
        line = line or 1
        if source and Path(source).resolve() != self.file.resolve() and Path(source).is_file():
            shown = self.scanner.display(Path(source))
            if shown not in self.lines:
                self.lines[shown] = lines_of(Path(source).read_text(encoding="utf-8"))
            return shown, self.lines[shown], line
        return self.path, self.file_lines, self.offset + line

    def column(self, path: str, lines: list[str], line: int, raw: str) -> tuple[int, int]:
        """``(line, column)`` of *raw* at or after *line* (a paragraph's first line)."""
        first = raw.split("\n", 1)[0]
        for number in range(max(line, 1), len(lines) + 1):
            text = lines[number - 1]
            start = text.find(first)
            while start >= 0:
                if (path, number, start) not in self.used:
                    self.used.add((path, number, start))
                    return number, start + 1
                start = text.find(first, start + 1)
        return max(line, 1), 1


_CONTEXT: list[_Context] = []


def _citation_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    ctx = _CONTEXT[-1]
    source, line = inliner.reporter.get_source_and_line(lineno)
    path, lines, block = ctx.where(source, line)  # docutils: the paragraph's first line
    line, column = ctx.column(path, lines, block, rawtext)
    target = nodes.unescape(text)
    scan = ctx.scan
    if name == CLAIM_REF_ROLE:
        label = target.rsplit("<", 1)[-1].rstrip(">").strip()
        scan.references.append(Reference(path, line, column, label, block))
        return [nodes.Text(target)], []
    try:
        keys: tuple[str, ...] | None = role_keys(name, target)
    except ValueError:
        keys = None
        at, col = at_block(line, column, block)
        scan.findings.append(make("CIT004", path, at, col, subject=target, target=target))
    scan.citations.append(Citation(path, line, column, name, target, keys, ctx.claim, block))
    credit_claims(scan, ctx.claim, keys)
    return [], []  # a claim's text leaves citations out


def _other_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """A role docutils does not know (Sphinx's ``:term:``, ``:ref:`` …): its display text."""
    match = ROLE_TITLE.match(text)
    return [nodes.Text(nodes.unescape(match.group(1) if match else text))], []


class _ClaimStandIn(Directive):
    """``.. claim:: Title`` with the claim's options: recorded and checked, body parsed."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = model.OPTION_SPEC

    def run(self) -> list[nodes.Node]:
        ctx = _CONTEXT[-1]
        scan = ctx.scan
        source, line = self.state_machine.get_source_and_line(self.lineno)
        path, lines, line = ctx.where(source, line)
        column = max(lines[line - 1].find(".."), 0) + 1 if 0 < line <= len(lines) else 1
        options = {str(k): str(v or "") for k, v in self.options.items()}
        parent = ctx.claim
        record = Claim(path, line, column, (self.arguments or [""])[0].strip(), options, parent,
                       False, document=scan.path)
        index = len(scan.claims)
        scan.claims.append(record)
        ctx.claim = index
        body = nodes.container()
        try:
            self.state.nested_parse(self.content, self.content_offset, body)
        finally:
            ctx.claim = parent
        if ctx.scanner.collect_text:
            record.text = _plain_text(body)
        record.empty = all(isinstance(node, nodes.Invisible | nodes.system_message)
                           for node in body.children)
        located = checks.LocatedClaim(
            options, line, lambda: checks.rest_option_lines(self.block_text, line),
            scan.claims[parent].label if parent is not None else None,
            empty=record.empty, citations=record.citations, cited=record.keys,
        )
        label = record.label or "?"
        for at, problem in checks.check_claim(located):
            scan.findings.append(make(problem.code, path, at, column if at == line else 1,
                                      anchor=line, subject=label, **problem.fields))
        return [nodes.container()]  # the build leaves a claim node: its parent is not empty


class _ToctreeStandIn(Directive):
    """``.. toctree::``: its entries, numbering and glob flag."""

    has_content = True
    option_spec = {"numbered": directives.unchanged, "glob": directives.flag,  # noqa: RUF012
                   "maxdepth": directives.unchanged, "caption": directives.unchanged,
                   "hidden": directives.flag, "titlesonly": directives.flag,
                   "includehidden": directives.flag, "name": directives.unchanged,
                   "reversed": directives.flag, "class": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        numbered = self.options.get("numbered")
        depth = 0
        if numbered is not None:
            depth = int(numbered) if str(numbered).strip().isdigit() else 999
        entries = [text.strip() for text in self.content if text.strip()]
        _CONTEXT[-1].scan.toctrees.append(Toctree(entries, depth, "glob" in self.options))
        return []


class _IncludeStandIn(Include):
    """docutils' ``include``, noting the file it reads (for the cache)."""

    def run(self) -> list[nodes.Node]:
        ctx = _CONTEXT[-1]
        source, _ = self.state_machine.get_source_and_line(self.lineno)
        target = Path(directives.path(self.arguments[0]))
        if not target.is_absolute():
            target = Path(source or ctx.file).parent / target
        with suppress(OSError):
            ctx.scan.inputs[str(target.resolve())] = digest(target.read_bytes())
        return super().run()


def _generic(literal: bool) -> type[Directive]:
    class _Other(Directive):
        """A directive docutils does not know: its body is reST unless it is literal."""

        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = None

        def run(self) -> list[nodes.Node]:
            if not literal and self.content:
                self.state.nested_parse(self.content, self.content_offset, nodes.container())
            return [nodes.container()]  # something a reader sees: a claim holding it is not empty

    class _AnyOption(dict[str, Callable[[str | None], str]]):
        def __contains__(self, key: object) -> bool:
            return True

        def __missing__(self, key: str) -> Callable[[str | None], str]:
            return lambda value: value or ""

    _Other.option_spec = _AnyOption()  # type: ignore[assignment]
    return _Other


_LITERAL_OTHER, _PARSED_OTHER = _generic(True), _generic(False)


def _plain_text(body: nodes.Element) -> str:
    """A claim body's ``text``, as the build's :func:`sphinx_claims.ext.citations.plain_text`
    defines it (citations are already left out by their stand-in role)."""
    for node in list(body.findall(lambda n: isinstance(n, nodes.Invisible | nodes.system_message))):
        if node.parent is not None:
            node.parent.remove(node)
    return model.plain(" ".join(child.astext() for child in body.children))


def _headings(document: nodes.document) -> list[int]:
    """The level of every section (1: top level), in order, for chapter numbering."""
    return [
        sum(isinstance(a, nodes.section) for a in _ancestors(section))
        for section in document.findall(nodes.section)
    ]


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node is not None:
        yield node
        node = node.parent


@contextmanager
def _stand_ins(literal: frozenset[str]) -> Iterator[None]:
    """Register the stand-ins in docutils' registries for one parse, then restore them."""
    saved_directives = dict(directives._directives)  # type: ignore[attr-defined]
    saved_roles = dict(roles._roles)  # type: ignore[attr-defined]
    lookup = directives.directive
    role_lookup = roles.role

    def directive(name: str, language: Any, document: Any) -> tuple[Any, list[Any]]:
        found, messages = lookup(name, language, document)
        if found is None:
            found = _LITERAL_OTHER if name.lower() in literal else _PARSED_OTHER
        return found, messages

    def role(name: str, language: Any, lineno: int, reporter: Any) -> tuple[Any, list[Any]]:
        found, messages = role_lookup(name, language, lineno, reporter)
        return (found or _other_role), messages

    try:
        for name in model.CITATION_ROLES | {CLAIM_REF_ROLE}:
            roles.register_local_role(name, _citation_role)
        directives.register_directive(model.DIRECTIVE, _ClaimStandIn)
        directives.register_directive("toctree", _ToctreeStandIn)
        directives.register_directive("include", _IncludeStandIn)
        for name in literal & {"code-block", "sourcecode", "literalinclude", "code-cell"}:
            directives.register_directive(name, _LITERAL_OTHER)
        directives.directive = directive
        roles.role = role
        yield
    finally:
        directives.directive = lookup
        roles.role = role_lookup
        directives._directives = saved_directives  # type: ignore[attr-defined]
        roles._roles = saved_roles  # type: ignore[attr-defined]


def _settings() -> Any:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = True
    settings.raw_enabled = False
    return settings


def _parse(ctx: _Context, text: str) -> nodes.document:
    document = new_document(str(ctx.file), _settings())
    _CONTEXT.append(ctx)
    try:
        with _stand_ins(ctx.scanner.literal):
            Parser().parse(text, document)
    finally:
        _CONTEXT.pop()
    texts = [comment.astext().strip() for comment in document.findall(nodes.comment)]
    last = ctx.offset + text.count("\n") + 1
    ctx.scan.comments.extend(
        Comment(c.path, c.line, c.column, c.text)
        for c in suppression.rest_comments(ctx.path, ctx.file_lines, texts, ctx.offset, last)
    )
    return document


def scan_document(
    scanner: MystReader, scan: DocumentScan, text: str, file: Path, path: str
) -> None:
    """Scan a whole ``.rst`` document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    file_lines = lines_of(text)
    scan.lines[path] = len(file_lines)
    document = _parse(_Context(scanner, scan, file, path, 0, file_lines, None), text)
    scan.headings.extend(_headings(document))
    first = document.children[0] if document.children else None
    if isinstance(first, nodes.field_list):  # the file-wide metadata block (``:orphan:``)
        scan.orphan = any(f[0].astext().strip() == "orphan" for f in first.children)


def scan_fragment(
    scanner: MystReader, scan: DocumentScan, text: str, file: Path, path: str, offset: int,
    file_lines: list[str], claim: int | None,
) -> None:
    """Scan an ``{eval-rst}`` body whose first line is the file's line *offset* (0-based)."""
    _parse(_Context(scanner, scan, file, path, offset, file_lines, claim), text)
