"""A small book with a Dutch catalog holding one planted mistake of every TRN rule."""

project = "translation fixture"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
locale_dirs = ["locales"]
gettext_compact = False
exclude_patterns = ["_build"]
