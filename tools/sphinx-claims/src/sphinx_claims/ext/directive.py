"""The ``claim`` directive: read the options into the model, parse the body, locate the claim
for :func:`sphinx_claims.checks.check_claim` and report what it finds."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import checks, model
from sphinx_claims.ext import citations, compat, diagnostics
from sphinx_claims.ext.nodes import claim_node, claim_title

#: ``env.temp_data`` key: labels of the claims being parsed (to spot nesting).
_STACK = "sphinx_claims_stack"


def is_empty(body: list[nodes.Node]) -> bool:
    """Whether a parsed body holds nothing but comments, targets and system messages."""
    return all(isinstance(node, (nodes.Invisible, nodes.system_message)) for node in body)


def _myst_problems(
    directive: type, block_text: str, arguments: str, fence: int
) -> list[tuple[int, str]]:
    """``(line, message)`` of what MyST found wrong while splitting the options (a duplicate
    option, bad YAML), as the linter reads them: the same library call on the same text."""
    from myst_parser.parsers.directives import parse_directive_text

    lines = block_text.split("\n")[1:-2]  # between the opening fence and the closing one
    try:
        parsed = parse_directive_text(directive, arguments, "\n".join(lines), line=fence)
    except Exception:  # MyST reported it already, and ran no directive
        return []
    return [(w.lineno if w.lineno is not None else fence, w.msg) for w in parsed.warnings]


_FENCES = (":::", "```", "~~~")


class ClaimDirective(SphinxDirective):
    """``:::{claim} Optional title`` with ``:label:``, ``:kind:`` … and a MyST body."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = model.OPTION_SPEC

    def myst_warnings(self, fence: int) -> list[tuple[int, str]]:
        """``(line, message)`` of MyST's own complaints about the option block (CLM005)."""
        block_text = self.fence_text()
        if not block_text.startswith(_FENCES):
            return []  # not a MyST fence: no option block of MyST's
        head = block_text.split("\n", 1)[0].lstrip(":`~").strip()
        arguments = head.split(maxsplit=1)[1] if " " in head else ""
        return _myst_problems(type(self), block_text, arguments, fence)

    def fence_text(self) -> str:
        """The directive as written: myst-parser 4+ passes it as ``block_text``; myst-parser 3
        passes only the body, so a MyST fence is read back from its file."""
        if self.block_text.startswith(_FENCES):
            return self.block_text
        source, fence = self.get_source_info()[0], self.lineno
        try:
            lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return self.block_text
        if not 0 < fence <= len(lines) or not lines[fence - 1].lstrip().startswith(_FENCES):
            return self.block_text
        end = fence + self.content_offset + len(self.content) + 1
        return "\n".join(line.lstrip() if i == 0 else line
                         for i, line in enumerate(lines[fence - 1 : end])) + "\n"

    def option_lines(self) -> dict[str, int]:
        """The line of each option as written (a MyST fence's option block, or reST's)."""
        fence = self.lineno
        block_text = self.fence_text()
        if block_text.startswith(_FENCES):
            block = block_text.split("\n")[1 : 1 + self.content_offset]
            return checks.option_lines(block, fence + 1)
        return checks.rest_option_lines(self.block_text, fence)

    def run(self) -> list[nodes.Node]:
        env = self.env
        options = {name: (value or "") for name, value in self.options.items()}
        label = options.get("label", "").strip()
        fence = self.lineno
        if model.LABEL_RE.fullmatch(label):
            anchor = f"claim-{label}"
        else:
            anchor = nodes.make_id(f"claim-{label or 'unlabelled'}")
            anchor = f"{anchor}-{env.new_serialno('sphinx-claims-invalid')}"
        node = claim_node("", docname=env.docname, classes=["claim"])
        node["ids"].append(anchor)
        self.set_source_info(node)

        source = self.get_source_info()[0]
        for line, message in self.myst_warnings(fence):
            problem = checks.Problem("CLM005", {"detail": message})
            diagnostics.add(env, problem, line, anchor=fence, source=source)
        stack: list[str] = env.temp_data.setdefault(_STACK, [])  # type: ignore[assignment]
        parent = stack[-1] if stack else None
        stack.append(label)
        try:
            self.state.nested_parse(self.content, self.content_offset, node)
        finally:
            stack.pop()

        sources = citations.cited_keys(node.children)
        located = checks.LocatedClaim(
            options, fence, self.option_lines, parent,
            empty=is_empty(node.children), citations=citations.count(node.children),
            cited=sources,
        )
        for line, problem in checks.check_claim(located):
            diagnostics.add(env, problem, line, anchor=fence, source=source)
        node["claim"] = model.make_claim(
            options,
            title=self.arguments[0] if self.arguments else "",
            docname=env.docname,
            path=compat.doc_path(env, env.docname, False).as_posix(),
            line=fence,
            text=citations.plain_text(node.children),
            sources=sources,
            anchor=anchor,
        )
        title = node["claim"].title
        if title:  # first child: extracted by gettext, replaced by the Locale transform
            heading = claim_title(title, title)
            self.set_source_info(heading)
            node.insert(0, heading)
        return [node]
