"""Tables sized for the printed page: column widths chosen for their content.

Sphinx gives every column of a table the same share of the line (or the share its longest
cell asks for), so a date column is half empty while "Claim 2.34 (page 24)" breaks over three
lines. Here each unnested table of the whole-book tree gets a column spec (Sphinx's
``tabularcolumns``) computed from its cells:

* every column is at least as wide as its longest unbreakable run (a word, or a whole
  cross-reference such as "Claim 2.34 (page 24)", which is kept on one line), so short cells are
  never hyphenated;
* the rest of the line is shared in proportion to how much longer each column's longest cell is.

Cells are ragged right without hyphenation (``\\handbookcell``); the table is set in
``\\handbooktable`` (smaller type, smaller still for wide tables, and taller rows); tables with
more than :data:`LONG_TABLE_ROWS` rows are ``longtable`` so they break across pages. Both
macros live in ``docs/_latex/handbook.sty``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

#: Tables with more body rows than this are typeset as longtable.
LONG_TABLE_ROWS = 8
#: Characters of table type (\\small Noto Serif) on one line of the text block.
LINE_CHARS = 74
#: Tables of this many columns or more are set a size smaller (\\footnotesize), with more room.
WIDE_COLUMNS = 5
WIDE_LINE_CHARS = 82
#: What a cell's padding (2 \\tabcolsep) costs, in characters.
PADDING_CHARS = 3
#: What a page reference adds to a cross-reference in print: " (page 123)".
PAGEREF_CHARS = 11
CELL = r">{\handbookcell}"
BEGIN = r"\ifdefined\handbooktable\begingroup\handbooktable{%s}\fi"
END = r"\ifdefined\handbooktable\endgroup\fi"


@dataclass(frozen=True)
class ColumnNeed:
    """How much of the line a column needs (characters)."""

    least: int  # its longest unbreakable run
    most: int  # its longest cell on one line


def _cell_runs(entry: nodes.Element) -> tuple[int, int]:
    """(longest unbreakable run, whole length) of one cell, in characters."""
    longest = 0
    extra = 0
    for ref in entry.findall(nodes.reference):
        if ref.get("internal") or ref.get("refid"):
            longest = max(longest, len(ref.astext()))
            extra += PAGEREF_CHARS
    text = "".join(str(t) for t in entry.findall(nodes.Text) if not isinstance(t.parent, nodes.raw))
    words = text.split()
    longest = max([longest, *(len(w) for w in words)], default=1)
    return longest, len(text) + extra


def column_needs(tgroup: nodes.Element, ncols: int) -> list[ColumnNeed]:
    least = [1] * ncols
    most = [1] * ncols
    for row in tgroup.findall(nodes.row):
        column = 0
        for entry in (c for c in row.children if isinstance(c, nodes.entry)):
            span = 1 + int(entry.get("morecols", 0))
            if span == 1 and column < ncols:  # a merged cell says nothing about one column
                run, length = _cell_runs(entry)
                least[column] = max(least[column], run)
                most[column] = max(most[column], length)
            column += span
    return [ColumnNeed(lo, max(lo, hi)) for lo, hi in zip(least, most, strict=True)]


def column_widths(needs: list[ColumnNeed], line: int = LINE_CHARS) -> list[int]:
    """Per-mille shares of the line for each column (they add up to 1000)."""
    least = [n.least + PADDING_CHARS for n in needs]
    most = [n.most + PADDING_CHARS for n in needs]
    if sum(most) <= line:
        raw = [float(m) for m in most]
    elif sum(least) >= line:
        raw = [float(lo) for lo in least]
    else:
        spare = line - sum(least)
        want = [m - lo for m, lo in zip(most, least, strict=True)]
        total = sum(want) or 1
        raw = [lo + spare * w / total for lo, w in zip(least, want, strict=True)]
    scale = 1000 / sum(raw)
    widths = [max(1, round(r * scale)) for r in raw]
    widths[widths.index(max(widths))] += 1000 - sum(widths)
    return widths


def column_spec(widths: list[int]) -> str:
    """A ``tabularcolumns`` spec: ragged-right cells of the given per-mille widths."""
    return "".join(rf"{CELL}\X{{{w}}}{{1000}}" for w in widths)


def _outer_tables(node: nodes.Element) -> list[tuple[nodes.Element, nodes.table]]:
    """(parent, table) for every table not inside another table."""
    found: list[tuple[nodes.Element, nodes.table]] = []
    for child in node.children:
        if isinstance(child, nodes.table):
            found.append((node, child))
        elif isinstance(child, nodes.Element):
            found.extend(_outer_tables(child))
    return found


def size_tables(doctree: nodes.document) -> None:
    """Give every unnested table a content-sized column spec; long ones become longtables."""
    for parent, table in _outer_tables(doctree):
        if table.get("handbook_sized"):
            continue
        tgroup = next((c for c in table.children if isinstance(c, nodes.tgroup)), None)
        if tgroup is None:
            continue
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        if not colspecs or any(isinstance(n, nodes.literal_block) for n in table.findall()):
            continue
        wide = len(colspecs) >= WIDE_COLUMNS
        line = WIDE_LINE_CHARS if wide else LINE_CHARS
        widths = column_widths(column_needs(tgroup, len(colspecs)), line)
        body = next((c for c in tgroup.children if isinstance(c, nodes.tbody)), None)
        if body is not None and len(body.children) > LONG_TABLE_ROWS:
            table["classes"].append("longtable")
        table["classes"] = [c for c in table["classes"] if c != "colwidths-given"]
        table["handbook_sized"] = True
        index = parent.index(table)
        parent.insert(index + 1, nodes.raw("", END, format="latex"))
        parent.insert(index, addnodes.tabular_col_spec(spec=column_spec(widths)))
        size = r"\footnotesize" if wide else r"\small"
        parent.insert(index, nodes.raw("", BEGIN % size, format="latex"))
