"""The benchmark generator writes a buildable book of the requested shape."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pybtex.database import parse_file

from conftest import REPO, sphinx_build

sys.path.insert(0, str(REPO))
from benchmarks.generate import Shape, generate

CITE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")


def _claims(text: str, mode: str) -> list[str]:
    """The bodies of the claims in one chapter's text."""
    opener = ":::{claim}" if mode == "claims" else ":::{admonition} Claim:"
    return [part.split("\n:::", 1)[0] for part in text.split(opener)[1:]]


@pytest.mark.parametrize("config", ["project", "stock"])
def test_book_has_the_requested_shape(tmp_path: Path, config: str) -> None:
    book = generate(tmp_path / "book", Shape(chapters=3, claims=10, entries=6), config)
    mode = "claims" if config == "project" else "admonitions"
    chapters = sorted((book / "chapters").glob("*.md"))
    assert [p.name for p in chapters] == ["ch001.md", "ch002.md", "ch003.md"]
    claims = [c for page in chapters for c in _claims(page.read_text(), mode)]
    assert len(claims) == 10
    entries = parse_file(str(book / "references.bib")).entries
    assert len(entries) == 6
    cited: set[str] = set()
    for body in claims:
        keys = CITE.findall(body)
        assert 1 <= len(keys) <= 3, body
        assert set(keys) <= set(entries)
        cited |= set(keys)
    assert cited == set(entries)  # claims >= entries: every entry is cited
    index = (book / "docs" / "index.md").read_text()
    assert ":numbered:" in index
    assert all(f"/chapters/ch00{i}" in index for i in (1, 2, 3))
    conf = (book / "docs" / "conf.py").read_text()
    assert conf.startswith((REPO / "docs" / "conf.py").read_text())
    namespace: dict[str, object] = {"__file__": str(book / "docs" / "conf.py")}
    exec(compile(conf, "conf.py", "exec"), namespace)
    assert ("sphinx_claims" in namespace["extensions"]) is (config == "project")  # type: ignore[operator]
    if config == "project":
        assert "{claim:ref}" in "".join(p.read_text() for p in chapters)
        assert all(":label: " in body and ":kind: " in body for body in claims)


def test_same_seed_same_book(tmp_path: Path) -> None:
    shape = Shape(chapters=2, claims=8, entries=5, seed=7)
    a = generate(tmp_path / "a", shape, "stock")
    b = generate(tmp_path / "b", shape, "stock")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


@pytest.mark.parametrize(("config", "text"), [("stock", "admonitions"),
                                              ("project", "claims")])
def test_generated_book_builds_without_warnings(tmp_path: Path, config: str, text: str) -> None:
    book = generate(tmp_path / "book", Shape(chapters=2, claims=8, entries=5), config, text)
    result = sphinx_build(book, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = (tmp_path / "html" / "chapters" / "ch002.html").read_text()
    assert "bibtex-citation" in page
    assert "c001-" in page or "c002-" in page
    if text == "claims":
        assert 'id="claim-c002-001"' in page
        assert (tmp_path / "html" / "claims.json").is_file()


def test_bad_shapes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="positive"):
        generate(tmp_path / "x", Shape(chapters=0, claims=1, entries=1))
    with pytest.raises(ValueError, match="config"):
        generate(tmp_path / "x", Shape(1, 1, 1), "other")
