"""Bibliography data: biblatex's default data model (biber is the oracle), name lists, ISBN/ISSN
check digits and months."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lint_fixtures import HERE, check_json

from sphinx_claims import datamodel
from sphinx_claims.lint.bib import isbn_problem, issn_problem, month_problem, name_list_problem

FIXTURE = HERE / "datamodel"
MISSING = re.compile(r"Entry '(?P<key>[^']+)' \([^)]*\): Missing mandatory field "
                     r"(?:'(?P<field>[^']+)'|- one of '(?P<fields>[^']+)' must be defined)")


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    return check_json(FIXTURE, tmp_path_factory.mktemp("dm") / "findings.json")[1]


def _required(linted: list[dict[str, object]]) -> dict[str, list[set[str]]]:
    found: dict[str, list[set[str]]] = {}
    for f in linted:
        if f["code"] == "BIB004":
            match = re.match(r"entry '([^']+)' \(@\w+\) lacks required field (.+)$",
                             str(f["message"]))
            assert match, f
            found.setdefault(match[1], []).append(set(match[2].split(" or ")))
    return found


def test_every_field_biber_requires_is_a_bib004(linted, tmp_path):
    """``biber --tool --validate-datamodel`` (crossref resolved, as biblatex does) is the oracle:
    each missing mandatory field it reports is a BIB004 of the same entry and field(s)."""
    biber = shutil.which("biber")
    assert biber, "biber is missing: tools/system-deps.sh installs it (Debian package biber)"
    bib = Path(shutil.copy(FIXTURE / "refs.bib", tmp_path / "refs.bib"))  # biber writes a .blg
    proc = subprocess.run(
        [biber, "--tool", "--tool-resolve", "--validate-datamodel", "--nodieonerror",
         "--output-file", str(tmp_path / "out.bib"), str(bib)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    reported = [(m["key"], {m["field"]} if m["field"] else set(m["fields"].split(", ")))
                for m in MISSING.finditer(proc.stdout + proc.stderr)]
    assert len(reported) >= 25, proc.stdout[-2000:]
    linter = _required(linted)
    for key, fields in reported:
        alternatives = linter.get(key, [])
        assert any(req <= fields or fields <= req for req in alternatives if req & fields), (
            key, fields, alternatives)
    # biber's invalid ISSN/ISBN are BIB011 here
    bad_numbers = {f["message"].split("'")[1] for f in linted if f["code"] == "BIB011"}
    assert "art-bad-issn" in bad_numbers and "Invalid ISSN" in proc.stdout + proc.stderr
    assert "book-bad-isbn" in bad_numbers and "ISBN '978-0-306-40615-6'" in proc.stdout


def test_collections_and_references_need_an_editor(linted):
    required = _required(linted)
    for key in ("inc-no-editor", "suppcoll-no-editor", "inref-no-editor"):
        assert {"editor"} in required[key]


def test_a_crossref_parent_lends_fields_as_biblatex_inherits_them(linted):
    """A collection's title becomes its chapter's booktitle; its editor and date are inherited."""
    assert "inc-from-parent" not in _required(linted)
    assert datamodel.inherited("collection", "incollection", {"title", "editor"}) == {
        "booktitle", "editor"}
    assert datamodel.inherited("periodical", "article", {"title"}) == {"journaltitle"}
    assert datamodel.inherited("book", "book", {"title", "ids"}) == {"title"}


def test_complete_entries_pass(linted):
    keys = {f["message"].split("'")[1] for f in linted if f["code"] != "BIB009"}
    assert not {"art-complete", "book-isbn10", "coll-parent"} & keys


def test_name_list_month_and_numbers_are_reported_where_written(linted):
    rows = {(f["code"], f["line"], f["column"]) for f in linted}
    assert ("BIB010", 42, 23) in rows  # the author field of kydland1977
    assert ("BIB012", 44, 18) in rows


@pytest.mark.parametrize(
    ("value", "bad"),
    [
        ("Kydland, Finn E. and Prescott, Edward C.", False),
        ("Kydland, Finn E., and Edward C. Prescott", True),
        ("Smith, John, Doe, Jane", True),
        ("von Last, Jr, First", False),
        ("{Barnes and Noble} and Writer, Some", False),
        ("Writer, Some and", True),
        ("One and and Two", True),
        ("{{Xinhua}}", False),
    ],
)
def test_name_lists(value, bad):
    assert (name_list_problem(value) is not None) is bad


@pytest.mark.parametrize(
    ("value", "ok"),
    [("978-0-306-40615-7", True), ("978-0-306-40615-6", False), ("0-306-40615-2", True),
     ("0-306-40615-3", False), ("0-8044-2957-X", True), ("12345", False)],
)
def test_isbn_check_digits(value, ok):
    assert (isbn_problem(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0317-8471", True), ("0317-8472", False), ("2434-561X", True), ("1234", False)],
)
def test_issn_check_digits(value, ok):
    assert (issn_problem(value) is None) is ok


@pytest.mark.parametrize(("value", "ok"), [("3", True), ("03", True), ("12", True),
                                           ("13", False), ("sep", True), ("Sept.", False),
                                           ("March 2021", False), ("0", False)])
def test_months(value, ok):
    assert (month_problem(value) is None) is ok
