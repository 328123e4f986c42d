"""Required fields per entry type: biblatex's default data model (biblatex manual, §2.1.1).

Each requirement is a tuple of alternatives: any one present satisfies it (``date`` or ``year``;
``author`` or ``editor``). BibTeX spellings count as their biblatex fields (``journal`` for
``journaltitle``, ``school`` for ``institution``) and BibTeX's type aliases map to biblatex types.
The handbook's one deviation: ``@online`` accepts an ``organization`` as its author (a news site
or ministry publishes under its own name). Corporate authors such as ``{{Xinhua}}`` are authors.
Types not listed (``@set``, ``@xdata``, custom types) have no required fields.
"""

from __future__ import annotations

Requirement = tuple[str, ...]

DATE: Requirement = ("date", "year")
AUTHOR: Requirement = ("author",)
AUTHOR_OR_EDITOR: Requirement = ("author", "editor")
TITLE: Requirement = ("title",)

REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "article": (AUTHOR, TITLE, ("journaltitle", "journal"), DATE),
    "book": (AUTHOR, TITLE, DATE),
    "mvbook": (AUTHOR, TITLE, DATE),
    "inbook": (AUTHOR, TITLE, ("booktitle",), DATE),
    "bookinbook": (AUTHOR, TITLE, ("booktitle",), DATE),
    "suppbook": (AUTHOR, TITLE, ("booktitle",), DATE),
    "booklet": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "collection": (("editor",), TITLE, DATE),
    "mvcollection": (("editor",), TITLE, DATE),
    "incollection": (AUTHOR, TITLE, ("booktitle",), DATE),
    "suppcollection": (AUTHOR, TITLE, ("booktitle",), DATE),
    "dataset": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "manual": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "misc": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "online": (("author", "editor", "organization"), TITLE, DATE, ("doi", "eprint", "url")),
    "patent": (AUTHOR, TITLE, ("number",), DATE),
    "periodical": (("editor",), TITLE, DATE),
    "suppperiodical": (AUTHOR, TITLE, ("journaltitle", "journal"), DATE),
    "proceedings": (TITLE, DATE),
    "mvproceedings": (TITLE, DATE),
    "inproceedings": (AUTHOR, TITLE, ("booktitle",), DATE),
    "reference": (("editor",), TITLE, DATE),
    "mvreference": (("editor",), TITLE, DATE),
    "inreference": (AUTHOR, TITLE, ("booktitle",), DATE),
    "report": (AUTHOR, TITLE, ("type",), ("institution", "school"), DATE),
    "software": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "thesis": (AUTHOR, TITLE, ("type",), ("institution", "school"), DATE),
    "unpublished": (AUTHOR, TITLE, DATE),
}

#: BibTeX types and their biblatex equivalents (the implied ``type`` is not required).
ALIASES: dict[str, tuple[str, tuple[Requirement, ...]]] = {
    "conference": ("inproceedings", ()),
    "electronic": ("online", ()),
    "www": ("online", ()),
    "mastersthesis": ("thesis", (("type",),)),
    "phdthesis": ("thesis", (("type",),)),
    "techreport": ("report", (("type",),)),
}


def requirements(entry_type: str) -> tuple[Requirement, ...]:
    """The requirements for *entry_type* (case-insensitive); empty for unknown types."""
    name = entry_type.lower()
    if name in ALIASES:
        target, waived = ALIASES[name]
        return tuple(r for r in REQUIRED[target] if r not in waived)
    return REQUIRED.get(name, ())


def missing(entry_type: str, fields: set[str]) -> list[str]:
    """Each unmet requirement, worded for the message (``"date or year"``)."""
    return [" or ".join(req) for req in requirements(entry_type) if not fields.intersection(req)]


def table_rows() -> list[tuple[str, str]]:
    """``(type, required fields)`` rows for the documentation."""
    rows = [(name, ", ".join(" or ".join(r) for r in reqs)) for name, reqs in REQUIRED.items()]
    rows += [
        (alias, f"as @{target}" + (" (type implied)" if waived else ""))
        for alias, (target, waived) in ALIASES.items()
    ]
    return rows
