"""The handbook's HTML publishing policy, as config values (set in ``docs/conf.py``).

``handbook_pdf_dir`` (default ``"_build/pdf"``, relative to the source directory)
    Where ``make pdf`` and ``make epub`` leave the books. When the PDF named after the first
    ``latex_documents`` entry (or the EPUB named ``epub_basename``) is there, the site publishes
    it at its root (``html_extra_path``) and shows a "Download PDF" (or "EPUB") button in the
    page header (``docs/_templates/download-pdf.html``, fed by the ``handbook_pdf`` and
    ``handbook_epub`` template variables). Without them (no TeX) there is no button. ``""``
    turns the buttons off.
``handbook_mathjax_path`` (default ``"mathjax/tex-chtml.js"``)
    The handbook has no maths, so Sphinx adds MathJax to no page. Should maths ever appear,
    MathJax must be served from the site (vendored under ``docs/_static/mathjax/``), never
    fetched from a CDN, Sphinx's default: this local path becomes ``mathjax_path`` unless
    conf.py sets one, so the offline link check fails until MathJax is vendored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PDF_BUTTONS = ["download-pdf.html", "article-header-buttons.html"]


def pdf_name(config: Config) -> str:
    """The PDF's file name: the first LaTeX document's, ``.tex`` → ``.pdf``."""
    return str(config.latex_documents[0][1]).removesuffix(".tex") + ".pdf"


def publish_pdf(app: Sphinx, config: Config) -> None:
    """``config-inited``: publish the PDF and the EPUB and show their buttons, if built."""
    if not config.handbook_pdf_dir or not config.latex_documents:
        return
    folder = Path(app.srcdir, config.handbook_pdf_dir)
    books = {
        key: name
        for key, name in (("handbook_pdf", pdf_name(config)),
                          ("handbook_epub", f"{config.epub_basename}.epub"))
        if (folder / name).is_file()
    }
    if not books:
        return
    config.html_extra_path = [*config.html_extra_path, str(folder)]
    config.html_context = {**config.html_context, **books}
    config.html_theme_options = {**config.html_theme_options, "article_header_end": PDF_BUTTONS}


def local_mathjax(app: Sphinx, config: Config) -> None:
    """``config-inited``: MathJax from the site, never from a CDN (unless conf.py chose one)."""
    from sphinx.ext.mathjax import MATHJAX_URL

    if config.handbook_mathjax_path and config.mathjax_path == MATHJAX_URL:
        config.mathjax_path = config.handbook_mathjax_path


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_pdf_dir", "_build/pdf", "html", str)
    app.add_config_value("handbook_mathjax_path", "mathjax/tex-chtml.js", "html", str)
    app.connect("config-inited", publish_pdf)
    app.connect("config-inited", local_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
