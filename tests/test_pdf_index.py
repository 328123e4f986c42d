"""The printed index, read from a real build of the handbook's PDF (its ``.ind`` and text layer).

One headword per concept, "see" references from the glossary's abbreviations and synonyms to
their headword, and subentries wherever a headword would otherwise list more than
:data:`handbook.latex_index.SUBENTRY_AFTER` page references. The glossary's groups are read from
the built site's glossary (the terms of one definition), not written out here.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.latex_index import SUBENTRY_AFTER

from conftest import PDF_NAME, BuildResult, PdfBuild

#: A page reference in the .ind: \hyperpage{12}, \hyperpage{13, 14}, \hyperpage{19\textendash 22}
#: or the glossary's \hyperindexformat{\spxpagem}{45}.
_PAGES = re.compile(r"\\hyperpage\{([^}]*)\}|\\hyperindexformat\{\\spxpagem\}\{(\d+)\}")
_ITEM = re.compile(r"^\s*\\(item|subitem|subsubitem) \\spxentry\{((?:[^{}]|\{\})*)\}(.*)$")


def _pages(refs: str) -> int:
    """How many pages a run of page references names ("19\\textendash 22" is four)."""
    total = 0
    for plain, main in _PAGES.findall(refs):
        for part in (plain or main).split(","):
            first, _, last = part.replace("\\textendash", "-").partition("-")
            total += int(last) - int(first) + 1 if last.strip() else 1
    return total


def _items(ind: str) -> list[tuple[str, str, str]]:
    """(level, headword, the rest of the entry) for each entry of the .ind, continuation lines
    joined to their entry."""
    items: list[list[str]] = []
    for line in ind.splitlines():
        match = _ITEM.match(line)
        if match:
            items.append([match[1], match[2], match[3]])
        elif items and line.startswith(("\t", "    ")) and "\\item" not in line:
            items[-1][2] += " " + line.strip()
    return [(level, head, rest) for level, head, rest in items]


@pytest.fixture(scope="module")
def ind(pdf_book: PdfBuild) -> str:
    return (pdf_book.latex_dir / f"{PDF_NAME}.ind").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def glossary_groups(built_handbook: BuildResult) -> list[list[str]]:
    """The glossary's terms, one list per definition (an abbreviation with its expansion)."""
    page = Path(built_handbook.outdir, "docs", "glossary.html").read_text(encoding="utf-8")
    groups: list[list[str]] = [[]]
    for node in BeautifulSoup(page, "html.parser").select("dl.glossary > dt, dl.glossary > dd"):
        if node.name == "dt":
            groups[-1].append(node.get_text(strip=True).rstrip("#¶").strip())
        else:
            groups.append([])
    return [g for g in groups if g]


def test_one_headword_per_concept(ind: str) -> None:
    heads = [re.sub(r"\\sphinxhyphen\{\}", "-", head)
             for level, head, _rest in _items(ind) if level == "item"]
    assert heads and len(heads) == len(set(heads)), sorted(h for h in heads if heads.count(h) > 1)


def test_abbreviations_and_synonyms_point_to_their_headword(
    ind: str, glossary_groups: list[list[str]], pdf_book: PdfBuild
) -> None:
    pairs = [(name, max(group, key=len)) for group in glossary_groups if len(group) > 1
             for name in group if name != max(group, key=len)]
    assert pairs, glossary_groups
    text = subprocess.run(["pdftotext", "-enc", "UTF-8",
                           str(pdf_book.latex_dir / f"{PDF_NAME}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    index_text = " ".join(text[text.rindex("\nIndex\n"):].split())
    for name, head in pairs:
        entry = re.search(rf"\\item \\spxentry\{{{re.escape(name)}\}}(.*)", ind)
        target = head.replace("-", "\\sphinxhyphen{}")
        assert entry and "\\see{" in entry[1] and target in entry[1], (name, entry)
        assert _PAGES.search(entry[1]) is None, f"{name} lists pages of its own"
        assert f"{name}, see {head}" in index_text, name


def test_long_headwords_are_divided_into_subentries(ind: str) -> None:
    items = _items(ind)
    divided = 0
    for position, (level, head, rest) in enumerate(items):
        if level != "item":
            continue
        has_subentries = position + 1 < len(items) and items[position + 1][0] == "subitem"
        divided += has_subentries
        assert _pages(rest) <= SUBENTRY_AFTER or has_subentries, (head, _pages(rest))
    assert divided >= 3  # Russia, China, Pakistan at least: the chapters name them throughout


def test_attributed_people_keep_a_page_reference_per_claim(ind: str) -> None:
    items = _items(ind)
    start = next(i for i, (level, head, _) in enumerate(items)
                 if level == "item" and head == "Korybko, Andrew")
    refs = items[start][2]
    for level, _head, rest in items[start + 1:]:
        if level == "item":
            break
        refs += rest
    assert _pages(refs) >= 4, refs
