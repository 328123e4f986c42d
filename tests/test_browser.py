"""The built handbook in a real browser: headless Debian Chromium, driven by Playwright.

The site is built once per session (``built_handbook``), served by a stdlib HTTP server on
127.0.0.1, and opened in one browser per module. Every request that does not go to the local
server is blocked and recorded, so a CDN font, script or analytics call fails the tests.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
CHAPTERS = ("chapters/russia-pakistan.html", "chapters/sino-russian.html")
HOME = "docs/index.html"
REGISTER = "docs/register.html"


# --- the site and the browser ------------------------------------------------------------------


PDF_NAME = "russias-asian-partnerships.pdf"


@pytest.fixture(scope="module")
def site(published_site: Path) -> Path:
    return published_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean; failed requests are caught in the browser."""


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """Serve *site* on 127.0.0.1 at a random free port for the module's tests."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded one), headless."""
    assert CHROMIUM.is_file(), "Chromium is missing: run tools/system-deps.sh (make test does)"
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Traffic:
    """What the page did that it should not have: errors, failures, requests leaving localhost."""

    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in vars(self).items() if v}

    def clear(self) -> None:
        for recorded in vars(self).values():
            recorded.clear()


@dataclass
class Tab:
    page: Page
    traffic: Traffic
    base_url: str

    def open(self, path: str) -> Page:
        self.page.goto(self.base_url + path, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A fresh browser context and page that records errors and blocks non-local requests."""
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    traffic = Traffic()

    def guard(route, request) -> None:  # type: ignore[no-untyped-def]
        if _is_local(request.url):
            route.continue_()
        else:
            traffic.external.append(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: traffic.console_errors.append(f"{msg.location.get('url')}: {msg.text}")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda exc: traffic.console_errors.append(f"uncaught: {exc}"))
    page.on(
        "requestfailed",
        lambda req: None
        if not _is_local(req.url)  # recorded as external already
        else traffic.failed.append(f"{req.url}: {req.failure}"),
    )
    page.on(
        "response",
        lambda resp: traffic.failed.append(f"{resp.url}: HTTP {resp.status}")
        if resp.status >= 400
        else None,
    )
    yield Tab(page, traffic, base_url)
    context.close()


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith(("_", "."))
    )


# --- every page --------------------------------------------------------------------------------


def test_site_has_the_pages_a_reader_expects(site: Path) -> None:
    pages = _pages(site)
    for expected in ("index.html", HOME, *CHAPTERS, "search.html", "genindex.html"):
        assert expected in pages, pages


def test_every_page_loads_cleanly_and_stays_on_localhost(site: Path, tab: Tab) -> None:
    problems: dict[str, dict[str, list[str]]] = {}
    for path in _pages(site):
        page = tab.open(path)
        assert page.title(), f"{path} has no title"
        if tab.traffic.problems():
            problems[path] = tab.traffic.problems()
        tab.traffic.clear()
    assert not problems, json.dumps(problems, indent=2)


def test_site_root_redirects_into_the_book(tab: Tab) -> None:
    page = tab.open("index.html")
    page.wait_for_url(re.compile(r"/docs/index\.html$"))
    assert page.locator("article h1").first.is_visible()
    assert not tab.traffic.problems(), tab.traffic.problems()


# --- search ------------------------------------------------------------------------------------


def _words(html: Path) -> list[str]:
    """The words of a page's article text, in reading order."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    return re.findall(r"[A-Za-z]{7,}", article.get_text(" "))


def distinctive_term(site: Path, chapter: str) -> str:
    """The first long word of *chapter* that no other chapter uses."""
    others = {w.lower() for c in CHAPTERS if c != chapter for w in _words(site / c)}
    for word in _words(site / chapter):
        if word.lower() not in others:
            return word
    raise AssertionError(f"{chapter} has no word of its own")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_search_finds_a_distinctive_term_and_links_to_its_chapter(
    site: Path, tab: Tab, chapter: str
) -> None:
    term = distinctive_term(site, chapter)
    page = tab.open(f"search.html?q={term}")
    page.wait_for_function(
        "() => /Search finished/.test("
        "document.querySelector('#search-results')?.textContent ?? '')",
        timeout=15_000,
    )
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(a => a.href)"
    )
    assert any(urlsplit(h).path.endswith("/" + chapter) for h in hrefs), (term, hrefs)
    link = page.locator(f"#search-results ul.search li a[href*='{chapter}']").first
    link.click()
    page.wait_for_url(re.compile(re.escape(chapter)))
    assert not tab.traffic.problems(), tab.traffic.problems()


