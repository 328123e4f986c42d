"""Reproducible builds: the same sources give the same site, however it is built.

* Two clean HTML builds (from two copies of the sources at different paths, with
  ``SOURCE_DATE_EPOCH`` set; one serial, one ``-j 2``) are byte-identical, file by file.
* After one chapter is edited, an incremental rebuild gives the same ``claims.json``, register,
  sources and bibliography pages as those clean builds -- and every other file too, except
  those named in :data:`INCREMENTAL_DIFFERENCES` with the reason.

Doctrees go to a separate directory (``-d``): they are Sphinx's cache, not the published site.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BuildResult, copy_handbook, sphinx_build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
EDITED = "chapters/russia-pakistan.md"
UNTOUCHED_DOCTREE = "chapters/sino-russian.doctree"
CONSISTENT = ("claims.json", "docs/register.html", "docs/sources.html", "docs/bibliography.html")
#: Files an incremental rebuild may write differently from a clean build, and why.
INCREMENTAL_DIFFERENCES = {
    "searchindex.js": (
        "Sphinx 9 keeps search index entries (glossary terms, index directives) of unchanged "
        "documents only in memory: the pickled environment is saved before the write phase "
        "fills them, and IndexBuilder.load() does not read them back from searchindex.js, so "
        "an incremental build drops them. Clean builds (CI, Read the Docs) are unaffected."
    ),
    "searchindex.js.gz": "the gzip twin of searchindex.js (handbook.site_assets), as above",
}

Snapshot = dict[str, str]


def snapshot(outdir: Path) -> Snapshot:
    """Every file under *outdir* with its SHA-256."""
    return {
        p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(outdir.rglob("*"))
        if p.is_file()
    }


def differing(a: Snapshot, b: Snapshot) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def add_claim(chapter: Path) -> str:
    """Insert a new claim right after the chapter's title, citing a key it already cites."""
    text = chapter.read_text(encoding="utf-8")
    keys = re.findall(r"\{cite:[pt]\}`([^`,]+)`", text)
    assert keys, f"{chapter} cites nothing"
    lines = text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("# "))
    claim = [
        "",
        ":::{claim} An edit for the reproducibility test",
        ":label: reproducibility-edit",
        "",
        f"This sentence was added to test incremental builds {{cite:p}}`{keys[0]}`.",
        ":::",
        "",
    ]
    chapter.write_text("\n".join([*lines[: heading + 1], *claim, *lines[heading + 1 :]]) + "\n")
    return "reproducibility-edit"


@dataclass
class Builds:
    before_edit: Snapshot
    incremental: Snapshot
    clean: Snapshot  # serial, from copy b
    parallel: Snapshot  # -j 2, from copy a
    untouched_doctree_reread: bool
    incremental_out: Path


def _build(src: Path, out: Path, *extra: str) -> BuildResult:
    result = sphinx_build(src, out / "html", "-d", str(out / "doctrees"), *extra)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("repro")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        src_a = copy_handbook(root / "a" / "book")
        src_b = copy_handbook(root / "b" / "nested" / "book")
        before = snapshot(_build(src_a, root / "a-out").outdir)
        doctree = root / "a-out" / "doctrees" / UNTOUCHED_DOCTREE
        mtime = doctree.stat().st_mtime_ns
        for src in (src_a, src_b):
            add_claim(src / EDITED)
        incremental = _build(src_a, root / "a-out").outdir
        reread = doctree.stat().st_mtime_ns != mtime
        clean = _build(src_b, root / "b-out").outdir
        parallel = _build(src_a, root / "c-out", "-j", "2").outdir
        return Builds(
            before, snapshot(incremental), snapshot(clean), snapshot(parallel), reread,
            incremental,
        )


def test_two_clean_builds_are_byte_identical(builds: Builds) -> None:
    """Different source paths, serial and -j 2: every file of the site is the same."""
    assert len(builds.clean) > 20
    assert differing(builds.clean, builds.parallel) == []


def test_the_edit_reached_the_site(builds: Builds) -> None:
    """The edit is real: the rebuilt site differs, and the new claim is in claims.json."""
    assert "claims.json" in differing(builds.before_edit, builds.incremental)
    page = (builds.incremental_out / EDITED.replace(".md", ".html")).read_text()
    assert 'id="claim-reproducibility-edit"' in page


def test_rebuild_was_incremental(builds: Builds) -> None:
    assert not builds.untouched_doctree_reread, "the untouched chapter was read again"


@pytest.mark.parametrize("name", CONSISTENT)
def test_claims_register_and_bibliography_agree_across_build_modes(
    builds: Builds, name: str
) -> None:
    assert name in builds.clean, f"{name} was not built"
    digests = {
        "incremental": builds.incremental[name],
        "clean": builds.clean[name],
        "-j 2": builds.parallel[name],
    }
    assert len(set(digests.values())) == 1, digests


def test_incremental_build_differs_only_where_named(builds: Builds) -> None:
    unexplained = [
        name for name in differing(builds.clean, builds.incremental)
        if name not in INCREMENTAL_DIFFERENCES
    ]
    assert unexplained == []
