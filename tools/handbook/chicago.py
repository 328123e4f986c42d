"""The handbook's reference lists in the Chicago author-date style.

An entry starts with its authors (the first inverted), then the year as the text cites it
(``2025a``), the title and where it appeared; no bracketed label precedes it::

    Korybko, Andrew. 2025. “Title.” Publisher, 3 March 2025. Accessed 22 November 2026. URL.

It is the extension's ``sphinx-claims-author-year`` style (biblatex fields, notes, "[title not
verified]") with Chicago's order and punctuation; registered under :data:`NAME` for
``bibtex_default_style`` by :func:`setup`. Its ``labelled = False`` tells sphinx-claims' lists
(chapter sources, the sources page, the bibliography) to leave the label out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style.names import lastfirst, plain
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    href,
    join,
    node,
    optional,
    optional_field,
    sentence,
    tag,
    words,
)

from sphinx_claims.bib.style import STYLE, HandbookStyle, access_date, entry_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The name ``docs/conf.py`` gives ``bibtex_default_style``.
NAME = "handbook-chicago"


@node
def names(children: Any, context: dict[str, Any], role: str = "author") -> Text:
    """"Anghel, Suzana, and Ralf Drachenberg": the first name inverted, ", and" before the last."""
    entry = context["entry"]
    persons = entry.persons.get(role)
    if not persons:  # reported as a missing field, as pybtex's own ``names`` does
        raise FieldIsMissing(role, entry)
    first = lastfirst.NameStyle().format(persons[0])
    rest = [plain.NameStyle().format(person) for person in persons[1:]]
    return join(sep=", ", sep2=", and ", last_sep=", and ")[first, *rest].format_data(context)


#: LaTeX's quotation marks inside a quoted title: double quotes within it become single ones.
_INNER_QUOTES = (("``", "\u2018"), ("''", "\u2019"), ("`", "\u2018"), ('"', "'"))


def inner_quotes(latex: str) -> str:
    """A title's own quotation marks as Chicago sets them inside “…”: single ones."""
    for before, after in _INNER_QUOTES:
        latex = latex.replace(before, after)
    return latex


@node
def quoted_title(children: Any, context: dict[str, Any]) -> Text:
    """``“Title.”``: the title in curly quotes, the full stop inside them (none after ? or !)."""
    raw = field("title", raw=True).format_data(context)
    title = Text.from_latex(inner_quotes(str(raw)))
    end = "" if str(title).rstrip().endswith(("?", "!", ".")) else "."
    return Text("\u201c", title, end, "\u201d")


@node
def year(children: Any, context: dict[str, Any]) -> Text:
    """The year as the in-text citation has it (with its letter), ``n.d.`` when there is none."""
    return Text(context["entry"].fields.get("year") or "n.d.")


class ChicagoStyle(HandbookStyle):
    """Chicago author-date entries for the handbook's biblatex data."""

    default_sorting_style = STYLE
    #: Entries carry no label of their own: they begin with the author the text cites.
    labelled: ClassVar[bool] = False

    def _opening(self) -> list[Any]:
        return [sentence[names("author")], sentence[year]]

    def format_web_refs(self, e: Any) -> Any:
        url = field("url", raw=True)
        return join(sep=" ")[
            optional[sentence(capfirst=True)[access_date]],
            optional[sentence[href(url)[url]]],
            optional[sentence[self.format_doi(e)]],
        ]

    def get_online_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            *self._opening(),
            quoted_title,
            sentence[optional_field("organization"), optional[entry_date]],
        )

    def get_report_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            *self._opening(),
            sentence[tag("em")[field("title")]],
            sentence[
                optional_field("type"),
                optional_field("number"),
                optional_field("location"),
                field("institution"),
            ],
        )

    def get_article_template(self, e: Any) -> Any:
        volume = optional[join[field("volume"), optional[" (", field("number"), ")"]]]
        return self._toplevel(
            e,
            *self._opening(),
            quoted_title,
            sentence[
                join(sep=": ")[
                    words[
                        tag("em")[first_of[optional_field("journaltitle"), field("journal")]],
                        volume,
                    ],
                    optional_field("pages"),
                ]
            ],
        )

    def get_book_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            *self._opening(),
            sentence[tag("em")[field("title")], optional[words["vol.", field("volume")]]],
            sentence[join(sep=": ")[optional_field("location"), optional_field("publisher")]],
        )


def setup(app: Sphinx) -> dict[str, Any]:
    pybtex.plugin.register_plugin("pybtex.style.formatting", NAME, ChicagoStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
