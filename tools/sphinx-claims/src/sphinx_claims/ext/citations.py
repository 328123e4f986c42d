"""Find sphinxcontrib-bibtex citations in a parsed claim body, and its text without them.

``{cite:…}`` roles leave a ``pending_xref`` of the ``cite`` domain; ``{footcite:…}`` roles
(wrapped by :mod:`sphinx_claims.ext.footcite`) leave a ``footcite_group``. The role names
are checked against :data:`sphinx_claims.model.CITATION_ROLES`. Nothing here looks at the
source text.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinxcontrib.bibtex.citation_target import parse_citation_targets

from sphinx_claims import model
from sphinx_claims.ext.nodes import footcite_group


def is_citation(node: nodes.Node) -> bool:
    """Whether *node* is what a citation role leaves in the doctree."""
    if isinstance(node, addnodes.pending_xref):
        role = f"{node.get('refdomain')}:{node.get('reftype')}"
        return role in model.CITATION_ROLES
    if isinstance(node, footcite_group):
        return node.get("role") in model.CITATION_ROLES
    return False


#: Sphinx's Locale transform parses a msgstr as ``"<file>:<line>:<translated>"`` (i18n).
_TRANSLATED = ":<translated>"


def source_line(node: nodes.Node) -> int:
    """The line of ``node`` in its source file (0 if unknown).

    A node inside a translated message counts its line within the msgstr; its source then names
    the line of the original paragraph, which is where a finding about it belongs.
    """
    source = node.source or ""
    if source.endswith(_TRANSLATED):
        original = source[: -len(_TRANSLATED)].rpartition(":")[2]
        if original.isdigit():
            return int(original)
    return node.line or 0


def cited_keys(body: Iterable[nodes.Node]) -> list[str]:
    """Keys cited in *body*, in order of first citation, without repeats."""
    keys: dict[str, None] = {}
    for top in body:
        if not isinstance(top, nodes.Element):
            continue
        for node in top.findall(is_citation):
            if isinstance(node, addnodes.pending_xref):
                try:
                    targets = list(parse_citation_targets(node.get("reftarget", "")))
                except ValueError:
                    targets = []
                keys.update((target.key, None) for target in targets)
            else:
                keys.update((key, None) for key in node["keys"])
    return list(keys)


def count(body: Iterable[nodes.Node]) -> int:
    """How many citation roles *body* holds (a malformed target counts too)."""
    return sum(
        len(list(top.findall(is_citation))) for top in body if isinstance(top, nodes.Element)
    )


def _unspoken(node: nodes.Node) -> bool:
    """Citations, comments, system messages and other invisible nodes."""
    return is_citation(node) or isinstance(node, (nodes.Invisible, nodes.system_message))


def plain_text(body: Iterable[nodes.Node]) -> str:
    """The body as one line of text, citations left out.

    Definition (shared with ``sphinx-claims export``): the docutils text of the parsed body with
    every citation role's output, comment and system message removed, whitespace runs collapsed
    to one space, spaces before ``.,;:!?`` removed, and the ends stripped. Other roles contribute
    their text as parsed (``{ref}`label``` its label, ``{ref}`text <label>``` its text).
    """
    parts: list[str] = []
    for top in body:
        if _unspoken(top):
            continue
        if isinstance(top, nodes.Element):
            copy = top.deepcopy()
            for node in list(copy.findall(_unspoken)):
                if node.parent is not None:
                    node.parent.remove(node)
            parts.append(copy.astext())
        else:
            parts.append(top.astext())
    return model.plain(" ".join(parts))

