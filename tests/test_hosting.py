"""The hosting configurations build what `make` builds and stay in step with the system packages."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path
from types import ModuleType

import pytest
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


# ---- the configurations as their hosts read them: published schemas, then real runs -------------

@pytest.mark.parametrize(
    ("schema", "config"),
    [("vendor.readthedocs", ".readthedocs.yaml"),
     ("vendor.github-workflows", ".github/workflows/ci.yml")],
)
def test_configuration_is_valid_against_its_published_schema(schema: str, config: str) -> None:
    """check-jsonschema's copies of the hosts' schemas (offline): a typo in a key fails here."""
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(REPO / config)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _local_distributions() -> list[str]:
    """The repository's own distributions: the root and each ``tools/*`` with a pyproject.toml."""
    tools = sorted(REPO.glob("tools/*/pyproject.toml"))
    return [".", *(str(path.parent.relative_to(REPO)) for path in tools)]


def test_read_the_docs_installs_every_local_distribution_the_makefile_installs() -> None:
    install = [shlex.split(cmd) for cmd in RTD["build"]["jobs"]["install"]]
    editable = {argv[i + 1] for argv in install for i, arg in enumerate(argv[:-1]) if arg == "-e"}
    makefile = (REPO / "Makefile").read_text()
    for dist in _local_distributions():
        assert f"-e {dist}" in makefile, dist
        assert dist in editable, f"{dist} is not installed by .readthedocs.yaml: {install}"


def _clone(dest: Path) -> Path:
    """A fresh clone of the committed handbook, as a host checks it out."""
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(dest)], check=True)
    return dest


def _fresh_env(path: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = f"{path}{os.pathsep}{env.get('PATH', '')}" if path else env.get("PATH", "")
    return env | extra


def _run_steps(commands: list[str], cwd: Path, env: dict[str, str]) -> None:
    for cmd in commands:
        proc = subprocess.run(["bash", "-e", "-c", cmd], cwd=cwd, env=env,
                              capture_output=True, text=True)
        assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.heavy
def test_read_the_docs_jobs_run_in_a_fresh_virtualenv(tmp_path: Path) -> None:
    """Read the Docs' order: clone, a new virtualenv, the install jobs, then the build jobs per
    format with ``READTHEDOCS_OUTPUT``; it publishes the HTML and the one PDF they leave."""
    checkout = _clone(tmp_path / "checkout")
    venv.create(tmp_path / "venv", with_pip=True)
    output = checkout / "_readthedocs"
    env = _fresh_env(str(tmp_path / "venv" / "bin"), READTHEDOCS="True",
                     READTHEDOCS_OUTPUT=str(output),
                     READTHEDOCS_VIRTUALENV_PATH=str(tmp_path / "venv"))
    jobs = RTD["build"]["jobs"]
    _run_steps(jobs["install"], checkout, env)
    for fmt in ("html", "htmlzip", "pdf", "epub"):  # the order Read the Docs builds formats in
        _run_steps(jobs["build"].get(fmt, []), checkout, env)
    page = (output / "html" / "chapters" / "russia-pakistan.html").read_text(encoding="utf-8")
    assert "russias-asian-partnerships.pdf" in page, "the site does not offer the PDF"
    pdfs = list((output / "pdf").glob("*.pdf"))
    assert len(pdfs) == 1, pdfs  # Read the Docs publishes exactly one PDF per version
    assert "Russia" in _pdf_text(pdfs[0])


def _workflow_env_file(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.mark.heavy
def test_ci_workflow_build_steps_run_in_order_on_a_fresh_clone(tmp_path: Path) -> None:
    """Every ``run`` step but the tests themselves, in order, as the runner does (``bash -e``,
    ``$GITHUB_ENV`` carried to later steps); then the files the upload steps publish exist."""
    checkout = _clone(tmp_path / "checkout")
    github_env = tmp_path / "github_env"
    home = tmp_path / "home"  # `git config --global` writes here, not to the tester's own config
    home.mkdir()
    for step in _steps():
        if "run" not in step or str(step["run"]).strip() == "make test":
            continue
        env = _fresh_env("", HOME=str(home), CI="true", GITHUB_ENV=str(github_env),
                         GITHUB_WORKSPACE=str(checkout)) | _workflow_env_file(github_env)
        _run_steps([str(step["run"])], checkout, env)
    for step in _steps():
        uses, given = str(step.get("uses", "")), dict(step.get("with", {}))  # type: ignore[call-overload]
        if uses.startswith("actions/upload-artifact") and given["if-no-files-found"] == "error":
            assert list(checkout.glob(given["path"])), step
        if uses.startswith("actions/upload-pages-artifact"):
            assert (checkout / given["path"] / "index.html").exists(), step
