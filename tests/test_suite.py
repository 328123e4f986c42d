"""The suite's own rules, run as a contributor runs them: pytest (serial and with pytest-xdist)
and the Makefile's second tier, on small test files written for the purpose.

* A property test draws the same inputs on every run unless it is marked ``fuzz``; fuzz tests
  draw from one seed per run, printed in the header, the same in every xdist worker, and a run
  given that seed draws the same inputs again. A default-run test that asks for fresh inputs,
  or for a time limit, stops the run (``tests/conftest.py``).
* ``make test-extra`` (the second tier) runs only the tests marked heavy or fuzz, fails when one
  fails, and passes when the tier is empty (pytest's exit status 5); the heavy tests marked
  ``alone`` run after the others, outside any xdist worker.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

INI = ("[pytest]\nmarkers =\n    fuzz: wide runs\n    heavy: second tier\n"
       "    alone: measures timings\n")
DRAWS = """
import os
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st


def log(kind, value):
    with Path(os.environ["DRAWS"]).open("a") as out:
        out.write(f"{kind} {value}\\n")


@settings(max_examples=8)
@given(st.integers())
def test_default(value):
    log("default", value)


@pytest.mark.fuzz
@settings(settings.get_profile("fuzz"), max_examples=8)
@given(st.integers())
def test_fuzz(value):
    log("fuzz", value)
"""


def _pytest(folder: Path, *args: str, draws: Path | None = None) -> subprocess.CompletedProcess:
    """pytest in *folder* with the suite's conftest as a plugin (and its Hypothesis profiles)."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "tests"), DRAWS=str(draws or folder / "x"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", *args],
        cwd=folder, env=env, capture_output=True, text=True, timeout=600,
    )


def _run(folder: Path, name: str, *args: str) -> tuple[str, dict[str, list[str]]]:
    """Run both property tests; the seed the header printed, and each test's inputs."""
    draws = folder / f"{name}.txt"
    proc = _pytest(folder, "-m", "fuzz or not fuzz", "test_draws.py", *args, draws=draws)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    seed = re.search(r"rerun them with --hypothesis-seed=(\d+)", proc.stdout)
    assert seed is not None, proc.stdout
    found: dict[str, list[str]] = {"default": [], "fuzz": []}
    for line in draws.read_text().splitlines():
        kind, value = line.split(" ", 1)
        found[kind].append(value)
    assert all(found.values()), found
    return seed[1], found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_draws.py").write_text(DRAWS)
    return tmp_path


def test_default_runs_repeat_and_fuzz_runs_follow_the_printed_seed(project: Path) -> None:
    seed, parallel = _run(project, "parallel", "-n", "2")  # one test in each worker
    _, serial = _run(project, "serial", f"--hypothesis-seed={seed}")
    assert serial == parallel  # the default test repeats; the workers drew from the printed seed


@pytest.mark.parametrize(
    ("setting", "message"),
    [("derandomize=False", "draws new inputs on every run"),
     ("deadline=200", "can fail on a slow machine")],
)
def test_a_default_property_test_left_to_chance_stops_the_run(
    project: Path, setting: str, message: str
) -> None:
    (project / "test_chance.py").write_text(
        "from hypothesis import given, settings, strategies as st\n\n"
        f"@settings({setting})\n@given(st.integers())\ndef test_lucky(value):\n    pass\n"
    )
    proc = _pytest(project, "test_chance.py")
    assert proc.returncode == pytest.ExitCode.USAGE_ERROR, proc.stdout + proc.stderr
    assert f"test_chance.py::test_lucky {message}" in proc.stderr


def _make_test_extra(folder: Path, workers: int = 0) -> subprocess.CompletedProcess:
    args = f"-c {folder / 'pytest.ini'} -p no:cacheprovider {folder}"
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "test-extra",
         f"PYTEST_WORKERS={workers}", f"PYTEST_ARGS={args}"],  # -o: no reinstall meanwhile
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )


def test_the_second_tier_runs_only_heavy_tests_and_fails_when_one_fails(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_tier.py").write_text(
        "import pytest\n\ndef test_fast():\n    pass\n\n"
        "@pytest.mark.heavy\ndef test_heavy_passes():\n    pass\n\n"
        "@pytest.mark.heavy\ndef test_heavy_fails():\n    assert False\n"
    )
    proc = _make_test_extra(tmp_path)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "1 failed, 1 passed, 1 deselected" in proc.stdout, proc.stdout


def test_an_empty_second_tier_passes(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_tier.py").write_text("def test_fast():\n    pass\n")
    proc = _make_test_extra(tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "the second tier holds no test" in proc.stdout, proc.stdout


def test_a_heavy_test_marked_alone_runs_last_outside_the_workers(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text(INI)
    done = tmp_path / "others-done"
    (tmp_path / "test_tier.py").write_text(
        "import time\nfrom pathlib import Path\nimport pytest\n\n"
        "@pytest.mark.heavy\ndef test_other(worker_id):\n"  # pytest-xdist's fixture
        "    time.sleep(1)\n"
        f"    Path({str(done)!r}).write_text(worker_id)\n\n"
        "@pytest.mark.heavy\n@pytest.mark.alone\ndef test_timing(worker_id):\n"
        "    assert worker_id == 'master'\n"  # no xdist worker: the whole machine
        f"    assert Path({str(done)!r}).read_text().startswith('gw')\n"
    )
    proc = _make_test_extra(tmp_path, workers=2)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed, 1 deselected" in proc.stdout, proc.stdout  # each in its own run
