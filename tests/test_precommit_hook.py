"""The pre-commit hook installs only what the linter needs.

pre-commit's ``python`` language installs the hook repository's root (``pip install .``) and the
hook's ``additional_dependencies``. The root is the handbook, so its package must bring nothing
sphinx-claims does not: the default test reads the metadata; the heavy one resolves the
hook's install with pip (``--dry-run``) and compares it with sphinx-claims' own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from conftest import REPO

CLAIMS = REPO / "tools" / "sphinx-claims"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(hook for hook in hooks if hook["id"] == "sphinx-claims")


def test_the_hook_installs_the_linter_and_a_root_without_dependencies() -> None:
    assert _hook()["additional_dependencies"] == ["./tools/sphinx-claims"]
    root = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    claims = tomllib.loads((CLAIMS / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {_name(r) for r in root["dependencies"]} <= {_name(r) for r in claims["dependencies"]}
    assert "sphinx-book-theme" in {_name(r) for r in root["optional-dependencies"]["book"]}


def _resolve(*targets: str) -> set[str]:
    report = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", "-", *targets],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=True,
    )
    return {item["metadata"]["name"].lower().replace("_", "-")
            for item in json.loads(report.stdout)["install"]}


@pytest.mark.heavy
def test_the_hooks_environment_is_the_linters_own() -> None:
    hook = _resolve(".", *_hook()["additional_dependencies"])
    linter = _resolve("./tools/sphinx-claims")
    assert hook - linter == {"russia-asia-handbook"}
    assert not hook & {"sphinx-book-theme", "pydata-sphinx-theme", "furo"}
