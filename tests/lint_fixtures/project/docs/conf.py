"""A small project for the linter's tests: the handbook's MyST settings."""

project = "lint fixture"
root_doc = "docs/index"
include_patterns = ["docs/**", "chapters/**"]
exclude_patterns = ["chapters/skipped.md"]
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes", "replacements"]
bibtex_bibfiles = ["../refs.bib"]
