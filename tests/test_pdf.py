"""The PDF handbook, built for real: Sphinx's LaTeX builder, latexmk and lualatex.

The full book is built once per session (``pdf_book``); every book test reads it, and one more
lualatex pass over a copy of it must change no byte. The second tier (``heavy``) builds it again
in another folder with every pass latexmk asks for, and compares the two.
A one-page document in every script (``tests/roots/test-scripts``) proves the fonts.
"""

from __future__ import annotations

import html
import importlib.util
import json
import pickle
import re
import runpy
import shutil
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

import pytest
from handbook.latex_fonts import cut_fonts
from web_only import web_only_phrases_in

from conftest import EPOCH, PDF_NAME, RELEASE, REPO, PdfBuild, run_build_pdf, sphinx_build
from sphinx_claims.writers.latex import curly

_spec = importlib.util.spec_from_file_location("build_pdf", REPO / "tools" / "build_pdf.py")
assert _spec is not None and _spec.loader is not None
build_pdf = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_pdf", build_pdf)
_spec.loader.exec_module(build_pdf)
#: Rendered pages of the book, for a person to look at (low resolution).
ARTIFACTS = REPO / "test-artifacts" / "pdf-pages"
#: TeX points per PDF point.
TEX_PT_PER_BP = 72.27 / 72
#: The fallback fonts handbook.sty has cut down before lualatex runs.
CUT_FONTS = cut_fonts((REPO / "docs" / "_latex" / "handbook.sty").read_text(encoding="utf-8"))
#: handbook.sty's log line for each of them: the font, then its file or "the installed font".
_FALLBACK_FROM = re.compile(r"^handbook\.sty: fallback (\S+) from (.+)$", re.M)

pytestmark = pytest.mark.slow

