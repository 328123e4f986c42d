"""Two chapters citing overlapping sources, one bibliography page."""

project = "Chapter sources test"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims.ext.chapter_sources",
              "handbook.latex_book"]
root_doc = "index"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
latex_documents = [(root_doc, "sources.tex", project, "tests", "manual", False)]
claims_chapter_sources = "all"  # no claims here: every citing document gets its list
