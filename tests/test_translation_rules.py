"""The TRN rules: a translated book checked claim by claim, by the linter and by the build.

``tests/roots/test-translation`` is a small book whose Dutch catalog was made by the gettext
builder and ``sphinx-intl update``, translated, then given one mistake of each kind: a citation
key dropped from a msgstr (claim ``held``), a role left unclosed (``routine``), an English edit
after translating (``small``: ``sphinx-intl`` marked the translation fuzzy), an untranslated
claim (``announced``), and a message whose earlier translation survives only as an obsolete
``#~`` entry (``new``). The expected lines come from the catalog itself (polib), the expected
claims from the chapter's labels. The linter and a real Dutch Sphinx build must both report
each mistake at that ``.po`` line; the build as the linter's oracle.
"""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util.console import strip_escape_sequences

from conftest import REPO, copy_handbook
from sphinx_claims import translation
from sphinx_claims.ext import translation_checks
from sphinx_claims.lint import cli, config, runner

ROOT = Path(__file__).parent / "roots" / "test-translation"
CATALOG = Path("locales") / "nl" / "LC_MESSAGES" / "chapter.po"
#: ``path:line: [WARNING: ]message [claims.CODE]`` in the build's output.
LOGGED = re.compile(r"(?P<path>\S+\.po):(?P<line>\d+): (?P<warning>WARNING: )?.*?"
                    r"\[claims\.(?P<code>TRN\d+)\]$", re.MULTILINE)
MD = create_md_parser(MdParserConfig(), RendererHTML)


def _line(start: str, *, obsolete: bool = False) -> int:
    """The ``.po`` line (polib's ``linenum``) of the entry whose msgid starts with *start*."""
    catalog = polib.pofile(str(ROOT / CATALOG))
    [entry] = [e for e in catalog if e.msgid.startswith(start) and e.obsolete == obsolete]
    return entry.linenum


def expected() -> set[tuple[str, int, str]]:
    """``(code, line, label)`` of every planted mistake."""
    return {
        ("TRN003", _line("The two navies"), "held"),
        ("TRN004", _line("The {term}"), "routine"),
        ("TRN002", _line("Two ships"), "small"),
        ("TRN001", _line("The navy announced"), "announced"),
        ("TRN002", _line("Nobody had yet"), "new"),
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    src = tmp_path / "book"
    shutil.copytree(ROOT, src)
    return src


def _lint(src: Path) -> runner.Result:
    return runner.run(config.load(src), src, jobs=1)


def _build(src: Path, out: Path) -> tuple[str, str]:
    """A Dutch build of *src*: its status and warning streams."""
    status, warnings = StringIO(), StringIO()
    app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html",
                 confoverrides={"language": "nl"}, status=status, warning=warnings,
                 freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    return strip_escape_sequences(status.getvalue()), strip_escape_sequences(warnings.getvalue())


def test_the_linter_reports_each_planted_mistake_at_its_po_line(book: Path) -> None:
    result = _lint(book)
    found = {(f.code, f.line, f.subject) for f in result.findings if f.code != "TRN005"}
    assert found == expected()
    assert {f.path for f in result.findings} == {CATALOG.as_posix()}


def test_the_dutch_build_reports_what_the_linter_reports(book: Path, tmp_path: Path) -> None:
    status, warnings = _build(book, tmp_path / "out")
    logged = {(m["code"], Path(m["path"]).name, int(m["line"]))
              for m in LOGGED.finditer(status + warnings)}
    linted = {(f.code, Path(f.path).name, f.line) for f in _lint(book).findings}
    assert logged == linted
    assert {code for code, _, _ in logged} >= {"TRN001", "TRN002", "TRN003", "TRN004", "TRN005"}
    # Only the errors are Sphinx warnings (they fail -W); notices never are.
    warned = {m["code"] for m in LOGGED.finditer(warnings)}
    assert warned == {"TRN003", "TRN004"}
    assert all(m["warning"] for m in LOGGED.finditer(warnings))
    assert not any(m["warning"] for m in LOGGED.finditer(status))


def test_an_untranslated_book_builds_with_w_but_a_changed_key_fails(
    book: Path, tmp_path: Path
) -> None:
    """Only notices: ``-W`` passes. The dropped key alone: ``-W`` fails on it."""
    po = book / CATALOG
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = ""
    catalog.save(str(po))
    status, warnings = _build(book, tmp_path / "empty")
    assert "claims.TRN" not in warnings
    assert "[claims.TRN001]" in status
    coverage = [f for f in _lint(book).findings if f.code == "TRN005"]
    assert [f.message for f in coverage] == ["nl coverage of chapter: 0/6 claims, "
                                             "0/7 messages translated"]

    held = next(e for e in catalog if e.msgid.startswith("The two navies"))
    held.msgstr = "Gehouden in maart {cite:p}`navy2025`."
    catalog.save(str(po))
    _, warnings = _build(book, tmp_path / "dropped")
    assert re.search(rf"chapter\.po:{held.linenum}: WARNING: .*'press2025'.*\[claims\.TRN003\]",
                     warnings)


def test_the_command_line_gives_coverage_in_concise_and_json_and_notices_do_not_fail(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(book)
    assert cli.main(["check", "--no-cache", "--ignore", "TRN003,TRN004"]) == cli.EXIT_CLEAN
    text = capsys.readouterr().out
    assert f"{CATALOG.as_posix()}:1:1: TRN005 nl coverage of chapter: 3/6 claims, " \
           "4/7 messages translated" in text
    assert text.rstrip().endswith("All checks passed! (4 notices)")
    assert cli.main(["check", "--no-cache", "--output-format", "json"]) == cli.EXIT_FINDINGS
    records = json.loads(capsys.readouterr().out)
    [summary] = [r for r in records if r["code"] == "TRN005"]
    assert summary["severity"] == "info"
    assert summary["message"].endswith("3/6 claims, 4/7 messages translated")
    assert {r["severity"] for r in records if r["code"] in ("TRN003", "TRN004")} == {"error"}


# --- the comparisons on their own ---------------------------------------------------------------


@pytest.mark.parametrize(("msgid", "msgstr", "detail"), [
    ("A {cite:p}`a,b`.", "Een {cite:p}`a`.", "drops citation key 'b'"),
    ("A {cite:p}`a` and {cite:t}`b`.", "Een {cite:p}`b` en {cite:t}`c`.",
     "has citation key 'c' where the original has 'a'"),
    ("A {cite:p}`a`.", "Een {cite:p}`a,b`.", "adds citation key 'b'"),
    ("See {claim:ref}`x`.", "Zie {claim:ref}`y`.",
     "has claim reference 'y' where the original has 'x'"),
    ("A {term}`navy`.", "Een {term}`zeemacht`.",
     "has term reference 'zeemacht' where the original has 'navy'"),
])
def test_changed_references_are_named(msgid: str, msgstr: str, detail: str) -> None:
    assert translation.changed_references(MD, msgid, msgstr) == detail


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("A {cite:p}`a` and {cite:t}`b`.", "Eerst {cite:t}`b`, dan {cite:p}`a`."),  # word order
    ("A {cite:p}`a`.", "Een {cite:t}`a`."),  # another citation style, the same key
    ("A {term}`navy`.", "Een {term}`zeemacht <navy>`."),  # the term's target kept
    ("See {claim:ref}`x`.", "Zie {claim:ref}`deze bewering <x>`."),
])
def test_references_kept_in_another_order_or_form_pass(msgid: str, msgstr: str) -> None:
    assert translation.changed_references(MD, msgid, msgstr) is None
    assert translation.broken_markup(MD, msgid, msgstr) is None


