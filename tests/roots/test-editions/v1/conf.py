"""A one-chapter book with recorded editions (see README.md)."""

project = "Editions test"
author = "Tests"
release = version = "0.1"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
root_doc = "index"
exclude_patterns = ["_build", "editions", "README.md"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
claims_editions_dir = "editions"
claims_changes_page = "changes"
