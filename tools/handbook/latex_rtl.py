"""Right-to-left runs (Urdu, Arabic, Persian, Hebrew) in print.

LuaTeX typesets a run right to left only when told to. Babel's automatic ``bidi=basic``
reverses whole cells of Sphinx's tables (tabulary measures them in boxes), so the runs are
marked here instead: for the LaTeX builder, every run of right-to-left letters (with the spaces
and punctuation between them) is wrapped in ``\\handbookrtl{…}`` (raw LaTeX around the escaped
text, so it works in titles too); ``docs/_latex/handbook.sty`` defines it as a ``\\textdir TRT``
group. Text keeps its logical order in the source and in the PDF's text layer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.tree import inside

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Hebrew, Arabic (+ supplement, extended), Syriac, Thaana, NKo and the presentation forms.
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
#: A run: RTL letters, possibly with spaces, joiners and Arabic punctuation between them.
RTL_RUN = re.compile(
    rf"[{_RTL_LETTER}](?:[{_RTL_LETTER}\s\u200c\u200d\u060c\u061b\u061f\u06d4]*[{_RTL_LETTER}])?"
)
OPEN = r"\handbookrtl{"
CLOSE = "}"
_SKIP = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math,
         nodes.math_block)


def split_rtl(text: str) -> list[tuple[str, bool]]:
    """*text* as (piece, is_rtl) pairs, in order; empty pieces are left out."""
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in RTL_RUN.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos : match.start()], False))
        pieces.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


class MarkRightToLeft(SphinxPostTransform):
    """Wrap right-to-left runs of text in ``\\handbookrtl{…}`` for LaTeX."""

    default_priority = 900
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if not RTL_RUN.search(text) or inside(text, _SKIP):
                continue
            replacement: list[nodes.Node] = []
            for piece, rtl in split_rtl(str(text)):
                if rtl:
                    replacement.append(nodes.raw("", OPEN, format="latex"))
                    replacement.append(nodes.Text(piece))
                    replacement.append(nodes.raw("", CLOSE, format="latex"))
                else:
                    replacement.append(nodes.Text(piece))
            text.parent.replace(text, replacement)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(MarkRightToLeft)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