@pytest.mark.parametrize("msgstr", [
    "Een {cite:p}`a.",  # unclosed backtick
    "Een {cite:p} `a`.",  # the role's name cut off from its target
    "Een {cite:p`a`.",  # broken role name
])
def test_broken_markup_is_found(msgstr: str) -> None:
    assert translation.broken_markup(MD, "A {cite:p}`a`.", msgstr) is not None


def test_code_in_the_original_is_no_broken_markup() -> None:
    msgid = "Run `make html` {cite:p}`a`."
    assert translation.broken_markup(MD, msgid, "Draai `make html` {cite:p}`a`.") is None
    assert translation.broken_markup(MD, msgid, "Draai `make html {cite:p}`a`.") is not None


def test_an_obsolete_translation_of_an_earlier_text_makes_the_claim_stale() -> None:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="The navy held a drill {cite:p}`a`.", msgstr=""))
    catalog.append(polib.POEntry(msgid="Something else entirely.", msgstr="Iets anders.",
                                 obsolete=True))
    claim = translation.ClaimText("x", ("The navy held a drill {cite:p}`a`.",))
    findings, _ = translation.check_catalog("nl.po", "nl", "doc", catalog, [claim], MD)
    assert [f.code for f in findings] == ["TRN001"]  # an unrelated obsolete entry is no history
    catalog.append(polib.POEntry(msgid="The navy held an exercise {cite:p}`a`.",
                                 msgstr="De marine hield een oefening {cite:p}`a`.",
                                 obsolete=True))
    findings, coverage = translation.check_catalog("nl.po", "nl", "doc", catalog, [claim], MD)
    assert [f.code for f in findings] == ["TRN002"]
    assert (coverage.claims, coverage.claims_done) == (1, 0)


def test_a_claim_missing_from_the_catalog_is_untranslated_at_line_one() -> None:
    claim = translation.ClaimText("x", ("Not extracted yet.",))
    findings, coverage = translation.check_catalog("nl.po", "nl", "doc", polib.POFile(),
                                                   [claim], MD)
    assert [(f.code, f.line) for f in findings] == [("TRN001", 1)]
    assert "update" in findings[0].message
    assert (coverage.claims, coverage.messages) == (1, 0)


