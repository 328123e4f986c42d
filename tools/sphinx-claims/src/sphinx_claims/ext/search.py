"""Diacritic-insensitive full-text search: "Haishenwai" and "Haisenwai" find "Haišenwai".

The English search language is extended so that every word with marks is indexed three times:
as written, without its marks (``š`` → ``s``) and in the usual English transliteration of the
letters that have one (``š`` → ``sh``, ``ž`` → ``zh``, ``č`` → ``ch``). The browser's query is
not changed: whichever of the three forms a reader types, the index holds it. The site script
folds claims the same way (:data:`TRANSLITERATION` is mirrored in ``static/claims.js``).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from sphinx.search.en import SearchEnglish

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Letters whose English transliteration is not the bare letter.
TRANSLITERATION = {"š": "sh", "ž": "zh", "č": "ch", "ß": "ss", "æ": "ae", "ø": "o", "ł": "l"}


def strip_marks(word: str) -> str:
    """``Haišenwai`` → ``Haisenwai``: decompose, drop combining marks."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def transliterate(word: str) -> str:
    """``Haišenwai`` → ``Haishenwai``; other marked letters lose their marks."""
    return strip_marks("".join(TRANSLITERATION.get(ch, ch) for ch in word.lower()))


def variants(word: str) -> list[str]:
    """*word* and its unmarked forms, without repeats."""
    if word.isascii():
        return [word]
    return list(dict.fromkeys([word, strip_marks(word), transliterate(word)]))


class FoldingSearchEnglish(SearchEnglish):
    """English, with every marked word also indexed in its unmarked forms."""

    def split(self, input: str) -> list[str]:
        return [form for word in super().split(input) for form in variants(word)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(FoldingSearchEnglish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
