"""The handbook's own changelog: every recorded edition (editions/) against the one before, and
the current sources against the newest.

Expected entries come from the recorded registers and the linter's export of the sources (the
diffs the page is built from), never from today's counts: the site's page lists exactly those
changes, every withdrawal declared in a changes.toml keeps its old permalink on its old page, and
every number of every edition can be looked up. The PDF carries the same changelog as back
matter.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, BuildResult, PdfBuild
from sphinx_claims.editions import classify, history, lineage
from sphinx_claims.lint import config, export

EDITIONS = REPO / "editions"


@pytest.fixture(scope="module")
def expected() -> tuple[history.History, dict[str, classify.Change]]:
    """The recorded editions, and every change the page must list, by its entry's id: those
    since the newest edition (``change-<label>``), then each edition's against the one before
    (``change-<version>-<label>``)."""
    recorded = history.load(EDITIONS)
    assert recorded.latest is not None
    current, errors = export.records(config.load(REPO))
    assert not errors
    changes = {lineage.entry_id(c.label): c
               for c in classify.diff(recorded.latest.records, current, recorded.pending)}
    for before, after in itertools.pairwise(recorded.editions):
        changes |= {lineage.entry_id(c.label, after.version): c
                    for c in classify.diff(before.records, after.records, after.declarations)}
    return recorded, changes


def page(built: BuildResult, name: str) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_edition_01_is_the_register_of_commit_9de2408() -> None:
    recorded = history.load(EDITIONS)
    assert [e.version for e in recorded.editions][:1] == ["0.1"]
    assert recorded.editions[0].commit == "9de2408"
    assert recorded.editions[0].records == history.read_records(EDITIONS / "0.1" / "claims.json")


def test_the_site_lists_every_change_since_the_last_edition(
    built_handbook: BuildResult, expected: tuple[history.History, dict[str, classify.Change]]
) -> None:
    assert built_handbook.returncode == 0, built_handbook.stderr
    _recorded, changes = expected
    doc = page(built_handbook, "docs/changes.html")
    shown = {}
    for box in doc.select("div.claims-change"):
        head = box.select_one("p.claims-change-head").get_text(" ", strip=True)
        shown[box["id"]] = tuple(w.strip() for w in head.rsplit(":", 1)[1].split(","))
    assert changes, "no recorded or pending change: the page would test nothing"
    assert shown == {entry: c.changes for entry, c in changes.items()}
    for entry, change in changes.items():
        if change.reason:
            assert change.reason in doc.find(id=entry).get_text(" ")


def test_withdrawn_claims_keep_their_permalinks_and_old_numbers_their_rows(
    built_handbook: BuildResult, expected: tuple[history.History, dict[str, classify.Change]]
) -> None:
    recorded, _changes = expected
    published = recorded.published()
    withdrawn = recorded.withdrawn()
    assert withdrawn, "no withdrawal recorded: nothing to follow"
    for label, (_edition, withdrawal) in withdrawn.items():
        target = published[label][1]["url"]
        html, anchor = target.split("#")
        notice = page(built_handbook, html).find(id=anchor)
        assert notice is not None and "withdrawn" in notice.get_text(), target
        if withdrawal.merged_into:
            assert notice.select_one("a")["href"].endswith(f"#claim-{withdrawal.merged_into}")
    rows = page(built_handbook, "docs/changes.html")
    for edition in recorded.editions:
        for record in edition.records:
            row = f"old-{edition.version}-{record['number']}"
            assert rows.find(id=row) is not None, row


def test_the_pdf_has_the_changelog_as_back_matter(
    pdf_book: PdfBuild, expected: tuple[history.History, dict[str, classify.Change]]
) -> None:
    pdf = next(pdf_book.latex_dir.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if "Changes in this edition" in p.split("\n", 1)[0]]
    body = " ".join(" ".join(pages).split())
    assert pages, "no page is headed 'Changes in this edition'"
    recorded, changes = expected
    for change in changes.values():
        assert f"({change.label})" in body or f"({change.label}):" in body, change.label
    for edition in recorded.editions:
        assert f"Claim numbers of edition {edition.version}" in body


def test_the_release_tool_refuses_a_dirty_tree(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "release.py"), "0.2", "--root", str(tmp_path)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "uncommitted changes" in done.stderr and "Traceback" not in done.stderr
