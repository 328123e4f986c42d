"""The handbook's pybtex formatting style: biblatex types and fields, dates as readers write them.

pybtex's stock styles know BibTeX's ``year``/``month``/``journal``/``address``; the handbook's
``references.bib`` uses biblatex's ``date``, ``journaltitle``, ``location``, ``urldate``,
``organization`` and ``langid``. This style reads both, shows ``note`` (where the handbook records
what is unconfirmed), marks the fields an entry lists in ``unverified`` ("[title not verified]")
and never hides a field a reader needs to judge a source.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pybtex.exceptions import PybtexError
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
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
from sphinx.util import logging

logger = logging.getLogger(__name__)

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def human_date(value: str) -> str:
    """``2021-12-16`` → ``16 December 2021``; ``2025-03`` → ``March 2025``; else unchanged."""
    match = _ISO.match(value.strip())
    if not match:
        return value
    year, month, day = match.groups()
    if month and 1 <= int(month) <= 12:
        month_name = MONTHS[int(month) - 1]
        return f"{int(day)} {month_name} {year}" if day else f"{month_name} {year}"
    return year


@node
def entry_date(children: Any, context: dict[str, Any]) -> Text:
    """The entry's ``date`` in words, or BibTeX's ``month year``."""
    fields = context["entry"].fields
    if fields.get("date"):
        return Text(human_date(fields["date"]))
    return words[optional_field("month"), field("year")].format_data(context)


@node
def access_date(children: Any, context: dict[str, Any]) -> Text:
    """``accessed 22 November 2026`` from ``urldate`` (none: ``optional[]`` leaves it out)."""
    return words["accessed", field("urldate", raw=True, apply_func=human_date)].format_data(
        context
    )


LANGUAGES = {
    "dutch": "in Dutch",
    "german": "in German",
    "russian": "in Russian",
    "chinese": "in Chinese",
    "urdu": "in Urdu",
}


@node
def language(children: Any, context: dict[str, Any]) -> Text:
    """``in Dutch`` for non-English sources (from ``langid``)."""
    langid = context["entry"].fields.get("langid", "").strip().lower()
    return Text(LANGUAGES[langid]) if langid in LANGUAGES else Text()


#: Reader-facing names of fields an ``unverified`` list may name.
FIELD_NAMES = {"organization": "publisher", "journaltitle": "journal", "langid": "language"}


def unverified_names(value: str) -> list[str]:
    """The field names of an ``unverified = {title, date}`` list, lower-cased, in order."""
    return [name.strip().lower() for name in value.split(",") if name.strip()]


@node
def unverified(children: Any, context: dict[str, Any]) -> Text:
    """``[title not verified]`` for the fields an entry's ``unverified`` list names."""
    names = [FIELD_NAMES.get(n, n) for n in
             unverified_names(context["entry"].fields.get("unverified", ""))]
    if not names:
        return Text()
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return Text(f"[{listed} not verified]")


class HandbookSorting(AuthorYearTitleSorting):
    """Author, year, title — with corporate authors (``{{Xinhua}}``) sorted by their name.

    pybtex keeps the protecting braces in the sort key, and ``{`` sorts after every letter, so
    organisations would all land at the end; entries without an author sort by ``organization``.
    """

    def person_key(self, person: Any) -> str:
        return super().person_key(person).replace("{", "").replace("}", "")

    def sorting_key(self, entry: Any) -> tuple[str, str, str]:
        author, year, title = super().sorting_key(entry)
        if not author:
            author = entry.fields.get("organization", "").lower()
        return author, year, title


#: The entry-point name of the style and its sorting (``bibtex_default_style = STYLE``).
STYLE = "sphinx-claims-author-year"


class HandbookLabels(BaseLabelStyle):
    """``Xinhua 2021a``: the entry's label is its author–year citation, never a number.

    The year already carries its disambiguating letter (:mod:`sphinx_claims.bib.data`), so the
    label in the bibliography, in the per-chapter lists and in the text are the same string.
    """

    def format_labels(self, sorted_entries: Any) -> Any:
        from sphinx_claims.bib.data import author_label

        for entry in sorted_entries:
            author = author_label(entry) or entry.key
            year = entry.fields.get("year") or entry.fields.get("date", "")[:4] or "n.d."
            yield f"{author} {year}"


