"""Read Jupyter notebooks with nbformat: markdown cells are MyST, code cells are code.

Each markdown cell is scanned as its own MyST text and its findings name the cell:
``notes.ipynb:cell 3`` (cells counted from 1, code cells included, as Jupyter shows them), so a
finding reads ``notes.ipynb:cell 3:2:5`` (line 2, column 5 of that cell's source). Text
notebooks (MyST Markdown, jupytext) are ``.md`` files and are read as Markdown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_claims.lint.myst import DocumentScan

if TYPE_CHECKING:
    from sphinx_claims.lint.myst import Scanner

CELL = ":cell "


def cell_path(path: str, number: int) -> str:
    """The displayed path of cell *number* (1-based) of notebook *path*."""
    return f"{path}{CELL}{number}"


def split_cell(path: str) -> tuple[str, int | None]:
    """``("nb.ipynb", 3)`` for ``"nb.ipynb:cell 3"``; ``(path, None)`` for any other path."""
    head, sep, tail = path.rpartition(CELL)
    if sep and head.endswith(".ipynb") and tail.isdigit():
        return head, int(tail)
    return path, None


def scan_document(scanner: Scanner, scan: DocumentScan, text: str, file: Path, path: str) -> None:
    """Scan every markdown cell of the notebook *text*."""
    import nbformat

    try:
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception as error:  # nbformat raises JSON, validation and version errors
        first = str(error).strip().splitlines()
        scan.errors.append(f"{path}: not a readable notebook: {first[0] if first else error}")
        return
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        scanner.scan_text(scan, source, file, cell_path(path, number))
