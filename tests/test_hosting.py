"""The hosting configurations build what `make` builds and stay in step with the system packages."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from types import ModuleType

import yaml

from conftest import REPO

RTD = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
CI = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())


def _system_packages() -> set[str]:
    text = (REPO / "tools" / "system-deps.sh").read_text()
    block = re.search(r"packages=\((.*?)\)", text, re.S)
    assert block, "tools/system-deps.sh lists no packages"
    return set(shlex.split(block[1], comments=True))


def test_read_the_docs_builds_html_and_pdf_with_the_pdf_packages() -> None:
    assert RTD["version"] == 2
    assert RTD["formats"] == ["pdf"]
    assert RTD["sphinx"]["configuration"] == "docs/conf.py"
    apt = set(RTD["build"]["apt_packages"])
    needed = {p for p in _system_packages() if p.startswith(("texlive", "latexmk", "fonts-"))}
    assert needed, _system_packages()
    assert needed <= apt, needed - apt
    jobs = RTD["build"]["jobs"]["build"]
    html = " ".join(jobs["html"])
    assert "-c docs" in html and "-W --keep-going -n" in html
    assert "$READTHEDOCS_OUTPUT/html" in html
    assert html.index("build_pdf.py") < html.index("-b html"), "the PDF must exist before the HTML"
    assert any("$READTHEDOCS_OUTPUT/pdf" in cmd for cmd in jobs["pdf"])
    pdf = f"_build/pdf/{_build_pdf().PDF_NAME}.pdf"  # where `make pdf` leaves it
    assert any(pdf in cmd for cmd in jobs["pdf"]), jobs["pdf"]


def _build_pdf() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_pdf", REPO / "tools" / "build_pdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_pdf", module)
    spec.loader.exec_module(module)
    return module


def _steps() -> list[dict[str, object]]:
    return CI["jobs"]["build"]["steps"]


def _runs() -> list[str]:
    return [str(step["run"]) for step in _steps() if "run" in step]


def test_ci_runs_lint_tests_and_both_builds_in_order() -> None:
    runs = " ; ".join(_runs())
    order = [runs.index(cmd) for cmd in ("make lint", "make test", "make pdf", "make html")]
    assert order == sorted(order), runs
    assert "tools/system-deps.sh" in runs
    assert "SOURCE_DATE_EPOCH" in runs


def test_ci_uploads_the_pdf_and_deploys_pages_only_from_main() -> None:
    uploads = [s for s in _steps() if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    pdf = [s for s in uploads if "pdf" in str(s["with"]["path"])]  # type: ignore[index]
    assert pdf and pdf[0]["with"]["if-no-files-found"] == "error"  # type: ignore[index]
    pages = [s for s in _steps() if "upload-pages-artifact" in str(s.get("uses", ""))]
    assert pages and pages[0]["with"]["path"] == "_build/html"  # type: ignore[index]
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert pages[0]["if"] == main_only
    deploy = CI["jobs"]["deploy"]
    assert deploy["if"] == main_only and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in str(s.get("uses", "")) for s in deploy["steps"])
    # Trigger: pushes to main (and pull requests, which never deploy).
    assert CI[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
