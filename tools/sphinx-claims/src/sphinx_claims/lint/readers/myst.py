"""Read MyST the way the build does: claims, citations and comments, each with its line and column.

The parser is myst-parser's own (:func:`myst_parser.parsers.mdit.create_md_parser` with the
project's ``myst_*`` settings). Directive text is split into arguments, options and body by
:func:`myst_parser.parsers.directives.parse_directive_text`, exactly as in the build.

Speed without a second parser: a directive body is block-parsed by re-running markdown-it's block
tokenizer over the body's line range of the *same* parser state (what markdown-it itself does for
block quotes and lists), so maps stay in file coordinates and no text is split twice. Fences inside
containers (lists, block quotes, indented fences) fall back to parsing the body text on its own, as
MyST's nested parse does. Inline tokenizing runs only where a role can be (``}``` present).

Citations are read wherever the build reads them: directive bodies, directive arguments (an
admonition's title), options the build parses as inline MyST (``:caption:``), substitutions
(``myst_substitutions`` and a page's front matter, reported where they are used) and
``{eval-rst}`` bodies (through :mod:`.rst`). Bodies of literal directives (code, execution
directives, configurable) are never read. Which reader reads a file is decided in
:mod:`sphinx_claims.lint.scan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_claims import checks, model, myst_text
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
    credit_claims,
    decode_error,
    lines_of,
    read_text,
)
from sphinx_claims.lint.suffixes import NO_CONF

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.directives import DirectiveParsingResult

# The parsers (markdown-it, myst-parser, docutils) are imported by the first reader: a run served
# from the cache, and every module that only needs the records, imports none of them.
MarkupError: Any = None
RendererHTML: Any = None
StateBlock: Any = None
StateCore: Any = None
StateInline: Any = None
normalize: Any = None
myst_role: Any = None
parse_directive_text: Any = None
create_md_parser: Any = None
ClaimStandIn: Any = None
signature: Any = None  # .signature, which imports docutils


def load_parsers() -> None:
    """Import the parsers and define the stand-in directives (once)."""
    global MarkupError, RendererHTML, StateBlock, StateCore, StateInline, normalize, myst_role
    global parse_directive_text, create_md_parser, ClaimStandIn, signature
    if ClaimStandIn is not None:
        return
    from docutils.parsers.rst import Directive
    from docutils.parsers.rst.states import MarkupError
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_core.normalize import normalize
    from markdown_it.rules_inline import StateInline
    from mdit_py_plugins.myst_role.index import myst_role
    from myst_parser.parsers.directives import parse_directive_text
    from myst_parser.parsers.mdit import create_md_parser

    from sphinx_claims.lint.readers import signature

    class _ClaimStandIn(Directive):
        """The claim directive's signature (title argument, options, content)."""

        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = model.OPTION_SPEC

    ClaimStandIn = _ClaimStandIn

_CONTAINERS = ("blockquote_open", "list_item_open", "dd_open", "footnote_open", "td_open")


@dataclass(slots=True)
class _Source:
    """A parsed text: its parser state (for in-place nested tokenizing) and its file mapping."""

    path: str
    file: Path
    state: Any  # markdown_it's StateBlock
    offset: int  # file line (0-based) of this text's line 0
    file_lines: list[str]  # the lines of the file, for columns


