"""Build-versus-linter corpus: the handbook's extensions and MyST settings."""

project = "agreement"
root_doc = "docs/index"
include_patterns = ["docs/**", "chapters/**"]
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes", "replacements"]
bibtex_bibfiles = ["../refs.bib"]
bibtex_reference_style = "author_year"
