"""The ``sphinx-claims`` command line: golden output, exit codes, errors in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lint_fixtures import HERE, PROJECT, copy_project, make_project, run_cli

from sphinx_claims import rules

REPO = Path(__file__).resolve().parent.parent
#: How many findings the golden output lists (every line but the summary).
FINDINGS = len((HERE / "project.expected").read_text().splitlines()) - 1


def test_fixture_project_matches_golden_output(monkeypatch, capsys):
    status, out, err = run_cli(monkeypatch, capsys, PROJECT, "check")
    assert status == 1 and err == ""
    assert out == (HERE / "project.expected").read_text()


def test_every_rule_fires_in_the_fixture_project(monkeypatch, capsys):
    _, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "--statistics")
    fired = {line.split("\t")[1] for line in out.splitlines()}
    # EDN rules need recorded editions (test_rules_run_where_they_say, test_editions).
    editions = {code for code in rules.RULES if code.startswith("EDN")}
    assert fired == set(rules.RULES) - {code for code in rules.RULES if code > "SUP001"} - editions


def test_clean_project_exits_zero(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p", {"index.md": (
        "# T\n\n:::{claim}\n:label: ok\n\nText {cite:p}`known2025`.\n:::\n")})
    status, out, _ = run_cli(monkeypatch, capsys, root, "check")
    assert (status, out) == (0, "All checks passed!\n")


def test_exit_zero_and_select_ignore(monkeypatch, capsys):
    status, _, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "--exit-zero")
    assert status == 0
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "--select", "CIT",
                             "--ignore", "CIT002")
    assert status == 1
    codes = {line.split()[1] for line in out.splitlines()[:-1]}
    assert codes == {"CIT001", "CIT003", "CIT004", "CIT005"}


def test_paths_limit_the_run_and_skip_project_wide_unused(monkeypatch, capsys):
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "chapters/good.md")
    assert (status, out) == (0, "All checks passed!\n")
    _, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "refs.bib")
    assert "BIB001" in out and "BIB009" not in out and "chapters/" not in out


def test_json_output_has_exactly_the_documented_keys(monkeypatch, capsys):
    _, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "--output-format", "json")
    records = json.loads(out)
    assert len(records) == FINDINGS
    assert all(
        list(r) == ["path", "cell", "line", "column", "code", "severity", "message"]
        for r in records
    )
    first = records[0]
    assert first == {
        "path": "chapters/bad.md", "cell": None, "line": 3, "column": 27, "code": "CIT002",
        "severity": "warning", "message": "citation of 'alpha2025' outside any claim",
    }


def test_json_paths_are_relative_to_the_working_directory(monkeypatch, capsys):
    _, out, _ = run_cli(monkeypatch, capsys, PROJECT / "chapters", "check", "--output-format",
                        "json", "--config", str(PROJECT / "pyproject.toml"), ".")
    paths = {r["path"] for r in json.loads(out)}
    assert paths <= {"bad.md", "good.md"} and "bad.md" in paths


def test_rule_and_rules_commands(monkeypatch, capsys):
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "rule", "CIT003")
    assert status == 0
    assert out.startswith("# CIT003 (citation-key-case-mismatch)")
    assert rules.get("CIT003").why in out and rules.get("CIT003").example in out
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "rule", "nested-claim")
    assert status == 0 and out.startswith("# CLM007")
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "rules")
    assert [line.split()[0] for line in out.splitlines()] == list(rules.RULES)
    status, _, err = run_cli(monkeypatch, capsys, PROJECT, "rule", "XYZ999")
    assert status == 2 and err.count("\n") == 1


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('select = ["NOPE"]\n', "unknown rule selector 'NOPE'"),
        ('colour = "red"\n', "unknown key(s)"),
        ('bibfiles = ["missing.bib"]\n', "missing.bib: bibliography file does not exist"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_configuration_errors_exit_2_in_one_line(tmp_path, monkeypatch, capsys, table, message):
    root = make_project(tmp_path / "p", {"index.md": "# T\n"}, table=table)
    status, out, err = run_cli(monkeypatch, capsys, root, "check")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_missing_path_and_bad_conf_exit_2(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p", {"index.md": "# T\n"})
    status, _, err = run_cli(monkeypatch, capsys, root, "check", "nowhere.md")
    assert status == 2 and "nowhere.md: no such file or directory" in err
    (root / "conf.py").write_text("this is not python\n")
    status, _, err = run_cli(monkeypatch, capsys, root, "check")
    assert status == 2 and err.count("\n") == 1 and "conf.py" in err


def test_non_utf8_file_is_reported_and_the_rest_still_checked(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p", {"index.md": "Text {cite:p}`unknown1`.\n"})
    (root / "latin1.md").write_bytes(b"# Title\n\ncaf\xe9\n")
    status, out, err = run_cli(monkeypatch, capsys, root, "check")
    assert status == 2
    assert "latin1.md:3: not valid UTF-8 (byte 0xe9)" in err and err.count("\n") == 1
    assert "index.md:1:6: CIT001" in out


def test_unreadable_bib_is_reported(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p", {"index.md": "# T\n"}, bib="")
    (root / "refs.bib").write_bytes(b"@online{k, title = {\xff}}\n")
    status, _, err = run_cli(monkeypatch, capsys, root, "check")
    assert status == 2 and "refs.bib:1: not valid UTF-8" in err


def test_output_file(tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.json"
    status, out, _ = run_cli(monkeypatch, capsys, PROJECT, "check", "--output-format", "json",
                             "-o", str(target))
    assert status == 1 and out == ""
    assert len(json.loads(target.read_text())) == FINDINGS


def test_console_script_runs_without_traceback(tmp_path):
    root = copy_project(tmp_path / "p")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_claims.lint.cli", "check", "--output-format", "github"],
        cwd=root, capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == (
        "::warning file=chapters/bad.md,line=3,col=27,title=CIT002::"
        "CIT002 citation of 'alpha2025' outside any claim"
    )


def test_the_handbook_itself_is_clean():
    """`make test` requires zero findings on the real handbook (what `make lint` runs); the
    translation's notices (untranslated or stale claims, the coverage lines) aside."""
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx_claims.lint.cli", "check"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    *lines, last = proc.stdout.splitlines()
    assert last.startswith("All checks passed!")
    notices = {r.code for r in rules.all_rules() if r.severity is rules.Severity.INFO}
    assert {line.split()[1] for line in lines} <= notices
