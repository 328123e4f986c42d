"""The search index's stemmer: PyStemmer, the C build of the Snowball stemmers.

Sphinx stems every word of every page with ``snowballstemmer``, which hands the work to
PyStemmer when it is installed (the lock installs it: about 100 times faster). The browser's
search stems the reader's query with Sphinx's JavaScript build of the same algorithm, so the C
stemmer must give exactly the stems of the pure-Python one that ``snowballstemmer`` ships (its
oracle here) on the book's own vocabulary, in both languages.
"""

from __future__ import annotations

import re

import pytest
import snowballstemmer
from snowballstemmer.dutch_stemmer import DutchStemmer
from snowballstemmer.english_stemmer import EnglishStemmer

from conftest import REPO

PURE_PYTHON = {"english": EnglishStemmer, "dutch": DutchStemmer}


def vocabulary() -> list[str]:
    """Every word of the chapters, the book's pages, the bibliography and the Dutch catalogs,
    lower-cased as Sphinx's search lower-cases them."""
    files = [*REPO.glob("chapters/*.md"), *REPO.glob("docs/*.md"), REPO / "references.bib",
             *REPO.glob("locales/nl/LC_MESSAGES/*.po")]
    words = {w.lower() for f in files for w in re.findall(r"\w+", f.read_text(encoding="utf-8"))}
    return sorted(words)


def test_the_search_index_is_stemmed_by_pystemmer() -> None:
    stemmer = snowballstemmer.stemmer("english")
    assert type(stemmer).__module__ == "Stemmer", type(stemmer)


@pytest.mark.parametrize("language", PURE_PYTHON)
def test_pystemmer_gives_the_pure_python_stems_of_every_word_of_the_book(language: str) -> None:
    words = vocabulary()
    assert len(words) > 2000 and any(not w.isascii() for w in words)
    fast, oracle = snowballstemmer.stemmer(language), PURE_PYTHON[language]()
    assert [fast.stemWord(w) for w in words] == [oracle.stemWord(w) for w in words]
