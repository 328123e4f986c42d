"""A broken chapter fails the build with its file and line, and the rest of the book is unaffected.

Each case breaks one chapter of a copy of the handbook (an unclosed directive, an unknown role,
invalid UTF-8), builds it the way ``make html`` does, and checks: exit status 1 (warnings as
errors, not a crash), no traceback, one clear ``file:line: WARNING`` for the breakage, and every
other page's article identical to a clean build's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BuildResult, copy_handbook, sphinx_build

BROKEN = "chapters/sino-russian.md"


def _insert(path: Path, text: str) -> int:
    """Insert *text* as its own block after the chapter's first heading; return its line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    path.write_text("\n".join([*lines[: heading + 1], "", text, "", *lines[heading + 1 :]]) + "\n")
    return heading + 3


def _append(path: Path, text: str) -> int:
    """Append *text* as the chapter's last block; return its first line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "", text]) + "\n")
    return len(lines) + 2


def unclosed_directive(path: Path) -> tuple[int, str]:
    line = _append(path, ":::{note}\nThis note is never closed.\n\nNor is this paragraph.")
    return line, r"unclosed directive fence ':::\{note\}'.*\[claims\.MST001\]"


def unknown_role(path: Path) -> tuple[int, str]:
    line = _insert(path, "A role nobody defined: {nosuchrole}`text`.")
    return line, r'Unknown interpreted text role "nosuchrole"'


def invalid_utf8(path: Path) -> tuple[int, str]:
    line = _insert(path, "A sentence with a stray byte here.")
    data = path.read_bytes().replace(b"stray byte", b"stray \xff byte", 1)
    path.write_bytes(data)
    return line, r"not valid UTF-8: byte 0xff at column 25"


CASES: dict[str, Callable[[Path], tuple[int, str]]] = {
    "unclosed-directive": unclosed_directive,
    "unknown-role": unknown_role,
    "invalid-utf8": invalid_utf8,
}


@pytest.fixture(scope="module")
def clean(built_handbook: BuildResult) -> BuildResult:
    """The unbroken handbook, for comparison (built once per session)."""
    assert built_handbook.returncode == 0, built_handbook.stderr
    return built_handbook


def _articles(outdir: Path) -> dict[str, str]:
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith(("_", ".")):
            continue
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "article"
        )
        if article is not None:
            pages[rel] = str(article)
    return pages


@pytest.mark.parametrize("case", CASES)
def test_broken_chapter_fails_with_file_and_line_and_spares_the_rest(
    case: str, clean: BuildResult, tmp_path: Path
) -> None:
    src = copy_handbook(tmp_path / "book")
    line, message = CASES[case](src / BROKEN)
    result = sphinx_build(src, tmp_path / "out")

    assert result.returncode == 1, result.stderr  # warnings are errors; 2 would be a crash
    assert "Traceback" not in result.stderr + result.stdout
    assert "Encoding error" not in result.stderr
    warnings = [w for w in result.stderr.splitlines() if "WARNING" in w]
    expected = rf"{re.escape(BROKEN)}:{line}: WARNING: {message}"
    assert warnings and re.search(expected, warnings[0]), result.stderr
    assert all(BROKEN in w for w in warnings), warnings

    built, reference = _articles(result.outdir), _articles(clean.outdir)
    assert built.keys() == reference.keys()
    broken_page = BROKEN.replace(".md", ".html")
    others = [p for p in reference if p not in {broken_page, "genindex.html"}]
    assert others
    changed = [p for p in others if built[p] != reference[p]]
    assert not changed, changed
    if case == "invalid-utf8":  # the chapter itself is built, the bad byte shown as U+FFFD
        assert "stray \ufffd byte" in built[broken_page]




CARELESS_BIB = """
@online{careless2024nourldate,
  author       = {Careless, Carl},
  title        = {A page with a URL and no access date},
  date         = {2024},
  url          = {https://example.org/careless},
  langid       = {english},
}

@article{careless2024notitle,
  author       = {Careless, Carl},
  journaltitle = {Journal},
  date         = {2024},
}

@webpage{careless2024type,
  author       = {Careless, Carl},
  title        = {An entry type the style does not know},
  date         = {2024},
}
"""


def test_a_careless_bib_is_reported_at_its_lines_and_never_crashes(tmp_path: Path) -> None:
    """What a careless contributor writes: no urldate, no title, an unknown type, all cited."""
    src = copy_handbook(tmp_path / "book")
    bib = src / "references.bib"
    before = bib.read_text(encoding="utf-8").count("\n")
    bib.write_text(bib.read_text(encoding="utf-8") + CARELESS_BIB, encoding="utf-8")
    lines = {key: before + i + 1 for i, line in enumerate(CARELESS_BIB.splitlines())
             for key in [line.partition("{")[2].rstrip(",")] if line.startswith("@")}
    _insert(src / BROKEN, "Careless {cite:p}`careless2024nourldate, careless2024notitle, "
                          "careless2024type`.")
    result = sphinx_build(src, tmp_path / "out")
    out = result.stderr + result.stdout
    assert result.returncode == 1, out  # warnings as errors, not a crash (2)
    assert "Traceback" not in out and "Extension error" not in out, out
    assert re.search(rf"references\.bib:{lines['careless2024notitle']}: WARNING: missing title "
                     r"in careless2024notitle", out), out
    assert re.search(rf"references\.bib:{lines['careless2024type']}: WARNING: unknown entry "
                     r"type @webpage in careless2024type", out), out
    assert "bibliography.md" not in out, "bib problems are not reported at the bibliography page"
    page = (tmp_path / "out" / "docs" / "bibliography.html").read_text(encoding="utf-8")
    assert "A page with a URL and no access date" in page
