"""The Dutch edition's machinery, as a reader and a translator meet it.

A copy of the handbook gets its own Dutch catalogs (a fixture, never the translators' files):
every claim of the chapters translated with a marker prefix but two — one whose title and one
of which nothing is translated — made from the templates the gettext builder extracts. The copy
is built as ``make html`` builds it, English at the root and Dutch in ``nl/``; the English
build is the oracle for the Dutch ``claims.json``, and a browser at 390 px and 1400 px switches
language on a chapter and on a claim's permalink.
"""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from test_browser import (
    Tab,
    Traffic,
    _offline,
    base_url,
    browser,
    playwright,
    serious_violations,
)
from test_site_header import OVERFLOW

from conftest import RELEASE, REPO, BuildResult, copy_handbook, shared, sphinx_build

pytestmark = pytest.mark.slow

PREFIX = "NL "
CHAPTER = "chapters/russia-pakistan.html"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}
CATALOGS = {
    REPO / "tools/sphinx-claims/src/sphinx_claims/locale/nl/LC_MESSAGES/sphinx-claims": "claims",
    REPO / "tools/handbook/locale/nl/LC_MESSAGES/handbook": "handbook",
}


# --- the package catalogs ------------------------------------------------------------------------


@pytest.mark.parametrize("stem", list(CATALOGS), ids=list(CATALOGS.values()))
def test_compiled_catalog_is_the_po_file(stem: Path) -> None:
    """The shipped ``.mo`` holds exactly the translated messages of its ``.po`` (make catalogs)."""
    po = polib.pofile(str(stem.with_suffix(".po")))
    mo = polib.mofile(str(stem.with_suffix(".mo")))
    wanted = {e.msgid: e.msgstr for e in po.translated_entries()}
    assert wanted, "an empty catalog"
    assert {e.msgid: e.msgstr for e in mo if e.msgid} == wanted


# --- the fixture book ----------------------------------------------------------------------------


def claim_ranges(records: list[dict]) -> dict[str, tuple[str, int, int]]:
    """``label -> (path, first line, line of the next claim)`` from English claims.json."""
    ranges = {}
    by_path: dict[str, list[dict]] = {}
    for record in records:
        by_path.setdefault(record["path"], []).append(record)
    for path, claims in by_path.items():
        claims.sort(key=lambda r: r["line"])
        for claim, following in zip(claims, [*claims[1:], None], strict=True):
            end = following["line"] if following else 10**9
            ranges[claim["label"]] = (path, claim["line"], end)
    return ranges


def write_catalogs(book: Path, english: list[dict]) -> dict[str, str]:
    """Dutch catalogs for the copy's chapters: every message inside a claim gets the prefix,
    but for two claims; returns ``{"no-title": label, "nothing": label}``."""
    pots = book / "_build" / "gettext"
    result = sphinx_build(book, pots, "-D", "gettext_compact=0", builder="gettext")
    assert result.returncode == 0, result.stderr
    ranges = claim_ranges(english)
    titled = [r for r in english if r["title"] and r["path"].startswith("chapters/")]
    left_out = {"no-title": titled[0]["label"], "nothing": titled[-1]["label"]}
    skip_title = titled[0]["title"]
    no_body = ranges[left_out["nothing"]]
    for pot in (pots / "chapters").glob("*.pot"):
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "nl"}
        for entry in polib.pofile(str(pot)):
            lines = [(path, int(line)) for path, line in entry.occurrences]
            inside = [
                label for label, (path, first, end) in ranges.items()
                if any(path.endswith(p.split("../")[-1]) and first <= n < end
                       for p, n in lines)
            ]
            if not inside or entry.msgid == skip_title:
                continue
            if any(no_body[0].endswith(p.split("../")[-1]) and no_body[1] <= n < no_body[2]
                   for p, n in lines):
                continue
            po.append(polib.POEntry(msgid=entry.msgid, msgstr=PREFIX + entry.msgid))
        target = book / "locales/nl/LC_MESSAGES/chapters" / f"{pot.stem}.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(target))
    return left_out


def straight(text: str) -> str:
    return text.translate(str.maketrans("\u201c\u201d\u201e\u2018\u2019", "\"\"\"''"))


