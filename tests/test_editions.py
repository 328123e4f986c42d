"""Editions as the user meets them: a fixture book with a recorded edition 0.1 and a changed
next edition (tests/roots/test-editions), kept in a scratch git repository.

Edition 0.1 is recorded from a real Sphinx build of the first commit; the diff of ``git:REV``
is checked against the ``claims.json`` a real build of that revision writes, the planted
changes against a hand-written list, and the changelog, badges and notices in the built HTML
(and, in Chromium, that old permalinks and old numbers land where they should).
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from claims_build import ROOTS, Built, build
from sphinx_claims.editions import classify, history, records

FIXTURE = ROOTS / "test-editions"
#: The changes planted in v2 (tests/roots/test-editions/README.md).
EXPECTED: dict[str, tuple[str, ...]] = {
    "n": ("added",),
    "a": ("renumbered",),
    "b": ("withdrawn",),
    "c": ("regraded",),
    "d": ("resourced",),
}
EDITION_TOML = 'version = "0.1"\ndate = "2026-01-01"\ncommit = "{commit}"\n'


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


class Book:
    def __init__(self, repo: Path, v1: str, v2: str, old: Built, new: Built) -> None:
        self.repo, self.v1, self.v2, self.old, self.new = repo, v1, v2, old, new

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.new.page(name), "html.parser")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    tmp = tmp_path_factory.mktemp("editions")
    repo = tmp / "book"
    shutil.copytree(FIXTURE / "v1", repo)
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "v1",
        "--allow-empty")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "v1")
    v1 = git(repo, "rev-parse", "HEAD")
    old = build(repo, builddir=tmp / "v1-build", fresh=True)
    assert old.statuscode == 0, old.warnings
    edition = repo / "editions" / "0.1"
    edition.mkdir(parents=True)
    shutil.copyfile(old.outdir / "claims.json", edition / "claims.json")
    (edition / "edition.toml").write_text(EDITION_TOML.format(commit=v1[:7]), encoding="utf-8")
    shutil.copytree(FIXTURE / "v2", repo, dirs_exist_ok=True)
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "v2")
    v2 = git(repo, "rev-parse", "HEAD")
    new = build(repo, builddir=tmp / "v2-build", fresh=True)
    return Book(repo, v1, v2, old, new)


def test_both_builds_are_clean(book: Book) -> None:
    assert book.new.statuscode == 0
    assert "WARNING" not in book.new.warnings, book.new.warnings


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_the_git_revision_record_equals_the_builds_claims_json(book: Book, which: str) -> None:
    built = (book.old if which == "v1" else book.new).claims_json()
    exported = records.read(f"git:{getattr(book, which)}", book.repo)
    assert [r["label"] for r in exported] == [r["label"] for r in built]
    for ours, theirs in zip(exported, built, strict=True):
        assert list(ours) == list(theirs)
        for key in theirs:
            assert ours[key] == theirs[key], (theirs["label"], key)


def test_the_diff_classifies_the_planted_changes(book: Book) -> None:
    recorded = history.load(book.repo / "editions")
    assert recorded.latest is not None and recorded.latest.version == "0.1"
    changes = classify.diff(recorded.latest.records, records.read(f"git:{book.v2}", book.repo),
                            recorded.pending)
    assert {c.label: c.changes for c in changes} == EXPECTED
    by_label = {c.label: c for c in changes}
    assert (by_label["a"].old_number, by_label["a"].new_number) == ("1.1", "1.2")
    assert by_label["d"].sources_added == ["gamma2022"]
    assert by_label["b"].merged_into == "a"


def run_cli(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx_claims.lint.cli", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)


def test_the_cli_diff_as_json_and_its_errors(book: Book) -> None:
    done = run_cli(book.repo, "diff", "editions/0.1/claims.json", f"git:{book.v2}",
                   "--format", "json")
    assert done.returncode == 0, done.stderr
    found = {item["label"]: tuple(item["changes"]) for item in json.loads(done.stdout)}
    assert found == EXPECTED
    same = run_cli(book.repo, "diff", f"git:{book.v1}", "editions/0.1/claims.json")
    assert (same.returncode, same.stdout) == (0, "0 changes\n")
    for bad in (["missing.json", "editions/0.1/claims.json"], ["git:nonsense", "git:HEAD"],
                ["editions/0.1/edition.toml", "git:HEAD"]):
        done = run_cli(book.repo, "diff", *bad)
        assert done.returncode == 2, bad
        assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("sphinx-claims: error: "), done.stderr


def entries(page: BeautifulSoup, prefix: str = "change-") -> dict[str, tuple[str, ...]]:
    found = {}
    for box in page.select("div.claims-change"):
        head = box.select_one("p.claims-change-head").get_text(" ", strip=True)
        found[box["id"].removeprefix(prefix)] = tuple(
            word.strip() for word in head.rsplit(":", 1)[1].split(","))
    return found


def test_the_changelog_page_lists_every_planted_change(book: Book) -> None:
    page = book.page("changes.html")
    assert entries(page) == EXPECTED
    regraded = page.select_one("#change-c").get_text(" ", strip=True)
    assert "probable → unverified" in regraded and "Only one source gives the month." in regraded
    assert "gamma2022" in page.select_one("#change-d").get_text(" ", strip=True)
    renumbered = page.select_one("#change-a").get_text(" ", strip=True)
    assert "Claim 1.1 then, Claim 1.2 now" in renumbered
    link = page.select_one("#change-n a")
    assert link["href"] == "one.html#claim-n"


def test_badges_mark_new_and_changed_claims_only(book: Book) -> None:
    page = book.page("one.html")
    badges = {
        badge.find_parent("div", class_="claim")["id"]: (badge.get_text(strip=True), badge["href"])
        for badge in page.select("a.claim-edition-badge")
    }
    assert badges == {
        "claim-n": ("New since 0.1", "changes.html#change-n"),
        "claim-c": ("Changed since 0.1", "changes.html#change-c"),
        "claim-d": ("Changed since 0.1", "changes.html#change-d"),
    }


def test_claims_json_carries_first_edition_and_last_changed(book: Book) -> None:
    found = {r["label"]: (r["first_edition"], r["last_changed"]) for r in book.new.claims_json()}
    assert found == {"n": (None, None), "a": ("0.1", "0.1"), "c": ("0.1", None),
                     "d": ("0.1", None), "e": ("0.1", "0.1")}


def test_the_json_ld_carries_the_editions(book: Book) -> None:
    script = book.page("one.html").select_one('script[type="application/ld+json"]')
    graph = {item["identifier"]: item for item in json.loads(script.string)["@graph"]}
    assert graph["a"]["firstAppearance"] == {"@type": "CreativeWork", "version": "0.1"}
    assert graph["a"]["version"] == "0.1"
    assert "firstAppearance" not in graph["n"] and "version" not in graph["c"]


# --- in the browser ------------------------------------------------------------------------
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


@pytest.fixture(scope="module")
def base_url(book: Book) -> Iterator[str]:
    handler = functools.partial(Quiet, directory=str(book.new.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module", params=[390, 1400], ids=["phone", "desktop"])
def tab(request: pytest.FixtureRequest, base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": request.param, "height": 800})
        yield page
        browser.close()


def in_view(page: object, selector: str) -> bool:
    return bool(page.evaluate(  # type: ignore[attr-defined]
        """(sel) => { const box = document.querySelector(sel).getBoundingClientRect();
        return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight; }""", selector))


def test_a_withdrawn_claims_old_permalink_lands_on_its_notice(tab: object, base_url: str) -> None:
    tab.goto(base_url + "one.html#claim-b")  # type: ignore[attr-defined]
    notice = tab.locator("#claim-b")  # type: ignore[attr-defined]
    text = notice.inner_text()
    assert "withdrawn after edition 0.1" in text and "Merged into a" in text
    assert in_view(tab, "#claim-b")
    notice.locator("a").first.click()
    tab.wait_for_url("**/one.html#claim-a")  # type: ignore[attr-defined]
    assert in_view(tab, "#claim-a")


def test_an_old_number_leads_to_the_right_claim(tab: object, base_url: str) -> None:
    tab.goto(base_url + "changes.html#old-0.1-1.1")  # type: ignore[attr-defined]
    assert in_view(tab, "[id='old-0.1-1.1']")
    row = tab.locator("[id='old-0.1-1.1']")  # type: ignore[attr-defined]
    assert "a" in row.locator("code").inner_text()
    row.locator("a").click()
    tab.wait_for_url("**/one.html#claim-a")  # type: ignore[attr-defined]
    assert in_view(tab, "#claim-a")
    assert "Claim 1.2" in tab.locator("#claim-a").inner_text()  # type: ignore[attr-defined]


# --- make release ------------------------------------------------------------------------
RELEASE = Path(__file__).parent.parent / "tools" / "release.py"


def release(repo: Path, version: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(RELEASE), version, "--conf", "conf.py"],
                          cwd=repo, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def released(book: Book, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    repo = tmp_path_factory.mktemp("release") / "book"
    subprocess.run(["git", "clone", "-q", str(book.repo), str(repo)], check=True)
    done = release(repo, "0.2")
    assert done.returncode == 0, done.stderr
    return repo, build(repo, builddir=repo.parent / "build", fresh=True)


def test_release_records_the_edition_and_sets_the_release(book: Book, released) -> None:
    repo, _built = released
    recorded = history.load(repo / "editions")
    assert [e.version for e in recorded.editions] == ["0.1", "0.2"]
    strip = [{k: v for k, v in r.items() if k not in ("first_edition", "last_changed")}
             for r in book.new.claims_json()]
    assert recorded.editions[1].records == strip
    assert recorded.editions[1].declarations.withdrawn["b"].merged_into == "a"
    assert not recorded.pending.withdrawn and not recorded.pending.notes
    assert 'release = version = "0.2"' in (repo / "conf.py").read_text(encoding="utf-8")


def test_after_a_release_the_changelog_names_the_edition(released) -> None:
    _repo, built = released
    assert "WARNING" not in built.warnings, built.warnings
    page = BeautifulSoup(built.page("changes.html"), "html.parser")
    assert entries(page, "change-0.2-") == EXPECTED
    assert page.select_one("#changes-unreleased") is None
    chapter = BeautifulSoup(built.page("one.html"), "html.parser")
    badges = {b.get_text(strip=True) for b in chapter.select("a.claim-edition-badge")}
    assert badges == {"New in 0.2", "Changed in 0.2"}


def test_release_refuses_an_older_version_and_linter_findings(released) -> None:
    repo, _built = released
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                    "-qm", "0.2"], cwd=repo, check=True)
    done = release(repo, "0.2")
    assert done.returncode == 1 and "not newer" in done.stderr
    one = repo / "one.md"
    one.write_text(one.read_text(encoding="utf-8").replace(" {cite:p}`gamma2022`", ""),
                   encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                    "-qam", "uncited"], cwd=repo, check=True)
    done = release(repo, "0.3")
    assert done.returncode == 1 and "sphinx-claims check found problems" in done.stderr
    assert not (repo / "editions" / "0.3").exists()


def test_a_broken_changes_file_is_one_warning_with_its_line(book: Book, tmp_path: Path) -> None:
    repo = tmp_path / "book"
    shutil.copytree(book.repo, repo, ignore=shutil.ignore_patterns(".git"))
    (repo / "editions" / "changes.toml").write_text('[withdrawn."b"\nreason = "x"\n',
                                                   encoding="utf-8")
    built = build(repo, builddir=tmp_path / "out", fresh=True)
    warnings = [w for w in built.warnings.splitlines() if "WARNING" in w]
    assert len(warnings) == 1 and "changes.toml: invalid TOML" in warnings[0], warnings
    assert "(at line 1" in warnings[0] and "Traceback" not in built.warnings
    lint = run_cli(repo, "check")
    assert lint.returncode == 2 and "changes.toml: invalid TOML" in lint.stderr
    assert "Traceback" not in lint.stderr


def test_moved_reattributed_and_reworded_claims_of_the_built_register(book: Book) -> None:
    """The build's own records, changed as an editor would: every class is found."""
    old = book.new.claims_json()
    new = json.loads(json.dumps(old))
    e = next(r for r in new if r["label"] == "e")
    e.update(docname="two", text="The thaw came late in March.", attributed_to="A. Author",
             title="Thaw")
    found = {c.label: c.changes for c in classify.diff(old, new)}
    assert found == {"e": ("reworded", "reattributed", "moved")}
    assert classify.word_diff("The thaw came in March.", "The thaw came late in March.") == [
        ("=", "The thaw came"), ("+", "late"), ("=", "in March.")]
