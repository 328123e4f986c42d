"""Required fields as pybtex's formatting style asks for them (BIB004 for books without biblatex).

A book that renders its references through sphinxcontrib-bibtex formats every entry with a pybtex
style (``bibtex_default_style``, ``alpha`` by default). A field the style's template for that
entry type reads without ``optional`` is required: pybtex raises ``FieldIsMissing`` and the
build fails or the entry is dropped. The requirements are not restated here: an entry with the
same type and fields (dummy values) is formatted with the style itself, and each field it
reports missing is one finding. ``date`` counts as ``year``, since the extension derives one from
the other before formatting (:func:`sphinx_claims.bib.data.derive_years`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: Fields pybtex reads as name lists.
PERSONS = frozenset({"author", "editor"})
#: How many missing fields one entry may report (each probe finds one).
_MAX = 12


@cache
def style(name: str) -> Any | None:
    """The pybtex formatting style *name* (``None`` when no plugin has that name)."""
    from pybtex.plugin import find_plugin

    try:
        return find_plugin("pybtex.style.formatting", name)()
    except Exception:  # an unknown style: the build reports it
        return None


@cache
def missing(style_name: str, entry_type: str, fields: frozenset[str]) -> tuple[str, ...]:
    """The fields the style *style_name* needs for an *entry_type* entry with *fields*.

    Empty when the style formats it, has no template for the type, or is unknown.
    """
    formatter = style(style_name)
    if formatter is None:
        return ()
    from pybtex.database import Entry, Person
    from pybtex.style.template import FieldIsMissing

    present = set(fields) | ({"year"} if "date" in fields else set())
    found: list[str] = []
    for _ in range(_MAX):
        entry = Entry(entry_type.lower(), fields={
            name: "2000" if name == "year" else "x" for name in present - PERSONS})
        for role in present & PERSONS:
            entry.persons[role] = [Person("Doe, Jane")]
        entry.key = "key"
        try:
            formatter.format_entry("key", entry)
        except FieldIsMissing as error:
            if error.field_name in present:
                break
            found.append(error.field_name)
            present.add(error.field_name)
            continue
        except Exception:  # no template for the type, or a value the dummy cannot stand for
            break
        break
    return tuple(found)