def labelled(style_name: str) -> bool:
    """Whether the pybtex style *style_name* puts its label before each entry.

    A style declares ``labelled = False`` when its entries begin with what the text cites (an
    author–date style): the bibliography, the chapters' source lists and the sources page then
    show no "[label]". Styles that say nothing are labelled, as sphinxcontrib-bibtex shows them.
    """
    import pybtex.plugin

    try:
        style = pybtex.plugin.find_plugin("pybtex.style.formatting", style_name)
    except pybtex.plugin.PluginNotFound:
        return True
    return bool(getattr(style, "labelled", True))


class HandbookStyle(UnsrtStyle):
    """Author–year bibliography entries for biblatex data."""

    default_sorting_style = STYLE
    default_label_style = HandbookLabels
    #: Each entry follows its label, "[Xinhua 2021a]" (see :func:`labelled`).
    labelled: ClassVar[bool] = True

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        """The entry formatted; an entry that cannot be never stops the build.

        A missing required field or LaTeX pybtex cannot read is a warning (``bibtex.missing_field``
        or ``bibtex.format_error``, placed at the entry's ``.bib`` line by the build) and the
        entry shows the problem in bold, as sphinxcontrib-bibtex shows a missing field; an entry
        type without a template (``@webpage``) is formatted as ``@misc``, with a warning. Such
        entries carry their ``problem``, so that the speed-ups' cache never hides the warning.
        """
        problems = []
        known = hasattr(self, f"get_{entry.type}_template") or hasattr(
            self, f"format_{entry.type}"
        )
        try:
            if known:
                formatted = super().format_entry(label, entry, bib_data=bib_data)
            else:
                problems.append((
                    f"unknown entry type @{entry.type} in {entry.key} (formatted as @misc)",
                    "unknown_type",
                ))
                context = {"entry": entry, "style": self, "bib_data": bib_data}
                text = self.get_misc_template(entry).format_data(context)
                formatted = FormattedEntry(entry.key, text, label)
        except FieldIsMissing as error:
            problems.append((str(error), "missing_field"))
            formatted = FormattedEntry(entry.key, Tag("b", str(error)), label)
        except (PybtexError, UnicodeDecodeError) as error:  # latexcodec: a lone backslash
            problems.append((f"cannot format {entry.key}: {error}", "format_error"))
            formatted = FormattedEntry(entry.key, Tag("b", problems[-1][0]), label)
        for problem, subtype in problems:
            logger.warning(problem, type="bibtex", subtype=subtype, once=True)
        if problems:
            formatted.problem = problems[0][0]  # type: ignore[attr-defined]
        return formatted

    def format_web_refs(self, e: Any) -> Any:
        url = field("url", raw=True)
        return sentence[
            optional[join[href(url)[url], optional[" (", access_date, ")"]]],
            optional[self.format_doi(e)],
        ]

    def format_extras(self) -> Any:
        return join(sep=" ")[
            sentence(capfirst=True)[optional[language]],
            optional[unverified],
            sentence(capfirst=True)[optional_field("note")],
        ]

    def get_online_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            sentence[optional[self.format_names("author")]],
            sentence[join['"', field("title"), '"']],
            sentence[optional_field("organization"), optional[entry_date]],
        )

    def get_misc_template(self, e: Any) -> Any:
        return self.get_online_template(e)

    def get_report_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            sentence[self.format_names("author")],
            sentence[tag("em")[field("title")]],
            sentence[
                optional_field("type"),
                optional_field("number"),
                field("institution"),
                optional_field("location"),
                entry_date,
            ],
        )

    def get_article_template(self, e: Any) -> Any:
        volume = optional[join[field("volume"), optional["(", field("number"), ")"]]]
        return self._toplevel(
            e,
            sentence[self.format_names("author")],
            sentence[join['"', field("title"), '"']],
            sentence[
                tag("em")[first_of[optional_field("journaltitle"), field("journal")]],
                volume,
                optional[entry_date],
                optional[join["pp. ", field("pages")]],
            ],
        )

    def get_book_template(self, e: Any) -> Any:
        return self._toplevel(
            e,
            sentence[self.format_names("author")],
            sentence[tag("em")[field("title")], optional[words["vol.", field("volume")]]],
            sentence[
                optional_field("location"),
                optional_field("publisher"),
                optional[entry_date],
            ],
        )

    def _toplevel(self, e: Any, *parts: Any) -> Any:
        return toplevel[(*parts, self.format_extras(), self.format_web_refs(e))]
