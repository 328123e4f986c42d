"""The printed index: every place the chapters name a glossary term, a person or a country.

The chapters carry no index markup of their own. For the LaTeX builder, the whole-book tree is
searched for three kinds of names, and an index entry is added to every paragraph that mentions
one (table cells are left alone: an entry there upsets the cell's vertical alignment):

* the glossary's terms (abbreviations and their expansions share one entry, the expansion);
* the people and bodies that claims are attributed to (``:attributed-to:``);
* the names in ``handbook_index_terms`` (``docs/conf.py``): countries, places, organisations.

Back-matter documents (the register, the source lists, the bibliography) are not searched:
they repeat every name once per claim. Glossary entries themselves keep Sphinx's own entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from sphinx_claims.ext.nodes import claim_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_SKIP = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.title,
         addnodes.glossary, nodes.citation, nodes.footnote, nodes.table)
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
    elif isinstance(node, _SKIP):
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


def index_book(app: Sphinx, doctree: nodes.document, skip_docs: set[str]) -> int:
    """Index the whole-book tree with the glossary, the attributions and the configured names."""
    existing = existing_entries(doctree)
    terms: dict[str, str] = {}
    terms.update(attributed_names(doctree))
    terms.update({name: name for name in app.config.handbook_index_terms})
    terms = {name: as_indexed(entry, existing) for name, entry in terms.items()}
    terms.update(glossary_terms(doctree))
    entries_outside_terms(doctree)
    return add_entries(doctree, terms, skip_docs)
