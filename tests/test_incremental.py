"""Incremental equals clean, with the speed-ups on: every edit a contributor makes.

A copy of ``tests/roots/test-claims`` (two chapters, register, sources, bibliography) gets a
bibliography style of its own: a ``handbook`` subclass in a local module, whose access-date word
comes from ``conf.py``. One output folder is built again after each edit, the way ``make html``
and ``make live`` do (a new ``sphinx-build`` process on the old environment); each result is
compared, file by file (HTML, ``claims.json``, everything but Sphinx's own pickles), with a
clean build of the same sources in a fresh folder: byte for byte, except that Sphinx itself never
deletes a removed page (it must be linked from nowhere) and keeps emptied words in its search
index.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claims_build import copy_root

STYLE_MODULE = '''\
"""A project style: the handbook's, with the access-date word from conf.py."""
from pybtex.style.template import field, href, join, node, optional, sentence, words

from sphinx_claims.bib import style

WORD = "accessed"


@node
def access_date(children, context):
    date = field("urldate", raw=True, apply_func=style.human_date)
    return words[WORD, date].format_data(context)


class ProjectStyle(style.HandbookStyle):
    def format_web_refs(self, e):
        url = field("url", raw=True)
        return sentence[
            optional[join[href(url)[url], optional[" (", access_date, ")"]]],
            optional[self.format_doi(e)],
        ]
'''
CONF_TAIL = '''
import sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
import projectstyle  # noqa: E402
from pybtex.plugin import register_plugin  # noqa: E402

