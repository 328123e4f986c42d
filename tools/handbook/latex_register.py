"""The claims register in print: two lines per claim, so no column is too narrow for its words.

On the site the register is one six-column row per claim. On an A4 page six columns leave the
statement a sliver and break "confirmed" and "Interpretation" into pieces, so for the LaTeX
builder each row becomes two: the claim and its statement across the whole line, then kind,
certainty, attribution and sources in four columns under it (never split by a page
break). The columns are found by their
header text (``Claim``, ``Kind``, ``Statement``, ``Attributed to``, ``Certainty``, ``Sources``),
so the register's own code stays the single definition of what it shows.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_claims.ext.i18n import _ as claims_text

REGISTER_CLASS = "claims-register"
#: The columns of the second line, in print order (header text of the site's register).
DETAIL_COLUMNS = ("Kind", "Certainty", "Attributed to", "Sources")
CLAIM_COLUMN = "Claim"
STATEMENT_COLUMN = "Statement"
#: In the claim's cell: no page break between this row and its details (docs/_latex/handbook.sty).
KEEP_WITH_NEXT = r"\ifdefined\handbookkeepwithnext\handbookkeepwithnext\fi"


def _cells(row: nodes.row) -> list[nodes.entry]:
    return [c for c in row.children if isinstance(c, nodes.entry)]


def _entry(content: list[nodes.Node], morecols: int = 0) -> nodes.entry:
    entry = nodes.entry(morecols=morecols) if morecols else nodes.entry()
    entry += content or [nodes.paragraph()]
    return entry


def _row(entries: list[nodes.entry], classes: list[str]) -> nodes.row:
    row = nodes.row(classes=classes)
    row += entries
    return row


def two_line_register(table: nodes.table) -> bool:
    """Rebuild a register table as claim + statement over kind, certainty, attribution, sources."""
    tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
    parts = tgroup.children if tgroup is not None else []
    head = next((c for c in parts if isinstance(c, nodes.thead)), None)
    body = next((c for c in parts if isinstance(c, nodes.tbody)), None)
    if tgroup is None or head is None or body is None or not head.children:
        return False
    wanted = (CLAIM_COLUMN, STATEMENT_COLUMN, *DETAIL_COLUMNS)
    # The headings as the build's language writes them (the extension's catalog).
    shown = {name: str(claims_text(name)) for name in wanted}
    english = {text: name for name, text in shown.items()}
    names = [english.get(e.astext().strip(), "") for e in _cells(head.children[0])]
    if not all(name in names for name in wanted):
        return False
    at = {name: names.index(name) for name in wanted}
    span = len(DETAIL_COLUMNS) - 1

    def cell(entries: list[nodes.entry], name: str) -> list[nodes.Node]:
        return list(entries[at[name]].children)

    new_head = nodes.thead()
    new_head += _row([_entry([nodes.paragraph("", shown[CLAIM_COLUMN])]),
                      _entry([nodes.paragraph("", shown[STATEMENT_COLUMN])], span)], [])
    new_head += _row([_entry([]),
                      *(_entry([nodes.paragraph("", shown[n])]) for n in DETAIL_COLUMNS)], [])
    new_body = nodes.tbody()
    for row in body.children:
        entries = _cells(row)
        classes = list(row.get("classes", []))
        claim = cell(entries, CLAIM_COLUMN)
        if claim and isinstance(claim[0], nodes.paragraph):
            claim[0].insert(0, nodes.raw("", KEEP_WITH_NEXT, format="latex"))
        new_body += _row([_entry(claim),
                          _entry(cell(entries, STATEMENT_COLUMN), span)], classes)
        new_body += _row([_entry([]), *(_entry(cell(entries, n)) for n in DETAIL_COLUMNS)],
                         [*classes, "claims-register-details"])
    new_group = nodes.tgroup(cols=1 + len(DETAIL_COLUMNS))
    new_group += [nodes.colspec(colwidth=1) for _ in range(1 + len(DETAIL_COLUMNS))]
    new_group += [new_head, new_body]
    table.replace(tgroup, new_group)
    table["classes"] = [c for c in table["classes"] if c != "colwidths-given"]
    table["classes"] += ["longtable", "nocolorrows"]
    return True


def print_registers(doctree: nodes.document) -> int:
    """Every claims register of the tree in its print layout; return how many."""
    return sum(two_line_register(t) for t in list(doctree.findall(nodes.table))
               if REGISTER_CLASS in t.get("classes", []))
