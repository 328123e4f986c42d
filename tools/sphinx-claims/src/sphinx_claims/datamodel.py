"""Required fields per entry type: biblatex's default data model (biblatex manual, §2.1.1).

Each requirement is a tuple of alternatives: any one present satisfies it (``date`` or ``year``;
``author`` or ``editor``). BibTeX spellings count as their biblatex fields (``journal`` for
``journaltitle``, ``school`` for ``institution``) and BibTeX's type aliases map to biblatex types.
The handbook's one deviation: ``@online`` accepts an ``organization`` as its author (a news site
or ministry publishes under its own name). Corporate authors such as ``{{Xinhua}}`` are authors.
Types not listed (``@set``, ``@xdata``, custom types) have no required fields.

Every requirement of biber's default data model is here (``biber --tool --validate-datamodel``
is the cross-check in the tests); the handbook asks for more in a few types, always who and when:
``@dataset``, ``@manual``, ``@misc`` and ``@software`` an author or editor and a date,
``@mvproceedings`` a date, ``@suppperiodical`` an author, title and journal.

A ``crossref`` parent lends its fields as biblatex's default inheritance does
(:func:`inherited`): a collection's ``title`` becomes its chapters' ``booktitle``, a periodical's
``title`` its articles' ``journaltitle``, a multi-volume work's ``title`` its volumes'
``maintitle``; every other field is inherited as it is.
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
    "incollection": (AUTHOR, ("editor",), TITLE, ("booktitle",), DATE),
    "suppcollection": (AUTHOR, ("editor",), TITLE, ("booktitle",), DATE),
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
    "inreference": (AUTHOR, ("editor",), TITLE, ("booktitle",), DATE),
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


#: ``(parent types, child types, {parent field: child field})``: biblatex's default
#: ``\DeclareDataInheritance`` rules for titles (biblatex manual, appendix B).
_TITLES = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
INHERITANCE: tuple[tuple[frozenset[str], frozenset[str], dict[str, str]], ...] = (
    (frozenset({"mvbook", "book"}), frozenset({"inbook", "bookinbook", "suppbook"}), _TITLES),
    (frozenset({"mvcollection", "collection"}),
     frozenset({"incollection", "suppcollection"}), _TITLES),
    (frozenset({"mvreference", "reference"}), frozenset({"inreference"}), _TITLES),
    (frozenset({"mvproceedings", "proceedings"}), frozenset({"inproceedings"}), _TITLES),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}),
     {"title": "journaltitle", "subtitle": "journalsubtitle"}),
    (frozenset({"mvbook"}), frozenset({"book"}), _MAIN),
    (frozenset({"mvcollection"}), frozenset({"collection"}), _MAIN),
    (frozenset({"mvreference"}), frozenset({"reference"}), _MAIN),
    (frozenset({"mvproceedings"}), frozenset({"proceedings"}), _MAIN),
)
#: Fields a child never inherits (biblatex's ``\DefaultInheritance`` exceptions).
NOT_INHERITED = frozenset(
    {"ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label", "options",
     "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
     "shorthandintro", "sortkey"}
)


def _canonical(entry_type: str) -> str:
    name = entry_type.lower()
    return ALIASES[name][0] if name in ALIASES else name


def inherited(parent_type: str, child_type: str, fields: set[str] | frozenset[str]) -> set[str]:
    """The fields a child of *child_type* gets from a *parent_type* parent holding *fields*."""
    parent, child = _canonical(parent_type), _canonical(child_type)
    mapping: dict[str, str] = {}
    for parents, children, rule in INHERITANCE:
        if parent in parents and child in children:
            mapping = rule
            break
    return {mapping.get(name, name) for name in fields if name not in NOT_INHERITED}
