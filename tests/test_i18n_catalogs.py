"""Every word the extension and the handbook package show has its Dutch translation.

The messages are read from the code as Babel extracts them (``_()`` in Python,
``handbook_gettext()`` in the templates) plus the tables that hold English text for later
translation (the script's messages, the LaTeX words, the edition's fields).
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_dir
from handbook import i18n as handbook_i18n

from conftest import REPO
from sphinx_claims.ext import chapter_sources
from sphinx_claims.outputs import site_data
from sphinx_claims.writers import latex

CLAIMS = REPO / "tools/sphinx-claims/src/sphinx_claims"
HANDBOOK = REPO / "tools/handbook"


def extracted(folder: Path, method: str, pattern: str, keyword: str) -> set[str]:
    found = extract_from_dir(str(folder), [(pattern, method)], keywords={keyword: None})
    return {message for _file, _line, message, _comments, _context in found
            if isinstance(message, str)}


def dutch(catalog: Path) -> dict[str, str]:
    po = polib.pofile(str(catalog))
    return {entry.msgid: entry.msgstr for entry in po.translated_entries()}


def test_every_word_of_the_extension_is_in_dutch() -> None:
    wanted = extracted(CLAIMS, "python", "**.py", "_")
    wanted -= {"replace"}  # a docutils directive's name (source_guard), not a message
    wanted |= set(site_data.SCRIPT_MESSAGES) | set(latex.WORDS.values())
    wanted.add(chapter_sources.HEADING)
    catalog = dutch(CLAIMS / "locale/nl/LC_MESSAGES/sphinx-claims.po")
    assert sorted(wanted - catalog.keys()) == []


@pytest.mark.parametrize("method", ["jinja2", "python"])
def test_every_word_of_the_handbook_package_is_in_dutch(method: str) -> None:
    catalog = dutch(HANDBOOK / "locale/nl/LC_MESSAGES/handbook.po")
    if method == "jinja2":
        wanted = extracted(REPO / "docs/_templates", "jinja2", "**.html", "handbook_gettext")
        assert wanted, "no template message found"
    else:
        wanted = extracted(HANDBOOK, "python", "**.py", "gettext")
        wanted |= {english for _macro, _count, english in handbook_i18n.LATEX_WORDS}
        # docs/conf.py's edition fields (Edition.translated)
        wanted |= {"an annotated reference handbook", "Version {release}"}
    assert sorted(wanted - catalog.keys()) == []
