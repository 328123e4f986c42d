"""Offline checks over the built HTML: every internal link resolves, every asset is local.

No network: internal ``href``/``src`` values must name a built file and, with a fragment, an
``id`` on that page; scripts, stylesheets, fonts and images must come from the build itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

# Attributes that load something into the page (a request) or that a reader follows (a link).
RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}
LINK_TAGS = ("a", "area", "link")
# <link rel=...> values that do not fetch anything.
NON_FETCHING_RELS = {"canonical", "alternate", "author", "license", "me"}
CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3"""
)


@dataclass(frozen=True)
class Ref:
    page: str
    tag: str
    value: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag}> {self.value!r}"


@pytest.fixture(scope="module")
def site(published_site: Path) -> Path:
    """The site as published (with the PDF, when branch pdf is in)."""
    return published_site


def html_pages(site: Path) -> list[Path]:
    """The site's pages (not the theme's template fragments in _static, not _sources)."""
    return sorted(
        p for p in site.rglob("*.html")
        # in any language's folder (nl/_static too)
        if not {"_static", "_sources", ".doctrees"} & set(p.relative_to(site).parts[:-1])
    )


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = _soup(path)
    ids = {str(el["id"]) for el in soup.find_all(id=True)}
    ids |= {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def _is_external(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme) or value.startswith("//")


def resolve(site: Path, page: Path, value: str) -> str | None:
    """Why an internal reference *value* on *page* does not resolve, or None when it does."""
    parts = urlsplit(value)
    target = page
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(site.resolve()):
            return "points outside the site"
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"no file {target.relative_to(site.resolve())}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _ids(target):
        return f"no id {fragment!r} in {target.name}"
    return None


def references(site: Path) -> list[tuple[Path, Ref]]:
    """Every href/src/data value of every page, with the page it is on."""
    found: list[tuple[Path, Ref]] = []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        soup = _soup(page)
        for tag in soup.find_all([*LINK_TAGS, *RESOURCE_ATTRS]):
            attr = "href" if tag.name in LINK_TAGS else RESOURCE_ATTRS[tag.name]
            value = tag.get(attr)
            if isinstance(value, str) and value.strip():
                found.append((page, Ref(name, tag.name, value.strip())))
    return found


def test_site_has_pages_and_links(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 5, pages
    assert len(references(site)) > 100


def test_every_internal_link_and_fragment_resolves(site: Path) -> None:
    broken = []
    for page, ref in references(site):
        if _is_external(ref.value):
            continue
        problem = resolve(site, page, ref.value)
        if problem:
            broken.append(f"{ref}: {problem}")
    assert not broken, "\n".join(broken)


def test_no_link_runs_script(site: Path) -> None:
    scripted = [
        str(ref) for _, ref in references(site)
        if urlsplit(ref.value).scheme.lower() in {"javascript", "vbscript", "data"}
        and ref.tag in LINK_TAGS
    ]
    assert not scripted, scripted


def test_no_page_loads_anything_from_the_network(site: Path) -> None:
    remote = []
    for page, ref in references(site):
        if not _is_external(ref.value) or urlsplit(ref.value).scheme == "data":
            continue
        if ref.tag == "a" or ref.tag == "area":
            continue  # a link the reader may follow, not a request the page makes
        if ref.tag == "link":
            rels = set(_rel(page, ref))
            if rels and rels <= NON_FETCHING_RELS:
                continue
        remote.append(str(ref))
    assert not remote, remote


def _rel(page: Path, ref: Ref) -> list[str]:
    for link in _soup(page).find_all("link", href=ref.value):
        return [str(r).lower() for r in link.get("rel") or []]
    return []


def css_urls(text: str) -> list[str]:
    return [m.group("url") or m.group("imp") for m in CSS_URL.finditer(text)]


def test_css_loads_fonts_and_images_only_from_the_build(site: Path) -> None:
    sheets = sorted((site / "_static").rglob("*.css"))
    assert sheets
    remote, missing = [], []
    for sheet in sheets:
        for url in css_urls(sheet.read_text(encoding="utf-8", errors="replace")):
            parts = urlsplit(url)
            if parts.scheme == "data" or not url:
                continue
            if _is_external(url):
                remote.append(f"{sheet.relative_to(site)}: {url}")
            elif not (sheet.parent / unquote(parts.path)).resolve().is_file():
                missing.append(f"{sheet.relative_to(site)}: {url}")
    for page in html_pages(site):
        for style in _soup(page).find_all("style"):
            remote += [f"{page.relative_to(site)}: {u}" for u in css_urls(style.get_text())
                       if _is_external(u) and not u.startswith("data:")]
    assert not remote, remote
    assert not missing, missing


def test_no_mathjax_analytics_or_cdn_in_any_page(site: Path) -> None:
    suspects = re.compile(
        r"mathjax|googletagmanager|google-analytics|plausible|cdn\.jsdelivr|cdnjs|unpkg|"
        r"fonts\.googleapis|fonts\.gstatic",
        re.IGNORECASE,
    )
    hits = []
    for page in html_pages(site):
        soup = _soup(page)
        for tag in soup.find_all(["script", "link"]):
            blob = " ".join([str(tag.get("src") or ""), str(tag.get("href") or ""), tag.get_text()])
            if suspects.search(blob):
                hits.append(f"{page.relative_to(site)}: {str(tag)[:120]}")
    assert not hits, hits


# --- the checker itself ------------------------------------------------------------------------


def test_checker_reports_a_missing_page_and_a_missing_fragment(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<p id="here"><a href="b.html#nowhere">x</a><a href="#here">y</a>'
        '<a href="c.html">z</a></p>'
    )
    (tmp_path / "b.html").write_text('<p id="somewhere">b</p>')
    page = tmp_path / "a.html"
    assert resolve(tmp_path, page, "#here") is None
    assert resolve(tmp_path, page, "b.html#somewhere") is None
    assert resolve(tmp_path, page, "b.html#nowhere") == "no id 'nowhere' in b.html"
    assert resolve(tmp_path, page, "c.html") == "no file c.html"
    assert resolve(tmp_path, page, "../outside.html") == "points outside the site"


def test_css_url_extraction() -> None:
    css = (
        "@import \"../basic.css\";\n"
        "a{background:url(data:image/svg+xml;x)} b{src:url('../f/fa.woff2') format('woff2')}"
        " c{background:url( \"https://cdn.example/x.png\" )}"
    )
    assert css_urls(css) == [
        "../basic.css", "data:image/svg+xml;x", "../f/fa.woff2", "https://cdn.example/x.png",
    ]


# --- author–year citations: one per work, and the entry starts with it (Chicago author-date) ----


def _label(text: str) -> str:
    return " ".join(text.split()).strip("()[] ")


def test_citation_labels_are_author_year_and_the_same_everywhere(site: Path) -> None:
    """Every citation of a work ("Xinhua 2021a") is the same, no two works share one, and the
    work's bibliography entry begins with that author and year (no "[label]" before it)."""
    bibliography = _soup(site / "docs" / "bibliography.html")
    entries = {
        entry["id"]: entry.get_text(" ", strip=True)
        for entry in bibliography.select("div.citation")
    }
    assert entries, "the bibliography has no entries"
    assert not bibliography.select("div.citation span.label")

    def target(a) -> str:  # type: ignore[no-untyped-def]
        return str(a["href"]).rsplit("#", 1)[1]

    labels: dict[str, str] = {}
    seen = 0
    for page in [*sorted((site / "chapters").glob("*.html")), site / "docs" / "register.html"]:
        soup = _soup(page)
        for a in soup.select("span.bibtex-citation a.reference.internal"):
            label = labels.setdefault(target(a), _label(a.get_text()))
            assert _label(a.get_text()) == label, (page.name, a.get_text())
            seen += 1
    assert seen > 50, seen
    assert len(set(labels.values())) == len(labels), "two works share a label"
    assert not [label for label in labels.values() if re.fullmatch(r"\d+", label)], labels
    xinhua = sorted(label for label in labels.values() if label.startswith("Xinhua 2021"))
    assert xinhua == ["Xinhua 2021a", "Xinhua 2021b"], xinhua
    for key, label in labels.items():
        author, _, year = label.rpartition(" ")
        surname = author.split(" and ")[0].replace("'", "’")
        assert entries[key].startswith(surname), (label, entries[key])
        assert f". {year}" in entries[key], (label, entries[key])


def test_every_claim_shows_its_certainty_and_pages_have_a_legend(site: Path) -> None:
    import json

    records = {r["label"]: r for r in json.loads((site / "claims.json").read_text("utf-8"))}
    shown = 0
    for page in sorted((site / "chapters").glob("*.html")):
        soup = _soup(page)
        legends = soup.select("p.claims-legend")
        assert len(legends) == 1, page.name
        assert legends[0].select_one("a[href$='how-to-read.html#claims']"), page.name
        for box in soup.select("div.claim[id^='claim-']"):
            record = records[box["id"].removeprefix("claim-")]
            badge = box.select_one("p.claim-meta .claim-badge")
            assert badge is not None, box["id"]
            assert badge.get_text(" ", strip=True) == f"Certainty {record['certainty']}"
            shown += 1
    assert shown == sum(r["docname"].startswith("chapters/") for r in records.values())
    assert any(r["certainty"] == "confirmed" for r in records.values())
