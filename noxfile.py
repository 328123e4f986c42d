"""The version matrix of sphinx-claims: each session a fresh virtualenv installed from PyPI.

``oldest`` is Jupyter Book 1's stack (Sphinx 7, myst-parser 3, installed together with
``jupyter-book<2``, so the resolver must accept both); ``newest`` is Sphinx 9 with myst-parser 5.
Each runs the extension's build tests against the installed (not the editable) package, and the
Jupyter Book session also builds ``tests/fixtures/jupyterbook`` with ``jb build``. Run it with
``nox`` (``make test-all`` runs it through ``tests/test_version_matrix.py``).
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "virtualenv"
nox.options.reuse_venv = "no"

PACKAGE = "./tools/sphinx-claims"
#: The extension's core build tests (directive, domain, register), run from the source tree.
CORE_TESTS = ("tests/test_directive.py", "tests/test_domain.py", "tests/test_register.py")
TEST_TOOLS = ("pytest", "pytest-timeout", "beautifulsoup4", "hypothesis")
STACKS = {
    "oldest": ("sphinx>=7.2,<8", "myst-parser>=3,<4", "jupyter-book<2"),
    "newest": ("sphinx>=9,<10", "myst-parser>=5,<6"),
}


def _pytest(session: nox.Session, *paths: str) -> None:
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *paths,
                *session.posargs)


@nox.session
@nox.parametrize("stack", list(STACKS))
def matrix(session: nox.Session, stack: str) -> None:
    """Install the stack and sphinx-claims in one resolver run, check it, run the build tests."""
    session.install(*STACKS[stack], PACKAGE, *TEST_TOOLS)
    session.run("python", "-m", "pip", "check")
    session.run("python", "-c", "import sphinx, myst_parser, sphinx_claims; print("
                "'sphinx', sphinx.__version__, 'myst-parser', myst_parser.__version__, "
                "'sphinx-claims', sphinx_claims.__file__)")
    _pytest(session, *CORE_TESTS)
    if stack == "oldest":
        _pytest(session, "tests/check_jupyter_book.py")
