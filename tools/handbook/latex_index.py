"""The printed index: every place the chapters name a glossary term, a person or a country.

The chapters carry no index markup of their own. For the LaTeX builder, the whole-book tree is
searched for three kinds of names, and an index entry is added to every paragraph (or table
cell) that mentions one:

* the glossary's terms (abbreviations and their expansions share one entry, the expansion);
* the people and bodies that claims are attributed to (``:attributed-to:``);
* the names in ``handbook_index_terms`` (``docs/conf.py``): countries, places, organisations.

Back-matter documents (the register, the source lists, the bibliography) are not searched:
they repeat every name once per claim. Glossary entries themselves keep Sphinx's own entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_SKIP = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.title,
         addnodes.glossary, nodes.citation, nodes.footnote)
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


def attributed_names(doctree: nodes.Node) -> dict[str, str]:
    """Every ``:attributed-to:`` value (a person or a body) → itself."""
    names: dict[str, str] = {}
    for node in doctree.findall(nodes.Element):
        value = node.get("attributed_to") if "claim" in node.get("classes", ()) else None
        if value:
            name = _COMMENT.sub("", str(value)).strip()
            for part in re.split(r"\s*(?:;| and )\s*", name):
                if len(part) > 2:
                    names.setdefault(part, part)
    return names


def matcher(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex for every term, longest first, on word boundaries."""
    alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return True
        parent = parent.parent
    return False


def add_entries(doctree: nodes.Node, terms: Mapping[str, str], skip_docs: set[str]) -> int:
    """Add one index entry per named term to each paragraph that names it; return the count."""
    if not terms:
        return 0
    pattern = matcher(terms)
    added = 0
    for node in list(doctree.findall(nodes.paragraph)):
        if _docname_of(node) in skip_docs or _skipped(node):
            continue
        entries = sorted({terms[m.group()] for m in pattern.finditer(node.astext())})
        if not entries:
            continue
        node.insert(0, addnodes.index(
            entries=[("single", entry, "", "", None) for entry in entries], inline=True,
        ))
        added += len(entries)
    return added


def _docname_of(node: nodes.Node) -> str | None:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return str(parent["docname"])
        parent = parent.parent
    return None


def index_book(app: Sphinx, doctree: nodes.document, skip_docs: set[str]) -> int:
    """Index the whole-book tree with the glossary, the attributions and the configured names."""
    terms: dict[str, str] = {}
    terms.update(attributed_names(doctree))
    terms.update({name: name for name in app.config.handbook_index_terms})
    terms.update(glossary_terms(doctree))
    return add_entries(doctree, terms, skip_docs)
