"""The built handbook in a real browser: headless Debian Chromium, driven by Playwright.

The site is built once per session (``built_handbook``), served by a stdlib HTTP server on
127.0.0.1, and opened in one browser per module. Every request that does not go to the local
server is blocked and recorded, so a CDN font, script or analytics call fails the tests.

Nothing waits for a fixed time or under a short limit: each wait is for the state the test needs
(a result's snippet, an ended transition, a URL), with Playwright's default limit, so a loaded
machine makes the tests slower, never red.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Request,
    Route,
    sync_playwright,
)

from conftest import REPO
from sphinx_claims.writers.heading import curly

pytestmark = pytest.mark.slow  # the published site with its PDF (started first)

CHROMIUM = Path("/usr/bin/chromium")
#: Every request to another host than the loopback address goes to a proxy nobody runs, so it
#: fails at once and never leaves the machine (Chromium always goes straight to loopback).
OFFLINE_PROXY = "--proxy-server=http://127.0.0.1:9"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    OFFLINE_PROXY,
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


def _offline(context: BrowserContext, traffic: Traffic) -> None:
    """Record every request of the context's pages that is not local as external (the browser's
    :data:`OFFLINE_PROXY` stops it). Read from the context's request events: routing every
    request through Playwright to look at it made each page load about a third slower."""

    def record(request: Request) -> None:
        if not _is_local(request.url):
            traffic.external.append(request.url)

    context.on("request", record)


def _record_failures(page: Page, traffic: Traffic) -> None:
    """Record local requests that fail or answer 4xx/5xx.

    A request still under way when the tab starts a new navigation belongs to the page being
    left (a late favicon, a preview's data, a redirected page's own document); the browser
    cancelling it (``net::ERR_ABORTED``) is the reader leaving, not a fault of the site.
    """
    pending: set[Request] = set()
    left_behind: set[Request] = set()

    def started(request: Request) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            left_behind.update(pending)
        pending.add(request)

    def finished(request: Request) -> None:
        pending.discard(request)
        left_behind.discard(request)

    def failed(request: Request) -> None:
        cancelled = request in left_behind and request.failure == "net::ERR_ABORTED"
        finished(request)
        if _is_local(request.url) and not cancelled:  # a non-local one is recorded as external
            traffic.failed.append(f"{request.url}: {request.failure}")

    page.on("request", started)
    page.on("requestfinished", finished)
    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda resp: traffic.failed.append(f"{resp.url}: HTTP {resp.status}")
        if resp.status >= 400
        else None,
    )


def watch(page: Page, traffic: Traffic, console: bool = True) -> None:
    """Record the page's uncaught errors (and, if *console*, its console errors) and its failed
    local requests in *traffic*."""
    if console:
        page.on(
            "console",
            lambda msg: traffic.console_errors.append(f"{msg.location.get('url')}: {msg.text}")
            if msg.type == "error"
            else None,
        )
    page.on("pageerror", lambda exc: traffic.console_errors.append(f"uncaught: {exc}"))
    _record_failures(page, traffic)


def load_each(
    tab: Tab, paths: list[str], console: bool = True, at_once: int = 6
) -> Iterator[tuple[str, Page, Traffic]]:
    """Open every path in a page of its own in *tab*'s browser context, *at_once* pages loading
    side by side, and yield each, in order, once its network is idle, with what it recorded
    (:func:`watch`); the page is closed when the caller moves on. The result is what one tab
    opening each path in turn sees; only the waits for idle overlap. A request blocked as
    off-site is recorded in *tab*'s traffic (the context's guard, :func:`_offline`)."""
    context = tab.page.context
    for start in range(0, len(paths), at_once):
        loading = []
        for path in paths[start:start + at_once]:
            page, traffic = context.new_page(), Traffic()
            watch(page, traffic, console)
            page.goto(tab.base_url + path, wait_until="commit")
            loading.append((path, page, traffic))
        for path, page, traffic in loading:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
            yield path, page, traffic
        for _, page, _ in loading:
            page.close()


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A fresh browser context and page that records errors and blocks non-local requests."""
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    traffic = Traffic()

    _offline(context, traffic)
    page = context.new_page()
    watch(page, traffic)
    yield Tab(page, traffic, base_url)
    context.close()


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site, as paths relative to its root."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        # not _static, _sources … of any language's folder (nl/_static too)
        if not any(part.startswith(("_", ".")) for part in p.relative_to(site).parts[:-1])
    )


# --- every page --------------------------------------------------------------------------------


def test_site_has_the_pages_a_reader_expects(site: Path) -> None:
    pages = _pages(site)
    for expected in ("index.html", HOME, *CHAPTERS, "search.html", "genindex.html"):
        assert expected in pages, pages