@pytest.mark.slow
def test_the_handbook_in_dutch_the_build_agrees_with_the_linter(tmp_path: Path) -> None:
    """The real catalogs: a Dutch build of a copy of the handbook logs the TRN findings the
    linter reports, at the same ``.po`` lines, and the same coverage per chapter."""
    book = copy_handbook(tmp_path / "book")
    shutil.copytree(REPO / "locales", book / "locales", dirs_exist_ok=True)
    shutil.copy2(REPO / "pyproject.toml", book / "pyproject.toml")
    status, warnings = StringIO(), StringIO()
    app = Sphinx(str(book), str(book / "docs"), str(tmp_path / "out"),
                 str(tmp_path / "out" / ".doctrees"), "dummy", confoverrides={"language": "nl"},
                 status=status, warning=warnings, freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    built = translation_checks.noted(app.env)
    text = strip_escape_sequences(status.getvalue() + warnings.getvalue())
    logged = {(m["code"], Path(m["path"]).relative_to(book).as_posix(), int(m["line"]))
              for m in LOGGED.finditer(text)}
    result = _lint(book)
    # Both sides know every claim by the same messages (the build's from Sphinx's own
    # extract_messages, the linter's from its MyST reader).
    assert built == {claim.label: tuple(claim.messages) for claim in result.claims}
    findings = result.findings
    linted = {(f.code, f.path, f.line) for f in findings if f.code.startswith("TRN")}
    assert logged == linted
    chapters = {f.subject for f in findings if f.code == "TRN005"}
    assert {"chapters/russia-pakistan", "chapters/sino-russian"} <= chapters


def test_a_catalog_that_does_not_parse_is_one_error_line(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    po = book / CATALOG
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("msgid \"The navy"))
    lines.insert(at + 1, 'msgstr "unclosed')
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(book)
    assert cli.main(["check", "--no-cache"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    found = re.fullmatch(rf"sphinx-claims: error: {CATALOG.as_posix()}:(\d+): cannot read the "
                         r"catalog: syntax error", err[0])
    assert found and at + 2 <= int(found[1]) <= at + 3  # the broken msgstr or the line after


KEYS = ("navy2025", "press2025", "tass2024", "dawn2023")


@given(st.permutations(KEYS), st.integers(min_value=0, max_value=len(KEYS) - 1))
def test_any_order_of_the_keys_passes_and_any_dropped_key_is_named(
    order: list[str], dropped: int
) -> None:
    """Property: a translation may cite the keys in any order and grouping; one key left out
    is TRN003 naming exactly that key."""
    msgid = " ".join(f"Part {i} {{cite:p}}`{key}`." for i, key in enumerate(KEYS))
    moved = f"Alles samen {{cite:t}}`{','.join(order[:2])}` en {{cite:p}}`{','.join(order[2:])}`."
    assert translation.changed_references(MD, msgid, moved) is None
    kept = [key for key in order if key != KEYS[dropped]]
    fewer = f"Samen {{cite:p}}`{','.join(kept)}`."
    assert translation.changed_references(MD, msgid, fewer) == \
        f"drops citation key '{KEYS[dropped]}'"


def test_notices_are_notices_in_github_and_sarif_output(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(book)
    cli.main(["check", "--no-cache", "--output-format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert {line.split()[0] for line in lines if "title=TRN001" in line} == {"::notice"}
    assert {line.split()[0] for line in lines if "title=TRN003" in line} == {"::error"}
    cli.main(["check", "--no-cache", "--output-format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert {r["level"] for r in results if r["ruleId"] == "TRN005"} == {"note"}


NESTED = """# Chapter

::::{claim} A title with {cite:p}`navy2025`
:label: nested

Intro paragraph {cite:p}`navy2025`.

- first item
  over two lines
- second item {cite:p}`press2025`

> a quoted
> block

```{note}
A nested note paragraph.
```

:::{admonition} Aside
Inside an admonition.
:::

```{figure} pic.png
:alt: An alt text

The caption text.
```

Term
: A definition here.

```python
print("code is no message")
```
::::
"""


def test_the_linter_knows_a_claim_by_the_messages_sphinx_extracts(tmp_path: Path) -> None:
    """Lists, quotes, nested directives, a figure's alt text and caption, a definition list:
    the linter's messages of a claim are those Sphinx's extract_messages gives the build."""
    book = tmp_path / "book"
    shutil.copytree(ROOT, book)
    (book / "chapter.md").write_text(NESTED, encoding="utf-8")
    (book / "pic.png").write_bytes(b"")
    conf = book / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '["colon_fence"]', '["colon_fence", "deflist"]'), encoding="utf-8")
    app = Sphinx(str(book), str(book), str(tmp_path / "out"), str(tmp_path / "out" / ".d"),
                 "dummy", confoverrides={"language": "nl"}, status=StringIO(),
                 warning=StringIO(), freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()
    built = translation_checks.noted(app.env)
    assert built["nested"] == (
        "A title with {cite:p}`navy2025`", "Intro paragraph {cite:p}`navy2025`.",
        "first item over two lines", "second item {cite:p}`press2025`", "a quoted block",
        "A nested note paragraph.", "Aside", "Inside an admonition.", "An alt text",
        "The caption text.", "Term", "A definition here.",
    )  # the code block is no message (gettext_additional_targets is empty)
    assert built == {claim.label: tuple(claim.messages) for claim in _lint(book).claims}
