"""The project's scripts find the Odoo they are told to use."""

import os
import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_venv(path, odoo_stand_in=False):
    """A virtualenv without Odoo, or with a stand-in that only says it was reached."""
    venv.create(path, with_pip=False, symlinks=True)  # as `python -m venv` makes it
    python = path / "bin" / "python"
    if odoo_stand_in:
        site = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        Path(site, "odoo").mkdir()
        Path(site, "odoo", "__init__.py").write_text(
            "raise SystemExit('odoo of the virtualenv')\n"
        )
    return python


def run_benchmark(python, odoo_python, cwd):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key != "CLIENT_EVENTS_BENCHMARK_SWITCHED"
    }
    return subprocess.run(
        [python, ROOT / "tools" / "benchmark.py"],
        capture_output=True,
        text=True,
        env={**environ, "ODOO_PYTHON": str(odoo_python)},
        cwd=cwd,
        timeout=60,
    )


def test_benchmark_switches_to_a_virtualenv_named_by_odoo_python(tmp_path):
    """A virtualenv's interpreter resolves to its base Python's file: the benchmark
    must switch to it all the same, where the virtualenv's Odoo is importable."""
    without_odoo = make_venv(tmp_path / "plain")
    with_odoo = make_venv(tmp_path / "odoo", odoo_stand_in=True)
    assert with_odoo.resolve() == without_odoo.resolve()
    result = run_benchmark(without_odoo, with_odoo, tmp_path)
    assert "odoo of the virtualenv" in result.stderr, result.stderr


def test_benchmark_says_when_no_odoo_is_found(tmp_path):
    without_odoo = make_venv(tmp_path / "plain")
    result = run_benchmark(without_odoo, without_odoo, tmp_path)
    assert result.returncode != 0
    assert "No Odoo 18 importable" in result.stderr