def test_every_page_loads_cleanly_and_stays_on_localhost(site: Path, tab: Tab) -> None:
    problems: dict[str, dict[str, list[str]]] = {}
    for path, page, traffic in load_each(tab, _pages(site)):
        assert page.title(), f"{path} has no title"
        if traffic.problems():
            problems[path] = traffic.problems()
    assert not problems, json.dumps(problems, indent=2)
    assert not tab.traffic.problems(), tab.traffic.problems()


def test_a_request_cancelled_by_leaving_the_page_is_no_failure(tab: Tab) -> None:
    held: list[Route] = []
    tab.page.route("**/held-back", lambda route: held.append(route))  # never answered
    page = tab.open(HOME)
    with page.expect_request("**/held-back"):
        page.evaluate("() => { fetch('held-back').catch(() => {}); }")
    with page.expect_event("requestfailed"):
        tab.open(CHAPTERS[0])
    assert held and not tab.traffic.failed, tab.traffic.failed


def test_a_request_cancelled_while_the_reader_stays_is_a_failure(tab: Tab) -> None:
    tab.page.route("**/refused", lambda route: route.abort("connectionrefused"))
    page = tab.open(HOME)
    with page.expect_event("requestfailed"):
        page.evaluate("() => { fetch('refused').catch(() => {}); }")
    with page.expect_event("requestfailed"):  # cancelled by the page itself, not by leaving
        page.evaluate("""() => { const stop = new AbortController();
                                 fetch('../_static/favicon.svg?late', {signal: stop.signal})
                                   .catch(() => {});
                                 stop.abort(); }""")
    assert [f.rsplit("/", 1)[1] for f in tab.traffic.failed] == [
        "refused: net::ERR_CONNECTION_REFUSED",
        "favicon.svg?late: net::ERR_ABORTED",
    ], tab.traffic.failed


def test_a_request_off_the_machine_is_recorded_and_never_sent(tab: Tab) -> None:
    """The guard the other tests rely on: a page's request to another host (by name or by
    address) is recorded as external, and fails at the browser's proxy at once."""
    page = tab.open(HOME)
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.append(str(request.failure)))
    for url in ("https://example.org/off-site.png", "http://192.0.2.1/off-site.png"):
        started = time.monotonic()
        with page.expect_event("requestfailed", timeout=10_000):
            page.evaluate("url => { fetch(url).catch(() => {}); }", url)
        assert time.monotonic() - started < 5, f"{url} waited for a network"
    assert tab.traffic.external == ["https://example.org/off-site.png",
                                    "http://192.0.2.1/off-site.png"]
    assert failures and all("PROXY" in failure or "TUNNEL" in failure for failure in failures), (
        failures)
    assert not tab.traffic.failed, tab.traffic.failed  # not a fault of the site


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
    # The pointer passing over the link asks for its preview, whose data the page then fetches
    # (claims.js loads it at a reader's first preview); following the link may cancel that
    # fetch, which _record_failures does not count.
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
    page.get_by_role("button", name="Download the handbook").click()
    link = page.get_by_role("link", name=re.compile(r"^PDF \(\d+(\.\d)? [kM]B\)$"))
    link.wait_for(state="visible")
    # All four corners are the link's own: nothing (the page header) covers any part of it.
    corners = link.evaluate(
        """a => { const r = a.getBoundingClientRect();
                  return [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2],
                          [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]].map(
                      ([x, y]) => { const hit = document.elementFromPoint(x, y);
                                    return !!hit && a.contains(hit); }); }"""
    )
    assert all(corners), f"the PDF link is partly covered: {corners}"
    href = link.evaluate("a => a.href")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == PDF_NAME
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    assert data == (site / PDF_NAME).read_bytes()
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert not tab.traffic.problems(), tab.traffic.problems()


# --- accessibility and screenshots -------------------------------------------------------------

def axe_violations(page: Page) -> list[dict]:
    """What axe-core finds wrong on the page as it is now: id, impact, help, first targets."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` in tests/browser (make test does)"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
    ]


def serious_violations(page: Page) -> list[dict]:
    """The violations axe-core rates serious or critical."""
    return [v for v in axe_violations(page) if v["impact"] in {"serious", "critical"}]


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


# --- as a reader, on a phone and on a desktop -------------------------------------------------

WIDTHS = {"phone": (390, 844), "desktop": (1400, 900)}
CHAPTER_2 = CHAPTERS[1]


@pytest.fixture(scope="module", params=list(WIDTHS))
def reader_page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Tab]:
    """One page per width, reused by the module's reader tests (offline, clipboard allowed)."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        permissions=["clipboard-read", "clipboard-write"],
        has_touch=width < 600,
    )
    traffic = Traffic()

    _offline(context, traffic)
    page = context.new_page()
    page.on(
        "pageerror",
        lambda exc: traffic.console_errors.append(f"uncaught on {page.url}: {exc} {exc.stack}"),
    )
    _record_failures(page, traffic)
    tab = Tab(page, traffic, base_url)
    tab.width = request.param  # type: ignore[attr-defined]
    yield tab
    context.close()


