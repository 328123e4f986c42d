"""A Jupyter Book 1 layout built by Sphinx: the site map in _toc.yml (sphinx-external-toc, the
jb-book format), root page "welcome", a numbered part, a page that exists as .md and .ipynb."""

project = "Oracle: Jupyter Book layout"
extensions = ["myst_nb", "sphinx_external_toc", "sphinxcontrib.bibtex", "sphinx_claims"]
external_toc_path = "_toc.yml"
myst_enable_extensions = ["colon_fence", "dollarmath"]
nb_execution_mode = "off"
# Written out (MyST-NB adds .md and .ipynb): Sphinx's default dict would carry the .md of an
# earlier myst-parser build in the same test process.
source_suffix = {".rst": "restructuredtext"}
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
suppress_warnings = ["myst.footnote"]
