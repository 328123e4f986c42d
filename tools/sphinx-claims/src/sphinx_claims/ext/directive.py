"""The ``claim`` directive: read the options into the model, parse the body, run the checks."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import checks, model
from sphinx_claims.ext import citations, diagnostics
from sphinx_claims.ext.nodes import claim_node

#: ``env.temp_data`` key: labels of the claims being parsed (to spot nesting).
_STACK = "sphinx_claims_stack"


def is_empty(body: list[nodes.Node]) -> bool:
    """Whether a parsed body holds nothing but comments, targets and system messages."""
    return all(isinstance(node, (nodes.Invisible, nodes.system_message)) for node in body)


class ClaimDirective(SphinxDirective):
    """``:::{claim} Optional title`` with ``:label:``, ``:kind:`` … and a MyST body."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = model.OPTION_SPEC

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

        problems = checks.check_options(options)
        if problems:  # where each option is written, only needed to point at a problem
            block = self.block_text.split("\n")[1 : 1 + self.content_offset]
            lines = checks.option_lines(block, fence + 1)
            for problem in problems:
                diagnostics.add(env, problem, checks.problem_line(problem, lines, fence),
                                anchor=fence)
        stack: list[str] = env.temp_data.setdefault(_STACK, [])  # type: ignore[assignment]
        nested = checks.check_nesting(label, stack[-1] if stack else None)
        if nested:
            diagnostics.add(env, nested, fence)
        stack.append(label)
        try:
            self.state.nested_parse(self.content, self.content_offset, node)
        finally:
            stack.pop()

        body = checks.check_body(label, empty=is_empty(node.children),
                                 citations=citations.count(node.children))
        if body:
            diagnostics.add(env, body, fence)
        node["claim"] = model.make_claim(
            options,
            title=self.arguments[0] if self.arguments else "",
            docname=env.docname,
            path=env.doc2path(env.docname, False).as_posix(),
            line=fence,
            text=citations.plain_text(node.children),
            sources=citations.cited_keys(node.children),
            anchor=anchor,
        )
        return [node]
