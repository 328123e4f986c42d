"""'Sources cited in this chapter': one list per citing document, from the cite domain data."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from sphinx_claims.ext.chapter_sources import HEADING, citations_for

ROOT = REPO / "tests" / "roots" / "test-chapter-sources"
EXPECTED = {"one": ["alpha2020", "beta2021"], "two": ["beta2021", "gamma2022"]}


def listed_keys(html: str) -> list[str] | None:
    """The keys in the page's sources list, in order; None when it has no list."""
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one("div.chapter-sources")
    if box is None:
        return None
    assert box.select_one("p.rubric").get_text() == HEADING
    return [
        next(c for c in li["class"] if c.startswith("cite-key-")).removeprefix("cite-key-")
        for li in box.select("li")
    ]


@pytest.mark.sphinx("html", testroot="chapter-sources")
def test_html_lists_exactly_the_cited_sources(app) -> None:
    app.build()
    out = Path(app.outdir)
    for doc, keys in EXPECTED.items():
        assert listed_keys((out / f"{doc}.html").read_text(encoding="utf-8")) == keys
    assert listed_keys((out / "plain.html").read_text(encoding="utf-8")) is None
    assert listed_keys((out / "bibliography.html").read_text(encoding="utf-8")) is None


@pytest.mark.sphinx("html", testroot="chapter-sources")
def test_html_items_link_to_the_full_bibliography(app) -> None:
    app.build()
    out = Path(app.outdir)
    soup = BeautifulSoup((out / "one.html").read_text(encoding="utf-8"), "html.parser")
    bib = BeautifulSoup((out / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    for li in soup.select("div.chapter-sources li"):
        link = li.select_one("a.reference")
        page, _, anchor = link["href"].partition("#")
        assert page == "bibliography.html"
        target = bib.find(id=anchor)
        assert target is not None
        assert link.get_text() in target.get_text()  # the same [n] label
    # the list is the last thing in the chapter's top-level section, after its subsections
    section = soup.select_one("section")
    assert section.find_all(recursive=False)[-1]["class"] == ["chapter-sources", "docutils",
                                                              "container"]


@pytest.mark.sphinx("latex", testroot="chapter-sources")
def test_latex_puts_each_list_at_the_end_of_its_chapter(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "sources.tex").read_text(encoding="utf-8")
    parts = re.split(r"\\label\{\\detokenize\{([^}:]+)::doc\}\}", tex)
    segments = dict(zip(parts[1::2], parts[2::2], strict=True))
    domain = app.env.get_domain("cite")
    ids = {c.key: f"cite.{c.bibliography_key.docname}:{c.citation_id}" for c in domain.citations}
    for doc, keys in EXPECTED.items():
        listing = segments[doc].split(r"\begin{sphinxuseclass}{chapter-sources}")[1]
        assert HEADING in listing
        found = re.findall(r"\\hyperlink\{(cite\.[^}]+)\}", listing.split(r"\end{itemize}")[0])
        assert found == [ids[k] for k in keys]
    assert "chapter-sources" not in segments["plain"]


@pytest.mark.sphinx("html", testroot="chapter-sources")
def test_citations_for_follows_the_domain_data(app) -> None:
    app.build()
    domain = app.env.get_domain("cite")
    assert [c.key for c in citations_for(domain, "one")] == EXPECTED["one"]
    assert citations_for(domain, "plain") == []
    assert "delta2023" not in {c.key for c in citations_for(domain, "bibliography")}


def _build(src: Path, out: Path, *extra: str) -> None:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", *extra, str(src), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_parallel_and_incremental_builds_keep_the_lists(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    out = tmp_path / "out"
    _build(src, out, "-j", "2")
    for doc, keys in EXPECTED.items():
        assert listed_keys((out / f"{doc}.html").read_text(encoding="utf-8")) == keys
    # chapter two stops citing gamma2022 and starts citing alpha2020; only it is re-read
    (src / "two.md").write_text("# Two\n\nNow {cite:p}`alpha2020,beta2021`.\n", encoding="utf-8")
    _build(src, out, "-j", "2")
    assert listed_keys((out / "two.html").read_text(encoding="utf-8")) == ["alpha2020", "beta2021"]
    assert listed_keys((out / "one.html").read_text(encoding="utf-8")) == EXPECTED["one"]
