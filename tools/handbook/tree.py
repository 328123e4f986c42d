"""Walking the LaTeX builder's whole-book tree from the top.

In the tree Sphinx assembles for the PDF, the ``parent`` link of a node may still point into
its own document's tree instead of the book's, so code that edits the book finds each node
together with the parent that really holds it.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes


def with_parents(node: nodes.Element) -> Iterator[tuple[nodes.Element, nodes.Node]]:
    """(parent, child) for every node under *node*, parents before children."""
    for child in list(node.children):
        yield node, child
        if isinstance(child, nodes.Element):
            yield from with_parents(child)


def replace(parent: nodes.Element, old: nodes.Node, new: nodes.Node | list[nodes.Node]) -> None:
    """Put *new* where *old* is in *parent*."""
    index = parent.index(old)
    parent.remove(old)
    for offset, node in enumerate(new if isinstance(new, list) else [new]):
        parent.insert(index + offset, node)


def inside(node: nodes.Node, kinds: tuple[type[nodes.Node], ...]) -> bool:
    """Whether an ancestor of *node* is one of *kinds* (code, raw markup …)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False
