"""How the handbook cites, on the site and in print alike: "(Hofstede 2021; Xinhua 2021)".

sphinxcontrib-bibtex's ``author_year`` style writes "[Hofstede, 2021, Xinhua, 2021]", where the
comma separates both an author from a year and one citation from the next. The ``handbook``
referencing style (``bibtex_reference_style`` in ``docs/conf.py``) is the same style with
author–date conventions: parentheses, a space between author and year, a semicolon between
citations; textual citations read "Hofstede (2021)".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NAME = "handbook"
#: Between two citations in one bracket.
CITATION_SEP = "; "
#: Between the author and the year.
AUTHOR_YEAR_SEP = " "


def _brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep=CITATION_SEP)


def _textual() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep=CITATION_SEP)


@dataclass
class HandbookReferenceStyle(AuthorYearReferenceStyle):
    """Author–date citations: "(Hofstede 2021; Xinhua 2021)", "Hofstede (2021)"."""

    bracket_parenthetical: BracketStyle = field(default_factory=_brackets)
    bracket_textual: BracketStyle = field(default_factory=_textual)
    bracket_author: BracketStyle = field(default_factory=_brackets)
    bracket_label: BracketStyle = field(default_factory=_brackets)
    bracket_year: BracketStyle = field(default_factory=_brackets)
    author_year_sep: str = AUTHOR_YEAR_SEP


def setup(app: Sphinx) -> dict[str, Any]:
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAME, HandbookReferenceStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
