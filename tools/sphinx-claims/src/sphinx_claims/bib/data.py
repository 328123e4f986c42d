"""Bridge biblatex data to sphinxcontrib-bibtex's author–year labels.

sphinxcontrib-bibtex builds author–year labels from BibTeX's ``year`` field and prints "n.d." when
it is missing; biblatex entries carry ``date`` instead. After sphinxcontrib-bibtex has parsed the
bib files (its own ``builder-inited`` handler), derive ``year`` from ``date`` where it is absent,
then, when ``claims_year_letters`` asks for it (by default: when the book cites author-year),
give works that would share a label a letter (Xinhua, 2021a and 2021b).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_YEAR = re.compile(r"^\s*(\d{4})")


def derive_years(entries: Any) -> int:
    """Add ``year`` to every entry that has a ``date`` but no ``year``; return how many."""
    added = 0
    for entry in entries.values():
        fields = entry.fields
        if "year" in fields or "date" not in fields:
            continue
        match = _YEAR.match(fields["date"])
        if match:
            fields["year"] = match.group(1)
            added += 1
    return added


#: The bibliography style of sphinx-claims that cites author-year.
AUTHOR_YEAR_STYLE = "sphinx-claims-author-year"


def wants_year_letters(config: Any) -> bool:
    """``claims_year_letters``, or when it is ``None`` whether the book cites author-year: an
    author-year reference style (sphinxcontrib-bibtex's plugin or a subclass) or the
    sphinx-claims author-year bibliography style."""
    chosen = getattr(config, "claims_year_letters", None)
    if chosen is not None:
        return bool(chosen)
    if getattr(config, "bibtex_default_style", "") == AUTHOR_YEAR_STYLE:
        return True
    from sphinxcontrib.bibtex.plugin import find_plugin
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    name = getattr(config, "bibtex_reference_style", "label")
    try:
        style = find_plugin("sphinxcontrib.bibtex.style.referencing", name)
    except ImportError:  # an unknown style: sphinxcontrib-bibtex reports it
        return False
    return isinstance(style, type) and issubclass(style, AuthorYearReferenceStyle)


def normalise_bibdata(app: Sphinx) -> None:
    """``builder-inited`` handler, connected after sphinxcontrib-bibtex's own."""
    domain = app.env.domains.get("cite")
    if domain is not None:
        derive_years(domain.bibdata.data.entries)
        if wants_year_letters(app.config):
            disambiguate_years(domain.bibdata.data.entries)


#: A disambiguated year: ``2021`` plus one letter (``2021a``), or ``n.d.-a``.
_SUFFIXED = re.compile(r"^(?P<year>\d{4}|n\.d\.-?)(?P<letter>[a-z])$")


def author_label(entry: Any) -> str:
    """The author part of an author–year citation, as sphinxcontrib-bibtex writes it.

    The same template as the ``author_year`` reference style (last names, "et al." after two,
    else editors, else the title), rendered as plain text.
    """
    from pybtex.style.template import FieldIsMissing
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    style = AuthorYearReferenceStyle()
    template = style.person.author_or_editor_or_title(full=False)
    try:
        return str(template.format_data({"entry": entry, "style": style}).render_as("text"))
    except (FieldIsMissing, ValueError):  # no author, editor or title, or LaTeX the decoder
        return ""  # cannot read (a lone backslash): the entry stands alone; the style warns


def base_year(entry: Any) -> str:
    """The entry's year without a disambiguating letter (``n.d.`` when it has none)."""
    year = entry.fields.get("year", "").strip()
    match = _SUFFIXED.match(year)
    if match:
        year = match.group("year").rstrip("-")
    return year or "n.d."


def disambiguate_years(entries: Any, order: Any = None) -> dict[str, str]:
    """Give entries that would share an author–year label a letter: 2021a, 2021b, …

    Entries are grouped by :func:`author_label` and :func:`base_year`; within a group the
    letters follow *order* (a key function; the bibliography's sort, by default title), so "a"
    is the one listed first. The letter is written into ``year``, which the citations, the
    bibliography's labels and its sorting all read, so they cannot disagree. Idempotent.
    Returns ``{key: new year}`` for the entries that got a letter.
    """
    groups: dict[tuple[str, str], list[Any]] = {}
    for entry in entries.values():
        author = author_label(entry) or f"\0{entry.key}"  # nameless entries stand alone
        groups.setdefault((author, base_year(entry)), []).append(entry)
    changed: dict[str, str] = {}
    for (_author, year), group in groups.items():
        if len(group) < 2:
            if group[0].fields.get("year") and _SUFFIXED.match(group[0].fields["year"]):
                group[0].fields["year"] = year
            continue
        group.sort(key=order or (lambda entry: entry.fields.get("title", "").lower()))
        for index, entry in enumerate(group):
            letter = chr(ord("a") + index) if index < 26 else f"{index + 1}"
            value = f"{year}{letter}" if year != "n.d." else f"n.d.-{letter}"
            entry.fields["year"] = value
            changed[entry.key] = value
    return changed
