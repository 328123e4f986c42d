"""The students' book as a valid EPUB, offered beside the PDF on the site.

The EPUB is the published site's (:func:`conftest.published_site`: built as ``make epub`` builds
it, then copied beside the PDF, then the HTML): one whole-book EPUB build per run, shared with
the site tests. The ``make epub`` recipe itself (its epubcheck step) runs in the second tier's
``make site`` test (``tests/test_make_site.py``).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from web_only import web_only_phrases_in

from conftest import PDF_NAME, RELEASE

pytestmark = pytest.mark.slow
EPUB = f"{PDF_NAME}.epub"
#: As the Makefile runs it (Debian's /usr/bin/epubcheck needs binfmt_misc).
EPUBCHECK = ["java", "-jar", "/usr/share/java/epubcheck.jar"]


def test_the_epub_passes_epubcheck_with_no_warning(published_epub: Path, tmp_path: Path) -> None:
    out = tmp_path / "epubcheck.json"
    report = subprocess.run([*EPUBCHECK, str(published_epub), "--json", str(out)],
                            capture_output=True, text=True, check=False)
    data = json.loads(out.read_text(encoding="utf-8"))
    problems = [m for m in data["messages"] if m["severity"] in {"FATAL", "ERROR", "WARNING"}]
    assert report.returncode == 0 and not problems, problems[:5]


def _read(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()
                if n.endswith((".xhtml", ".opf", ".ncx"))}


def test_the_epub_is_the_students_book_with_its_edition(published_epub: Path) -> None:
    files = _read(published_epub)
    opf = next(v for k, v in files.items() if k.endswith(".opf"))
    assert "<dc:title>Russia’s Asian Partnerships</dc:title>" in opf
    assert "<dc:language>en</dc:language>" in opf
    names = " ".join(files)
    assert "chapters/russia-pakistan.xhtml" in names and "docs/glossary.xhtml" in names
    for web_only in ("docs/contributing.xhtml", "docs/linter.xhtml"):
        assert web_only not in names
        assert not any(web_only.split("/")[1] in re.findall(r'href="([^"#]*)', body)
                       for body in files.values()), web_only
    chapter = files["chapters/russia-pakistan.xhtml"]
    assert "’" in chapter and "claim-rp-passex-held" in chapter


def test_the_site_offers_the_epub_beside_the_pdf(
    published_epub: Path, published_site: Path
) -> None:
    page = (published_site / "chapters" / "sino-russian.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.epub)" class="[^"]*handbook-epub-button', page)
    assert links == [f"../{EPUB}"]
    assert (published_site / EPUB).read_bytes() == published_epub.read_bytes()


def test_no_web_only_words_or_controls_in_the_epub(published_epub: Path) -> None:
    """In the text and in the attributes a reader's software shows (titles, labels)."""
    for name, body in _read(published_epub).items():
        found = web_only_phrases_in(html.unescape(body))
        assert not found, (name, found)


def test_the_epub_names_its_contributors_and_has_a_cover(published_epub: Path) -> None:
    files = _read(published_epub)
    opf = next(v for k, v in files.items() if k.endswith(".opf"))
    assert "<dc:contributor>The handbook’s contributors</dc:contributor>" in opf
    assert "unknown" not in opf
    cover_id = re.search(r'<meta name="cover" content="([^"]+)"/>', opf)
    assert cover_id, opf
    href = re.search(rf'<item id="{cover_id[1]}" href="([^"]+)" media-type="image/svg\+xml"', opf)
    assert href, opf
    with zipfile.ZipFile(published_epub) as z:
        image = z.read(next(n for n in z.namelist() if n.endswith(href[1]))).decode("utf-8")
    drawn = " ".join(re.findall(r"<text [^>]*>([^<]*)</text>", image))
    assert "Russia’s Asian Partnerships" in drawn and f"Version {RELEASE}" in drawn
    assert any("epub-cover" in name for name in files), "no cover page"


def test_the_epub_has_the_changelog_as_a_chapter(published_epub) -> None:
    """"Changes in this edition" is in the spine, with its entries and old-number table."""
    epub = published_epub
    files = _read(epub)
    name = next(k for k in files if k.endswith("docs/changes.xhtml"))
    opf = next(v for k, v in files.items() if k.endswith(".opf"))
    item = re.search(r'<item id="([^"]+)" href="docs/changes.xhtml"', opf)
    assert item and f'idref="{item[1]}"' in opf
    body = files[name]
    assert body.count('class="claims-change ') >= 1 and 'id="old-0.1-1.1"' in body