# --- claim anchors -----------------------------------------------------------------------------


def _claim_links(site: Path, page: str, selector: str) -> list[str]:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return [str(a["href"]) for a in soup.select(selector) if "#claim-" in str(a.get("href", ""))]


def first_claim_ref(site: Path) -> tuple[str, str]:
    """A ``{claim:ref}`` link to another page if there is one (else any): (page, href)."""
    found = [
        (page, href)
        for page in _pages(site)
        for href in _claim_links(site, page, "a:has(span.claim-ref)")
    ]
    assert found, "no {claim:ref} link in the built site"
    return next(((p, h) for p, h in found if not h.startswith("#")), found[0])


def assert_lands_on_claim(tab: Tab, page_path: str, href: str) -> None:
    """Click the link with *href* on *page_path*; the claim it names must be on screen."""
    page = tab.open(page_path)
    label = href.split("#claim-", 1)[1]
    link = page.locator(f'a[href="{href}"]').first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(rf"#claim-{re.escape(label)}$"))
    page.wait_for_load_state("networkidle")
    claim = page.locator(f"#claim-{label}")
    assert claim.is_visible()
    # The claim's top is in the viewport and not hidden under the sticky header: the element
    # the reader sees just inside its top-left corner belongs to the claim.
    covered_by = page.evaluate(
        """(id) => {
            const el = document.getElementById(id);
            const box = el.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + 8, Math.max(box.top, 0) + 8);
            return {top: box.top, height: window.innerHeight,
                    inside: !!hit && (el === hit || el.contains(hit))};
        }""",
        f"claim-{label}",
    )
    assert 0 <= covered_by["top"] < covered_by["height"], covered_by
    assert covered_by["inside"], f"claim-{label} is covered: {covered_by}"
    assert not tab.traffic.problems(), tab.traffic.problems()


def test_claim_ref_link_lands_on_the_visible_claim(site: Path, tab: Tab) -> None:
    page, href = first_claim_ref(site)
    assert_lands_on_claim(tab, page, href)


def test_register_link_lands_on_the_visible_claim(site: Path, tab: Tab) -> None:
    links = _claim_links(site, REGISTER, "article a")
    assert links, "the register links to no claim"
    # The last claim of the register: the farthest down its page, so scrolling must work.
    assert_lands_on_claim(tab, REGISTER, links[-1])


# --- the PDF ----------------------------------------------------------------------------------


def test_download_pdf_returns_the_pdf(site: Path, tab: Tab) -> None:
    page = tab.open(CHAPTERS[1])
    link = page.locator("a", has_text="Download PDF").first
    assert link.count() and link.is_visible(), "no visible Download PDF link"
    # All four corners are the link's own: nothing (the page header) covers any part of it.
    corners = link.evaluate(
        """a => { const r = a.getBoundingClientRect();
                  return [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
                          [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]].map(
                      ([x, y]) => { const hit = document.elementFromPoint(x, y);
                                    return !!hit && a.contains(hit); }); }"""
    )
    assert all(corners), f"the Download PDF link is partly covered: {corners}"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == PDF_NAME
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    assert data == (site / PDF_NAME).read_bytes()
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert not tab.traffic.problems(), tab.traffic.problems()


# --- accessibility and screenshots -------------------------------------------------------------

AXE_PAGES = (HOME, *CHAPTERS, REGISTER)


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violations(site: Path, tab: Tab, path: str) -> None:
    assert (site / path).is_file(), f"{path} was not built"
    assert AXE.is_file(), "axe-core is missing: run `npm ci` in tests/browser (make test does)"
    page = tab.open(path)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    serious = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, json.dumps(serious, indent=2)
    assert not tab.traffic.problems(), tab.traffic.problems()


SCREENSHOTS = {"home": HOME, "chapter": CHAPTERS[0], "register": REGISTER}


@pytest.mark.parametrize("name", SCREENSHOTS)
def test_screenshot_is_written_as_an_artifact(site: Path, tab: Tab, name: str) -> None:
    path = SCREENSHOTS[name]
    assert (site / path).is_file(), f"{path} was not built"
    page = tab.open(path)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert target.stat().st_size > 10_000, "the screenshot looks blank"
