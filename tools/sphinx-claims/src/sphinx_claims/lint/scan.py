"""Read one source file with the reader for its kind: the linter's entry point per document.

Layers, each importing only the ones below it: :mod:`.records` (what a reader finds, how a file
is read) under :mod:`.readers` (:mod:`~.readers.myst`, :mod:`~.readers.rst`,
:mod:`~.readers.notebook`: one per source kind) under this module, which picks the reader by the
project's ``source_suffix`` (:mod:`.suffixes`). The checks themselves are the core's
(:mod:`sphinx_claims.checks`): readers only locate claims and citations and report.
"""

from __future__ import annotations

from pathlib import Path

from sphinx_claims.lint.readers.myst import MystReader
from sphinx_claims.lint.records import DocumentScan, decode_error, read_text
from sphinx_claims.lint.suffixes import reader_of


class Scanner(MystReader):
    """Scan source files for claims, citations and suppression comments: MyST by default,
    reST and notebooks by their readers (which read MyST through this one: ``{eval-rst}``,
    markdown cells)."""

    def scan_file(self, file: Path) -> DocumentScan:
        path = self.display(file)
        scan = DocumentScan(path, file)
        try:
            text = read_text(file, scan.inputs)
        except (OSError, UnicodeDecodeError) as error:
            scan.errors.append(decode_error(path, error))
            return scan
        self.begin(scan)
        kind = reader_of(self.suffixes, file.name)
        if kind == "rst":
            from sphinx_claims.lint.readers import rst  # docutils: only for reST projects

            rst.scan_document(self, scan, text, file, path)
        elif kind == "notebook":
            from sphinx_claims.lint.readers import notebook  # nbformat: only for notebooks

            notebook.scan_document(self, scan, text, file, path)
        else:
            self.scan_text(scan, text, file, path)
        return scan
