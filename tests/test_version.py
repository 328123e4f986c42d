"""``sphinx-claims --version`` comes from the distribution, and agrees with the changelog."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
from packaging.version import Version

from sphinx_claims.lint import cli

CHANGELOG = Path(__file__).resolve().parent.parent / "tools" / "sphinx-claims" / "CHANGELOG.md"


def test_version_flag_prints_the_installed_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    version = importlib.metadata.version("sphinx-claims")
    assert capsys.readouterr().out == f"sphinx-claims {version}\n"


def test_changelog_and_version_agree_on_what_is_released() -> None:
    headings = re.findall(r"^## (\S+)", CHANGELOG.read_text(encoding="utf-8"), re.MULTILINE)
    version = Version(importlib.metadata.version("sphinx-claims"))
    released = [Version(h) for h in headings if h != "Unreleased"]
    if headings[0] == "Unreleased":  # unreleased changes: a development release above the last
        assert version.is_devrelease and version > max(released)
    else:
        assert version == Version(headings[0])
