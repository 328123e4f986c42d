"""The build is the linter's oracle: same findings, same lines, same cited keys on every corpus.

See ``tests/oracle_harness.py`` for what is compared and how to add a corpus document. The
hypothesis run writes many documents per build (one Sphinx build per example, not per document):
a few hundred documents by default, thousands with ``-m fuzz``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from oracle_harness import assert_agree, compare

from conftest import REPO

HERE = Path(__file__).parent
CORPUS = HERE / "oracle" / "corpus"
#: Test roots that are claims projects (a conf.py loading sphinx_claims), and the versions of
#: a root that holds several (test-editions/v1, v2).
ROOTS = [
    path for path in sorted({*(HERE / "roots").glob("test-*"), *(HERE / "roots").glob("test-*/v*")})
    if (path / "conf.py").is_file()
    and '"sphinx_claims"' in (path / "conf.py").read_text(encoding="utf-8")
]


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def test_the_oracle_corpus(tmp_path: Path) -> None:
    built, linted = compare(_copy(CORPUS, tmp_path / "src"), tmp_path / "out")
    assert_agree(built, linted)
    codes = {code for _, _, code, _ in built.findings}
    assert {"CLM001", "CLM002", "CLM003", "CLM004", "CLM005", "CLM006", "CLM007", "CLM008",
            "CLM009", "CIT002", "CIT004", "CIT005", "SUP001"} <= codes, codes
    rest = {(line, code) for path, line, code, _ in built.findings if path == "restructured.rst"}
    assert {(6, "CLM002"), (11, "CLM002"), (16, "CLM002"), (24, "CLM005"), (25, "CLM005"),
            (34, "CLM007"), (46, "CLM001"), (56, "CIT004")} <= rest, rest
    assert not {(31, "CLM002"), (39, "CLM001"), (39, "CLM002")} & rest, rest
    assert (68, "SUP001") in rest and (63, "CLM001") not in rest, rest  # reST suppressions
    assert not [f for f in built.findings if f[2] == "SUP001" and "TOC001" in f[3]]


def test_a_citation_role_left_open(tmp_path: Path) -> None:
    """A role whose backtick never closes is CIT005 at its line on both sides; one in inline
    code, an escaped one, a closed one and a non-citation role are not findings."""
    built, linted = compare(_copy(CORPUS, tmp_path / "src"), tmp_path / "out")
    assert_agree(built, linted)
    lines = (CORPUS / "unclosed-roles.md").read_text(encoding="utf-8").splitlines()
    opened = ("{cite:p}`alpha2025]", "{cite:t}`alpha2025.", "{footcite}`beta2024 is",
              "{cite:ps}`alpha2025 as")
    expected = {number for number, text in enumerate(lines, start=1)
                if any(role in text for role in opened)}
    found = {line for path, line, code, _ in built.findings
             if path == "unclosed-roles.md" and code == "CIT005"}
    assert len(expected) == 4 and found == expected
    claim = next(n for n, text in enumerate(lines, start=1) if text == ":label: open-role") - 1
    assert ("unclosed-roles.md", claim, "CLM001") in {f[:3] for f in built.findings}


def test_bibliography_files_are_read_alike(tmp_path: Path) -> None:
    """A malformed entry, an undefined string, a repeated field, a key repeated in the same file
    and in another one, a crossref to no entry: the build's pybtex verdict and the linter's are
    the same findings at the same lines (both read with pybtex's parser)."""
    built, linted = compare(_copy(HERE / "oracle" / "bib", tmp_path / "src"), tmp_path / "out")
    assert_agree(built, linted)
    bib = {(path, line, code) for path, line, code, _ in built.findings if path.endswith(".bib")}
    # lines are the entries' in the fixture files
    assert bib == {
        ("refs.bib", 10, "BIB001"), ("refs.bib", 44, "BIB001"), ("refs.bib", 26, "BIB003"),
        ("refs.bib", 31, "BIB002"), ("more.bib", 8, "BIB002"),
    }, bib


def test_notebooks_and_a_txt_suffix_registered_as_rest(tmp_path: Path) -> None:
    """MyST-NB reads the notebook (metadata substitutions; a ``remove-cell`` cell and a code cell's
    string are not read) and docutils reads ``notes.txt``: the linter must do the same."""
    built, linted = compare(_copy(HERE / "oracle" / "mixed", tmp_path / "src"), tmp_path / "out")
    assert_agree(built, linted)
    assert built.cited["analysis.ipynb"] == {"alpha2025", "beta2024", "delta2022", "nosuch1999"}
    assert built.cited["notes.txt"] == {"beta2024", "gamma2023"}
    notebook = {(line // 10000, code) for path, line, code, _ in built.findings
                if path == "analysis.ipynb"}
    assert notebook == {(3, "CLM001"), (5, "CIT002"), (7, "CLM005"), (8, "CIT001"),
                        (9, "CIT005"), (10, "MST001")}  # the last two: the build's source scan
    assert ("notes.txt", 9, "CLM001") in {f[:3] for f in built.findings}
    # two lines of :evidence: in reST; the uncited key at the option's line on both sides
    assert ("notes.txt", 18, "CLM009") in {f[:3] for f in built.findings}


def test_the_construct_fixture(tmp_path: Path) -> None:
    """Directive arguments, ``:caption:``, substitutions, ``{eval-rst}``, a ``.rst`` page: every
    citation is an unknown key outside a claim, so each is two findings on both sides."""
    constructs = HERE / "lint_fixtures" / "constructs"
    built, linted = compare(_copy(constructs, tmp_path / "src"), tmp_path / "out")
    assert_agree(built, linted)
    assert len({f for f in built.findings if f[2] == "CIT001"}) >= 10


def test_a_jupyter_book_layout_linted_from_a_subfolder(tmp_path: Path) -> None:
    """The site map in ``_toc.yml`` (sphinx-external-toc's jb-book format), root page
    ``welcome``, a numbered part, a page that exists as ``.md`` and ``.ipynb``, a page the toc
    leaves out; linted from the ``chapters`` folder. Same findings, cited keys, claim numbers
    and pages outside the toc as the build."""
    src = _copy(HERE / "oracle" / "jupyterbook", tmp_path / "src")
    built, linted = compare(src, tmp_path / "out", start=src / "chapters")
    assert_agree(built, linted)
    toc = yaml.safe_load((src / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["root"] != "index" and built.outside == {"chapters/stray.md"}
    numbered = toc["parts"][0]["chapters"]
    assert {number.split(".")[0] for _, number in built.numbers} == {
        str(index) for index in range(1, len(numbered) + 1)}
    # Sphinx builds the first of rails.ipynb and rails.md: the notebook's claim, not the page's
    assert {label for label, _ in built.numbers} >= {"rail-notebook"}
    assert "rail-uncited" not in {label for label, _ in built.numbers}


@pytest.mark.parametrize("root", ROOTS, ids=[path.name for path in ROOTS])
def test_every_claims_test_root(root: Path, tmp_path: Path) -> None:
    assert_agree(*compare(_copy(root, tmp_path / "src"), tmp_path / "out"))


def test_a_generated_book(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from gen_lint_corpus import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate(tmp_path / "book", files=6, claims=60, entries=40)
    built, linted = compare(tmp_path / "book", tmp_path / "out")
    assert_agree(built, linted)
    assert sum(len(keys) for keys in built.cited.values()) >= 40


@pytest.mark.slow
def test_the_handbook(tmp_path: Path) -> None:
    built, linted = compare(REPO, tmp_path / "out", REPO / "docs")
    assert_agree(built, linted)
    assert {"chapters/russia-pakistan.md", "chapters/sino-russian.md"} <= set(built.cited)
    assert sum(len(keys) for keys in built.cited.values()) > 20


# --- generated documents ---------------------------------------------------------------------

KEYS = ("alpha2025", "beta2024")
LABELS = ("one", "two", "three", "Bad_Label", "")
OPTION_VALUES = {
    "kind": ("fact", "interpretation", "assessment", "quotation", "rumour", ""),
    "certainty": ("confirmed", "probable", "unverified", "disputed", "likely"),
    "attributed-to": ("A. Alpha", ""),
    "attribution-certainty": ("confirmed", "probable", "disputed", "sure"),
    "as-of": ("2025", "2025-02", "2025-13", "March"),
    "colour": ("red",),
}
CODES = ("CLM001", "CLM002", "CLM005", "CLM006", "CIT002", "CLM")

words = st.sampled_from(("The", "navies", "held", "an", "exercise", "in", "2025", "talks"))
text = st.lists(words, min_size=1, max_size=6).map(" ".join)
citation = st.builds(
    lambda role, keys: f"{{{role}}}`{','.join(keys)}`",
    st.sampled_from(("cite:p", "cite:t", "cite:ps", "footcite:p")),
    st.lists(st.sampled_from(KEYS), min_size=1, max_size=2, unique=True),
)
reference = st.sampled_from((*LABELS[:3], "nowhere")).map(lambda label: f"{{claim:ref}}`{label}`")
#: A line of running text: words, maybe a citation or a claim reference, maybe two lines.
line = st.builds(
    lambda a, role, b, wrap: f"{a} {role} {b}".replace(" ", "\n", 1) if wrap else f"{a} {role} {b}",
    text, st.one_of(st.just(""), citation, reference), text, st.booleans(),
)
comment = st.builds(lambda t: f"% {t}", text)
suppress = st.lists(st.sampled_from(CODES), min_size=1, max_size=2, unique=True).map(
    lambda codes: f"% sphinx-claims: ignore[{', '.join(codes)}]"
)


@st.composite
def claim(draw: st.DrawFn, depth: int = 0) -> str:
    options = [f":label: {draw(st.sampled_from(LABELS))}"] if draw(st.integers(0, 9)) else []
    for name in draw(st.lists(st.sampled_from(sorted(OPTION_VALUES)), max_size=3, unique=True)):
        options.append(f":{name}: {draw(st.sampled_from(OPTION_VALUES[name]))}".rstrip())
    if not draw(st.booleans()):
        options = options[:1]
    if options and draw(st.integers(0, 9)) == 0:
        options.append(draw(st.sampled_from(options)))  # an option given twice
    if options and draw(st.integers(0, 7)) == 0:  # the YAML form of the option block
        options = ["---", *(line[1:].replace(":", ": ", 1).replace(":  ", ": ")
                            for line in options), "---"]
    body = draw(st.lists(st.one_of(line, comment), max_size=3))
    if depth == 0 and draw(st.integers(0, 9)) == 0:
        body.append("\n" + draw(claim(depth + 1)))
    fence = "::::" if any(":::{claim}" in part for part in body) else ":::"
    head = [f"{fence}{{claim}}", *options]
    return "\n".join([*head, *body, fence])


block = st.one_of(
    line, comment, claim(),
    # A blank line first: MyST counts the lines of a directive body that starts with a fence
    # one too far (it prepends a newline to tell fences from options; the linter does not).
    st.builds(lambda c: f":::::{{note}}\n\n{c}\n:::::", claim()),
    st.builds(lambda t, c: f"## {t} {c}", text, st.one_of(citation, reference)),
    st.builds(lambda t, d: f"{t}\n: {d}", text, line),
    st.builds(lambda s, c: f"{s}\n{c}", suppress, claim()),
    st.builds(lambda s, t: f"{s}\n{t}", suppress, line),
    st.builds(lambda t: f"- {t}", line),
    # Plain ::: divs (their info string is never rendered; the property run once found the
    # linter reading ':::{claim}> quoted {cite:ps}`q`' as a citation).
    st.builds(lambda info, body: f":::{info}\n{body}\n:::",
              st.sampled_from(("", "note", "{claim}> quoted {cite:ps}`q`")), line),
    st.builds(lambda info, c: f"::::{info}\n{c}\n::::", st.sampled_from(("", "aside")), claim()),
)
document = st.lists(block, min_size=1, max_size=6).map(
    lambda blocks: "# Generated\n\n" + "\n\n".join(blocks) + "\n"
)


def _project(folder: Path, documents: list[str]) -> Path:
    for name in ("conf.py", "refs.bib", "index.md"):
        shutil.copy(CORPUS / name, folder / name)
    for number, text in enumerate(documents):
        (folder / f"doc{number:03d}.md").write_text(text, encoding="utf-8")
    return folder


def _check_generated(documents: list[str], tmp: Path) -> None:
    (tmp / "src").mkdir()
    assert_agree(*compare(_project(tmp / "src", documents), tmp / "out"))


DOCS_PER_BUILD = 40


#: No shrinking in the default run (a shrink rebuilds the project hundreds of times); the
#: failing documents are printed in full, with the diff of findings.
FAST = (Phase.explicit, Phase.reuse, Phase.generate)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), phases=FAST)
@given(st.lists(document, min_size=DOCS_PER_BUILD, max_size=DOCS_PER_BUILD))
def test_generated_documents(tmp_path_factory: pytest.TempPathFactory, documents: list[str]):
    _check_generated(documents, tmp_path_factory.mktemp("oracle", numbered=True))


@pytest.mark.fuzz
@settings(settings.get_profile("fuzz"), max_examples=100, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(document, min_size=DOCS_PER_BUILD, max_size=DOCS_PER_BUILD))
def test_generated_documents_fuzz(tmp_path_factory: pytest.TempPathFactory, documents: list[str]):
    _check_generated(documents, tmp_path_factory.mktemp("oracle", numbered=True))


# --- generated reST documents ----------------------------------------------------------------

REST_KEYS = (*KEYS, "nosuch1999", "{see}", "Alpha2025")
rest_citation = st.builds(
    lambda role, key: f":{role}:`{key}`",
    st.sampled_from(("cite:p", "cite:t", "footcite:p")), st.sampled_from(REST_KEYS),
)
rest_reference = st.sampled_from((*LABELS[:2], "nowhere")).map(
    lambda label: f":claim:ref:`{label}`"
)
rest_text = st.builds(lambda t, role: f"{t} {role}".rstrip() + ".", text,
                      st.one_of(st.just(""), rest_citation, rest_reference))


@st.composite
def rest_claim(draw: st.DrawFn, indent: str = "", depth: int = 0) -> list[str]:
    """A ``.. claim::`` with options, and a body of text, comments, notes or one nested claim."""
    lines = [f"{indent}.. claim::"]
    if draw(st.integers(0, 9)):
        lines.append(f"{indent}   :label: {draw(st.sampled_from(LABELS))}".rstrip())
    for name in draw(st.lists(st.sampled_from(sorted(OPTION_VALUES)), max_size=2, unique=True)):
        lines.append(f"{indent}   :{name}: {draw(st.sampled_from(OPTION_VALUES[name]))}".rstrip())
    lines.append("")
    kinds = ("text", "comment", "note", "claim") if depth == 0 else ("text", "comment", "note")
    for kind in draw(st.lists(st.sampled_from(kinds), max_size=2)):
        if kind == "comment":
            lines += [f"{indent}   .. {draw(text)}", ""]
        elif kind == "note":
            lines += [f"{indent}   .. note::", "", f"{indent}      {draw(rest_text)}", ""]
        elif kind == "claim":
            lines += draw(rest_claim(indent + "   ", depth + 1))
        else:
            lines += [f"{indent}   {draw(rest_text)}", ""]
    return lines


rest_block = st.one_of(
    rest_claim(),
    rest_text.map(lambda t: [t, ""]),
    st.builds(lambda codes, claim: [f".. sphinx-claims: ignore[{', '.join(codes)}]", *claim],
              st.lists(st.sampled_from(CODES), min_size=1, max_size=2, unique=True), rest_claim()),
)
rest_document = st.lists(rest_block, min_size=1, max_size=5).map(
    lambda blocks: "\n".join(["Generated", "=========", "", *(x for b in blocks for x in b), ""])
)


def _check_generated_rest(documents: list[str], tmp: Path) -> None:
    src = tmp / "src"
    src.mkdir()
    for name in ("conf.py", "refs.bib", "index.md"):
        shutil.copy(CORPUS / name, src / name)
    for number, text_ in enumerate(documents):
        (src / f"doc{number:03d}.rst").write_text(text_, encoding="utf-8")
    assert_agree(*compare(src, tmp / "out"))


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), phases=FAST,
          derandomize=True)
@given(st.lists(rest_document, min_size=DOCS_PER_BUILD, max_size=DOCS_PER_BUILD))
def test_generated_rest_documents(tmp_path_factory: pytest.TempPathFactory, documents: list[str]):
    """reST claims (comment-only bodies, notes, nesting, suppressions): the same findings."""
    _check_generated_rest(documents, tmp_path_factory.mktemp("rest", numbered=True))


@pytest.mark.fuzz
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(rest_document, min_size=DOCS_PER_BUILD, max_size=DOCS_PER_BUILD))
def test_generated_rest_documents_fuzz(
    tmp_path_factory: pytest.TempPathFactory, documents: list[str]
):
    _check_generated_rest(documents, tmp_path_factory.mktemp("rest", numbered=True))
