"""Every input a fuzzer (or a user) found the build and the linter to disagree on, as a named case.

Each test builds a tiny project with Sphinx and lints it (:mod:`oracle_harness`): the build is the
oracle, so a case passes only when both sides report the same findings at the same lines. Where
the expected finding is known, it is asserted too, so a case cannot pass by both sides going
quiet. Add a case here, named after what it guards, whenever a property run finds a failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from oracle_harness import Observed, assert_agree, compare

CORPUS = Path(__file__).parent / "oracle" / "corpus"
INDEX = "# Regression\n\n```{toctree}\n:glob:\n\ndoc*\n```\n"


def _agree(tmp_path: Path, **documents: str) -> Observed:
    """Build and lint a project of *documents* (``name=text``, no suffix); return the build's
    observations once both sides agree."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("conf.py", "refs.bib"):
        shutil.copy(CORPUS / name, src / name)
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    for name, text in documents.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    built, linted = compare(src, tmp_path / "out")
    assert_agree(built, linted)
    return built


def _lines_of(built: Observed, path: str) -> set[tuple[int, str]]:
    return {(line, code) for where, line, code, _ in built.findings if where == path}


def test_a_one_line_claim_fence_with_text_after_its_name_is_an_unclosed_div(
    tmp_path: Path,
) -> None:
    """``:::{claim}> quoted {cite:ps}`q``` (found by the property run): the info string is not
    ``{name}``, so MyST reads a plain div and never renders its info string. The linter read it
    as the div's argument and reported CIT001/CIT002 at line 2 of a one-line file."""
    built = _agree(tmp_path, doc=":::{claim}> quoted {cite:ps}`q`")
    assert _lines_of(built, "doc.md") == {(1, "MST001")}
    assert "doc.md" not in built.cited


def test_a_plain_div_body_is_read_as_myst_from_its_first_line(tmp_path: Path) -> None:
    """A plain ``:::`` div has no options: ``:caption:`` in it is text, and a citation below it
    belongs to the paragraph that starts on the option-like line."""
    built = _agree(
        tmp_path,
        doc=(
            "# Doc\n\n:::\n:caption: {cite:p}`q3`\n:::\n\n"
            ":::note {cite:p}`q4`\n:caption: x\n{cite:p}`q6`\n:::\n"
        ),
    )
    assert _lines_of(built, "doc.md") == {
        (4, "CIT001"), (4, "CIT002"), (8, "CIT001"), (8, "CIT002"),
    }
    assert built.cited["doc.md"] == {"q3", "q6"}


def test_a_malformed_citation_target_is_cit004_on_both_sides_and_the_build_goes_on(
    tmp_path: Path,
) -> None:
    """sphinxcontrib-bibtex's role raised ``ValueError`` on ``{see}``, which stopped the build;
    now the build reports CIT004 at the paragraph's line, as the linter does, and a malformed
    citation still counts as the claim's citation (no CLM001)."""
    built = _agree(
        tmp_path,
        doc1=":::{claim}\n:label: one\nText {cite:p}`{see}` here.\n:::\n\nOut {cite:t}`a,,b`.\n",
        doc2=":::{claim}\n:label: two\nFine {cite:p}`alpha2025`.\n:::\n",
    )
    assert _lines_of(built, "doc1.md") == {(3, "CIT004"), (6, "CIT004")}
    assert built.cited["doc2.md"] == {"alpha2025"}


def test_a_footcite_target_is_split_at_commas_never_malformed(tmp_path: Path) -> None:
    """``{footcite}`` takes no notes: sphinxcontrib-bibtex splits its target at commas, so
    ``{x}`` is an unknown key (CIT001), not a malformed target (CIT004)."""
    built = _agree(tmp_path, doc=":::{claim}\n:label: one\nText {footcite:p}`{x}`.\n:::\n")
    assert _lines_of(built, "doc.md") == {(3, "CIT001")}


