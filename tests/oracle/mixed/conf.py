project = "Oracle: notebooks and a reST suffix"
root_doc = "index"
# MyST-NB reads .md and .ipynb (execution off: the oracle compares sources, not outputs);
# .txt is registered as reStructuredText, so Sphinx reads it with docutils.
extensions = ["myst_nb", "sphinxcontrib.bibtex", "sphinx_claims"]
source_suffix = {".rst": "restructuredtext", ".txt": "restructuredtext"}
nb_execution_mode = "off"
myst_enable_extensions = ["colon_fence", "substitution"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
