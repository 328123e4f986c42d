"""Read Jupyter notebooks with nbformat: markdown cells are MyST, code cells are code.

Each markdown cell is scanned as its own MyST text and its findings name the cell:
``notes.ipynb:cell 3`` (cells counted from 1, code cells included, as Jupyter shows them), so a
finding reads ``notes.ipynb:cell 3:2:5`` (line 2, column 5 of that cell's source). Text
notebooks (MyST Markdown, jupytext) are ``.md`` files and are read as Markdown. As in MyST-NB,
the notebook's metadata is the page's front matter (``orphan``, ``myst: substitutions``), and
empty cells and cells tagged ``remove-cell`` are not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_claims.lint.records import DocumentScan
from sphinx_claims.notebook import REMOVED

if TYPE_CHECKING:
    from sphinx_claims.lint.readers.myst import MystReader

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


def build_line(path: str, line: int) -> tuple[str, int]:
    """``(notebook, line)`` as a MyST-NB build numbers line *line* of ``nb.ipynb:cell N``:
    ``N * 10000 + 1 + line`` (its pseudo base per cell, made 1-based, to which myst-parser adds
    the line once more). Any other *path* is returned as it is."""
    notebook, cell = split_cell(path)
    if cell is None:
        return path, line
    return notebook, cell * 10000 + 1 + line


def scan_document(
    scanner: MystReader, scan: DocumentScan, text: str, file: Path, path: str
) -> None:
    """Scan every markdown cell of the notebook *text*."""
    import nbformat

    try:
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception as error:  # nbformat raises JSON, validation and version errors
        first = str(error).strip().splitlines()
        scan.errors.append(f"{path}: not a readable notebook: {first[0] if first else error}")
        return
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        scanner.page_metadata(metadata)
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        tags = (cell.get("metadata") or {}).get("tags") or []
        if not source.strip() or REMOVED & set(tags):
            continue  # MyST-NB leaves these out of the document
        scanner.scan_text(scan, source, file, cell_path(path, number))
