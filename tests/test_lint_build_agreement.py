"""The linter and the Sphinx build agree: same uncited claims, same unknown keys, same claims.json.

One corpus (tests/lint_fixtures/agreement) is built with sphinx-build and linted; uncited claims
are ``[claims.CLM001]`` warnings in the build, unknown keys sphinxcontrib-bibtex's
``[bibtex.key_not_found]``. The real handbook's claims.json is compared with ``export`` too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lint_fixtures import HERE, run_cli

from conftest import REPO, BuildResult, sphinx_build

CORPUS = HERE / "agreement"
WARNING = re.compile(r"^(?P<path>[^:\n]+\.md):(?P<line>\d+): WARNING: .*\[(?P<kind>[\w.]+)\]$",
                     re.MULTILINE)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return sphinx_build(CORPUS, tmp_path_factory.mktemp("agreement"), strict=False)


def build_findings(result: BuildResult) -> set[tuple[str, int, str]]:
    kinds = {"claims.CLM001": "CLM001", "bibtex.key_not_found": "CIT001"}
    return {
        (Path(m["path"]).relative_to(CORPUS).as_posix(), int(m["line"]), kinds[m["kind"]])
        for m in WARNING.finditer(result.stderr)
        if m["kind"] in kinds
    }


def test_build_and_linter_report_the_same_uncited_claims_and_unknown_keys(
    corpus_build, monkeypatch, capsys
):
    status, out, _ = run_cli(monkeypatch, capsys, CORPUS, "check", "--select", "CLM001,CIT001",
                             "--output-format", "json")
    linted = {(r["path"], r["line"], r["code"]) for r in json.loads(out)}
    built = build_findings(corpus_build)
    assert {code for *_, code in built} == {"CLM001", "CIT001"}
    assert len(built) == 7
    assert linted == built
    assert status == 1


def test_export_matches_the_builds_claims_json(corpus_build, monkeypatch, capsys):
    text = (corpus_build.outdir / "claims.json").read_text(encoding="utf-8")
    status, out, _ = run_cli(monkeypatch, capsys, CORPUS, "export", "-o", "-")
    assert status == 0
    assert json.loads(out) == json.loads(text)
    assert out == text  # the same file, byte for byte (escaping included)


def test_export_matches_the_handbooks_claims_json(built_handbook, monkeypatch, capsys):
    built = json.loads((built_handbook.outdir / "claims.json").read_text(encoding="utf-8"))
    status, out, _ = run_cli(monkeypatch, capsys, REPO, "export", "-o", "-")
    assert status == 0 and len(built) > 50
    assert json.loads(out) == built


def test_export_matches_claims_json_of_a_notebook_and_rest_project(tmp_path, monkeypatch, capsys):
    """A notebook read by MyST-NB (lines in its numbering) and a ``.txt`` page read as reST (text,
    chapter numbers from its sections): ``export`` writes the build's claims.json."""
    import shutil
    import subprocess
    import sys

    src = tmp_path / "src"
    shutil.copytree(HERE.parent / "oracle" / "mixed", src)
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", str(src),
         str(tmp_path / "out")], capture_output=True, text=True, cwd=src,
    )
    assert proc.returncode == 0, proc.stderr
    built = json.loads((tmp_path / "out" / "claims.json").read_text(encoding="utf-8"))
    status, out, _ = run_cli(monkeypatch, capsys, src, "export", "-o", "-")
    assert status == 0 and len(built) == 8
    assert json.loads(out) == built
    by_label = {r["label"]: r for r in built}
    assert [e["key"] for e in by_label["txt-evidence"]["evidence"]] == ["beta2024", "delta2022"]
    assert by_label["txt-uncited"]["number"] == "2.2"
    assert by_label["nb-uncited"]["line"] == 30004  # MyST-NB's line for cell 3, line 3
