"""What both sides know of notebooks without reading one: the cells MyST-NB leaves out."""

from __future__ import annotations

#: Cell tags whose cells MyST-NB removes from the page, so neither side checks them.
REMOVED = frozenset({"remove_cell", "remove-cell"})
