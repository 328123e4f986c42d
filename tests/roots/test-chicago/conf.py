"""The handbook's Chicago author-date references, on a bibliography with hostile web addresses."""

project = "Chicago test"
root_doc = "index"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims", "handbook.citations",
              "handbook.chicago", "handbook.typography"]
myst_enable_extensions = ["colon_fence", "smartquotes"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "handbook"
bibtex_default_style = "handbook-chicago"
claims_register_one_citation = True
exclude_patterns = ["_build"]