def test_a_div_closed_by_the_fence_meant_for_its_claim_has_one_message_on_both_sides(
    tmp_path: Path,
) -> None:
    """The build's source guard called the div unclosed; the linter said which fence closed
    it. One wording now serves both (:func:`sphinx_claims.checks.unclosed_fence`)."""
    built = _agree(tmp_path, doc="# D\n\n:::\n:::{claim} t\n:label: a\n:::\n:::\n")
    messages = {message for path, line, code, message in built.findings if code == "MST001"}
    assert any("which was meant for ':::{claim} t' at line 4" in m for m in messages), messages
    assert _lines_of(built, "doc.md") == {(3, "MST001"), (4, "CLM002"), (7, "MST001")}


def test_a_div_with_a_class_is_scanned_for_unclosed_fences_inside_it(tmp_path: Path) -> None:
    """``::::aside`` (a div whose class is ``aside``) holding a claim whose ``::::`` closes the
    div (found by the oracle's generated documents): the build's source guard skipped the body
    of a div with a class, so only the linter reported the div's MST001."""
    built = _agree(
        tmp_path,
        doc="# D\n\n::::aside\n::::{claim}\n:label: a\nText {cite:p}`alpha2025`.\n::::\n",
    )
    assert (3, "MST001") in _lines_of(built, "doc.md")


def test_a_fence_whose_name_no_build_can_register_is_read_as_nothing(tmp_path: Path) -> None:
    """``:::{claim}:::{claim}    {cite:p}`indented``` (found by the fuzz run, seed 0): MyST looks
    the directive ``claim}:::{claim`` up, finds none and renders its text as a literal block. The
    linter read the rest of the line as the argument of a directive it did not know and reported
    CIT001/CIT002 at line 2 of a one-line file."""
    built = _agree(tmp_path, doc=":::{claim}:::{claim}    {cite:p}`indented`\n")
    assert _lines_of(built, "doc.md") == {(1, "MST001")}
    assert "doc.md" not in built.cited


def test_text_after_a_directive_that_takes_no_argument_is_its_body_on_the_fence_line(
    tmp_path: Path,
) -> None:
    """``{note}`` takes no argument (docutils' signature): MyST makes the text after its name the
    first line of the body, on the fence's line. The linter read it as an argument, one line
    below (line 2 of a one-line file)."""
    built = _agree(tmp_path, doc1=":::{note} {cite:p}`q1`",
                   doc2="# Doc\n\n~~~{note} {cite:p}`q3`\nMore {cite:p}`q4`.\n~~~\n\n"
                        ":::{admonition} Title {cite:p}`q8`\nBody.\n:::\n")
    assert _lines_of(built, "doc1.md") == {(1, "MST001"), (1, "CIT001"), (1, "CIT002")}
    assert _lines_of(built, "doc2.md") == {
        (3, "CIT001"), (3, "CIT002"), (8, "CIT001"), (8, "CIT002"),
    }  # the note's first two lines are one paragraph: the build reports it at its first line


def test_a_field_repeated_twice_on_one_line_is_bib003_twice_on_both_sides(tmp_path: Path) -> None:
    """``title = {Title},  title = {Title},`` after a first title (found by the fuzz run, seed
    5): the linter's .bib reader crashed on two identical repeats; pybtex drops both, and both
    sides report each at its line."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CORPUS / "conf.py", src / "conf.py")
    bib = (CORPUS / "refs.bib").read_text(encoding="utf-8")
    extra = "\n@online{key1,\n  title = {Title},\n  title = {Title},  title = {Title},\n}\n"
    (src / "refs.bib").write_text(bib + extra, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "doc.md").write_text("# Doc\n\nText.\n", encoding="utf-8")
    built, linted = compare(src, tmp_path / "out")
    assert_agree(built, linted)
    line = bib.count("\n") + 4  # the line holding the two repeats
    assert [f for f in built.findings if f[2] == "BIB003"] == [
        ("refs.bib", line, "BIB003", "entry 'key1' repeats field 'title'")
    ]  # two equal warnings on one line are one in a set (see oracle_harness)
