project = "Oracle corpus: bibliographies"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence", "deflist"]
bibtex_bibfiles = ["refs.bib", "more.bib"]
exclude_patterns = ["_build"]

