"""The printed index: every place the chapters name a glossary term, a person or a country.

The chapters carry no index markup of their own. For the LaTeX builder, the whole-book tree is
searched for three kinds of names, and an index entry is added to every paragraph that mentions
one (table cells are left alone: an entry there upsets the cell's vertical alignment):

* the glossary's terms (abbreviations and their expansions share one entry, the expansion);
* the people and bodies that claims are attributed to (``:attributed-to:``);
* the names in ``handbook_index_terms`` (``docs/conf.py``): countries, places, organisations.

Back-matter documents (the register, the source lists, the bibliography) are not searched:
they repeat every name once per claim. Glossary entries themselves keep Sphinx's own entry.

The index then reads as one: a glossary abbreviation or synonym ("SCO") points to its headword
("see Shanghai Cooperation Organisation") instead of listing pages of its own; an entry that
qualifies a headword ("Arabian Monsoon (naval exercise)") joins it; and a headword named in more
than :data:`SUBENTRY_AFTER` paragraphs is divided by the part of the book that names it
("1.1 Background", "Introduction"), so that no run of page numbers stands unexplained.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from sphinx_claims.ext.nodes import claim_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_SKIP = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.title,
         addnodes.glossary, nodes.citation, nodes.footnote, nodes.table)
#: The chapters' "Sources cited" lists: titles of works, not the book's own mentions.
SOURCES_CLASS = "chapter-sources"
#: What the print book calls its root document's text (``\handbookpreface`` in handbook.sty).
ROOT_PART = "About this handbook"
#: A headword named in more paragraphs than this gets subentries (one page at most per
#: paragraph, so a headword without them never has more page references).
SUBENTRY_AFTER = 6
#: "Arabian Monsoon (naval exercise)" → "Arabian Monsoon", "(naval exercise)".
_QUALIFIED = re.compile(r"^(?P<head>.+?)\s+\((?P<qualifier>[^()]+)\)$")
#: "Sense Hofstede (probable)" → "Sense Hofstede": the attribution's name without a comment.
_COMMENT = re.compile(r"\s*[\(\[].*$")


def glossary_terms(doctree: nodes.Node) -> dict[str, str]:
    """Each glossary term → its index entry (a group of synonyms shares the last, longest one)."""
    found: dict[str, str] = {}
    for glossary in doctree.findall(addnodes.glossary):
        for item in glossary.findall(nodes.definition_list_item):
            names = [t.astext().strip() for t in item.children if isinstance(t, nodes.term)]
            if not names:
                continue
            entry = max(names, key=len)
            for name in names:
                found.setdefault(name, entry)
    return found


def attributed_names_of(value: str) -> list[str]:
    """The names in one ``:attributed-to:`` value, without comments in brackets.

    "Some observers, as reported by Andrew Korybko" names Andrew Korybko.
    """
    name = _COMMENT.sub("", value).strip().rpartition(" by ")[2]
    return [part for part in re.split(r"\s*(?:;| and )\s*", name)
            if len(part) > 2 and "," not in part]


def existing_entries(doctree: nodes.Node) -> set[str]:
    """The single index entries the documents already have (``Korybko, Andrew`` …)."""
    return {entry[1] for node in doctree.findall(addnodes.index) for entry in node["entries"]
            if entry[0] == "single"}


def as_indexed(name: str, existing: set[str]) -> str:
    """*name*, or "Surname, Given names" when the book already indexes the person that way."""
    given, _, surname = name.rpartition(" ")
    inverted = f"{surname}, {given}"
    return inverted if given and inverted in existing else name


def entries_outside_terms(doctree: nodes.Node) -> None:
    """Move each glossary term's own index entry out of the term, to its definition.

    In a term, LaTeX reads the entry as part of an argument, so it reaches the index file
    spelled differently (``\\sphinxhyphen {}``) from the same entry in running text and the
    index would list the term twice.
    """
    for item in doctree.findall(nodes.definition_list_item):
        definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        if definition is None:
            continue
        for term in (c for c in item.children if isinstance(c, nodes.term)):
            for index in [c for c in term.children if isinstance(c, addnodes.index)]:
                term.remove(index)
                index["inline"] = True
                first = definition.next_node(nodes.paragraph)
                (first or definition).insert(0, index)


def attribution_of(node: nodes.Node) -> str | None:
    """The ``:attributed-to:`` of a claim node (its model's field); ``None`` for any other node,
    ``""`` for a claim attributed to nobody."""
    claim = node.get("claim") if isinstance(node, claim_node) else None
    return None if claim is None else claim.attributed_to or ""


def attributed_names(doctree: nodes.Node) -> dict[str, str]:
    """Every ``:attributed-to:`` name (a person or a body) → itself."""
    names: dict[str, str] = {}
    for node in doctree.findall(claim_node):
        for name in attributed_names_of(attribution_of(node) or ""):
            names.setdefault(name, name)
    return names


def matcher(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex for every term, longest first, on word boundaries."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _paragraphs(node: nodes.Node, doc: str = "", claim: nodes.Node | None = None,
                ) -> Iterator[tuple[nodes.paragraph, str, nodes.Node | None]]:
    """(paragraph, document, the claim around it) for every paragraph outside code, titles,
    tables and the glossary, walking down from *node*.

    Walks from the top: in the assembled book, ``parent`` links of a document's nodes may still
    point into that document's own tree rather than to its ``start_of_file``.
    """
    if isinstance(node, addnodes.start_of_file):
        doc = str(node["docname"])
    elif isinstance(node, _SKIP) or (
        isinstance(node, nodes.Element) and SOURCES_CLASS in node["classes"]
    ):
        return
    elif attribution_of(node) is not None:
        claim = node
    if isinstance(node, nodes.paragraph):
        yield node, doc, claim
        return
    for child in node.children if isinstance(node, nodes.Element) else ():
        yield from _paragraphs(child, doc, claim)


def add_entries(doctree: nodes.Node, terms: Mapping[str, str], skip_docs: set[str]) -> int:
    """Add one index entry per named term to each paragraph that names it; return the count.

    A claim's first paragraph also gets an entry for each person the claim is attributed to,
    even where the text names them by surname only: one page reference per attributed claim.
    """
    if not terms:
        return 0
    pattern = matcher(terms)
    added = 0
    credited: set[int] = set()
    for paragraph, doc, claim in list(_paragraphs(doctree)):
        if doc in skip_docs:
            continue
        entries = {terms[m.group()] for m in pattern.finditer(paragraph.astext())}
        if claim is not None and id(claim) not in credited:
            credited.add(id(claim))
            entries |= {terms.get(n, n) for n in attributed_names_of(attribution_of(claim) or "")}
        if not entries:
            continue
        paragraph.insert(0, addnodes.index(
            entries=[("single", entry, "", "", None) for entry in sorted(entries)], inline=True,
        ))
        added += len(entries)
    return added


def see_references(doctree: nodes.Node, glossary: Mapping[str, str]) -> int:
    """The glossary's own entry for an abbreviation or synonym becomes "see <headword>"."""
    changed = 0
    for glossary_node in doctree.findall(addnodes.glossary):
        for index in glossary_node.findall(addnodes.index):
            entries = []
            for kind, value, target, main, key in index["entries"]:
                headword = glossary.get(value.strip(), value)
                if kind == "single" and headword != value.strip():
                    entries.append(("see", f"{value.strip()}; {headword}", target, "", key))
                    changed += 1
                else:
                    entries.append((kind, value, target, main, key))
            index["entries"] = entries
    return changed


def merge_qualified(doctree: nodes.Node) -> int:
    """"Arabian Monsoon (naval exercise)" joins the headword "Arabian Monsoon" when the index
    has it: one headword per concept."""
    indexes = list(doctree.findall(addnodes.index))
    heads = {value for index in indexes for kind, value, *_ in index["entries"]
             if kind == "single"}
    changed = 0
    for index in indexes:
        entries = []
        for kind, value, *rest in index["entries"]:
            match = _QUALIFIED.match(value) if kind == "single" else None
            if match and match["head"] in heads:
                value = match["head"]
                changed += 1
            entries.append((kind, value, *rest))
        index["entries"] = entries
    return changed


def _part_names(env: Any, node: nodes.Node, doc: str = "", part: str = "",
                ) -> Iterator[tuple[addnodes.index, str]]:
    """Every index node of the book's text with the name of the part holding it: a chapter's
    numbered section ("1.1 Background", the title before a colon), the chapter itself before its
    first section, or an unnumbered document's title."""
    if isinstance(node, addnodes.start_of_file):
        doc, part = str(node["docname"]), ""
    elif isinstance(node, addnodes.glossary):
        return
    elif isinstance(node, nodes.section) and doc == "" and not part:
        part = ROOT_PART  # the root document's own text, before its first included file
    elif isinstance(node, nodes.section) and node.children:
        numbers = env.toc_secnumbers.get(doc, {})
        number = numbers.get(f"#{node['ids'][0]}") if node["ids"] else None
        number = number or (numbers.get("") if not part else None)
        title = node[0].astext().split(":")[0].strip() if isinstance(node[0], nodes.title) else ""
        if number and len(number) <= 2:
            part = f"{'.'.join(map(str, number))} {title}"
        elif not part:
            part = title
    if isinstance(node, addnodes.index):
        yield node, part
    for child in node.children if isinstance(node, nodes.Element) else ():
        yield from _part_names(env, child, doc, part)


def add_subentries(env: Any, doctree: nodes.Node, after: int = SUBENTRY_AFTER) -> set[str]:
    """Divide each headword named in more than *after* places into subentries by part of the
    book; return the headwords divided."""
    located = [(index, part) for index, part in _part_names(env, doctree) if part]
    counts: Counter[str] = Counter(
        value for index, _part in located for kind, value, *_ in index["entries"]
        if kind == "single" and ";" not in value
    )
    divided = {head for head, count in counts.items() if count > after}
    for index, part in located:
        index["entries"] = [
            (kind, f"{value}; {part}" if kind == "single" and value in divided else value, *rest)
            for kind, value, *rest in index["entries"]
        ]
    return divided


def index_book(app: Sphinx, doctree: nodes.document, skip_docs: set[str]) -> int:
    """Index the whole-book tree with the glossary, the attributions and the configured names."""
    existing = existing_entries(doctree)
    terms: dict[str, str] = {}
    terms.update(attributed_names(doctree))
    terms.update({name: name for name in app.config.handbook_index_terms})
    terms = {name: as_indexed(entry, existing) for name, entry in terms.items()}
    glossary = glossary_terms(doctree)
    terms.update(glossary)
    entries_outside_terms(doctree)
    added = add_entries(doctree, terms, skip_docs)
    see_references(doctree, glossary)
    merge_qualified(doctree)
    add_subentries(app.env, doctree)
    return added
