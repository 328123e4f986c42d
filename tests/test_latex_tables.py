"""Tables sized for the page (handbook.latex_tables) and the register's print layout."""

from __future__ import annotations

from docutils import nodes
from handbook.latex_register import print_registers
from handbook.latex_tables import ColumnNeed, column_needs, column_widths, size_tables
from sphinx import addnodes


def _table(rows: list[list[str]], classes: tuple[str, ...] = (), head: list[str] | None = None,
           ) -> nodes.table:
    ncols = len(rows[0])
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=ncols)
    table += group
    group += [nodes.colspec(colwidth=1) for _ in range(ncols)]
    if head:
        thead = nodes.thead()
        thead += _row(head)
        group += thead
    body = nodes.tbody()
    body += [_row(r) for r in rows]
    group += body
    return table


def _row(cells: list[str]) -> nodes.row:
    row = nodes.row()
    for text in cells:
        entry = nodes.entry()
        entry += nodes.paragraph("", text)
        row += entry
    return row


def test_short_columns_get_their_longest_word_and_the_rest_goes_to_long_text() -> None:
    needs = [ColumnNeed(least=10, most=31), ColumnNeed(least=12, most=80),
             ColumnNeed(least=10, most=21)]
    date, event, claim = column_widths(needs, line=80)
    assert date + event + claim == 1000
    assert event > date and event > claim
    assert claim * 80 / 1000 >= 10 + 3  # "Claim 2.34" and its padding fit on one line
    assert date * 80 / 1000 >= 10 + 3


def test_a_table_that_fits_keeps_each_column_to_its_content() -> None:
    widths = column_widths([ColumnNeed(4, 4), ColumnNeed(5, 30)], line=80)
    assert widths[1] > 3 * widths[0]


def test_a_cross_reference_is_one_unbreakable_run_with_its_page() -> None:
    table = _table([["see ", "x"]])
    entry = table.next_node(nodes.entry)
    entry.children[0] += nodes.reference("", "Claim 2.34", internal=True, refuri="#x")
    need = column_needs(table[0], 2)[0]
    assert need.least == len("Claim 2.34")  # not the 4 of "2.34"
    assert need.most == len("see Claim 2.34") + len(" (page 123)")


def test_tables_get_a_column_spec_and_long_ones_become_longtables() -> None:
    doc = nodes.document(None, None)  # type: ignore[arg-type]
    section = nodes.section()
    doc += section
    short = _table([["a", "b"]] * 3)
    long = _table([["1858", "A long event description " * 3, "Claim 2.3"]] * 12)
    section += [short, long]
    size_tables(doc)
    specs = [n for n in section.children if isinstance(n, addnodes.tabular_col_spec)]
    assert len(specs) == 2
    assert all(r"\handbookcell" in s["spec"] for s in specs)
    assert "longtable" in long["classes"] and "longtable" not in short["classes"]
    raws = [n.astext() for n in section.children if isinstance(n, nodes.raw)]
    assert raws.count(r"\ifdefined\handbooktable\endgroup\fi") == 2


def test_the_register_prints_two_lines_per_claim() -> None:
    head = ["Claim", "Kind", "Statement", "Attributed to", "Certainty", "Sources"]
    rows = [["Claim 1.1", "Fact", "A long statement", "—", "confirmed", "Dawn 2025"],
            ["Claim 1.2", "Interpretation", "A view", "A. Writer", "probable", "Writer 2025"]]
    doc = nodes.document(None, None)  # type: ignore[arg-type]
    table = _table(rows, ("claims-register", "longtable", "colwidths-given"), head)
    doc += table
    assert print_registers(doc) == 1
    body = table.next_node(nodes.tbody)
    keep = [r for r in body.findall(nodes.raw) if "handbookkeepwithnext" in r.astext()]
    assert len(keep) == 2  # each claim line stays on the page of its details
    for raw in keep:
        raw.parent.remove(raw)
    texts = [[e.astext() for e in row.children] for row in body.children]
    assert texts == [
        ["Claim 1.1", "A long statement"], ["", "Fact", "confirmed", "—", "Dawn 2025"],
        ["Claim 1.2", "A view"], ["", "Interpretation", "probable", "A. Writer", "Writer 2025"],
    ]
    assert body.children[0].children[1]["morecols"] == 3
    assert "colwidths-given" not in table["classes"]


def test_raw_latex_in_a_cell_takes_no_room() -> None:
    table = _table([["Claim 1.1"]])
    paragraph = table.next_node(nodes.paragraph)
    paragraph.insert(0, nodes.raw("", r"\ifdefined\handbookkeepwithnext\handbookkeepwithnext\fi",
                                  format="latex"))
    assert column_needs(table[0], 1)[0] == ColumnNeed(least=5, most=9)
