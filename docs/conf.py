"""Sphinx configuration for the handbook.

The source directory is the repository root (``sphinx-build -c docs . _build/html``) so that
``docs/`` (front and back matter) and ``chapters/`` are both read in place; ``include_patterns``
keeps Sphinx to those two folders. Logic belongs in the extension (``tools/sphinx-claims``) or the handbook's
policy package (``tools/handbook``), not here.
"""

from __future__ import annotations

import os
import time

from handbook.edition import Edition
from sphinx_claims.writers.heading import curly

project = "Russia's Asian Partnerships"
subtitle = "an annotated reference handbook"
author = "The handbook's contributors"
_built = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
copyright = f"{_built.tm_year}, {author}"
# The one source of truth for the edition: the PDF's title page and colophon, the EPUB, the
# site's "How to cite" (MyST substitutions below) and CITATION.cff (a test compares) use it.
release = version = "0.2"
repository_url = "https://github.com/russia-asia-handbook/handbook"
edition = Edition(curly(project), subtitle, author, release, repository_url, _built)
language = "en"
# Translations (issue 24): one catalog per document in locales/<lang>/LC_MESSAGES/ (sphinx-intl,
# `make translations-update`); `make html` builds each language listed in handbook_languages
# with `-D language=…` into its own folder (the site's language switcher links them).
locale_dirs = ["locales"]
gettext_compact = False
handbook_languages = {"en": "", "nl": "nl/"}

root_doc = "docs/index"
include_patterns = ["docs/**", "chapters/**"]
exclude_patterns = [
    ".venv",
    "_build",
    "tools",
    "tests",
    "benchmarks",
    "node_modules",
    "docs/_templates",
    "docs/_static",
    "**/README.md",
]
templates_path = ["_templates"]

extensions = [
    "myst_parser",
    "sphinx.ext.intersphinx",
    "sphinxcontrib.bibtex",
    "sphinx_claims",
    "handbook",
]

# MyST: colon fences for directives, definition lists for the glossary, smart quotes.
myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "smartquotes",
    "replacements",
    "substitution",
    "attrs_inline",
]
myst_substitutions = edition.substitutions()
myst_heading_anchors = 3

# Citations: author–year in the text, one bibliography page (docs/bibliography.md).
bibtex_bibfiles = ["../references.bib"]
bibtex_reference_style = "handbook"  # tools/handbook/citations.py
bibtex_default_style = "handbook-chicago"  # Chicago author-date (tools/handbook/chicago.py)
claims_register_one_citation = True  # the register cites "(A 2025; B 2025)", as the text does

numfig = True
nitpicky = True
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

# HTML: sphinx-book-theme, everything served from the build (no CDN, no analytics).
html_theme = "sphinx_book_theme"
html_title = f"{project} — {subtitle}"
html_short_title = project
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": repository_url,
    "use_repository_button": False,
    # The theme's download menu offers only the page's .md source; "Download PDF" (below) stays.
    "use_download_button": False,
    "show_toc_level": 2,
    # The title is the sidebar's brand already: no third copy at the head of the chapter list.
    "home_page_in_toc": False,
    # No top bar: its search field duplicated the sidebar's, and its hidden menu button was the
    # one the theme wired up, leaving the article header's visible button dead on phones.
    "navbar_persistent": [],
    # Licences (as CITATION.cff says) and the edition (`release`): docs/_templates/.
    "footer_content_items": ["licence-footer.html"],
}
# One search field: the sidebar's (the article header's search icon opens the same dialog).
# The index, after the chapters and back matter (docs/_templates/sidebar-index.html).
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html",
                        "sidebar-index.html"]}
