"""The linter finds the project upward from where it runs, and says when it has no bibliography."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinx_claims.lint import cli

FIXTURE = Path(__file__).parent / "fixtures" / "jupyterbook"
UNCITED = "\n:::{claim}\n:label: unsourced\n:kind: fact\nThe rail link opened in 2019.\n:::\n"


def _check(cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
           *args: str) -> tuple[int, list[tuple[str, str, int]], str]:
    monkeypatch.chdir(cwd)
    status = cli.main(["check", "--no-cache", "--output-format", "json", *args])
    out, err = capsys.readouterr()
    found = [(f["path"], f["code"], f["line"]) for f in json.loads(out)]
    return status, found, err


def test_a_run_from_a_jupyter_book_subfolder_finds_the_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Path(shutil.copytree(FIXTURE, tmp_path / "book"))
    with (book / "chapters" / "harbours.md").open("a", encoding="utf-8") as chapter:
        chapter.write(UNCITED)
    status, found, err = _check(book / "chapters", monkeypatch, capsys)
    assert (status, found, err) == (1, [("harbours.md", "CLM001", 20)], "")


def test_a_run_from_a_sphinx_subfolder_finds_conf_py(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs" / "part").mkdir(parents=True)
    (tmp_path / "docs" / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]\n'
        'myst_enable_extensions = ["colon_fence"]\nbibtex_bibfiles = ["refs.bib"]\n')
    shutil.copy(FIXTURE / "references.bib", tmp_path / "docs" / "refs.bib")
    (tmp_path / "docs" / "part" / "page.md").write_text(
        "# Page\n\n:::{claim}\n:label: cited\n:kind: fact\nA fact {cite:p}`writer2020`.\n:::\n")
    status, found, err = _check(tmp_path / "docs" / "part", monkeypatch, capsys)
    assert (status, err) == (1, "")  # the entry office2024 is never cited: BIB009, no CIT001
    assert [code for _, code, _ in found] == ["BIB009"]


def test_no_bibliography_is_a_warning_not_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "page.md").write_text(
        "# Page\n\n:::{claim}\n:label: cited\n:kind: fact\nA fact {cite:p}`writer2020`.\n:::\n")
    status, found, err = _check(tmp_path, monkeypatch, capsys)
    assert status == 1 and ("page.md", "CIT001", 6) in found
    assert err.startswith("sphinx-claims: warning: no bibliography found")


def test_the_book_folder_as_a_path_is_the_whole_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``sphinx-claims check book`` checks what ``check`` run in the book checks, BIB009 too;
    a chapter's folder alone is a partial run (no book-wide unused entries)."""
    book = Path(shutil.copytree(FIXTURE, tmp_path / "book"))
    with (book / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@book{unused2001, author = {Nobody, N.}, title = {Never Cited},\n"
                  "  publisher = {P}, year = {2001}}\n")
    _, whole, _ = _check(book, monkeypatch, capsys)
    status, named, err = _check(tmp_path, monkeypatch, capsys, "book")
    assert "BIB009" in {code for _, code, _ in whole}
    assert (status, err) == (1, "")
    assert sorted(code for _, code, _ in named) == sorted(code for _, code, _ in whole)
    _, part, _ = _check(tmp_path, monkeypatch, capsys, "book/chapters")
    assert "BIB009" not in {code for _, code, _ in part}


def test_every_myst_extension_of_config_yml_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Path(shutil.copytree(FIXTURE, tmp_path / "book"))
    config_yml = book / "_config.yml"
    config_yml.write_text(config_yml.read_text(encoding="utf-8").replace(
        "    - dollarmath\n", "    - dollarmath\n    - linkify\n    - tasklist\n"),
        encoding="utf-8")
    from sphinx_claims.lint import config

    settings = config.load(book)
    assert {"colon_fence", "dollarmath", "linkify", "tasklist"} <= settings.myst.enable_extensions
    status, found, err = _check(book, monkeypatch, capsys)
    assert (status, found, err) == (0, [], "")
