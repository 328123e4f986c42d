"""Record a published edition: ``make release VERSION=0.2`` (``python tools/release.py 0.2``).

Refuses (exit 1, one line saying why) while the working tree has uncommitted changes, while
``sphinx-claims check`` reports a finding, when the version is not newer than the newest
recorded edition, or when the build fails. Otherwise it

1. builds the HTML (``sphinx-build -W``) into a scratch folder and records its ``claims.json``
   (without the derived ``first_edition``/``last_changed``) as ``editions/<VERSION>/claims.json``,
   with ``edition.toml`` (version, today's date in UTC, the commit);
2. moves ``editions/changes.toml`` (the declarations made for this edition) to
   ``editions/<VERSION>/changes.toml`` and starts an empty one;
3. sets ``release`` in ``docs/conf.py`` and ``version`` in ``CITATION.cff``.

It commits nothing: review ``git diff`` and commit. The changelog page is built from the
recorded editions, so the next build shows this edition's changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sphinx_claims.editions import history, lineage

CHANGES_HEADER = """\
# Editors' change declarations since edition {version}.
# [withdrawn."label"]: a published claim label removed from the sources, with the reason and,
# where its statement lives on, the label it was merged into (merged-into = "label"). A
# withdrawn label is never reused.
# [notes."label"]: the editor's reason for a changed claim (re-graded, re-sourced, reworded).
"""
_RELEASE = re.compile(r'^(release\s*=\s*version\s*=\s*|release\s*=\s*)"[^"]*"', re.MULTILINE)
_CFF_VERSION = re.compile(r'^version:\s*"?[^"\n]*"?$', re.MULTILINE)
_VERSION = re.compile(r"\d+(?:\.\d+)+")


class Refused(Exception):
    """Why the release cannot be made (one line)."""


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def _tool(name: str) -> str:
    """*name* next to this Python (the virtualenv's scripts), else on the PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def check_ready(root: Path, version: str, editions: Path) -> None:
    if not _VERSION.fullmatch(version):
        raise Refused(f"version '{version}' is not like 0.2 or 1.0.1")
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=normal"], root)
    if dirty.returncode != 0:
        raise Refused(f"git status failed: {dirty.stderr.strip()}")
    if dirty.stdout.strip():
        first = dirty.stdout.strip().splitlines()[0]
        raise Refused(f"the working tree has uncommitted changes (first: {first.strip()}); "
                      "commit or stash them")
    recorded = history.load(editions)
    if recorded.latest is not None and (
        history.version_key(version) <= history.version_key(recorded.latest.version)
    ):
        raise Refused(f"edition {version} is not newer than the recorded edition "
                      f"{recorded.latest.version}")
    lint = _run([_tool("sphinx-claims"), "check"], root)
    if lint.returncode != 0:
        summary = (lint.stdout.strip().splitlines() or lint.stderr.strip().splitlines() or [""])
        raise Refused(f"sphinx-claims check found problems: {summary[-1]}")


def build_claims(root: Path, confdir: Path) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="release-") as scratch:
        out = Path(scratch) / "html"
        done = _run([_tool("sphinx-build"), "-b", "html", "-c", str(confdir), "-W",
                     "--keep-going", "-q", "-d", str(Path(scratch) / "doctrees"), ".",
                     str(out)], root)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            raise Refused(f"the build failed: {lines[0] if lines else 'see sphinx-build'}")
        records = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    for record in records:
        for key in lineage.KEYS:
            record.pop(key, None)
    return records


def release(root: Path, version: str, conf: Path, citation: Path, editions: Path) -> Path:
    check_ready(root, version, editions)
    records = build_claims(root, conf.parent)
    commit = _run(["git", "rev-parse", "--short", "HEAD"], root).stdout.strip()
    folder = editions / version
    folder.mkdir(parents=True)
    (folder / history.CLAIMS).write_text(
        json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    (folder / history.METADATA).write_text(
        f"# Edition {version} of the book: the claims register as a real Sphinx build of "
        f"this commit wrote it.\nversion = \"{version}\"\ndate = \"{today}\"\n"
        f"commit = \"{commit}\"\n", encoding="utf-8")
    pending = editions / history.CHANGES
    if pending.exists():
        shutil.move(pending, folder / history.CHANGES)
    pending.write_text(CHANGES_HEADER.format(version=version), encoding="utf-8")
    text = conf.read_text(encoding="utf-8")
    if not _RELEASE.search(text):
        raise Refused(f"{conf}: no 'release = \"…\"' line to update")
    conf.write_text(_RELEASE.sub(lambda m: f'{m[1]}"{version}"', text, count=1), encoding="utf-8")
    if citation.exists():
        cff = citation.read_text(encoding="utf-8")
        citation.write_text(_CFF_VERSION.sub(f'version: "{version}"', cff, count=1),
                            encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record a published edition of the book.")
    parser.add_argument("version", help="the new edition, e.g. 0.2")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository")
    parser.add_argument("--conf", type=Path, default=Path("docs/conf.py"))
    parser.add_argument("--citation", type=Path, default=Path("CITATION.cff"))
    parser.add_argument("--editions", type=Path, default=Path("editions"))
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        folder = release(root, args.version, root / args.conf, root / args.citation,
                         root / args.editions)
    except (Refused, history.EditionError) as error:
        print(f"release: refused: {error}", file=sys.stderr)
        return 1
    print(f"release: recorded edition {args.version} in {folder.relative_to(root)}; "
          "review and commit it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