#: One sample per script; each must come back out of the PDF through pdftotext.
SAMPLES = {
    "Latin with diacritics": "Xí Jìnpíng in Haišenwai, hǎishēnwǎi",
    "Cyrillic": "Владивосток и Хабаровск",
    "Simplified Chinese": "海参崴 习近平",
    "Traditional Chinese": "海參崴 習近平",
    "Manchu": "ᡥᠠᡳᡧᡝᠨᠸᡝᡳ",
    "Mongolian": "ᠮᠣᠩᠭᠣᠯ",
    "Urdu": "پاکستان روس",
    "Devanagari": "हिन्दी",
}
#: pdftotext wraps a right-to-left run in embedding marks and may move the space next to it.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), " ")
#: Nastaliq sets each word on a descending baseline; pdftotext then puts spaces between its
#: letter groups ("پا کس تا ن"), so Arabic-script text is compared without inner spaces.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_GAP = re.compile(rf"(?<=[{_ARABIC}]) +(?=[{_ARABIC}])")


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def normalise(text: str) -> str:
    """What a reader copies: NFKC (Arabic presentation forms → letters), bidi marks as word
    breaks, whitespace collapsed, no space before punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    text = _ARABIC_GAP.sub("", re.sub(r"\s+", " ", text))
    return re.sub(r" ([.,;:)])", r"\1", text)


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


@pytest.fixture(scope="session")
def scripts_build(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    root = REPO / "tests" / "roots" / "test-scripts"
    out = tmp_path_factory.mktemp("scripts")
    build = run_build_pdf(root, out, "--confdir", str(root), "--name", "scripts")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def book(pdf_book: PdfBuild) -> PdfBuild:
    return pdf_book


@pytest.fixture(scope="session")
def book_builds(pdf_book: PdfBuild, pdf_book_again: PdfBuild) -> tuple[PdfBuild, PdfBuild]:
    return pdf_book, pdf_book_again


@pytest.fixture(scope="session")
def book_html(published_site: Path) -> Path:
    """The HTML site of the first book copy, built after its PDF (so it publishes it)."""
    return published_site


def book_pdf(build: PdfBuild) -> Path:
    return build.latex_dir / f"{PDF_NAME}.pdf"


# ---- every script ----------------------------------------------------------------------------

@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_every_script_round_trips_through_pdftotext(scripts_build: PdfBuild, script: str) -> None:
    text = normalise(pdftotext(scripts_build.latex_dir / "scripts.pdf"))
    assert f"{script}: {normalise(SAMPLES[script])}." in text


def test_urdu_keeps_its_logical_order_inside_a_latin_paragraph(scripts_build: PdfBuild) -> None:
    text = normalise(pdftotext(scripts_build.latex_dir / "scripts.pdf"))
    assert normalise("the Urdu پاکستان روس sits between हिन्दी and Latin") in text


def test_urdu_in_a_table_cell_leaves_the_latin_text_alone(scripts_build: PdfBuild) -> None:
    text = normalise(pdftotext(scripts_build.latex_dir / "scripts.pdf"))
    assert "Imran Khan (" in text
    assert normalise("عمران خان") in text
    assert "loses a no-confidence vote" in text.replace("\ufb01", "fi")
    assert normalise("شہباز شریف") in text
    assert "detcele si" not in text and "nahK" not in text


def test_scripts_log_has_no_missing_character(scripts_build: PdfBuild) -> None:
    log = (scripts_build.latex_dir / "scripts.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "handbook.sty: shell_escape=0" in log


@pytest.fixture(scope="session")
def scripts_whole_fonts(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    """The scripts document again, with the CJK fallback fonts used whole (the oracle)."""
    root = REPO / "tests" / "roots" / "test-scripts"
    out = tmp_path_factory.mktemp("scripts-whole")
    build = run_build_pdf(root, out, "--confdir", str(root), "--name", "scripts", "--whole-fonts")
    assert build.returncode == 0, build.stderr
    return build


def rendered_pages(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(folder / "p")], check=True)
    return [page.read_bytes() for page in sorted(folder.glob("*.png"))]


def fallback_sources(log: str) -> dict[str, str]:
    """Where each CJK fallback font came from, as handbook.sty logs it."""
    return dict(_FALLBACK_FROM.findall(log))


def test_cut_cjk_fonts_print_exactly_what_the_whole_fonts_print(
    scripts_build: PdfBuild, scripts_whole_fonts: PdfBuild, tmp_path: Path,
) -> None:
    cut_log = (scripts_build.latex_dir / "scripts.log").read_text(encoding="utf-8")
    whole_log = (scripts_whole_fonts.latex_dir / "scripts.log").read_text(encoding="utf-8")
    assert fallback_sources(cut_log) == {font: f"handbook-{font}.otf" for font in CUT_FONTS}
    assert fallback_sources(whole_log) == dict.fromkeys(CUT_FONTS, "the installed font")
    cut = rendered_pages(scripts_build.latex_dir / "scripts.pdf", tmp_path / "cut")
    whole = rendered_pages(scripts_whole_fonts.latex_dir / "scripts.pdf", tmp_path / "whole")
    assert cut and cut == whole


def _shaping_cache_entries() -> set[str]:
    """The names of luaotfload's HarfBuzz cache entries, in every cache folder kpathsea names."""
    folders = subprocess.run(["kpsewhich", "-var-value=TEXMFCACHE"], capture_output=True,
                             text=True, check=True).stdout.strip()
    return {entry.name for folder in folders.split(":") if folder
            for entry in Path(folder, "luatex-cache", "generic", "fonts", "hb").glob("*")}