@pytest.fixture
def reader(reader_page: Tab) -> Iterator[Tab]:
    """The width's page; whatever a test does, no error, no failed or off-site request."""
    reader_page.traffic.clear()
    yield reader_page
    assert not reader_page.traffic.problems(), reader_page.traffic.problems()


def _shot(tab: Tab, name: str, full_page: bool = False) -> None:
    """Save what the reader sees as ``test-artifacts/<name>-<width>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / f"{name}-{tab.width}.png"), full_page=full_page)  # type: ignore[attr-defined]


def _claims(site: Path) -> list[dict]:
    return json.loads((site / "claims.json").read_text(encoding="utf-8"))


def test_the_visible_menu_button_opens_the_chapters_and_leads_to_chapter_2(reader: Tab) -> None:
    page = reader.open(CHAPTERS[0])
    button = page.locator(".bd-header-article button.primary-toggle")
    assert button.is_visible(), "no visible menu button in the article header"
    link = page.get_by_role("link", name=re.compile(r"^2\. China and Russia"))
    if reader.width == "phone":  # type: ignore[attr-defined]
        assert not link.first.is_visible(), "the chapter list is open before the tap"
        button.focus()
        page.keyboard.press("Enter")  # the keyboard opens it …
        dialog = page.locator("#pst-primary-sidebar-modal")
        dialog.wait_for(state="visible")
        page.keyboard.press("Escape")
        dialog.wait_for(state="hidden")
        button.tap()  # … and so does a finger
        dialog.wait_for(state="visible")
        link = dialog.get_by_role("link", name=re.compile(r"^2\. China and Russia"))
    else:
        sidebar = page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        button.click()  # hides the chapter list …
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility"
            " === 'hidden'"
        )
        button.click()  # … and brings it back
        page.wait_for_function(
            "() => getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility"
            " === 'visible'"
        )
        page.wait_for_function(  # the theme's slide-in transition has ended
            "() => document.getAnimations().every(a => a.playState !== 'running')"
        )
    link.first.wait_for(state="visible")
    _shot(reader, "navigation-open")
    link.first.click()
    page.wait_for_url(re.compile(re.escape(CHAPTER_2) + "$"))
    assert page.locator("article h1").first.is_visible()
    assert not reader.traffic.problems(), reader.traffic.problems()


OFF_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    const walker = document.createTreeWalker(
        document.querySelector('article.bd-article'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode;
        if (!text.textContent.trim()) continue;
        const el = text.parentElement;
        if (!el.checkVisibility()) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const box of range.getClientRects()) {
            if (box.width && (box.right > width + 1 || box.left < -1)) {
                out.push(`${el.tagName}.${el.className}: ${text.textContent.trim().slice(0, 40)}`);
                break;
            }
        }
    }
    return {out: out.slice(0, 10), count: out.length,
            scroll: document.documentElement.scrollWidth, width};
}"""


@pytest.mark.parametrize("path", [*CHAPTERS, REGISTER])
def test_no_text_lies_off_screen(reader: Tab, path: str) -> None:
    page = reader.open(path)
    found = page.evaluate(OFF_SCREEN)
    assert not found["count"], found
    assert found["scroll"] <= found["width"], found
    # Dates never break: every "as of 2025-03" is one line box.
    broken = page.eval_on_selector_all(
        ".claim-as-of",
        "els => els.filter(e => e.getClientRects().length > 1).map(e => e.textContent)",
    )
    assert not broken, broken
    if path == REGISTER:
        _shot(reader, "register")


def test_one_search_field_at_every_width(reader: Tab) -> None:
    for path in (HOME, CHAPTER_2, "search.html"):
        page = reader.open(path)
        # A field (or the theme's field-shaped button); the header's icon is not a field.
        fields = page.locator("button.search-button-field, input[type=search]")
        visible = [i for i in range(fields.count()) if fields.nth(i).is_visible()]
        assert len(visible) <= 1, (path, len(visible))
        entries = page.locator(
            "button.search-button-field, input[type=search], button.search-button"
        )
        assert any(entries.nth(i).is_visible() for i in range(entries.count())), path


