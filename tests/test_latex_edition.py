"""The edition reaches print through the ``handbook_edition`` config value: conf.py sets a value
and imports no print code; the handbook's extension writes the PDF metadata and title page."""

from __future__ import annotations

from pathlib import Path

from claims_build import build

CONF = '''\
import time
from handbook.edition import Edition

project = "A Book"
root_doc = "index"
extensions = ["handbook.latex_edition"]
latex_elements = {{"preamble": "% the book's own preamble\\n"{maketitle}}}
handbook_edition = Edition("A Book", "a subtitle", "The authors", "2.5",
                           "https://example.org/book", time.gmtime(0))
'''


def _tex(tmp_path: Path, maketitle: str = "") -> str:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF.format(maketitle=maketitle))
    (src / "index.rst").write_text("A Book\n======\n\nText.\n")
    built = build(src, "latex")
    assert "WARNING" not in built.warnings, built.warnings
    return next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_the_edition_gives_the_metadata_after_the_preamble_and_the_title_page(tmp_path):
    tex = _tex(tmp_path)
    preamble = tex.index("% the book's own preamble")
    metadata = tex.index(r"\handbookmetadata{A Book}{a subtitle}{The authors}")
    assert preamble < metadata < tex.index(r"\begin{document}")
    assert r"\handbooktitlepage{A Book}{a subtitle}{The authors}{Version 2.5}" in tex
    assert r"\handbookcolophon{A Book — a subtitle}{Version 2.5}{1 January 1970}" in tex


def test_a_title_page_of_the_books_own_wins(tmp_path):
    tex = _tex(tmp_path, maketitle=r', "maketitle": r"\mytitle"')
    assert r"\mytitle" in tex and r"\handbooktitlepage" not in tex
    assert r"\handbookmetadata{A Book}" in tex
