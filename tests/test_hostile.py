"""A hostile bibliography builds to inert HTML and an inert PDF, and the linter flags it.

The fixture (``tests/fixtures/hostile/``) puts ``<script>``, ``onerror=``, ``javascript:`` URLs,
``\\input{/etc/passwd}``, ``\\openin``, ``\\write18{…}`` and an unbalanced brace into bib fields and
markup into claim titles. It is built as a small book with the handbook's own configuration and
register, sources and bibliography pages. Inert means: the text is escaped, no link or attribute
can run script, no file is read, no shell command runs, and the build does not crash.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, BuildResult, sphinx_build
from sphinx_claims.ext.safe_links import is_safe, scheme

pytestmark = pytest.mark.slow  # a PDF build (started first)

FIXTURE = REPO / "tests" / "fixtures" / "hostile"
BOOK_PAGES = ("bibliography.md", "register.md", "sources.md")
PASSWD = "root:x:0:0"  # the first line of /etc/passwd: must never reach the output
SCRIPT_TITLE = '<script>alert("claim title")</script> & <b>bold</b> "quoted" </script><!--'


@dataclass
class HostileBook:
    src: Path
    marker: Path  # the file \write18 would create if shell escape ran

    @property
    def braces_line(self) -> int:
        lines = (self.src / "references.bib").read_text().splitlines()
        return next(i for i, line in enumerate(lines, 1) if "hostile2024braces" in line)


def make_book(root: Path) -> HostileBook:
    """The fixture as a book: handbook configuration, fixture chapter and bibliography."""
    src = root / "book"
    shutil.copytree(REPO / "docs", src / "docs", ignore=shutil.ignore_patterns("*.md"))
    for page in BOOK_PAGES:
        shutil.copy2(REPO / "docs" / page, src / "docs" / page)
    shutil.copy2(FIXTURE / "index.md", src / "docs" / "index.md")
    (src / "chapters").mkdir()
    shutil.copy2(FIXTURE / "hostile.md", src / "chapters" / "hostile.md")
    marker = root / "PWNED"
    bib = (FIXTURE / "hostile.bib").read_text().replace("HOSTILE_MARKER", str(marker))
    (src / "references.bib").write_text(bib)
    return HostileBook(src, marker)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> HostileBook:
    return make_book(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def html(book: HostileBook) -> BuildResult:
    result = sphinx_build(book.src, book.src / "_build" / "html", strict=False)
    assert result.returncode == 0, result.stderr
    return result


def _pages(outdir: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(outdir).as_posix(): BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in sorted(outdir.rglob("*.html"))
        if not p.relative_to(outdir).parts[0].startswith(("_", "."))
    }


# --- HTML --------------------------------------------------------------------------------------


def test_build_survives_and_reports_the_broken_entry_with_file_and_line(
    book: HostileBook, html: BuildResult
) -> None:
    assert "Traceback" not in html.stderr
    expected = rf"references\.bib:{book.braces_line}: WARNING: cannot parse bibliography entry"
    assert re.search(expected, html.stderr), html.stderr
    assert "[source.unsafe-link]" in html.stderr


def test_hostile_text_is_shown_escaped_not_run(html: BuildResult) -> None:
    bib = (html.outdir / "docs" / "bibliography.html").read_text(encoding="utf-8")
    # shown as text; the site's references set its quotation marks curly ("author" → “author”)
    shown = bib.replace("&quot;", '"').replace("\u201c", '"').replace("\u201d", '"')
    assert '&lt;script&gt;alert("author")&lt;/script&gt;' in shown
    assert "&lt;img src=x onerror=" in bib
    assert "\\input" in bib  # the LaTeX is text, not a command


def test_no_page_runs_injected_script(html: BuildResult) -> None:
    problems = []
    for name, soup in _pages(html.outdir).items():
        for script in soup.find_all("script"):
            if "alert(" in script.get_text() and script.get("type") != "application/ld+json":
                problems.append(f"{name}: script {str(script)[:80]}")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                if attr.lower().startswith("on") and "alert(" in str(value):
                    problems.append(f"{name}: <{tag.name} {attr}={value!r}>")
        # Event handlers in the text the book renders (the theme's own buttons have onclick).
        for tag in soup.select("article, article *"):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            if handlers:
                problems.append(f"{name}: <{tag.name} {handlers}>")
        for img in soup.find_all("img", src="x"):
            problems.append(f"{name}: injected {img}")
    assert not problems, problems


def test_no_link_or_resource_has_an_executable_url(html: BuildResult) -> None:
    unsafe = [
        f"{name}: <{tag.name}> {tag.get(attr)}"
        for name, soup in _pages(html.outdir).items()
        for attr in ("href", "src", "action", "formaction", "data")
        for tag in soup.find_all(attrs={attr: True})
        if not is_safe(str(tag[attr]))
    ]
    assert not unsafe, unsafe
    bib = (html.outdir / "docs" / "bibliography.html").read_text(encoding="utf-8")
    assert 'javascript:alert("url")' in bib.replace("&quot;", '"'), "the URL is kept, as text"


def test_no_file_content_reaches_the_site(html: BuildResult) -> None:
    leaked = [
        p.relative_to(html.outdir).as_posix()
        for p in html.outdir.rglob("*")
        if p.is_file() and PASSWD.encode() in p.read_bytes()
    ]
    assert not leaked, leaked


def test_claim_title_markup_is_escaped_in_claims_json(html: BuildResult) -> None:
    raw = (html.outdir / "claims.json").read_text(encoding="utf-8")
    records = {r["label"]: r for r in json.loads(raw)}
    assert records["hostile-script"]["title"] == SCRIPT_TITLE
    assert "<script" not in raw and "</script" not in raw and "<!--" not in raw, (
        "claims.json must escape < > & (as \\u003c …) so that it is inert if embedded in HTML"
    )


def test_claim_title_markup_is_escaped_in_json_ld(html: BuildResult) -> None:
    page = html.outdir / "chapters" / "hostile.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = soup.find_all("script", type="application/ld+json")
    assert blocks
    raw = "".join(b.get_text() for b in blocks)
    assert "<" not in raw, "JSON-LD must not contain a raw '<' (it could close the script)"
    names = json.dumps([json.loads(b.get_text()) for b in blocks], ensure_ascii=False)
    assert json.dumps(SCRIPT_TITLE, ensure_ascii=False)[1:-1] in names
    title = soup.select_one("#claim-hostile-script .claim-title")
    assert title is not None and title.get_text() == SCRIPT_TITLE
    assert not title.find_all(True), "the title's markup must be text, not elements"


# --- the linter --------------------------------------------------------------------------------


def test_linter_flags_the_hostile_bibliography(book: HostileBook) -> None:
    cli = Path(sys.executable).parent / "sphinx-claims"
    proc = subprocess.run(
        [str(cli), "check", "chapters", "docs", "references.bib"],
        capture_output=True, text=True, cwd=book.src,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert re.search(rf"references\.bib:{book.braces_line}:\d+: BIB001", out), out
    assert re.search(r"references\.bib:\d+:\d+: BIB007 .*hostile2024script", out), out
    assert "Traceback" not in out


# --- PDF ---------------------------------------------------------------------------------------


def _build_pdf_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_pdf", REPO / "tools" / "build_pdf.py")
    assert spec and spec.loader, "tools/build_pdf.py is missing"
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_pdf", module)
    spec.loader.exec_module(module)
    return module


@dataclass
class Pdf:
    latex_dir: Path
    tex: str
    log: str
    text: str


@pytest.fixture(scope="module")
def pdf(book: HostileBook) -> Pdf:
    """LaTeX from Sphinx (warnings allowed: the input is broken on purpose), then lualatex
    exactly as ``make pdf`` runs it."""
    build_pdf = _build_pdf_module()
    latex_dir = book.src / "_build" / "latex"
    result = sphinx_build(book.src, latex_dir, builder="latex", strict=False)
    assert result.returncode == 0, result.stderr
    build_pdf.cut_fallbacks(latex_dir)
    proc = build_pdf.latexmk(latex_dir, build_pdf.PDF_NAME)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    name = build_pdf.PDF_NAME
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(latex_dir / f"{name}.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    return Pdf(
        latex_dir,
        (latex_dir / f"{name}.tex").read_text(encoding="utf-8"),
        (latex_dir / f"{name}.log").read_text(encoding="utf-8", errors="replace"),
        text,
    )


def test_pdf_runs_no_shell_command(book: HostileBook, pdf: Pdf) -> None:
    assert not book.marker.exists(), "\\write18 ran a shell command"
    assert "runsystem" not in pdf.log


def test_pdf_reads_no_file(pdf: Pdf) -> None:
    assert PASSWD not in pdf.text
    assert "/etc/passwd" not in re.findall(r"\(([^()\s]+)", pdf.log), "lualatex opened it"
    assert "\\input" in pdf.text and "/etc/passwd" in pdf.text, "shown as text instead"


def test_pdf_has_no_executable_link(pdf: Pdf) -> None:
    links = re.findall(r"\\(?:sphinxhref|sphinxurl|href|url)\{([^}]*)\}", pdf.tex)
    assert links, "the LaTeX has no links at all"
    assert [u for u in links if not is_safe(u)] == []
    assert 'javascript:alert("url")' in pdf.text.replace("\u201d", '"').replace("\u201c", '"')


def test_pdf_shows_the_claim_title_as_text(pdf: Pdf) -> None:
    flat = re.sub(r"\s+", " ", pdf.text)
    assert '<script>alert("claim title")</script> & <b>bold</b>' in flat.replace(
        "\u201c", '"'
    ).replace("\u201d", '"')


# --- one link policy for every output ------------------------------------------------------------

HREF = re.compile(r"\\(?:sphinxhref|sphinxurl|href|url)\{([^}]*)\}")


def _json_urls(data: object) -> list[str]:
    """Every JSON string that is a URL with a scheme (a sentence mentioning one is not)."""
    if isinstance(data, dict):
        return [u for value in data.values() for u in _json_urls(value)]
    if isinstance(data, list):
        return [u for value in data for u in _json_urls(value)]
    return [data] if isinstance(data, str) and scheme(data) else []


def test_no_output_publishes_an_executable_url(book: HostileBook, html: BuildResult) -> None:
    """Walk every output (HTML pages, claims.json, the JSON-LD in each page, the LaTeX, and
    ``sphinx-claims export``): the hostile ``javascript:`` URL is nowhere a URL."""
    latex = sphinx_build(book.src, book.src / "_build" / "latex-links", builder="latex",
                         strict=False)
    assert latex.returncode == 0, latex.stderr
    cli = Path(sys.executable).parent / "sphinx-claims"
    export = book.src / "_build" / "export.json"
    proc = subprocess.run(
        [str(cli), "export", "-o", str(export)], capture_output=True, text=True, cwd=book.src,
    )
    assert export.is_file(), proc.stdout + proc.stderr
    published: dict[str, list[str]] = {}
    for path in sorted(html.outdir.rglob("*.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        urls = [str(tag[a]) for a in ("href", "src", "action", "formaction", "data")
                for tag in soup.find_all(attrs={a: True})]
        for block in soup.find_all("script", type="application/ld+json"):
            urls += _json_urls(json.loads(block.get_text()))
        published[path.relative_to(html.outdir).as_posix()] = urls
    for path in (html.outdir / "claims.json", export):
        published[path.name] = _json_urls(json.loads(path.read_text("utf-8")))
    for path in sorted(latex.outdir.glob("*.tex")):
        published[path.name] = HREF.findall(path.read_text("utf-8"))
    assert any("https://example.org/ok" in u for urls in published.values() for u in urls)
    jsonld = [u for name, urls in published.items() if name.endswith("hostile.html")
              for u in urls if u.startswith("https://example.org/ok")]
    assert jsonld, "the safe URL of a source is published in the chapter's JSON-LD"
    unsafe = {name: bad for name, urls in published.items()
              if (bad := [u for u in urls if not is_safe(u)])}
    assert not unsafe, unsafe
