"""tools/build_pdf.py: finding the first real error in a lualatex log, and its source document."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import REPO

_spec = importlib.util.spec_from_file_location("build_pdf", REPO / "tools" / "build_pdf.py")
assert _spec is not None and _spec.loader is not None
build_pdf = importlib.util.module_from_spec(_spec)
sys.modules["build_pdf"] = build_pdf  # dataclasses look their module up there
_spec.loader.exec_module(build_pdf)

LOG = """\
This is LuaHBTeX, Version 1.15.0 (TeX Live 2022/Debian)  (format=lualatex 2024.1.1)
 file:line:error style messages enabled.
(./book.tex
LaTeX Warning: Reference `x' on page 3 undefined on input line 12.
./book.tex:42: Undefined control sequence.
l.42 \\handbookundefinedmacro

./book.tex:50: Emergency stop.
"""


def test_first_error_is_the_first_file_line_error_with_its_context() -> None:
    assert build_pdf.first_error(LOG) == (
        "./book.tex", 42, "Undefined control sequence.", "l.42 \\handbookundefinedmacro"
    )


def test_first_error_prefers_an_earlier_missing_character() -> None:
    log = "Missing character: There is no ༀ (U+0F00) in font NotoSerif!\n" + LOG
    file, line, message, _ = build_pdf.first_error(log)
    assert (file, line) == ("", 0)
    assert message.startswith("Missing character: There is no ༀ (U+0F00)")


def test_first_error_without_file_line_style_falls_back_to_bang_lines() -> None:
    log = "! Undefined control sequence.\nl.7 \\oops\n"
    assert build_pdf.first_error(log) == ("", 7, "Undefined control sequence.", "l.7 \\oops")


def test_a_clean_log_has_no_error() -> None:
    clean = "This is LuaHBTeX\nOutput written on book.pdf (3 pages).\n"
    assert build_pdf.first_error(clean) is None


def test_source_document_is_the_last_document_label_before_the_line(tmp_path: Path) -> None:
    tex = tmp_path / "book.tex"
    tex.write_text(
        "\\label{\\detokenize{docs/index::doc}}\nintro\n"
        "\\label{\\detokenize{chapters/one::doc}}\nbody\n\\oops\n",
        encoding="utf-8",
    )
    assert build_pdf.source_document(tex, 5) == "chapters/one"
    assert build_pdf.source_document(tex, 2) == "docs/index"


def test_diagnose_finds_a_missing_glyph_in_the_tex_file(tmp_path: Path) -> None:
    (tmp_path / "book.tex").write_text(
        "\\label{\\detokenize{chapters/one::doc}}\nfine\nTibetan ༀ here\n", encoding="utf-8"
    )
    (tmp_path / "book.log").write_text(
        "Missing character: There is no ༀ (U+0F00) in font NotoSerif!\n", encoding="utf-8"
    )
    error = build_pdf.diagnose(tmp_path, "book")
    assert error.line == 3
    assert error.document == "chapters/one"
    assert error.format().endswith("(source document: chapters/one)")


def test_lualatex_never_gets_shell_escape() -> None:
    options = build_pdf.LUALATEX.split()
    assert "-no-shell-escape" in options
    assert not {"-shell-escape", "--shell-escape", "-shell-restricted"} & set(options)


OVERFULL_LOG = """\
(./book.tex
Overfull \\hbox (0.4pt too wide) in paragraph at lines 3--4
[]\\TU/NotoSerif(0)/m/n/10.95 within tolerance
handbook-input-begin: book.ind
Overfull \\hbox (7.5pt too wide) in paragraph at lines 2--2
[]\\TU/NotoSerif(0)/m/n/10.95 Shanghai Cooperation Organisation
handbook-input-end: book.ind
Overfull \\hbox (12.25pt too wide) in paragraph at lines 5--6
[]\\TU/NotoSerif(0)/m/n/10.95 see https://example.org/a/very/long/path
Overfull \\hbox (3.0pt too wide) detected at line 9
"""


def test_overfull_lines_over_the_tolerance_with_the_file_they_were_read_from() -> None:
    found = build_pdf.overfull_lines(OVERFULL_LOG, "book.tex", tolerance=1.0)
    assert [(f, line, pt) for f, line, pt, _ in found] == [
        ("book.ind", 2, 7.5), ("book.tex", 5, 12.25), ("book.tex", 9, 3.0),
    ]
    assert found[1][3] == "see https://example.org/a/very/long/path"


def test_an_overfull_line_is_reported_at_its_source_file_and_line(tmp_path: Path) -> None:
    latex = tmp_path / "latex"
    latex.mkdir()
    src = tmp_path / "src"
    (src / "chapters").mkdir(parents=True)
    (src / "chapters" / "one.md").write_text(
        "# One\n\nAn opening paragraph.\n\nA second one that cites a very long address\n"
        "somewhere in the middle.\n", encoding="utf-8")
    (latex / "book.tex").write_text(
        "\\label{\\detokenize{chapters/one::doc}}\n\\sphinxAtStartPar\nAn opening paragraph.\n\n"
        "\\sphinxAtStartPar\nA second one that cites a very long address\n"
        "somewhere in the middle.\n", encoding="utf-8")
    log = ("Overfull \\hbox (12.25pt too wide) in paragraph at lines 5--7\n"
           "[]\\TU/NotoSerif(0)/m/n/10.95 A second one\n")
    (box,) = build_pdf.locate_overfull(latex, src, "book", log)
    assert (box.source, box.source_line) == ("chapters/one.md", 5)
    assert box.format().startswith("chapters/one.md:5: overfull line, 12.2pt too wide (book.tex:5)")
