"""A claim's ``:evidence:`` in every output: the HTML box (a closed disclosure), the JSON-LD,
the register; ``claims.json``, print and CLM009 have their tests beside the other fields'."""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from claims_build import Built, build, copy_root


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(copy_root("claims", tmp_path_factory.mktemp("evidence") / "src"))


def test_the_box_ends_with_a_closed_disclosure(book: Built) -> None:
    soup = BeautifulSoup(book.page("chapters/one.html"), "html.parser")
    box = soup.select_one("div#claim-second-claim")
    details = box.find_all(recursive=False)[-1]
    assert details.name == "details" and "claim-evidence" in details["class"]
    assert not details.has_attr("open")  # on demand: never a wall of quotes
    assert details.summary.get_text() == "Evidence (1 passage)"
    items = [li.get_text() for li in details.select("li")]
    assert items == ["beta2024, p. 3: a small drill of two ships"]
    assert details.select_one("q.claim-evidence-passage").get_text() == "a small drill of two ships"
    assert soup.select_one("div#claim-first-claim details") is None  # no evidence, no control


def test_json_ld_gives_the_passage_under_its_source(book: Built) -> None:
    soup = BeautifulSoup(book.page("chapters/one.html"), "html.parser")
    script = soup.select_one('script[type="application/ld+json"]')
    item = next(i for i in json.loads(script.string)["@graph"]
                if i["identifier"] == "second-claim")
    works = {work["identifier"]: work for work in item["citation"]}
    assert works["beta2024"]["hasPart"] == [
        {"@type": "Quotation", "text": "a small drill of two ships", "position": "p. 3"}
    ]
    assert "hasPart" not in works["alpha2025"]


def test_the_register_gives_the_locator_after_the_source(book: Built) -> None:
    soup = BeautifulSoup(book.page("register.html"), "html.parser")
    row = soup.select_one("#register-second-claim")
    locator = row.select_one(".claims-register-locator")
    assert locator.get_text() == " (p. 3)"
    assert "Beta" in locator.find_previous_sibling().get_text()


def test_a_reader_on_a_phone_opens_the_evidence(book: Built) -> None:
    """At 390 px the passage is hidden until the reader taps "Evidence", then shown, within the
    screen's width (headless Chromium, the page served over HTTP as a site would be)."""
    handler = functools.partial(_Quiet, directory=str(book.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--headless=new", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/chapters/one.html")
            box = page.locator("#claim-second-claim")
            passage = box.locator("q.claim-evidence-passage")
            assert not passage.is_visible()
            summary = box.locator("details.claim-evidence > summary")
            assert summary.bounding_box()["height"] >= 24  # a target a thumb can hit
            summary.click()
            assert passage.is_visible()
            assert passage.inner_text() == "a small drill of two ships"
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""
