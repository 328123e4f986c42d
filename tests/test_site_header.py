"""The page header and the book's parts, as a reader meets them in the ``make site`` output.

On a 390 px phone (mobile emulation: touch, device pixel ratio 2) every page must fit: no
sideways scrolling, no visible control off the screen. The one download menu hands out both
books; the on-page contents drawer opens whole, with no tooltip left over it. Readers' pages
lead ("Next") only to readers' pages, and the sidebar links the index.
"""

# The browser fixtures are test_browser's, imported by name (pytest's way to share a module's
# fixtures): ruff reads the imports as unused and the fixture arguments as redefinitions.
# ruff: noqa: F401, F811

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Locator, Page
from test_browser import (
    ARTIFACTS,
    CHAPTERS,
    PDF_NAME,
    Tab,
    Traffic,
    _offline,
    _pages,
    base_url,
    browser,
    load_each,
    playwright,
    site,
    watch,
)

from conftest import REPO

EPUB_NAME = PDF_NAME.removesuffix(".pdf") + ".epub"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
CONTRIBUTORS = ("docs/contributing.html", "docs/linter.html", "docs/adopting.html")

#: What overflows a phone's screen: the document's own width, and every visible control (link,
#: button, field) lying partly outside the screen -- unless it sits in a box that scrolls
#: sideways on its own (a code block, a wide table), where a finger reaches it by scrolling.
OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const scrollsOnItsOwn = el => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const x = getComputedStyle(up).overflowX;
            if ((x === 'auto' || x === 'scroll') && up.scrollWidth > up.clientWidth) return true;
        }
        return false;
    };
    const off = [];
    for (const el of document.querySelectorAll(
            'a[href], button, input, select, summary, [role=button], [tabindex]')) {
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const box = el.getBoundingClientRect();
        if (!box.width || (box.left >= -1 && box.right <= width + 1)) continue;
        if (scrollsOnItsOwn(el)) continue;
        off.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" `
                 + `${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    return {scroll: document.documentElement.scrollWidth, width, off};
}"""


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A phone's browser tab: 390 px, touch, device pixel ratio 2, offline but for the site."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    traffic = Traffic()
    _offline(context, traffic)
    page = context.new_page()
    watch(page, traffic, console=False)
    yield Tab(page, traffic, base_url)
    context.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


# --- every page fits a phone ---------------------------------------------------------------------


def test_every_page_fits_a_phone(site: Path, phone: Tab) -> None:
    pages = _pages(site)
    assert len(pages) >= 15, pages
    problems = {}
    for path, page, traffic in load_each(phone, pages, console=False):
        found = page.evaluate(OVERFLOW)
        if found["scroll"] > found["width"] or found["off"] or traffic.problems():
            problems[path] = {**found, **traffic.problems()}
    assert not problems, json.dumps(problems, indent=2)
    assert not phone.traffic.problems(), phone.traffic.problems()


def test_the_header_shows_one_download_menu_and_every_control_on_a_phone(
    site: Path, phone: Tab
) -> None:
    page = phone.open(CHAPTERS[1])
    header = page.locator(".bd-header-article")
    assert header.locator("a[download]:visible").count() == 0, "a download outside the menu"
    assert header.get_by_role("button", name="Download the handbook").count() == 1
    width = PHONE["width"]
    for name in ("Toggle primary sidebar", "Download the handbook", "Color mode", "Search",
                 "Toggle secondary sidebar"):
        control = header.get_by_role("button", name=name, exact=True).first
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
        # The control a finger lands on is the control itself, not something over it.
        hit = control.evaluate(
            """el => { const r = el.getBoundingClientRect();
                       const at = document.elementFromPoint(r.left + r.width / 2,
                                                            r.top + r.height / 2);
                       return !!at && el.contains(at); }"""
        )
        assert hit, f"{name} is covered"
    _shot(page, "header-phone")


# --- the download menu ------------------------------------------------------------------------


def _press(button: Locator, phone: bool) -> None:
    """Open (or close) a header menu as the reader does: a tap on a phone, a click on a desktop."""
    if phone:
        button.tap()
    else:
        button.click()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_download_menu_hands_out_the_pdf_and_the_epub(
    site: Path, browser: Browser, base_url: str, width: str
) -> None:
    phone = width == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone,
        device_scale_factor=2 if phone else 1,
    )
    traffic = Traffic()
    _offline(context, traffic)
    page = context.new_page()
    try:
        tab = Tab(page, traffic, base_url)
        tab.open("docs/bibliography.html")
        button = page.get_by_role("button", name="Download the handbook")
        pdf = page.get_by_role("link", name=re.compile(r"^PDF \(\d+(\.\d)? [kM]B\)$"))
        epub = page.get_by_role("link", name=re.compile(r"^EPUB e-book \(\d+(\.\d)? [kM]B\)$"))
        assert not pdf.is_visible(), "the menu is open before the reader opens it"
        _press(button, phone)
        pdf.wait_for(state="visible")
        assert button.get_attribute("aria-expanded") == "true"
        view = page.viewport_size
        assert view
        for item in (pdf, epub):
            box = item.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= view["width"], box
        _shot(page, f"download-menu-{width}")
        downloads = {}
        for item, name in ((pdf, PDF_NAME), (epub, EPUB_NAME)):
            if button.get_attribute("aria-expanded") != "true":
                _press(button, phone)
                item.wait_for(state="visible")
            with page.expect_download() as info:
                item.click()
            assert info.value.suggested_filename == name
            downloads[name] = Path(info.value.path()).read_bytes()
            assert downloads[name] == (site / name).read_bytes()
            item.wait_for(state="hidden")  # choosing a book closes the menu
        assert downloads[PDF_NAME].startswith(b"%PDF-")
        with zipfile.ZipFile(site / EPUB_NAME) as book:
            assert book.read("mimetype") == b"application/epub+zip"
        _press(button, phone)  # a tap (or click) elsewhere closes the menu …
        pdf.wait_for(state="visible")
        x, y = 4, view["height"] - 30  # the page's margin: no link there
        if phone:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
        pdf.wait_for(state="hidden")
        button.focus()  # … and the keyboard opens and closes it
        page.keyboard.press("Enter")
        pdf.wait_for(state="visible")
        page.keyboard.press("Escape")
        pdf.wait_for(state="hidden")
        assert button.get_attribute("aria-expanded") == "false"
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


# --- the on-page contents on a phone ----------------------------------------------------------


def test_the_contents_drawer_opens_whole_and_leaves_no_tooltip(phone: Tab) -> None:
    page = phone.open(CHAPTERS[1])
    toggle = page.get_by_role("button", name="Toggle secondary sidebar")
    toggle.tap()
    drawer = page.locator("#pst-secondary-sidebar-modal")
    drawer.wait_for(state="visible")
    page.wait_for_timeout(500)  # the theme's slide-in transition
    first = drawer.locator("nav.page-toc a").first
    first.wait_for(state="visible")
    box = drawer.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    entries = drawer.locator("nav.page-toc a").evaluate_all(
        """links => links.filter(a => a.checkVisibility()).map(a => {
               const r = a.getBoundingClientRect();
               return {text: a.textContent.trim(), left: r.left, right: r.right}; })"""
    )
    clipped = [e for e in entries if e["left"] < 0 or e["right"] > PHONE["width"] + 1]
    assert entries and not clipped, clipped
    tooltips = page.locator(".tooltip").evaluate_all(
        "tips => tips.filter(t => t.checkVisibility({opacityProperty: true})).length"
    )
    assert tooltips == 0, "a tooltip stays on screen after the tap"
    _shot(page, "contents-drawer-phone")
    label = first.inner_text().strip()
    first.tap()
    drawer.wait_for(state="hidden")
    assert re.search(r"#[\w-]+$", page.url), page.url
    heading = page.get_by_role("heading", name=re.compile(re.escape(label.split(". ", 1)[-1])))
    assert heading.first.is_visible()
    assert not phone.traffic.problems(), phone.traffic.problems()


# --- readers' pages first -----------------------------------------------------------------------


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _next(site: Path, path: str) -> str | None:
    """The page the "Next" link of *path* leads to (relative to the site root), if any."""
    link = _soup(site, path).select_one("a.right-next")
    if link is None:
        return None
    target = (site / path).parent / str(link["href"]).split("#")[0]
    return target.resolve().relative_to(site.resolve()).as_posix()


def _toctree(caption: str) -> list[str]:
    """The entries of the toctree of ``docs/index.md`` with *caption*, in order."""
    text = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    block = text.split(f":caption: {caption}\n", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip() and ":" not in line]


def test_a_readers_next_never_leads_into_the_contributors_pages(site: Path) -> None:
    readers = [
        p for p in _pages(site)
        if p.startswith(("docs/", "chapters/")) and p not in CONTRIBUTORS
    ]
    chain, path = [], "docs/index.html"
    while path is not None:
        chain.append(path)
        path = _next(site, path)
        assert path not in CONTRIBUTORS, f"{chain[-1]} leads into {path}"
        assert path not in chain, "the Next chain loops"
    assert set(chain) == set(readers), set(readers) ^ set(chain)
    # The back matter, in the order the reader meets it.
    back = [p for p in chain if p.startswith("docs/") and chain.index(p) > chain.index(
        CHAPTERS[-1])]
    assert back == [f"docs/{d}.html" for d in _toctree("Back matter")], back
    # The contributors' part is read on its own, and does not lead back out either.
    assert _next(site, CONTRIBUTORS[0]) == CONTRIBUTORS[1]
    assert _soup(site, CONTRIBUTORS[0]).select_one("a.left-prev") is None


def test_the_sidebar_has_its_own_section_for_contributors_and_an_index(site: Path) -> None:
    soup = _soup(site, CHAPTERS[0])
    captions = [c.get_text(strip=True) for c in soup.select(".bd-sidebar-primary p.caption")]
    assert captions[-1] == "For contributors and adopters", captions
    index = soup.select_one(".handbook-sidebar-index a")
    assert index is not None and index.get_text(strip=True) == "Index"
    assert (site / CHAPTERS[0]).parent.joinpath(str(index["href"])).resolve() == (
        site / "genindex.html"
    ).resolve()
