"""One edition: docs/conf.py's release, CITATION.cff and the "How to cite" page agree."""

from __future__ import annotations

import runpy
import time

import yaml
from handbook.edition import CODE_LICENCE, Edition

from conftest import REPO


def _conf() -> dict[str, object]:
    return runpy.run_path(str(REPO / "docs" / "conf.py"))


def test_citation_cff_names_the_release_title_and_url_of_conf_py() -> None:
    conf = _conf()
    edition = conf["edition"]
    assert isinstance(edition, Edition)
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == conf["release"] == edition.release
    assert cff["title"] == edition.full_title
    assert cff["url"] == cff["repository-code"] == conf["repository_url"] == edition.url
    assert [a["name"] for a in cff["authors"]] == [conf["author"]]
    assert cff["license"] == ["CC-BY-4.0", CODE_LICENCE]


def test_how_to_cite_takes_its_version_and_citation_from_conf_py() -> None:
    page = (REPO / "docs" / "how-to-cite.md").read_text(encoding="utf-8")
    conf = _conf()
    assert "{{ handbook_citation }}" in page and "{{ handbook_bibtex }}" in page
    assert conf["release"] not in page  # written nowhere but in conf.py
    subs = conf["myst_substitutions"]
    assert isinstance(subs, dict)
    assert f"Version {conf['release']}" in subs["handbook_citation"]
    assert f"version  = {{{conf['release']}}}" in subs["handbook_bibtex"]


def test_citation_text_is_chicago_author_date() -> None:
    edition = Edition("Russia’s Asian Partnerships", "a handbook", "The contributors", "2.0",
                      "https://example.org/book", time.gmtime(1790000000))
    assert edition.citation == (
        "The contributors. 2026. Russia’s Asian Partnerships — a handbook. Version 2.0. "
        "https://example.org/book."
    )
    assert edition.citation_markdown == (
        "The contributors. 2026. *Russia’s Asian Partnerships — a handbook*. Version 2.0. "
        "https://example.org/book."
    )
    assert edition.build_date == "21 September 2026"
    assert edition.label == "Version 2.0"
