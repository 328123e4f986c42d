"""The scan cache: unchanged files are not parsed again, and any change is seen."""

from __future__ import annotations

from lint_fixtures import make_project, run_cli

from sphinx_claims.lint import cache
from sphinx_claims.lint.scan import Scanner

CLAIM = ":::{{claim}}\n:label: {label}\n\n{body}\n:::\n"


def test_cache_reuses_unchanged_files_and_sees_changes(tmp_path, monkeypatch, capsys):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "part.inc").write_text("Included {cite:p}`known2025`.\n")
    root = make_project(tmp_path / "p", {
        "a.md": CLAIM.format(label="a", body="A {cite:p}`known2025`."),
        "b.md": CLAIM.format(label="b", body="```{include} part.inc\n```"),
    })
    scanned: list[str] = []
    original = Scanner.scan_file

    def counting(self, file):
        scanned.append(file.name)
        return original(self, file)

    monkeypatch.setattr(Scanner, "scan_file", counting)
    first = run_cli(monkeypatch, capsys, root, "check", "--cache")
    assert first[:2] == (0, "All checks passed!\n")
    assert sorted(scanned) == ["a.md", "b.md"]
    assert (root / cache.DIRECTORY / ".gitignore").read_text() == "*\n"

    scanned.clear()
    assert run_cli(monkeypatch, capsys, root, "check", "--cache") == first
    assert scanned == []

    (root / "part.inc").write_text("Included {cite:p}`nokey`.\n")  # only the include changes
    status, out, _ = run_cli(monkeypatch, capsys, root, "check", "--cache")
    assert scanned == ["b.md"]
    assert status == 1 and "part.inc:1:10: CIT001 unknown citation key 'nokey'" in out

    scanned.clear()
    (root / "refs.bib").write_text((root / "refs.bib").read_text() + "@article{nokey, title={T}}\n")
    status, out, _ = run_cli(monkeypatch, capsys, root, "check", "--cache")
    assert scanned == [] and "CIT001" not in out and "BIB004" in out


def test_damaged_cache_is_ignored(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "p", {"a.md": "Text {cite:p}`nokey`.\n"})
    (root / cache.DIRECTORY).mkdir()
    (root / cache.DIRECTORY / "scans.pickle").write_bytes(b"not a pickle")
    status, out, err = run_cli(monkeypatch, capsys, root, "check", "--cache")
    assert status == 1 and "a.md:1:6: CIT001" in out and err == ""


def test_a_changed_source_suffix_reads_cached_files_again(tmp_path, monkeypatch, capsys):
    """notes.txt is MyST while conf.py maps .txt to markdown, reST once it maps it to reST."""
    text = ".. claim::\n   :label: t\n\n   No source.\n"
    root = make_project(tmp_path / "p", {"index.md": "# I\n", "notes.txt": text})
    conf = (root / "conf.py").read_text()
    (root / "conf.py").write_text(conf + 'source_suffix = {".txt": "markdown"}\n')
    assert "CLM001" not in run_cli(monkeypatch, capsys, root, "check", "--cache")[1]
    (root / "conf.py").write_text(conf + 'source_suffix = {".txt": "restructuredtext"}\n')
    assert "notes.txt:1:1: CLM001" in run_cli(monkeypatch, capsys, root, "check", "--cache")[1]
