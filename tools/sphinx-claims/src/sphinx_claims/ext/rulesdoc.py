"""The ``sphinx-claims-rules`` directive: the rule catalogue, rendered from the rules module.

docs/linter.md uses it so the contributor guide can never drift from the codes, messages,
severities and places (build, linter or both) the rules actually have. BIB004's section also
carries the table of required fields (:mod:`sphinx_claims.datamodel`, in the core: pure data).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_claims import datamodel, rules


def _paragraph(label: str, text: str) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(text=f"{label}: ")
    para += nodes.Text(text)
    return para


def _table(rows: list[tuple[str, str]]) -> nodes.table:
    table = nodes.table(classes=["sphinx-claims-datamodel"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=1)
    group += nodes.colspec(colwidth=3)
    head, body = nodes.thead(), nodes.tbody()
    group += head
    group += body
    for container, cells in ((head, [("Entry type", "Required fields")]), (body, rows)):
        for first, second in cells:
            row = nodes.row()
            for text in (first, second):
                entry = nodes.entry()
                entry += nodes.paragraph(text=text)
                row += entry
            container += row
    return table


class RulesDirective(SphinxDirective):
    """One section per rule: severity, message, what it does, why, an example."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        sections: list[nodes.Node] = []
        for rule in rules.all_rules():
            section = nodes.section(ids=[f"rule-{rule.code.lower()}"], names=[rule.code.lower()])
            section += nodes.title(text=f"{rule.code} {rule.name}")
            section += _paragraph("Severity", str(rule.severity))
            section += _paragraph("Checks one", str(rule.scope))
            section += _paragraph("Runs in", rule.where)
            message = nodes.paragraph()
            message += nodes.strong(text="Message: ")
            message += nodes.literal(text=rule.message)
            section += message
            section += _paragraph("What it does", rule.what)
            section += _paragraph("Why", rule.why)
            section += nodes.paragraph(text="Example:")
            section += nodes.literal_block(rule.example, rule.example, language="text")
            if rule.code == "BIB004":
                section += nodes.paragraph(
                    text="Required fields under data-model = \"biblatex\" (biblatex's data "
                    "model; any one of the alternatives separated by “or” satisfies a "
                    "requirement):"
                )
                section += _table([(f"@{name}", fields) for name, fields
                                   in datamodel.table_rows()])
            self.set_source_info(section)
            sections.append(section)
        return sections