def open_filters(page: Page) -> None:
    """Open the register's filter panel, as a reader taps "Filters" in its bar."""
    panel = page.locator("details.claims-register-panel")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    page.locator("#claims-filter-text").wait_for(state="visible")


def _count(page: Page) -> tuple[int, int]:
    text = page.locator(".claims-register-count").inner_text()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return (numbers[0], numbers[0]) if len(numbers) == 1 else (numbers[0], numbers[1])


@pytest.mark.parametrize(
    ("control", "field"), [("kind", "kind"), ("certainty", "certainty")]
)
def test_register_filters_agree_with_claims_json(
    site: Path, reader: Tab, control: str, field: str
) -> None:
    claims = _claims(site)
    page = reader.open(REGISTER)
    assert _count(page) == (len(claims), len(claims))
    open_filters(page)
    select = page.locator(f"#claims-filter-{control}")
    values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    value = next(v for v in values if 0 < sum(c[field] == v for c in claims) < len(claims))
    select.select_option(value)
    expected = sum(c[field] == value for c in claims)
    assert _count(page) == (expected, len(claims))
    visible = page.locator("table.claims-register tbody tr:visible")
    assert visible.count() == expected
    labels = {c["label"] for c in claims if c[field] == value}
    shown = visible.evaluate_all("rows => rows.map(r => r.id.replace('register-', ''))")
    assert set(shown) == labels
    assert f"{control}={value}" in page.url
    _shot(reader, f"register-{control}-{value}")
    assert not reader.traffic.problems(), reader.traffic.problems()


def test_register_view_is_shared_by_its_url(site: Path, reader: Tab) -> None:
    claims = _claims(site)
    page = reader.open(REGISTER)
    open_filters(page)
    page.locator("#claims-filter-certainty").select_option("probable")
    page.locator("#claims-filter-text").fill("Hofstede")
    page.locator("#claims-filter-sort").select_option("kind")
    shared = page.url
    before = page.locator("table.claims-register tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.id)"
    )
    assert 0 < len(before) < len(claims)
    page.goto(shared)  # as a reader following a link someone sent
    page.wait_for_load_state("networkidle")
    assert "Hofstede" in page.locator(".claims-register-panel summary").inner_text()
    assert page.locator("#claims-filter-certainty").input_value() == "probable"
    assert page.locator("#claims-filter-text").input_value() == "Hofstede"
    assert page.locator("#claims-filter-sort").input_value() == "kind"
    after = page.locator("table.claims-register tbody tr:visible").evaluate_all(
        "rows => rows.map(r => r.id)"
    )
    assert after == before
    assert _count(page)[0] == len(before)


def _citation_file() -> dict[str, str]:
    """Title, version and first author of ``CITATION.cff`` (the oracle for the site's)."""
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    author = cff["authors"][0]["name"]
    return {"title": cff["title"], "version": str(cff["version"]), "author": author}


def test_copy_citation_puts_the_claims_citation_on_the_clipboard(
    site: Path, reader: Tab
) -> None:
    claim = next(c for c in _claims(site) if c["docname"] == CHAPTER_2.removesuffix(".html"))
    page = reader.open(CHAPTER_2)
    box = page.locator(f"#claim-{claim['label']}")
    button = box.get_by_role("button", name="Copy citation")
    button.scroll_into_view_if_needed()
    assert box.get_by_role("link", name="Permalink").get_attribute("href") == (
        f"#claim-{claim['label']}"
    )
    button.click()
    page.locator(f"#claim-{claim['label']} .claim-copy-status").wait_for(state="visible")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    today = page.evaluate(  # as How to cite and "Cite this page" write it: 5 December 2026
        "() => new Date().toLocaleDateString('en-GB', "
        "{day: 'numeric', month: 'long', year: 'numeric'})")
    cff = _citation_file()
    built = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))  # as conf.py
    expected = (  # Chicago author-date, as How to cite gives it
        f"{curly(cff['author'])}. {built.tm_year}. {cff['title']}. Version {cff['version']}. "
        f"Claim {claim['number']} (label {claim['label']}). "
        f"{reader.base_url}{claim['url']}. Accessed {today}."
    )
    assert copied == expected
    _shot(reader, "copy-citation")