def test_a_build_elsewhere_leaves_this_folders_pdf_up_to_date(scripts_build: PdfBuild) -> None:
    """luaotfload caches a HarfBuzz font under the path it was asked for, and the recorder lists
    its caches among lualatex's inputs. Every build's cut fonts were "./handbook-<name>.otf":
    all builds shared one entry per font and rewrote each other's, latexmk took that for a
    changed source and ran passes again (a third; five and a failure on a fresh machine with
    builds side by side). Now each folder's cut fonts have entries of their own, and latexmk
    does not watch the caches at all."""
    latex_dir = scripts_build.latex_dir.resolve()
    assert "(2 lualatex passes)" in scripts_build.stdout
    fls = (latex_dir / "scripts.fls").read_text(encoding="utf-8")
    assert "INPUT" in fls and "/luatex-cache/" not in fls
    entries = _shaping_cache_entries()
    for font in CUT_FONTS:
        own = str(latex_dir / f"handbook-{font}.otf").replace("/", ":")
        assert any(name.startswith(f"{own}:") for name in entries), (font, own)
    # latexmk again, with nothing changed here, after every other build of the run so far
    again = build_pdf.latexmk(latex_dir, "scripts")
    assert again.returncode == 0, again.stdout + again.stderr
    assert not build_pdf._LUALATEX_RUN.search(again.stdout + again.stderr)


# ---- the book --------------------------------------------------------------------------------

def test_book_pdf_exists_with_a_sensible_page_count(book: PdfBuild) -> None:
    pdf = book_pdf(book)
    assert pdf.is_file()
    assert (book.builddir / "pdf" / pdf.name).read_bytes() == pdf.read_bytes()
    assert 10 <= int(pdfinfo(pdf)["Pages"]) <= 400