projectstyle.WORD = "seen on"
register_plugin("pybtex.style.formatting", "project", projectstyle.ProjectStyle)
bibtex_default_style = "project"
'''


def _sphinx(src: Path, out: Path, *extra: str) -> None:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--keep-going", *extra,
           str(src), str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=src)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr


def _files(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


def _stale(name: str, left: list[str]) -> bool:
    """Whether *name* is a removed document's leftover output (its page or its source copy)."""
    return name == ".buildinfo.bak" or name.startswith("_sources/") or (
        name.endswith(".html") and f"_sources/{name.removesuffix('.html')}.md.txt" in left
    )


def _normalised(name: str, data: bytes) -> object:
    """The file's bytes; for Sphinx's search index, its terms without empty document lists
    (Sphinx keeps a word whose pages were all rewritten without it as ``"word": []``)."""
    if name != "searchindex.js":
        return data
    index = json.loads(data.decode().removeprefix("Search.setIndex(").removesuffix(")"))
    for table in ("terms", "titleterms"):
        index[table] = {word: docs for word, docs in index[table].items() if docs != []}
    return index


def _first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a),
                                                                                  len(b)))
    return f"incremental {a[max(at - 80, 0):at + 80]!r} clean {b[max(at - 80, 0):at + 80]!r}"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_bib_field(src: Path) -> str:
    _replace(src / "refs.bib", "The First Source", "The First Source, Revised")
    return "The First Source, Revised"


def edit_style_module(src: Path) -> str:
    _replace(src / "projectstyle.py", 'return words[WORD,', 'return words[WORD.upper(),')
    return "SEEN ON"


def edit_config_value(src: Path) -> str:
    _replace(src / "conf.py", 'projectstyle.WORD = "seen on"', 'projectstyle.WORD = "read on"')
    return "READ ON"  # upper-cased by the edited style module


def edit_style_in_conf(src: Path) -> str:
    """A style defined in conf.py itself replaces the module's."""
    (src / "conf.py").write_text(
        (src / "conf.py").read_text(encoding="utf-8")
        + "\nclass ConfStyle(projectstyle.ProjectStyle):\n"
        "    def format_extras(self):\n"
        "        from pybtex.style.template import join\n"
        "        return join(sep=' ')[super().format_extras(), 'Styled in conf.py.']\n\n"
        'register_plugin("pybtex.style.formatting", "conf", ConfStyle)\n'
        'bibtex_default_style = "conf"\n',
        encoding="utf-8",
    )
    return "Styled in conf.py."


def add_chapter(src: Path) -> str:
    (src / "chapters" / "three.md").write_text(
        "# Chapter three\n\n:::{claim} Added\n:label: added-claim\n\n"
        "A new chapter's claim {cite:p}`beta2024`.\n:::\n",
        encoding="utf-8",
    )
    _replace(src / "index.md", "chapters/two\n", "chapters/two\nchapters/three\n")
    return "A new chapter"


def rename_chapter(src: Path) -> str:
    (src / "chapters" / "three.md").rename(src / "chapters" / "third.md")
    _replace(src / "index.md", "chapters/three\n", "chapters/third\n")
    return "A new chapter"


def remove_chapter(src: Path) -> str:
    (src / "chapters" / "third.md").unlink()
    _replace(src / "index.md", "chapters/third\n", "")
    return "Chapter two"


def rename_label(src: Path) -> str:
    _replace(src / "chapters" / "one.md", ":label: first-claim", ":label: opening-claim")
    for name in ("one.md", "two.md"):  # and every reference to it
        _replace(src / "chapters" / name, "first-claim", "opening-claim")
    return "opening-claim"


def move_claim(src: Path) -> str:
    one, two = src / "chapters" / "one.md", src / "chapters" / "two.md"
    text = one.read_text(encoding="utf-8")
    match = re.search(r":::\{claim\}\n:label: second-claim\n.*?\n:::\n", text, re.DOTALL)
    assert match, "the second claim"
    one.write_text(text.replace(match.group(0), ""), encoding="utf-8")
    two.write_text(two.read_text(encoding="utf-8") + "\n" + match.group(0), encoding="utf-8")
    return "second-claim"


#: The edits, applied in this order to one copy (each builds on the previous state).
EDITS: dict[str, Callable[[Path], str]] = {
    "bib-field": edit_bib_field,
    "style-module": edit_style_module,
    "config-value": edit_config_value,
    "style-in-conf": edit_style_in_conf,
    "chapter-added": add_chapter,
    "chapter-renamed": rename_chapter,
    "chapter-removed": remove_chapter,
    "label-renamed": rename_label,
    "claim-moved": move_claim,
}


@pytest.mark.slow  # a dozen builds (started first)
def test_every_incremental_build_equals_a_clean_build(tmp_path: Path) -> None:
    src = copy_root("claims", tmp_path / "src")
    (src / "projectstyle.py").write_text(STYLE_MODULE, encoding="utf-8")
    (src / "conf.py").write_text((src / "conf.py").read_text() + CONF_TAIL, encoding="utf-8")
    out = tmp_path / "incremental"
    _sphinx(src, out)
    assert "seen on" in (out / "bibliography.html").read_text(encoding="utf-8")
    failures = []
    for edit, apply in EDITS.items():
        expected = apply(src)
        _sphinx(src, out)
        clean = tmp_path / f"clean-{edit}"
        _sphinx(src, clean, "-E")
        incremental, fresh = _files(out), _files(clean)
        assert "claims.json" in fresh
        # Sphinx never deletes an output: a removed or renamed chapter's old page stays behind
        # (unlinked; checked below), and so does .buildinfo.bak
        missing = sorted(fresh.keys() - incremental.keys())
        left = sorted(incremental.keys() - fresh.keys())
        if missing or any(not _stale(name, left) for name in left):
            failures.append(f"{edit}: missing {missing}, extra {left}")
            continue
        different = [name for name in fresh
                     if _normalised(name, incremental[name]) != _normalised(name, fresh[name])]
        if different:
            first = _first_difference(incremental[different[0]], fresh[different[0]])
            failures.append(f"{edit}: differs in {different}: {first}")
        for name in left:  # a leftover page is linked from nowhere
            if name.endswith(".html"):
                links = [n for n, text in fresh.items() if n.endswith(".html")
                         and Path(name).name.encode() in text]
                if links:
                    failures.append(f"{edit}: {links} link to the removed {name}")
        shown = "".join(text.decode("utf-8", "replace") for name, text in fresh.items()
                        if name.endswith((".html", ".json")))
        assert expected in shown, f"{edit}: {expected!r} not in the output"
    assert not failures, "\n".join(failures)
