"""“Cite this page” at the foot of every page of the site (not in the PDF or the EPUB).

The citation is the edition's (:mod:`handbook.edition`, Chicago author-date, as "How to cite"
gives it) with the page's title, its address and the date the reader reads it, as text and as
biblatex. The page is rendered with placeholders the reader's browser fills in
(``docs/_static/handbook-site.js``: the address from the location, the access date from the
clock); ``html_baseurl``, when set, gives the address without the script. The panel is the
template ``docs/_templates/cite-this-page.html``, placed in the theme's article footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handbook.i18n import gettext

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATE = "cite-this-page.html"
#: Shown where the script puts the address and the date (a reader without it fills them in);
#: in the page's language (the template hands them to the script).
URL_PLACEHOLDER = "[address of this page]"
DATE_PLACEHOLDER = "[date]"
ISO_PLACEHOLDER = "[YYYY-MM-DD]"


@dataclass(frozen=True)
class PageCitation:
    """What the panel shows: the citation as text, as biblatex, and the parts the script fills."""

    text: str
    bibtex: str
    url: str
    #: The placeholders as this page says them (address, date).
    url_mark: str = URL_PLACEHOLDER
    date_mark: str = DATE_PLACEHOLDER


def page_citation(app: Sphinx, pagename: str, title: str) -> PageCitation:
    """The citation of *pagename* (titled *title*), with placeholders for address and date."""
    edition = app.config.handbook_edition
    base = app.config.html_baseurl
    url = (base.rstrip("/") + "/" + app.builder.get_target_uri(pagename)) if base else ""
    key = "russiaasiahandbook-" + pagename.rsplit("/", 1)[-1]
    url_mark, date_mark = gettext(URL_PLACEHOLDER), gettext(DATE_PLACEHOLDER)
    return PageCitation(
        edition.page_citation(title, url or url_mark, date_mark),
        edition.page_bibtex(key, title, url or url_mark, ISO_PLACEHOLDER),
        url,
        url_mark,
        date_mark,
    )


def add_page_citation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: ``handbook_cite_page`` for every page read from a source (the site
    only: an e-book's pages get none)."""
    if doctree is None or app.builder.name.startswith("epub"):
        return
    if app.config.handbook_edition is None:
        return
    title = app.env.titles.get(pagename)
    if title is None:
        return
    context["handbook_cite_page"] = page_citation(app, pagename, title.astext())


def footer_panel(app: Sphinx, config: Config) -> None:
    """``config-inited``: the panel in the theme's article footer (unless conf.py placed it)."""
    if config.handbook_edition is None or "article_footer_items" in config.html_theme_options:
        return
    config.html_theme_options = {**config.html_theme_options, "article_footer_items": [TEMPLATE]}


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", footer_panel)
    app.connect("html-page-context", add_page_citation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
