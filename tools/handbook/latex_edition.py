"""The edition in print: the PDF's metadata and title page from the ``handbook_edition`` config
value (:class:`~handbook.edition.Edition`), so ``conf.py`` imports no print code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from handbook.edition import Edition
from handbook.latex_front import maketitle, metadata

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def add_front_matter(app: Sphinx, config: Config) -> None:
    """``config-inited``: the edition's metadata after the preamble, and its title page (unless
    ``latex_elements`` gives one)."""
    edition = config.handbook_edition
    if edition is None:
        return
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + metadata(edition)
    elements.setdefault("maketitle", maketitle(edition))
    config.latex_elements = elements


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_edition", None, "", types=[Edition])
    app.connect("config-inited", add_front_matter)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
