"""The handbook's own changelog: edition 0.1 (editions/0.1) against the current sources.

Expected entries come from the recorded register and the linter's export of the sources (the
diff the page is built from), never from today's counts: the site's page lists exactly those
changes, every withdrawal declared in changes.toml keeps its old permalink on its old page, and
every number of edition 0.1 can be looked up. The PDF carries the same changelog as back matter.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, BuildResult, PdfBuild
from sphinx_claims.editions import classify, history
from sphinx_claims.lint import config, export

EDITIONS = REPO / "editions"


@pytest.fixture(scope="module")
def expected() -> tuple[history.History, list[classify.Change]]:
    recorded = history.load(EDITIONS)
    assert recorded.latest is not None
    current, errors = export.records(config.load(REPO))
    assert not errors
    return recorded, classify.diff(recorded.latest.records, current, recorded.pending)


def page(built: BuildResult, name: str) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_edition_01_is_the_register_of_commit_9de2408() -> None:
    recorded = history.load(EDITIONS)
    assert [e.version for e in recorded.editions][:1] == ["0.1"]
    assert recorded.editions[0].commit == "9de2408"
    assert recorded.editions[0].records == history.read_records(EDITIONS / "0.1" / "claims.json")


def test_the_site_lists_every_change_since_the_last_edition(
    built_handbook: BuildResult, expected: tuple[history.History, list[classify.Change]]
) -> None:
    assert built_handbook.returncode == 0, built_handbook.stderr
    _recorded, changes = expected
    doc = page(built_handbook, "docs/changes.html")
    shown = {}
    for box in doc.select("div.claims-change"):
        head = box.select_one("p.claims-change-head").get_text(" ", strip=True)
        shown[box["id"].removeprefix("change-")] = tuple(
            w.strip() for w in head.rsplit(":", 1)[1].split(","))
    assert shown == {c.label: c.changes for c in changes}
    for change in changes:
        if change.reason:
            assert change.reason in doc.select_one(f"#change-{change.label}").get_text(" ")


def test_withdrawn_claims_keep_their_permalinks_and_old_numbers_their_rows(
    built_handbook: BuildResult, expected: tuple[history.History, list[classify.Change]]
) -> None:
    recorded, _changes = expected
    assert recorded.latest is not None
    old = recorded.latest.by_label
    for label, (_edition, withdrawal) in recorded.withdrawn().items():
        target = old[label]["url"]
        html, anchor = target.split("#")
        notice = page(built_handbook, html).find(id=anchor)
        assert notice is not None and "withdrawn" in notice.get_text(), target
        if withdrawal.merged_into:
            assert notice.select_one("a")["href"].endswith(f"#claim-{withdrawal.merged_into}")
    rows = page(built_handbook, "docs/changes.html")
    for record in recorded.latest.records:
        assert rows.find(id=f"old-0.1-{record['number']}") is not None, record["number"]


def test_the_pdf_has_the_changelog_as_back_matter(
    pdf_book: PdfBuild, expected: tuple[history.History, list[classify.Change]]
) -> None:
    pdf = next(pdf_book.latex_dir.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if "Changes in this edition" in p.split("\n", 1)[0]]
    body = " ".join(" ".join(pages).split())
    assert pages, "no page is headed 'Changes in this edition'"
    _recorded, changes = expected
    for change in changes:
        assert f"({change.label})" in body or f"({change.label}):" in body, change.label
    assert "Claim numbers of edition 0.1" in body


def test_the_release_tool_refuses_a_dirty_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "release.py"), "0.2", "--root", str(tmp_path)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "uncommitted changes" in done.stderr and "Traceback" not in done.stderr