def test_book_log_has_no_missing_character_and_no_shell_escape(book: PdfBuild) -> None:
    log = (book.latex_dir / f"{PDF_NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "handbook.sty: shell_escape=0" in log
    assert "system commands enabled" not in log
    fdb = (book.latex_dir / f"{PDF_NAME}.fdb_latexmk").read_text(encoding="utf-8")
    assert "shell-escape" not in fdb.replace("-no-shell-escape", "")


def test_book_embeds_its_cut_cjk_fonts_under_their_own_names(book: PdfBuild) -> None:
    assert fallback_sources(_log(book)) == {font: f"handbook-{font}.otf" for font in CUT_FONTS}
    fonts = subprocess.run(["pdffonts", str(book_pdf(book))], capture_output=True, text=True,
                           check=True).stdout
    assert re.search(r"^[A-Z]{6}\+NotoSerifCJKsc-Regular ", fonts, re.M)
    assert "handbook-" not in fonts


def test_book_has_title_page_metadata_and_language(book: PdfBuild) -> None:
    pdf = book_pdf(book)
    info = pdfinfo(pdf)
    assert info["Title"] == "Russia’s Asian Partnerships"
    assert info["Subject"] == "an annotated reference handbook"
    assert info["Author"] == "The handbook’s contributors"
    catalog = b"".join(_streams(pdf.read_bytes()))
    assert b"/Lang(en-GB)" in catalog
    first_page = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
    assert "Russia’s Asian Partnerships" in first_page
    assert "an annotated reference handbook" in first_page
    assert f"Version {RELEASE}" in first_page


def _streams(data: bytes) -> list[bytes]:
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return out


def test_cross_references_carry_page_numbers(book: PdfBuild) -> None:
    tex = (book.latex_dir / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    assert r"\autopageref*" in tex
    text = normalise(pdftotext(book_pdf(book)))
    pages = int(pdfinfo(book_pdf(book))["Pages"])
    found = [int(n) for n in re.findall(r"\(page (\d+)\)", text)]
    assert found, "no cross-reference with a page number"
    assert all(1 <= n <= pages for n in found)


def test_one_more_lualatex_pass_in_another_folder_changes_no_byte(
    book: PdfBuild, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two passes ``make pdf`` runs reach the fixed point: a third pass over a copy of the
    finished LaTeX folder, elsewhere, writes the same bytes (no pass left out, no path inside)."""
    assert "(2 lualatex passes)" in book.stdout, book.stdout
    again = tmp_path / "latex"
    shutil.copytree(book.latex_dir, again)
    (again / f"{PDF_NAME}.pdf").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # as the book was built
    proc = subprocess.run([*build_pdf.LUALATEX.split(), f"{PDF_NAME}.tex"], cwd=again,
                          env=build_pdf.lualatex_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert (again / f"{PDF_NAME}.pdf").read_bytes() == book_pdf(book).read_bytes()


@pytest.mark.heavy
def test_two_builds_are_byte_identical(book_builds: tuple[PdfBuild, PdfBuild]) -> None:
    """Reproducible from the sources on: a second, independent build in another folder ran every
    lualatex pass latexmk asks for by itself (three on a cold build, against ``make pdf``'s two)
    and wrote the same bytes."""
    first, second = book_builds
    assert "(2 lualatex passes)" in first.stdout, first.stdout
    assert "(3 lualatex passes)" in second.stdout, second.stdout
    assert book_pdf(first).read_bytes() == book_pdf(second).read_bytes()


def _environment(book: PdfBuild) -> object:
    with (book.latex_dir / ".doctrees" / "environment.pickle").open("rb") as fh:
        return pickle.load(fh)


def test_each_chapter_lists_exactly_the_sources_it_cites(book: PdfBuild) -> None:
    env = _environment(book)
    cite = env.domaindata["cite"]  # type: ignore[attr-defined]
    ids = {c.key: f"cite.{c.bibliography_key.docname}:{c.citation_id}"
           for c in cite["citations"]}
    cited: dict[str, set[str]] = {}
    for ref in cite["citation_refs"]:
        cited.setdefault(ref.docname, set()).update(ids[t.key] for t in ref.targets)
    assert cited, "the handbook cites nothing"
    tex = (book.latex_dir / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    parts = re.split(r"\\label\{\\detokenize\{([^}:]+)::doc\}\}", tex)
    segments = dict(zip(parts[1::2], parts[2::2], strict=True))
    # Chicago author-date: an item is the entry itself, starting with its author and year.
    opening = {f"cite.{c.bibliography_key.docname}:{c.citation_id}":
               ". ".join(str(c.formatted_entry.text.render_as("text")).split(". ")[:2]).replace(
                   "\xa0", " ")
               for c in cite["citations"]}
    for docname, keys in cited.items():
        body, sep, sources = segments[docname].partition(r"\begin{sphinxuseclass}{chapter-sources}")
        assert sep, f"{docname} has no sources list"
        sources = sources.split(r"\end{sphinxuseclass}")[0].replace("’", "'").replace(
            r"\sphinxhyphen{}", "-").replace("\xa0", " ")
        items = re.split(r"\\item \{\} ", sources)[1:]
        assert len(items) == len(keys), docname
        for key in keys:
            assert sum(opening[key].replace("’", "'") in item for item in items) == 1, opening[key]
        assert set(re.findall(r"\\hyperlink\{(cite\.[^}]+)\}", body)) == keys, docname
    text = normalise(pdftotext(book_pdf(book)))
    assert text.count("Sources cited in this chapter") == len(cited)


def test_claim_numbers_match_claims_json(book: PdfBuild, book_html: Path) -> None:
    records = json.loads((book_html / "claims.json").read_text(encoding="utf-8"))
    assert records, "claims.json lists no claim"
    text = normalise(pdftotext(book_pdf(book)))
    # each claim box is headed "Claim 2.3 · Fact" (then certainty, as-of, title)
    boxes = re.findall(r"Claim (\d+\.\d+) · (Fact|Interpretation|Assessment|Quotation)\b", text)
    expected = [(str(r["number"]), str(r["kind"]).capitalize()) for r in records]
    assert sorted(boxes) == sorted(expected)


# ---- the site's Download PDF link -----------------------------------------------------------

def test_site_links_the_real_pdf(book: PdfBuild, book_html: Path) -> None:
    page = (book_html / "chapters" / "sino-russian.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.pdf)" class="[^"]*handbook-pdf-button', page)
    assert links == [f"../{PDF_NAME}.pdf"]
    served = (book_html / "chapters" / links[0]).resolve()
    assert served.read_bytes() == book_pdf(book).read_bytes()
    assert 'aria-label="Download the handbook"' in page  # the header's one download menu


def test_site_without_a_pdf_has_no_link(handbook_copy: Path, tmp_path: Path) -> None:
    html = sphinx_build(handbook_copy, tmp_path / "html")
    assert html.returncode == 0, html.stderr
    page = (tmp_path / "html" / "docs" / "index.html").read_text(encoding="utf-8")
    assert "handbook-pdf-button" not in page
    assert not list((tmp_path / "html").glob("*.pdf"))


# ---- bad input -------------------------------------------------------------------------------

def test_latex_error_is_one_short_message_with_file_and_line(handbook_copy: Path) -> None:
    chapter = handbook_copy / "chapters" / "russia-pakistan.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8")
        + "\n```{raw} latex\n\\handbookundefinedmacro\n```\n",
        encoding="utf-8",
    )
    build = run_build_pdf(handbook_copy, handbook_copy / "_build")
    assert build.returncode == 1
    lines = build.stderr.strip().splitlines()
    assert len(lines) <= 4, build.stderr
    match = re.search(rf"{PDF_NAME}\.tex:(\d+): LaTeX error: Undefined control sequence", lines[0])
    assert match, build.stderr
    assert "(source document: chapters/russia-pakistan)" in lines[0]
    tex = (build.latex_dir / f"{PDF_NAME}.tex").read_text(encoding="utf-8").splitlines()
    assert r"\handbookundefinedmacro" in tex[int(match[1]) - 1]
    assert not book_pdf(build).exists()


def test_contents_number_chapters_but_not_the_back_matter(book: PdfBuild) -> None:
    layout = subprocess.run(["pdftotext", "-layout", "-l", "4", str(book_pdf(book)), "-"],
                            capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in layout.splitlines()]
    assert any(re.fullmatch(r"1 +\S.* +\d+", line) for line in lines), layout
    for back in ("Glossary", "Bibliography", "Index"):
        assert any(re.fullmatch(rf"{back} +\d+", line) for line in lines), (back, layout)


def test_a_glyph_no_font_has_stops_the_build_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "scripts"
    shutil.copytree(REPO / "tests" / "roots" / "test-scripts", root)
    with (root / "index.md").open("a", encoding="utf-8") as fh:
        fh.write("\nTibetan, which no font in the chain covers: ༀ.\n")
    build = run_build_pdf(root, root / "_build", "--confdir", str(root), "--name", "scripts")
    assert build.returncode == 1
    first = build.stderr.strip().splitlines()[0]
    match = re.search(r"scripts\.tex:(\d+): LaTeX error: Missing character: There is no ༀ", first)
    assert match, build.stderr
    tex = (build.latex_dir / "scripts.tex").read_text(encoding="utf-8").splitlines()
    assert "ༀ" in tex[int(match[1]) - 1]
    assert not (build.latex_dir / "scripts.pdf").exists()


# ---- the page: nothing outside the type area ------------------------------------------------

def _log(book: PdfBuild) -> str:
    return (book.latex_dir / f"{PDF_NAME}.log").read_text(encoding="utf-8", errors="replace")


def _type_area(book: PdfBuild) -> dict[str, float]:
    """The text block with its running head and foot, in PDF points (written by handbook.sty)."""
    match = re.search(r"handbook-textblock:\s*(.*?;)\s*$", _log(book), re.M)
    assert match, "handbook.sty did not log its type area"
    return {k: float(v.removesuffix("pt")) / TEX_PT_PER_BP
            for k, v in re.findall(r"(\w+)=([\d.]+pt);", match[1])}


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) for every word of the text layer."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = []
    for page, body in enumerate(re.split(r"<page [^>]*>", out)[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', body):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            words.append((page, x0, y0, x1, y1, html.unescape(m[5])))
    return words


def test_no_word_of_the_text_layer_is_outside_the_type_area(book: PdfBuild) -> None:
    area = _type_area(book)
    words = _words(book_pdf(book))
    assert len(words) > 5000
    slack = 2.0  # glyph side bearings and a line's allowed overhang (build_pdf tolerance)
    outside = [
        w for w in words
        if w[1] < area["left"] - slack or w[3] > area["right"] + slack
        or w[2] < area["top"] - slack or w[4] > area["bottom"] + 6
    ]
    assert not outside, outside[:10]


def test_make_pdf_reports_no_overfull_line_over_the_tolerance(book: PdfBuild) -> None:
    boxes = build_pdf.overfull_lines(_log(book), f"{PDF_NAME}.tex")
    assert not boxes, boxes[:10]
    assert "overfull line" not in book.stderr


def test_every_page_is_rendered_for_a_reader_to_look_at(book: PdfBuild) -> None:
    pdf = book_pdf(book)
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "45", "-png", str(pdf), str(ARTIFACTS / "page")],
                   check=True, capture_output=True)
    pages = int(pdfinfo(pdf)["Pages"])
    assert len(list(ARTIFACTS.glob("page-*.png"))) == pages


def _pages(pdf: Path, *options: str) -> list[str]:
    """The text layer page by page (pdftotext ends each page with a form feed)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


#: A page that the next one continues may end at most this far (of the page's height) above the
#: text block's foot: more is a gap a box that would not break leaves behind.
LONGEST_GAP = 0.2


def _ink_bottoms(pdf: Path, folder: Path) -> list[float]:
    """Per page, how far down (0 top, 1 foot) its last line of ink sits above the page number."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf), str(folder / "p")],
                   check=True, capture_output=True)
    bottoms = []
    for png in sorted(folder.glob("p-*.png")):
        image = Image.open(png).convert("L")
        width, height = image.size
        pixels = image.load()
        rows = [y for y in range(int(height * 0.9)) if any(
            pixels[x, y] < 200 for x in range(int(width * 0.1), int(width * 0.9)))]
        bottoms.append(max(rows, default=0) / height)
    return bottoms


def test_no_page_ends_early_where_the_next_page_continues_it(
    book: PdfBuild, tmp_path: Path
) -> None:
    """Boxes break across pages: no page leaves a fifth of itself empty when the next page
    carries on with the same chapter (a chapter's first page has no running head)."""
    pdf = book_pdf(book)
    texts = _pages(pdf)
    bottoms = _ink_bottoms(pdf, tmp_path)
    assert len(bottoms) == len(texts)
    foot = sorted(bottoms)[int(len(bottoms) * 0.9)]  # where full pages end
    head = texts[-1].strip().splitlines()[0] if texts[-1].strip() else ""
    early = [
        (number + 1, round(foot - bottom, 2))
        for number, (bottom, following) in enumerate(zip(bottoms, texts[1:], strict=False))
        if following.lstrip().partition("\n")[0] == head and foot - bottom > LONGEST_GAP
    ]
    assert head and not early, early


def test_the_screen_pdf_has_no_blank_page(book: PdfBuild) -> None:
    """One-sided, chapters open on the next page: no empty left-hand page before a chapter."""
    pages = _pages(book_pdf(book))
    assert len(pages) == int(pdfinfo(book_pdf(book))["Pages"])
    blank = [number for number, text in enumerate(pages, 1) if not text.strip()]
    assert not blank, f"blank pages: {blank}"


def test_page_numbers_of_references_inside_parentheses_take_no_second_parenthesis(
    book: PdfBuild,
) -> None:
    text = normalise(pdftotext(book_pdf(book)))
    nested = re.findall(r"\([^()]*\(page \d+\)[^()]*\)", text)
    assert not nested, nested[:5]
    assert re.search(r"\(Claim \d+\.\d+ on page \d+\)", text)
    assert re.search(r"\w \(page \d+\)", text), "references in running text keep (page N)"


def test_running_heads_give_the_whole_short_chapter_title(book: PdfBuild) -> None:
    """The head names the chapter by its title before the colon, never cut off."""
    heads = [page.lstrip().split("\n", 1)[0] for page in _pages(book_pdf(book), "-layout")]
    for short in ("Russia and Pakistan", "China and Russia"):
        pages = [head for head in heads if short in head and ". ." not in head]  # not contents
        assert len(pages) >= 5, (short, heads)
        assert all(re.search(rf"{short}\s+\d+$", head) for head in pages), pages
    assert not any("…" in head or "..." in head for head in heads), heads


# ---- claim boxes, colophon, quotes, index ----------------------------------------------------

def test_every_claim_box_prints_its_label_and_certainty(book: PdfBuild, book_html: Path) -> None:
    records = json.loads((book_html / "claims.json").read_text(encoding="utf-8"))
    text = normalise(pdftotext(book_pdf(book)))
    for record in records:
        assert f"label: {record['label']}" in text, record["label"]
    assert text.count("certainty: ") >= len(records)  # confirmed is shown too
    for certainty in {str(r["certainty"]) for r in records}:
        assert f"certainty: {certainty}" in text
    # How sure the attribution is, a second badge, once the claim record carries it.
    attributions = [r for r in records if r.get("attribution_certainty")]
    badges = re.findall(r"attribution: (?:confirmed|probable|disputed)\b", text)
    assert len(badges) == len(attributions)


def test_the_colophon_gives_edition_licences_citation_and_build_date(book: PdfBuild) -> None:
    conf = runpy.run_path(str(REPO / "docs" / "conf.py"))
    edition = conf["edition"]
    page2 = normalise(subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(book_pdf(book)), "-"],
                                     capture_output=True, text=True, check=True).stdout)
    assert f"Version {conf['release']}." in page2
    assert "Built on 21 September 2026" in page2  # SOURCE_DATE_EPOCH=1790000000
    assert "(CC BY 4.0)" in page2 and "MIT licence" in page2
    assert "How to cite." in page2
    assert normalise(curly(edition.citation)) in page2  # type: ignore[attr-defined]


def test_the_site_how_to_cite_page_matches_the_pdf(book: PdfBuild, book_html: Path) -> None:
    conf = runpy.run_path(str(REPO / "docs" / "conf.py"))
    page = (book_html / "docs" / "how-to-cite.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    assert f"Version {conf['release']}. {conf['repository_url']}." in text
    assert f"version = {{{conf['release']}}}" in text  # the BibTeX block, highlighted


def _verbatim_lines(book: PdfBuild) -> set[str]:
    """Every line of code (blocks and inline) in the book's documents, as written."""
    from docutils import nodes
    lines: set[str] = set()
    for path in (book.latex_dir / ".doctrees").rglob("*.doctree"):
        with path.open("rb") as fh:
            doctree = pickle.load(fh)
        for node in doctree.findall(lambda n: isinstance(n, nodes.literal_block | nodes.literal)):
            lines.update(line.strip() for line in node.astext().splitlines() if line.strip())
    return lines


def test_quotes_are_curly_outside_code(book: PdfBuild) -> None:
    code = _verbatim_lines(book)
    straight = [
        line for line in pdftotext(book_pdf(book)).splitlines()
        if ("'" in line or '"' in line)
        and not any(line.strip() in c or c in line for c in code if c)
    ]
    assert not straight, straight[:10]
    text = pdftotext(book_pdf(book))
    assert "Russia’s Asian Partnerships" in text


#: A quotation mark that faces the wrong way: an opening one after a word and before a space or
#: punctuation (``Sea“.``), an opening single quote inside a word (``Pakistan‘s``), a closing
#: one that opens a word (`` ”Made``).
REVERSED_QUOTES = re.compile(r"[\w.,!?][“‘](?=[\s.,;:)]|$)|\w‘\w|(?:^|[\s(])[”’]\w", re.M)


def test_no_quotation_mark_faces_the_wrong_way(book: PdfBuild) -> None:
    """Titles with a protected word before the closing quote (``{North Arabian Sea}"``) and
    possessives of protected names (``{Pakistan}'s``) in the reference lists included."""
    text = pdftotext(book_pdf(book))
    assert "Pakistan’s" in text and "Sea.”" in text  # Chicago: the full stop inside
    reversed_marks = [m.group() for m in REVERSED_QUOTES.finditer(text)]
    assert not reversed_marks, reversed_marks


def test_citations_read_the_same_in_print_and_on_the_site(book: PdfBuild, book_html: Path) -> None:
    text = normalise(pdftotext(book_pdf(book)))
    text = text[text.index("Chapter 1"):text.index("Glossary", text.index("Chapter 2"))]
    groups = re.findall(r"\((?:[A-Z][^();]*? (?:\d{4}[a-z]?|n\.d\.); )+[A-Z][^();]*? \d{4}[a-z]?\)",
                        text)
    assert groups, "no multiple citation in the PDF"
    assert not re.search(r"\[[A-Z][\w ]+, \d{4}\]", text)
    page = (book_html / "chapters" / "sino-russian.html").read_text(encoding="utf-8")
    site = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))
    assert any(g in site for g in groups), groups[:3]


def test_index_lists_the_three_countries_on_many_pages(book: PdfBuild) -> None:
    from test_pdf_index import _items
    from test_pdf_index import _pages as _page_count

    pages = _pages(book_pdf(book), "-layout")
    # From the index's opening page (a chapter's first page has no running head) to the end.
    first = next(n for n, page in enumerate(pages) if "\nIndex\n" in f"\n{page}")
    index = "".join(pages[first:])
    assert "--" not in index  # page ranges take an en dash
    items = _items((book.latex_dir / f"{PDF_NAME}.ind").read_text(encoding="utf-8"))
    for country in ("Russia", "China", "Pakistan"):
        start = next(i for i, (level, head, _) in enumerate(items)
                     if level == "item" and head == country)
        block = [items[start]]
        for item in items[start + 1:]:
            if item[0] == "item":
                break
            block.append(item)
        assert sum(_page_count(rest) for _level, _head, rest in block) >= 5, (country, block)
        # A headword of subentries: its line names no page (two columns: text may follow).
        assert re.search(rf"(?m)(?:^|\s{{2,}}){country}(?:\s{{2,}}\D|\s*$)", index), country


def test_web_only_documents_stay_out_of_the_students_pdf(book: PdfBuild) -> None:
    text = normalise(pdftotext(book_pdf(book)))
    assert "The handbook is plain text in MyST Markdown" not in text  # docs/contributing.md
    assert "tells you in about a second" not in text  # docs/linter.md
    assert "Contents" in text and "Index" in text


def test_no_web_only_words_or_controls_in_the_pdf(book: PdfBuild) -> None:
    text = normalise(pdftotext(book_pdf(book)))
    assert not web_only_phrases_in(text), web_only_phrases_in(text)
    assert "The index at the end of the book" in text  # the print edition's own sentence


def test_xmp_metadata_names_title_authors_licence_and_language(book: PdfBuild) -> None:
    xmp = subprocess.run(["pdfinfo", "-meta", str(book_pdf(book))], capture_output=True,
                         text=True, check=True).stdout
    assert '<rdf:li xml:lang="en-GB">Russia’s Asian Partnerships</rdf:li>' in xmp
    assert re.search(r"<dc:creator>\s*<rdf:Seq>\s*<rdf:li>The handbook’s contributors</rdf:li>",
                     xmp), xmp[:2000]
    assert "Text: CC BY 4.0" in xmp and "Code: MIT" in xmp
    assert ("<xmpRights:WebStatement>https://creativecommons.org/licenses/by/4.0/"
            "</xmpRights:WebStatement>") in xmp
    assert re.search(r"<dc:language>\s*<rdf:Bag>\s*<rdf:li>en-GB</rdf:li>", xmp)
    pages = pdfinfo(book_pdf(book))["Pages"]
    assert f"<prism:pageCount>{pages}</prism:pageCount>" in xmp
    assert "<prism:byteCount>" not in xmp  # it would be the size of an earlier pass's file
    assert f"<xmpTPg:NPages>{pages}</xmpTPg:NPages>" in xmp
    assert "<xmpTPg:Fonts>" not in xmp  # hundreds of font instances, slow to write
