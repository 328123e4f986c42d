"""The printed book's first two pages: the title page and the colophon on its back.

:func:`maketitle` becomes ``latex_elements["maketitle"]`` (:mod:`handbook.latex_edition`, from
``docs/conf.py``'s ``handbook_edition``): it calls
``\\handbooktitlepage`` and ``\\handbookcolophon`` (``docs/_latex/handbook.sty``) with the
edition's fields, escaped for LaTeX, so the title page, the colophon, the PDF's metadata (XMP)
and the site's "How to cite" all say the same version and citation.
"""

from __future__ import annotations

from sphinx.util.texescape import escape

from handbook.edition import CODE_LICENCE, TEXT_LICENCE, TEXT_LICENCE_URL, Edition
from sphinx_claims.writers.latex import curly


def _tex(text: str) -> str:
    return escape(curly(text), "lualatex")


def _url(url: str) -> str:
    return rf"\url{{{url}}}"


def citation_tex(edition: Edition) -> str:
    """The recommended citation (Chicago author-date, as :attr:`Edition.citation`), with the
    title in italics and the URL breakable."""
    return (rf"{_tex(edition.author)}. {edition.year}. \emph{{{_tex(edition.full_title)}}}. "
            rf"{_tex(edition.label)}. {_url(edition.url)}.")


def metadata(edition: Edition) -> str:
    """``\\handbookmetadata{…}`` for the preamble: the PDF's information dictionary and XMP."""
    copyright_ = (f"Copyright {edition.year} {edition.author}. Text: {TEXT_LICENCE} "
                  f"({TEXT_LICENCE_URL}). Code: {CODE_LICENCE}.")
    fields = (edition.title, edition.subtitle, edition.author, copyright_)
    return (r"\handbookmetadata" + "".join(f"{{{_tex(f)}}}" for f in fields)
            + f"{{{TEXT_LICENCE_URL}}}")


def maketitle(edition: Edition) -> str:
    """``\\handbooktitlepage{…}`` followed by ``\\handbookcolophon{…}``."""
    title = "".join(f"{{{_tex(arg)}}}" for arg in (
        edition.title, edition.subtitle, edition.author, edition.label))
    colophon = "".join(f"{{{arg}}}" for arg in (
        _tex(edition.full_title),
        _tex(edition.label),
        _tex(edition.build_date),
        _tex(f"{edition.year} {edition.author}"),
        _tex(TEXT_LICENCE),
        _url(TEXT_LICENCE_URL),
        _tex(CODE_LICENCE),
        citation_tex(edition),
        TEXT_LICENCE_URL,
    ))
    return rf"\handbooktitlepage{title}" + "\n" + rf"\handbookcolophon{colophon}"
