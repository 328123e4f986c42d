"""The handbook's HTML publishing policy, as config values (set in ``docs/conf.py``).

``handbook_pdf_dir`` (default ``"_build/pdf"``, relative to the source directory)
    Where ``make pdf`` and ``make epub`` leave the books. When the PDF named after the first
    ``latex_documents`` entry (or the EPUB named ``epub_basename``) is there, the site publishes
    it at its root (``html_extra_path``) and lists it, with its size, in one "Download" menu in
    the page header (``docs/_templates/download-menu.html``, fed by the ``handbook_downloads``
    template variable), followed by the other languages' books found there (``…-nl.pdf``).
    Without either book (no TeX) there is no menu. ``""`` turns it off.
The page header also carries the language switcher (:mod:`handbook.languages`) and the
reading view's switch (``docs/_templates/reading-view.html``)
on pages with claims.
``handbook_contributor_docs`` (default ``[]``)
    The contributors' and adopters' pages. A reader's "Next" never leads from a reader's page
    into them (nor "Previous" out of them back): the two parts of the site are read apart.
``handbook_mathjax_path`` (default ``"mathjax/tex-chtml.js"``)
    The handbook has no maths, so Sphinx adds MathJax to no page. Should maths ever appear,
    MathJax must be served from the site (vendored under ``docs/_static/mathjax/``), never
    fetched from a CDN, Sphinx's default: this local path becomes ``mathjax_path`` unless
    conf.py sets one, so the offline link check fails until MathJax is vendored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handbook.i18n import gettext
from handbook.languages import NAMES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

HEADER_END = [
    "language-switcher.html",
    "reading-view.html",
    "download-menu.html",
    "article-header-buttons.html",
]


@dataclass(frozen=True)
class Download:
    """One book in the header's download menu."""

    file: str
    label: str
    size: str
    css_class: str


def human_size(size: int) -> str:
    """``1_234_567`` → ``"1.2 MB"``: the size a reader on a phone weighs before a download."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"


def pdf_name(config: Config) -> str:
    """The PDF's file name: the first LaTeX document's, ``.tex`` → ``.pdf``."""
    return str(config.latex_documents[0][1]).removesuffix(".tex") + ".pdf"


def other_languages_books(config: Config) -> list[tuple[str, str, str]]:
    """``(file, label, class)`` of the other languages' PDF and EPUB (``handbook_languages``;
    a translation's books are named ``<book>-<lang>``), after this language's own."""
    languages = list(getattr(config, "handbook_languages", {}))
    here = config.language or "en"
    if len(languages) < 2 or here not in languages:
        return []
    suffix = "" if here == languages[0] else f"-{here}"
    pdf_stem = pdf_name(config).removesuffix(".pdf").removesuffix(suffix)
    epub_stem = config.epub_basename.removesuffix(suffix)
    books = []
    for language in languages:
        if language == here:
            continue
        tail = "" if language == languages[0] else f"-{language}"
        name = NAMES.get(language, language)
        books += [(f"{pdf_stem}{tail}.pdf", f"PDF, {name}", "handbook-other-language"),
                  (f"{epub_stem}{tail}.epub", f"EPUB, {name}", "handbook-other-language")]
    return books


def publish_pdf(app: Sphinx, config: Config) -> None:
    """``config-inited``: publish the PDF and the EPUB and list them in the menu, if built."""
    if not config.handbook_pdf_dir or not config.latex_documents:
        return
    folder = Path(app.srcdir, config.handbook_pdf_dir)
    offered = [
        (pdf_name(config), "PDF", "handbook-pdf-button"),
        (f"{config.epub_basename}.epub", gettext("EPUB e-book"), "handbook-epub-button"),
        *other_languages_books(config),
    ]
    books = [
        Download(name, label, human_size((folder / name).stat().st_size), css_class)
        for name, label, css_class in offered
        if (folder / name).is_file()
    ]
    if not books:
        return
    config.html_extra_path = [*config.html_extra_path, str(folder)]
    config.html_context = {**config.html_context, "handbook_downloads": books}


def header_controls(app: Sphinx, config: Config) -> None:
    """``config-inited``: the reading view's switch and the download menu before the theme's
    buttons (each template renders nothing on a page it does not serve)."""
    if "article_header_end" not in config.html_theme_options:
        config.html_theme_options = {**config.html_theme_options, "article_header_end": HEADER_END}


def keep_readers_apart(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: no "Next"/"Previous" across the readers'/contributors' border."""
    contributors = set(app.config.handbook_contributor_docs)
    if not contributors:
        return
    relations = getattr(app.builder, "relations", {})  # [parent, previous, next] per page
    _parent, previous, following = relations.get(pagename, (None, None, None))
    inside = pagename in contributors
    if following is not None and (following in contributors) != inside:
        context["next"] = None
    if previous is not None and (previous in contributors) != inside:
        context["prev"] = None


def local_mathjax(app: Sphinx, config: Config) -> None:
    """``config-inited``: MathJax from the site, never from a CDN (unless conf.py chose one)."""
    from sphinx.ext.mathjax import MATHJAX_URL

    if config.handbook_mathjax_path and config.mathjax_path == MATHJAX_URL:
        config.mathjax_path = config.handbook_mathjax_path


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_pdf_dir", "_build/pdf", "html", str)
    app.add_config_value("handbook_mathjax_path", "mathjax/tex-chtml.js", "html", str)
    app.add_config_value("handbook_contributor_docs", [], "html", list)
    app.connect("config-inited", publish_pdf)
    app.connect("config-inited", header_controls)
    app.connect("html-page-context", keep_readers_apart)
    app.connect("config-inited", local_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