class DutchBook:
    def __init__(self, html: Path, left_out: dict[str, str]) -> None:
        self.html = html
        self.left_out = left_out

    def records(self, language: str = "en") -> list[dict]:
        root = self.html / "nl" if language == "nl" else self.html
        return json.loads((root / "claims.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def book(request: pytest.FixtureRequest, built_handbook: BuildResult) -> DutchBook:
    def make(folder: Path) -> DutchBook:
        src = copy_handbook(folder / "book")
        for catalog in (src / "locales").rglob("*.po"):  # the translators' work: not ours
            catalog.unlink()
        # The English site is the run's own build (a clean build is the same wherever it runs).
        assert built_handbook.returncode == 0, built_handbook.stderr
        shutil.copytree(built_handbook.outdir, src / "_build/html",
                        ignore=shutil.ignore_patterns(".doctrees"))
        records = json.loads((src / "_build/html/claims.json").read_text(encoding="utf-8"))
        left_out = write_catalogs(src, records)
        dutch = sphinx_build(src, src / "_build/html/nl", "-D", "language=nl",
                             "-d", str(src / "_build/doctrees-nl"))
        assert dutch.returncode == 0, dutch.stderr
        return DutchBook(src / "_build/html", left_out)

    return shared(request, "dutch-book", make)


def test_claim_titles_are_extracted_for_translation(book: DutchBook) -> None:
    """Every claim title written in a chapter is a message of its template, as written."""
    pots = book.html.parent / "gettext"
    for record in book.records():
        if record["title"] and record["path"].startswith("chapters/"):
            pot = polib.pofile(str(pots / record["path"].replace(".md", ".pot")))
            assert record["title"] in {e.msgid for e in pot}, record["label"]


def test_dutch_claims_json_keeps_labels_sources_and_certainties(book: DutchBook) -> None:
    """The English build is the oracle: same claims, sources, certainties; translated text;
    each record links to its English original."""
    english = {r["label"]: r for r in book.records()}
    dutch = {r["label"]: r for r in book.records("nl")}
    assert dutch.keys() == english.keys()
    by_url = {r["url"]: r for r in english.values()}
    for label, record in dutch.items():
        original = english[label]
        for key in ("number", "kind", "certainty", "attribution_certainty", "sources",
                    "attributed_to", "url", "first_edition", "last_changed"):
            assert record[key] == original[key], (label, key)
        assert record["in_language"] == "nl"
        assert by_url[record["original_url"].removeprefix("../")] is original
        chapter = original["path"].startswith("chapters/")
        expected = chapter and label not in book.left_out.values()
        assert record["translated"] is expected, label
        if expected:
            assert record["text"].startswith(PREFIX), label
            if original["title"]:
                # The translation is parsed like prose: its quotes come out curly.
                assert straight(record["title"]) == PREFIX + original["title"]


def test_a_translation_changes_no_claim_s_edition_badge(book: DutchBook) -> None:
    """New/changed badges compare the sources with the recorded editions, in every language:
    a translated claim is not a reworded one."""
    def badges(root: Path) -> list[tuple[str, str]]:
        found = []
        for page in sorted((root / "chapters").glob("*.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for badge in soup.select(".claim-edition-badge"):
                box = badge.find_parent(class_="claim")
                found.append((box.get("id", ""), " ".join(badge["class"])))
        return found

    english = badges(book.html)
    assert any("claim-edition-changed" in kind for _, kind in english)
    assert badges(book.html / "nl") == english


def test_dutch_page_has_its_language_and_alternates(book: DutchBook) -> None:
    page = BeautifulSoup((book.html / "nl" / CHAPTER).read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "nl"
    alternates = {link["hreflang"]: link["href"]
                  for link in page.select('head link[rel="alternate"][hreflang]')}
    assert alternates == {"en": f"../../{CHAPTER}", "nl": f"../{CHAPTER}",
                          "x-default": f"../../{CHAPTER}"}
    english = BeautifulSoup((book.html / CHAPTER).read_text(encoding="utf-8"), "html.parser")
    assert english.html["lang"] == "en"
    assert english.select_one('link[hreflang="nl"]')["href"] == f"../nl/{CHAPTER}"
    ld = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    claims = [item for data in ld for item in data.get("@graph", []) if item["@type"] == "Claim"]
    assert claims and all(c["inLanguage"] == "nl" for c in claims)
    assert all(c["translationOfWork"]["@id"] == f"../../{CHAPTER}{c['@id']}" for c in claims)


def test_dutch_boxes_speak_dutch_and_mark_untranslated_claims(book: DutchBook) -> None:
    page = BeautifulSoup((book.html / "nl" / CHAPTER).read_text(encoding="utf-8"), "html.parser")
    marked = {box["id"].removeprefix("claim-") for box in page.select("div.claim-untranslated")}
    chapter_labels = {r["label"] for r in book.records("nl") if r["url"].startswith(CHAPTER)}
    assert marked == chapter_labels & set(book.left_out.values())
    for label in marked:
        box = page.select_one(f"#claim-{label}")
        assert box["lang"] == "en"
        assert box.select_one(".claim-untranslated-note").get_text().startswith("Nog niet")
    assert all(n.get_text().startswith("Bewering ") for n in page.select(".claim-number"))
    assert page.select_one("button.claim-copy").get_text() == "Verwijzing kopiëren"


def test_how_to_cite_and_the_footer_give_the_dutch_edition(book: DutchBook) -> None:
    """The edition's texts (from docs/conf.py's edition, as CITATION.cff) in Dutch."""
    cite = BeautifulSoup((book.html / "nl/docs/how-to-cite.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = cite.select_one("article").get_text(" ")
    assert "een geannoteerd naslagwerk" in text and f"Versie {RELEASE}" in text
    assert "an annotated reference handbook" not in text
    footer = cite.select_one(".handbook-footer").get_text(" ")
    assert "Tekst onder licentie" in footer and "versie" in footer
    assert "een geannoteerd naslagwerk" in cite.title.get_text()


# --- in the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(book: DutchBook) -> Path:
    return book.html


@pytest.fixture(params=list(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    context = browser.new_context(viewport=WIDTHS[request.param],
                                  is_mobile=request.param == "phone",
                                  has_touch=request.param == "phone")
    traffic = Traffic()
    _offline(context, traffic)
    page = context.new_page()
    page.on("pageerror", lambda exc: traffic.console_errors.append(f"uncaught: {exc}"))
    yield Tab(page, traffic, base_url)
    context.close()


def test_switch_language_on_a_chapter_lands_on_the_same_chapter(tab: Tab) -> None:
    page = tab.open(CHAPTER)
    assert page.evaluate(OVERFLOW)["off"] == []
    switch = page.locator("a.handbook-language-link[hreflang=nl]")
    assert switch.is_visible()
    switch.click()
    page.wait_for_url(f"{tab.base_url}nl/{CHAPTER}")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.evaluate(OVERFLOW)["off"] == []
    page.locator("a.handbook-language-link[hreflang=en]").click()
    page.wait_for_url(f"{tab.base_url}{CHAPTER}")
    assert tab.traffic.console_errors == []


def test_switch_language_on_a_claim_permalink_lands_on_the_claim(
    tab: Tab, book: DutchBook
) -> None:
    label = next(r["label"] for r in book.records()
                 if r["url"].startswith(CHAPTER) and r["number"].endswith(".5"))
    page = tab.open(f"{CHAPTER}#claim-{label}")
    page.locator("a.handbook-language-link[hreflang=nl]").click()
    page.wait_for_url(f"{tab.base_url}nl/{CHAPTER}#claim-{label}")
    claim = page.locator(f"#claim-{label}")
    claim.wait_for()
    page.wait_for_timeout(300)  # the browser scrolls to the hash after load
    assert claim.is_visible()
    box = claim.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None and 0 <= box["y"] < height, box
    assert claim.locator(".claim-number").inner_text().startswith("Bewering")


def test_the_dutch_register_filters_speak_dutch(tab: Tab, book: DutchBook) -> None:
    """The script's words come from the page's language: the filter form, the live count, the
    empty message and its button (the extension's catalog, through sphinx-claims-data.js)."""
    total = len(book.records("nl"))
    page = tab.open("nl/docs/register.html")
    bar = page.locator(".claims-register-bar")
    count = bar.locator(".claims-register-count")
    assert count.inner_text() == f"Alle {total} beweringen zichtbaar."
    bar.locator("summary").click()
    field = page.locator("#claims-filter-text")
    field.wait_for(state="visible")
    assert page.locator("label[for=claims-filter-kind]").inner_text() == "Soort"
    options = page.locator("#claims-filter-certainty option").all_inner_texts()
    assert options[1:] == ["Bevestigd", "Waarschijnlijk", "Onbevestigd", "Betwist"]
    field.fill("geen bewering zegt zyxwvu")
    assert count.inner_text() == f"0 van de {total} beweringen zichtbaar."
    message = page.locator(".claims-register-empty")
    assert "Geen enkele bewering" in message.inner_text()
    assert message.get_by_role("button", name="Alle beweringen tonen").count() == 1
    assert tab.traffic.console_errors == []


@pytest.mark.parametrize("path", [f"nl/{CHAPTER}", "nl/docs/register.html"])
def test_axe_finds_no_serious_violation_on_dutch_pages(tab: Tab, path: str) -> None:
    serious = serious_violations(tab.open(path))
    assert not serious, serious
