"""The Dutch books: ``make pdf`` and ``make epub`` build them beside the English ones.

Built from a copy of the handbook exactly as the Makefile's commands for a translation do
(``-D language=nl``). The PDF must render every script with no missing glyph, in Dutch
(babel's Dutch hyphenation, the box and colophon words from the catalogs); the EPUB must pass
epubcheck and say it is Dutch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import BUILD_PDF, PDF_NAME, RELEASE, copy_handbook, sphinx_build

pytestmark = [pytest.mark.slow, pytest.mark.heavy]
NAME = f"{PDF_NAME}-nl"
EPUBCHECK = ["java", "-jar", "/usr/share/java/epubcheck.jar"]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_handbook(tmp_path_factory.mktemp("dutch-print") / "book")


def test_the_dutch_pdf_renders_in_dutch_with_every_glyph(book: Path) -> None:
    builddir = book / "_build" / "nl"
    proc = subprocess.run(
        [sys.executable, str(BUILD_PDF), "--srcdir", str(book), "--builddir", str(builddir),
         "--name", NAME, "--", "-D", "language=nl"],
        cwd=book, capture_output=True, text=True, timeout=1800, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    pdf = builddir / "pdf" / f"{NAME}.pdf"
    log = (builddir / "latex" / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "Dutch hyphenation patterns" in log
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for dutch in ("Bewering 1.1", "Gemaakt op", "Over dit handboek",
                  f"Versie {RELEASE}", "Inhoud"):
        assert dutch in text, dutch
    assert "Built on" not in text and "Claim 1.1" not in text


def test_the_dutch_epub_passes_epubcheck_and_is_dutch(book: Path, tmp_path: Path) -> None:
    out = book / "_build" / "epub-nl"
    result = sphinx_build(book, out, "-D", "language=nl", "-d", str(book / "_build/dt-epub-nl"),
                          builder="epub")
    assert result.returncode == 0, result.stderr
    epub = out / f"{NAME}.epub"
    report = tmp_path / "epubcheck.json"
    proc = subprocess.run([*EPUBCHECK, str(epub), "--json", str(report)], capture_output=True,
                          text=True, check=False)
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    problems = [m for m in messages if m["severity"] in {"FATAL", "ERROR", "WARNING"}]
    assert proc.returncode == 0 and not problems, problems[:5]
    with zipfile.ZipFile(epub) as z:
        opf = z.read("content.opf").decode("utf-8")
        pages = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml"))
    assert "<dc:language>nl</dc:language>" in opf
    assert "Bewering 1.1" in pages