def test_a_search_without_diacritics_lands_on_the_claim(site: Path, reader: Tab) -> None:
    claim = next(c for c in _claims(site) if "Haišenwai" in c["text"])
    page = reader.open("search.html?q=Haishenwai")
    results = page.locator(".claims-search-results")
    results.wait_for()
    page.wait_for_function(
        "() => /Search finished/.test("
        "document.querySelector('#search-results')?.textContent ?? '')",
    )
    pages = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
    assert any(CHAPTER_2 in href for href in pages), pages
    _shot(reader, "search-haishenwai")
    results.get_by_role("link", name=f"Claim {claim['number']}", exact=True).click()
    page.wait_for_url(re.compile(rf"#claim-{re.escape(claim['label'])}$"))
    assert page.locator(f"#claim-{claim['label']}").is_visible()


def test_search_ranks_chapters_above_the_bibliography_without_theme_text(reader: Tab) -> None:
    page = reader.open("search.html?q=Korybko")
    page.wait_for_function(
        "() => /Search finished/.test("
        "document.querySelector('#search-results')?.textContent ?? '')",
    )
    first = page.locator("#search-results ul.search li a").first.get_attribute("href") or ""
    assert first.startswith("chapters/"), first
    page.wait_for_function(  # each result's snippet is fetched after the list is shown
        "() => [...document.querySelectorAll('#search-results ul.search li')]"
        ".every(li => li.querySelector(':scope > span, :scope > p.context'))"
    )
    snippets = page.locator("#search-results ul.search").inner_text()
    assert "System Settings" not in snippets and "Light Dark" not in snippets


def test_tab_to_a_citation_shows_its_reference_and_citing_claims(
    site: Path, reader: Tab
) -> None:
    page = reader.open(CHAPTER_2)
    href = page.evaluate(
        """() => {
            const link = document.querySelector('.claim span.bibtex-citation a.reference.internal');
            const all = [...document.querySelectorAll('a[href], button:not([hidden]), input')]
                .filter(e => e.checkVisibility());
            const before = all[all.indexOf(link) - 1];
            before.focus();
            return link.href;
        }"""
    )
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.href") == href
    preview = page.locator("#claims-reference-preview")
    preview.wait_for(state="visible")
    # the page loads its claims data at the first preview (not before): the key is read from it
    key = page.evaluate(
        """(href) => {
            const entry = href.split('/').pop();  // "bibliography.html#id12"
            return Object.keys(window.sphinxClaimsData.sources)
                .find(k => window.sphinxClaimsData.sources[k].url.endsWith(entry));
        }""", href)
    target = {"href": href, "key": key}
    citing = [c["number"] for c in _claims(site) if target["key"] in c["sources"]]
    text = preview.inner_text()
    assert "Cited by Claim " + ", ".join(citing) in text, text
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    assert focused == "claims-reference-preview"
    box = preview.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    _shot(reader, "citation-preview")
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_footer_names_the_licences_and_the_edition(reader: Tab) -> None:
    page = reader.open(HOME)
    footer = page.locator("footer.bd-footer-content").inner_text().replace("\xa0", " ")
    cff = _citation_file()
    licences = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["license"]
    assert licences == ["CC-BY-4.0", "MIT"]  # the SPDX names, as the footer words them:
    assert "CC BY 4.0" in footer and "MIT" in footer, footer
    assert f"version {cff['version']}" in footer, footer
    assert page.locator("link[rel='icon']").count() == 1
    assert page.title().count("Russia") == 1  # the title once


@pytest.mark.parametrize("path", [HOME, *CHAPTERS, REGISTER, "search.html?q=Haishenwai"])
def test_axe_at_both_widths(site: Path, reader: Tab, path: str) -> None:
    assert (site / path.partition("?")[0]).is_file(), f"{path} was not built"
    serious = serious_violations(reader.open(path))
    assert not serious, json.dumps(serious, indent=2)


@pytest.mark.parametrize("path", [HOME, CHAPTER_2, REGISTER])
def test_axe_in_dark_mode(reader: Tab, path: str) -> None:
    """A reader whose system asks for dark colours gets the dark theme, with readable contrast
    (claim boxes, badges, register table included)."""
    page = reader.page
    page.emulate_media(color_scheme="dark")
    try:
        reader.open(path)
        page.evaluate("() => localStorage.removeItem('mode')")  # no choice made on the site
        reader.open(path)
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        serious = serious_violations(page)
        _shot(reader, f"dark-{path.replace('/', '-').removesuffix('.html')}")
        assert not serious, json.dumps(serious, indent=2)
    finally:
        page.emulate_media(color_scheme="light")


def test_the_site_root_opens_the_book_at_once(reader: Tab) -> None:
    page = reader.page
    page.goto(reader.base_url, wait_until="load")
    # no timing: "at once" is the page's own script (location.replace) and a 0 s refresh
    page.wait_for_url(re.compile(r"/docs/index\.html$"))
    _shot(reader, "root")
