"""The project's own checks, run with the tests: ruff, the import-layer contracts, mypy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff_lint_is_clean() -> None:
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied() -> None:
    result = run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers_hold() -> None:
    lint_imports = shutil.which("lint-imports")
    if lint_imports is None:
        pytest.fail("import-linter is not installed (pip install -e '.[dev]')")
    result = run(lint_imports)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_services_and_state() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken_contract"),
    [
        ("widgets/map/feed.py", "import widgets.incidents.model", "panels never import"),
        ("console/state/views.py", "import widgets.common.labels", "layers:"),
        ("widgets/units/cells.py", "import console.shell.theme", "layers:"),
        ("services/cache/store.py", "import console.state.store", "services know nothing"),
        ("console/session.py", "import services.backend.runner", "only console.embedded"),
    ],
)
def test_a_wrong_import_breaks_a_contract(tmp_path, module, wrong_import, broken_contract) -> None:
    """The contracts are not vacuous: one bad import in a copy of the tree breaks them."""
    lint_imports = shutil.which("lint-imports")
    assert lint_imports is not None
    for package in ("console", "widgets", "services"):
        shutil.copytree(ROOT / package, tmp_path / package)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{wrong_import}\n", "utf-8")
    result = subprocess.run(
        [lint_imports, "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(broken_contract) for line in broken), result.stdout