# Site root: an instant redirect to the book's first page (docs/_templates/redirect.html).
html_additional_pages = {"index": "redirect.html"}
# The key to the claim badges, before a page's first claim, links here.
claims_how_to_read = "docs/how-to-read#claims"
# Published editions (editions/<version>/) and the editors' changes.toml: the changelog page
# (docs/changes.md), the badges, the notices of withdrawn claims and rules EDN001-EDN003.
claims_editions_dir = "../editions"
claims_changes_page = "docs/changes"
# What sphinx-claims adds beyond the claims (docs/adopting.md, "Configuration values"): the
# handbook lists its sources in every citing document, shows the legend, letters its years.
claims_chapter_sources = "all"
claims_legend = True
claims_year_letters = True
# Search: chapters above back matter (docs/_static/search-scorer.js).
html_search_scorer = os.path.join(os.path.dirname(__file__), "_static", "search-scorer.js")
# --- PDF (LaTeX builder + lualatex; `make pdf`) ------------------------------------------------
# Fonts, title page, metadata and reproducibility settings live in docs/_latex/handbook.sty;
# book structure and right-to-left runs in tools/handbook/; per-chapter source lists in the
# extension (tools/sphinx-claims/).
latex_engine = "lualatex"
latex_documents = [
    (root_doc, "russias-asian-partnerships.tex", edition.title, author, "manual", False),
]
latex_additional_files = ["_latex/handbook.sty", "_latex/handbook.ist"]
latex_use_xindy = False
latex_show_pagerefs = True
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # A screen PDF: one-sided, chapters open on the next page (no blank left-hand pages).
    "extraclassoptions": "openany,oneside",
    "polyglossia": "",
    "babel": r"\usepackage[english]{babel}",
    "fontpkg": "",
    "fncychap": "",
    "passoptionstopackages": r"\PassOptionsToPackage{pdflang=en-GB}{hyperref}",
    "preamble": "\\usepackage{handbook}\n",  # + the edition's PDF metadata (handbook_edition)
    "tableofcontents": r"\sphinxtableofcontents\markboth{}{}",
}
# The title page and the PDF's metadata come from the edition (tools/handbook/latex_edition.py).
handbook_edition = edition
# On the site, not in the students' PDF and EPUB: the contributors' guide and the linter manual.
handbook_print_exclude = ["docs/contributing", "docs/linter", "docs/adopting"]
# Named in the printed index wherever the chapters mention them (with the glossary's terms and
# the people claims are attributed to).
handbook_index_terms = [
    "Russia", "China", "Pakistan", "India", "Ukraine", "Kazakhstan", "United States",
    "Moscow", "Beijing", "Islamabad", "Vladivostok", "Astana", "Jakarta", "Brussels",
    "Xi Jinping", "Vladimir Putin", "Imran Khan", "Shehbaz Sharif",
    "United Nations", "European Council", "Kremlin",
]

# --- EPUB (`make epub`): the same book for e-readers, validated by epubcheck -----------------------
epub_basename = latex_documents[0][1].removesuffix(".tex")
epub_title = edition.title
epub_description = f"{subtitle}. {edition.label}."
epub_author = epub_publisher = epub_contributor = curly(author)
epub_cover = ("_static/handbook-cover.svg", "epub-cover.html")  # drawn by tools/handbook/epub.py
epub_copyright = curly(copyright)
# The NCX repeats the identifier as the OPF's unique-identifier id: one XML name for both.
epub_identifier = epub_uid = f"{epub_basename}-{release}"
epub_theme = "epub"
epub_theme_options: dict[str, str] = {}
epub_show_urls = "footnote"
epub_use_index = False
epub_tocscope = "includehidden"  # see tools/handbook/epub.py
# Web-only pages, and the downloads the site publishes (html_extra_path below), stay out.
epub_exclude_files = [
    *(f"{doc}.xhtml" for doc in handbook_print_exclude),
    f"{epub_basename}.pdf",
    f"{epub_basename}.epub",
    "index.xhtml",  # the site's redirect page (html_additional_pages)
]

# --- end PDF -------------------------------------------------------------------------------------

# --- publishing (issue 7: offline-safe hosted site) ---------------------------------------------
# The colour mode the theme starts in; without it pydata-sphinx-theme logs a console error on a
# reader's first visit ("Got invalid theme mode").
html_context = {"default_mode": "auto"}
# The site publishes the PDF that `make pdf` left here, with a "Download PDF" button in the page
# header (no PDF, no button), and takes MathJax from the site, never from a CDN (tools/handbook/
# site.py; these are the defaults).
handbook_pdf_dir = "_build/pdf"
handbook_mathjax_path = "mathjax/tex-chtml.js"
# The contributors' and adopters' pages (their own toctree in docs/index.md): a reader's "Next"
# never leads into them.
handbook_contributor_docs = handbook_print_exclude
# --- end publishing ------------------------------------------------------------------------------