def _located(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """An inline rule that also records where in the inline text its token starts."""

    def located(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not rule(state, silent):
            return False
        if not silent:
            state.tokens[-1].meta["offset"] = start
        return True

    return located


def build_parser(config: MdParserConfig) -> MarkdownIt:
    """myst-parser's markdown-it setup; the core's inline pass is left to :class:`MystReader`."""
    load_parsers()
    md = create_md_parser(config, RendererHTML)
    md.inline.ruler.at("myst_role", _located(myst_role))  # type: ignore[arg-type]
    for rule in md.inline.ruler.__rules__:
        if rule.name == "substitution_inline":
            md.inline.ruler.at(rule.name, _located(rule.fn))
    return md


#: Options whose value the build parses as inline MyST (a code block's or figure's caption).
INLINE_OPTIONS = frozenset({"caption"})
#: Directives whose ``:caption:`` is plain text (the toctree's).
_PLAIN_CAPTION = frozenset({"toctree"})


class MystReader:
    """Read MyST text for claims, citations and suppression comments."""

    def __init__(
        self,
        config: MdParserConfig,
        srcdir: Path,
        display: Callable[[Path], str],
        *,
        collect_text: bool = False,
        literal: frozenset[str] = frozenset(),
        suffixes: Mapping[str, str] = NO_CONF,
    ) -> None:
        self.config = config
        self.suffixes = suffixes
        self.md = build_parser(config)
        self.srcdir = srcdir
        self.display = display
        self.collect_text = collect_text
        self.literal = model.LITERAL_DIRECTIVES | literal
        self._full_md: MarkdownIt | None = None
        self._substitutions: dict[str, object] = dict(config.substitutions)
        self._scan: DocumentScan | None = None
        self._open: list[checks.Fence] = []  # the directive fences being read, outermost first
        self._open_paths: list[str] = []  # the file each is in
        self._markers = ("}`", "{{") if "substitution" in config.enable_extensions else ("}`",)

    # --- entry points ---------------------------------------------------------------------------

    def plain_text(self, body: str) -> str:
        """A claim body as one line of text without its citations (``claims.json``'s ``text``).

        Mirrors :func:`sphinx_claims.ext.citations.plain_text` on what MyST produces: the parsed
        text with MyST's typography, a role's display text (``{term}`text <target>``` gives
        ``text``), citations left out, whitespace collapsed, no space before ``.,;:!?``.
        """
        if self._full_md is None:
            self._full_md = create_md_parser(self.config, RendererHTML)
        parts: list[str] = []
        for token in self._full_md.parse(body + "\n", {}):
            if token.type == "inline":
                parts.extend(_inline_text(token.children or []))
                parts.append(" ")
            elif token.type in ("fence", "colon_fence", "code_block"):
                info = token.info.strip()
                if not info.startswith("{"):
                    parts.append(token.content)
                elif info.split(maxsplit=1)[0][1:-1] not in model.LITERAL_DIRECTIVES:
                    parts.append(self.plain_text(token.content))
                parts.append(" ")
        return model.plain("".join(parts))

    def begin(self, scan: DocumentScan) -> None:
        """Start reading the document *scan* records (its page settings start afresh)."""
        self._substitutions = dict(self.config.substitutions)
        self._scan = scan

    def scan_text(self, scan: DocumentScan, text: str, file: Path, path: str) -> None:
        """Scan *text* as a MyST document shown as *path* (a notebook cell, say)."""
        self._scan_text(scan, text, file, path, 0, None, (file.resolve(),))

    # --- parsing --------------------------------------------------------------------------------

    def _parse(self, text: str) -> tuple[StateBlock, list[Token]]:
        core = StateCore(text, self.md, {})
        normalize(core)
        tokens: list[Token] = []
        state = StateBlock(core.src, self.md, core.env, tokens)
        self.md.block.tokenize(state, state.line, state.lineMax)
        return state, tokens

    def _scan_text(
        self, scan: DocumentScan, text: str, file: Path, path: str, offset: int,
        claim: int | None, stack: tuple[Path, ...], file_lines: list[str] | None = None,
    ) -> None:
        state, tokens = self._parse(text)
        if file_lines is None:
            file_lines = lines_of(state.src)
            scan.lines[path] = len(file_lines)
        source = _Source(path, file, state, offset, file_lines)
        self._walk(scan, tokens, source, claim, stack)

    def _walk(
        self, scan: DocumentScan, tokens: list[Token], src: _Source, claim: int | None,
        stack: tuple[Path, ...],
    ) -> None:
        depth = 0
        for token in tokens:
            kind = token.type
            if kind == "inline":
                if any(marker in token.content for marker in self._markers):
                    self._inline(scan, token, src, claim)
            elif kind in ("fence", "colon_fence"):
                self._fence(scan, token, src, claim, stack, depth)
            elif kind == "myst_line_comment":
                self._comment(scan, token, src)
            elif kind == "front_matter":
                self._front_matter(token)
            elif kind == "substitution_block":
                line = self._file_line(src, token.map[0] if token.map else 0)
                self._substitution(scan, token.content, src.path, line + 1,
                                   self._column(src, line, "{{"), claim, line + 1)
            elif kind == "heading_open" and claim is None and depth == 0 and src.offset == 0:
                scan.headings.append(int(token.tag[1:]))
            elif token.nesting == 1 and kind in _CONTAINERS:
                depth += 1
            elif token.nesting == -1 and kind.replace("_close", "_open") in _CONTAINERS:
                depth -= 1

    # --- positions ------------------------------------------------------------------------------

    def _file_line(self, src: _Source, line: int) -> int:
        """0-based file line of *line* of *src*, clamped into the file."""
        return min(max(src.offset + line, 0), max(len(src.file_lines) - 1, 0))

    def _column(self, src: _Source, file_line: int, needle: str) -> int:
        text = src.file_lines[file_line] if src.file_lines else ""
        index = text.find(needle) if needle else -1
        return index + 1 if index >= 0 else 1

    # --- tokens ---------------------------------------------------------------------------------

    def _comment(self, scan: DocumentScan, token: Token, src: _Source) -> None:
        start = token.map[0] if token.map else 0
        for index, text in enumerate(token.content.split("\n")):
            line = self._file_line(src, start + index)
            scan.comments.append(
                Comment(src.path, line + 1, self._column(src, line, "%"), text.strip())
            )

    def _inline(
        self, scan: DocumentScan, token: Token, src: _Source, claim: int | None,
        below: int = 0,
    ) -> None:
        """Roles and substitutions of an inline *token*; findings go to its first line, or
        *below* lines under it (text myst-parser parses a second time: see :meth:`_inline_at`)."""
        content = token.content
        children: list[Token] = []
        # Tokenizing is what finds roles; the inline post-processing (emphasis pairing, text
        # joining) only rewrites delimiter and text tokens, so it is skipped.
        self.md.inline.tokenize(StateInline(content, self.md, src.state.env, children))
        first = token.map[0] if token.map else 0
        if not below:  # text the build's source scan reads too (not a directive's argument)
            self._unclosed_roles(scan, content, children, src, first)
        for child in children:
            if child.type == "substitution_inline":
                name = ""
            elif child.type != "myst_role":
                continue
            else:
                name = child.meta["name"]
                if name not in model.CITATION_ROLES and name != CLAIM_REF_ROLE:
                    continue
            start = child.meta.get("offset", 0)
            line_in = content.count("\n", 0, start)
            line_start = content.rfind("\n", 0, start) + 1
            line = self._file_line(src, first + line_in)
            end = content.find("\n", line_start)
            piece = content[line_start : end if end >= 0 else len(content)]
            column = _suffix_column(src.file_lines[line], piece) + (start - line_start)
            block = self._file_line(src, first) + 1 + below
            if not name:
                self._substitution(scan, child.content, src.path, line + 1, column, claim, block)
            elif name == CLAIM_REF_ROLE:
                match = ROLE_TITLE.match(child.content)
                label = (match.group(2) if match else child.content).strip()
                scan.references.append(Reference(src.path, line + 1, column, label, block))
            else:
                self._citation(scan, src.path, line + 1, column, child, claim, block)

    def _unclosed_roles(
        self, scan: DocumentScan, content: str, children: list[Token], src: _Source, first: int,
    ) -> None:
        """CIT005 for each citation role the inline *content* leaves open, at its line."""
        for start, problem in myst_text.unclosed_roles(content, children):
            line_start = content.rfind("\n", 0, start) + 1
            line = self._file_line(src, first + content.count("\n", 0, start))
            end = content.find("\n", line_start)
            piece = content[line_start : end if end >= 0 else len(content)]
            column = _suffix_column(src.file_lines[line], piece) + (start - line_start)
            scan.findings.append(make(problem.code, src.path, line + 1, column,
                                      subject=problem.fields["text"], **problem.fields))

    def _citation(
        self, scan: DocumentScan, path: str, line: int, column: int, role: Token,
        claim: int | None, block: int,
    ) -> None:
        target = role.content
        try:
            keys: tuple[str, ...] | None = role_keys(role.meta["name"], target)
        except ValueError:
            keys = None
            at, col = block, column if line == block else 1
            scan.findings.append(make("CIT004", path, at, col, subject=target, target=target))
        scan.citations.append(
            Citation(path, line, column, role.meta["name"], target, keys, claim, block)
        )
        credit_claims(scan, claim, keys)

    def _fence(
        self, scan: DocumentScan, token: Token, src: _Source, claim: int | None,
        stack: tuple[Path, ...], depth: int,
    ) -> None:
        assert token.map is not None
        start, end = token.map
        line = self._file_line(src, start)
        column = self._column(src, line, token.markup)
        closed = end - 1 > start and self._is_closer(src.state, end - 1, token.markup)
        info = token.info.strip()
        closer = self._file_line(src, end - 1) + 1 if closed else None
        fence = checks.Fence(line + 1, token.markup, f"{token.markup}{info}"[:60], closer,
                             column)
        if not closed:
            where, problem = checks.unclosed_fence(fence, self._open[-1] if self._open else None)
            at = src.path if where is fence else self._open_paths[-1]
            scan.findings.append(make(problem.code, at, where.line, where.column,
                                      subject=where.text, **problem.fields))
        self._open.append(fence)
        self._open_paths.append(src.path)
        try:
            self._directive(scan, token, src, claim, stack, depth, start, end, line, column,
                            closed, info)
        finally:
            self._open.pop()
            self._open_paths.pop()

    def _directive(
        self, scan: DocumentScan, token: Token, src: _Source, claim: int | None,
        stack: tuple[Path, ...], depth: int, start: int, end: int, line: int, column: int,
        closed: bool, info: str,
    ) -> None:
        """Read one fence by its directive: claim, include, toctree, eval-rst, literal, other."""
        parts = info.split(maxsplit=1)
        name = parts[0] if parts else ""
        arguments = parts[1] if len(parts) > 1 else ""
        if name.startswith("{") and name.endswith("}"):
            name = name[1:-1]
        elif token.type == "fence" and name in self.config.fence_as_directive:
            pass
        elif token.type == "colon_fence":
            # A plain ::: div: MyST renders its whole content as MyST from the next line on,
            # and never its info string (no arguments, no options).
            body_end = end - 1 if closed else end
            body = token.content.split("\n")
            if any(text.strip() for text in body):
                self._body(scan, token, src, claim, stack, depth, start + 1, body_end, body)
            return
        else:
            return  # a code block
        if not signature.can_name(name):
            return  # no build registers it: an unknown directive, rendered as a literal block
        content = token.content
        prepended = 0
        if token.type == "colon_fence" and content.startswith(":::"):
            content, prepended = "\n" + content, 1  # as MyST does, to tell fences from options
        body_end = end - 1 if closed else end
        if name == model.DIRECTIVE:
            self._claim(scan, token, src, claim, stack, depth, line, column, arguments, content,
                        prepended, body_end)
        elif name == "include":
            self._include(scan, src, claim, stack, line, arguments, content)
        elif name == "toctree":
            self._toctree(scan, arguments, content, line)
        elif name == "eval-rst":
            from sphinx_claims.lint.readers import rst

            body_start = start + 1 - prepended
            rst.scan_fragment(self, scan, content, src.file, src.path,
                                   src.offset + body_start, src.file_lines, claim)
        elif name not in self.literal:
            parsed = self._inline_options(scan, src, start, line, arguments, content, claim,
                                          name, prepended)
            if parsed is None:
                return
            argument = " ".join(parsed.arguments)  # text on the first line may be body text
            if "}`" in argument or "{{" in argument:
                self._inline_at(scan, src, start, argument, claim)
            # the line MyST prepends is dropped as a blank first body line, unless text on
            # the fence's line became the body's first line (then the build counts it too)
            body_start = start + 1 + parsed.body_offset - prepended * parsed.blank_line_removed
            self._body(scan, token, src, claim, stack, depth, body_start, body_end, parsed.body)
        elif "}`" in content and name not in _PLAIN_CAPTION:
            self._inline_options(scan, src, start, line, arguments, content, claim, name,
                                 prepended)

    def _inline_at(
        self, scan: DocumentScan, src: _Source, line: int, text: str, claim: int | None
    ) -> None:
        """Read *text*, written at the end of *src*'s *line*, as inline MyST (an argument).

        myst-parser parses such text again with the directive's 1-based line as a 0-based
        offset, so Sphinx reports what it finds there one line below: so does the linter."""
        from markdown_it.token import Token as InlineToken  # the parsers are loaded by now

        token = InlineToken("inline", "", 0, content=text, map=[line, line + 1])
        self._inline(scan, token, src, claim, below=1)

    def _inline_options(
        self, scan: DocumentScan, src: _Source, start: int, line: int, arguments: str,
        content: str, claim: int | None, name: str, prepended: int,
    ) -> DirectiveParsingResult | None:
        """Parse a directive's options as MyST does and read the citations in those the build
        parses as inline MyST (``:caption:``); ``None`` if the options do not parse."""
        parsed = _parse_other(arguments, content, line, name)
        if parsed is None:
            return None
        options = parsed.options
        wanted = [o for o in INLINE_OPTIONS if "}`" in str(options.get(o) or "")]
        if not wanted or name in _PLAIN_CAPTION:
            return parsed
        fence = self._file_line(src, start) + 1
        count = parsed.body_offset
        lines = checks.option_lines(src.file_lines[fence : fence + max(count - prepended, 0)],
                                    fence + 1)
        for option in wanted:
            at = lines.get(option)
            if at is not None:
                self._inline_at(scan, src, at - 1 - src.offset, str(options[option]), claim)
        return parsed

    def _front_matter(self, token: Token) -> None:
        import yaml

        try:
            data = yaml.safe_load(token.content)
        except yaml.YAMLError:
            return
        if isinstance(data, dict):
            self.page_metadata(data)

    def page_metadata(self, data: dict[str, Any]) -> None:
        """A page's front matter (or a notebook's metadata): ``orphan`` and ``substitutions``
        (under ``myst:`` or, deprecated, at the top level)."""
        if data.get("orphan") is not None and self._scan is not None:
            self._scan.orphan = True
        myst = data.get("myst")
        for table in (data.get("substitutions"), myst.get("substitutions")
                      if isinstance(myst, dict) else None):
            if isinstance(table, dict):
                self._substitutions.update((str(k), v) for k, v in table.items())

    def _substitution(
        self, scan: DocumentScan, expression: str, path: str, line: int, column: int,
        claim: int | None, block: int,
    ) -> None:
        """The citations of a ``{{ name }}`` substitution, reported where it is used: like any
        text myst-parser parses a second time, one line below the *block*'s first line."""
        block += 1
        value = self._substitutions.get(expression.strip())
        if not isinstance(value, str) or "}`" not in value:
            return
        if self._full_md is None:
            self._full_md = create_md_parser(self.config, RendererHTML)
        pending = list(self._full_md.parse(value, {}))
        while pending:
            token = pending.pop(0)
            if token.children:
                pending[:0] = token.children
            if token.type == "myst_role" and token.meta.get("name") in model.CITATION_ROLES:
                self._citation(scan, path, line, column, token, claim, block)

    def _is_closer(self, state: StateBlock, index: int, markup: str) -> bool:
        text = state.src[state.bMarks[index] : state.eMarks[index]]
        exact = getattr(self.config, "colon_fence_exact_match", False)  # myst-parser 4+
        return checks.closes(text, markup, exact=exact)

    def _body(
        self, scan: DocumentScan, token: Token, src: _Source, claim: int | None,
        stack: tuple[Path, ...], depth: int, body_start: int, body_end: int, body: list[str],
    ) -> list[Token]:
        """Walk a directive body: in place when the fence is at the top level, else re-parsed.

        Returns the body's tokens (a claim checks whether it holds anything but comments).
        """
        state = src.state
        fence = token.map[0]  # type: ignore[index]
        # in place unless the body starts on the fence's own line (a directive without arguments)
        if depth == 0 and token.level == 0 and state.sCount[fence] == 0 and body_start > fence:
            saved = (state.tokens, state.line, state.lineMax, state.blkIndent, state.parentType)
            state.tokens, state.lineMax, state.blkIndent = [], body_end, 0
            state.parentType = "root"
            try:
                self.md.block.tokenize(state, body_start, body_end)
                tokens = state.tokens
            finally:
                (state.tokens, state.line, state.lineMax, state.blkIndent,
                 state.parentType) = saved
            self._walk(scan, tokens, src, claim, stack)
        else:
            text = "\n".join(body)
            sub_state, tokens = self._parse(text)
            sub = _Source(src.path, src.file, sub_state, src.offset + body_start, src.file_lines)
            self._walk(scan, tokens, sub, claim, stack)
        return tokens

    def _claim(
        self, scan: DocumentScan, token: Token, src: _Source, parent: int | None,
        stack: tuple[Path, ...], depth: int, line: int, column: int, title: str, content: str,
        prepended: int, body_end: int,
    ) -> None:
        path = src.path
        try:
            parsed = parse_directive_text(ClaimStandIn, title, content, line=line + 1)
        except MarkupError as error:
            scan.findings.append(
                make("CLM005", path, line + 1, column, subject="options", detail=str(error))
            )
            return
        for warning in parsed.warnings:
            at = warning.lineno if warning.lineno is not None else line + 1
            at = min(max(at, 1), len(src.file_lines))  # MyST counts lines with str.splitlines
            tab = _tab_after_colon(src.file_lines, line + 1, parsed.body_offset - prepended)
            detail = warning.msg
            if tab is not None and "column 0" in detail:
                at, detail = tab
            scan.findings.append(
                make("CLM005", path, at, 1 if at != line + 1 else column, anchor=line + 1,
                     subject="options", detail=detail)
            )
        options = {str(k): str(v) for k, v in parsed.options.items()}
        body_lines = parsed.body
        record = Claim(path, line + 1, column, " ".join(parsed.arguments).strip(), options,
                       parent, False, document=scan.path)
        index = len(scan.claims)
        scan.claims.append(record)
        label = record.label
        fence = line + 1

        def option_lines() -> dict[str, int]:
            count = max(parsed.body_offset - prepended, 0)
            return checks.option_lines(src.file_lines[fence : fence + count], fence + 1)

        if self.collect_text:
            record.text = self.plain_text("\n".join(body_lines))
        tokens: list[Token] = []
        if any(text.strip() for text in body_lines):
            body_start = token.map[0] + 1 + parsed.body_offset - prepended  # type: ignore[index]
            tokens = self._body(scan, token, src, index, stack, depth, body_start, body_end,
                                body_lines)
        record.empty = not any(t.level == 0 and t.type not in _INVISIBLE for t in tokens)
        record.messages = self._messages(record.title, tokens)
        located = checks.LocatedClaim(
            options, fence, option_lines,
            scan.claims[parent].label if parent is not None else None,
            empty=record.empty, citations=record.citations, cited=record.keys,
        )
        for at, problem in checks.check_claim(located):
            scan.findings.append(
                make(problem.code, path, at, column if at == fence else 1, anchor=fence,
                     subject=label or "?", **problem.fields)
            )

    def _messages(self, title: str, tokens: list[Token]) -> list[str]:
        """A claim's gettext msgids: its title, then every text block of its body, those of
        directives nested in it included (as Sphinx's ``extract_messages`` finds them)."""
        found = [title.strip()] if title.strip() else []
        self._body_messages(tokens, found)
        return found

    def _body_messages(self, tokens: list[Token], found: list[str]) -> None:
        for token in tokens:
            if token.type == "inline":
                _add_message(found, token.content)
            elif token.type in ("fence", "colon_fence"):
                name, _, arguments = token.info.strip().partition(" ")
                if token.type == "colon_fence" and not name:
                    self._body_messages(self._parse(token.content)[1], found)  # a plain div
                if not (name.startswith("{") and name.endswith("}")):
                    continue  # a code block
                name = name[1:-1]
                if name in self.literal or name == model.DIRECTIVE:
                    continue
                content = token.content
                if token.type == "colon_fence" and content.startswith(":::"):
                    content = "\n" + content
                parsed = _parse_other(arguments, content, 0, name)
                if parsed is None:
                    continue
                if name in _TITLED:
                    _add_message(found, arguments)
                if parsed.options.get("alt"):  # an image's alternative text (figure, image)
                    _add_message(found, str(parsed.options["alt"]))
                self._body_messages(self._parse("\n".join(parsed.body))[1], found)

    def _toctree(self, scan: DocumentScan, arguments: str, content: str, line: int) -> None:
        parsed = _parse_other(arguments, content, line, "toctree")
        if parsed is None:
            return
        options = parsed.options
        numbered = 0
        if "numbered" in options:
            numbered = _int(options["numbered"], 999) if str(options["numbered"]).strip() else 999
        entries = [text.strip() for text in parsed.body if text.strip()]
        scan.toctrees.append(Toctree(entries, numbered, "glob" in options))

    def _include(
        self, scan: DocumentScan, src: _Source, claim: int | None, stack: tuple[Path, ...],
        line: int, argument: str, content: str,
    ) -> None:
        parsed = _parse_other(argument, content, line, "include")
        if parsed is None:
            return
        options = parsed.options
        target = " ".join(parsed.arguments).strip()
        if not target or {"literal", "code"} & set(options) or "parser" in options:
            return
        file = (self.srcdir / target[1:]) if target.startswith("/") else src.file.parent / target
        path = self.display(file)
        resolved = file.resolve()
        if resolved in stack:
            scan.errors.append(f"{src.path}:{line + 1}: include cycle through {path}")
            return
        try:
            text = read_text(file, scan.inputs)
        except (OSError, UnicodeDecodeError) as error:
            scan.errors.append(f"{src.path}:{line + 1}: {{include}} {decode_error(path, error)}")
            return
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        file_lines = lines_of(text)
        scan.lines[path] = len(file_lines)
        lines = text.split("\n")
        offset = 0
        if "start-line" in options or "end-line" in options:
            first = _int(options.get("start-line"), 0)
            last = _int(options.get("end-line"), len(lines))
            offset = first if first >= 0 else max(len(lines) + first, 0)
            lines = lines[first:last]
        text = "\n".join(lines)
        after, before = options.get("start-after"), options.get("end-before")
        if after and after in text:
            head, text = text.split(after, 1)
            offset += head.count("\n")
        if before and before in text:
            text = text.split(before, 1)[0]
        self._scan_text(scan, text, file, path, offset, claim, (*stack, resolved), file_lines)


#: Blocks that leave nothing a reader sees (a claim holding only these is empty: CLM002).
_INVISIBLE = frozenset({"myst_line_comment", "myst_target", "myst_block_break"})


#: Directives whose argument is a title Sphinx extracts as a message.
_TITLED = frozenset({"admonition", "topic", "sidebar", "rubric"})


def _add_message(found: list[str], text: str) -> None:
    """Add *text* as Sphinx's gettext builder words it (line breaks as spaces), once."""
    message = text.replace("\n", " ").strip()
    if message and message not in found:
        found.append(message)


def _parse_other(
    arguments: str, content: str, line: int, name: str
) -> DirectiveParsingResult | None:
    """Directive *name* (not ``claim``) parsed as myst-parser does (*line*: its fence, 0-based);
    ``None`` when its options do not parse (the build reports that)."""
    try:
        return parse_directive_text(signature.stand_in(name), arguments, content, line=line + 1)
    except MarkupError:
        return None


def _inline_text(children: list[Token]) -> list[str]:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "math_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "myst_role" and child.meta["name"] not in model.CITATION_ROLES:
            content = child.content
            match = ROLE_TITLE.match(content)
            if match and match.group(1):
                content = match.group(1)
            elif child.meta["name"] == "abbr":
                content = content.split("(", 1)[0].strip()
            parts.append(content)
        elif child.children:
            parts.extend(_inline_text(child.children))
    return parts


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _suffix_column(line: str, piece: str) -> int:
    """1-based column where inline text *piece* (a de-indented copy of *line*'s end) starts."""
    whole, part = line.rstrip(), piece.rstrip()
    if part and whole.endswith(part):
        return len(whole) - len(part) + 1
    index = line.find(piece.strip()) if piece.strip() else -1
    return index + 1 if index >= 0 else 1


_TAB_OPTION = re.compile(r"^\s*:([\w-]+):\t")


def _tab_after_colon(file_lines: list[str], fence_line: int, count: int) -> tuple[int, str] | None:
    """``(line, message)`` for an option written ``:name:<TAB>value`` (MyST wants a space)."""
    last = min(fence_line + max(count, 1), len(file_lines))
    for number in range(fence_line + 1, last + 1):
        match = _TAB_OPTION.match(file_lines[number - 1])
        if match:
            return number, (f"a tab follows ':{match[1]}:'; write a space between an option's "
                            "closing colon and its value")
    return None
