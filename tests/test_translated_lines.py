"""Findings about text inside a translated message stay at the original paragraph's line.

Sphinx's Locale transform parses each msgstr as a small document of its own, so the nodes it
brings count lines from 1. A citation outside a claim in a translated paragraph is still reported
at that paragraph's line, and a suppression comment above the paragraph still covers it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_claims"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
locale_dirs = ["locales"]
gettext_compact = False
"""
BIB = "@misc{k1, author = {Doe, Jane}, title = {A dataset}, year = {2020}}\n"
INDEX = """\
# Title

Opening words.

% sphinx-claims: ignore[CIT002] the data source of a figure, not a statement of fact
Source: a dataset {cite:p}`k1`.

A stray sentence
that cites {cite:p}`k1` on its second line.

:::{claim} A statement
:label: c1
A statement {cite:p}`k1`.
:::

```{bibliography}
```
"""
PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: nl\\n"

msgid "Source: a dataset {cite:p}`k1`."
msgstr "Bron: een dataset {cite:p}`k1`."

msgid "A stray sentence that cites {cite:p}`k1` on its second line."
msgstr "Een losse zin die {cite:p}`k1` aanhaalt."
"""


def _build(root: Path, language: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", "-E",
         "-D", f"language={language}", str(root), str(root / "_build" / language)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_a_translated_paragraph_keeps_its_line_and_its_suppression(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "refs.bib").write_text(BIB)
    (tmp_path / "index.md").write_text(INDEX)
    catalog = tmp_path / "locales" / "nl" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "index.po").write_text(textwrap.dedent(PO))

    english = _build(tmp_path, "en")
    dutch = _build(tmp_path, "nl")
    assert "Een losse zin" in (tmp_path / "_build" / "nl" / "index.html").read_text()

    def cit002(stderr: str) -> list[str]:
        return [line.split(": WARNING")[0].rsplit(":", 1)[1]
                for line in stderr.splitlines() if "CIT002" in line]

    # The English build is the oracle: MyST gives the citation its paragraph's line (8); the
    # Dutch build reports the same line, not the msgstr's line 1, and neither reports the
    # suppressed source line or an unused suppression.
    assert cit002(english) == ["8"]
    assert cit002(dutch) == cit002(english)
    assert "SUP001" not in english + dutch
