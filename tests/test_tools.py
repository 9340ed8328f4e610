"""The project's scripts find the Odoo and the tools they are told to use.

The test command runs the static-check tools of requirements-dev.txt from
DEV_TOOLS_BIN or from its own virtualenv, never a ruff, pylint or pytest found
on PATH (one there may run in a Python without lxml); the pre-commit hooks run
the same tools with the same configuration.
"""

import importlib.util
import os
import shlex
import subprocess
import venv
from pathlib import Path

import pytest

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


def load_run_tests():
    spec = importlib.util.spec_from_file_location("run_tests", ROOT / "tests" / "run_tests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_tool(folder, name, output, returncode=0):
    """A stand-in tool that logs how it was called, prints ``output`` and exits."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'echo "{folder.name}/{name} $*" >> "$TOOLS_CALLED"\n'
        f"printf '%s\\n' {shlex.quote(output)}\n"
        f"exit {returncode}\n"
    )
    path.chmod(0o755)


def fake_tools(folder, label):
    fake_tool(folder, "ruff", f"ruff of {label}")
    fake_tool(folder, "pylint", f"pylint of {label}")
    fake_tool(folder, "pytest", "3 passed in 0.01s")


def path_with_a_broken_pytest(tmp_path):
    """What a reviewer's machine had first on PATH: a pytest without lxml."""
    folder = tmp_path / "path-bin"
    for name in ("ruff", "pylint"):
        fake_tool(folder, name, f"{name} from PATH", returncode=1)
    fake_tool(
        folder, "pytest", "ModuleNotFoundError: No module named 'lxml'\n2 failed", returncode=1
    )
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def run_tests(tmp_path, *args, **environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEV_TOOLS_BIN", "DEV_TOOLS_VENV", "ODOO_PYTHON", "REQUIRE_ODOO")
    }
    env.update(
        PATH=path_with_a_broken_pytest(tmp_path),
        HOME=str(tmp_path / "home"),  # no ~/.cache/client-events-tools to fall back on
        TOOLS_CALLED=str(tmp_path / "called.log"),
        **environ,
    )
    # a Python without Odoo, lxml or pytest, as python3 may be on a fresh machine
    python = make_venv(tmp_path / "python3")
    result = subprocess.run(
        [python, ROOT / "tests" / "run_tests.py", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    called = tmp_path / "called.log"
    return result, called.read_text().splitlines() if called.exists() else []


def test_static_stage_runs_the_tools_of_dev_tools_bin_not_those_on_path(tmp_path):
    fake_tools(tmp_path / "dev-bin", "DEV_TOOLS_BIN")
    result, called = run_tests(tmp_path, "--static", DEV_TOOLS_BIN=str(tmp_path / "dev-bin"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Summary: 6 passed, 0 failed, 0 skipped" in result.stdout, result.stdout
    assert not [line for line in called if line.startswith("path-bin/")], called
    module = load_run_tests()
    commands = [cmd for _, cmd in module.STATIC_CHECKS] + [module.PROJECT_TESTS]
    assert called == ["dev-bin/" + " ".join(cmd) for cmd in commands]


def test_a_tool_missing_from_dev_tools_bin_is_not_taken_from_path(tmp_path):
    (tmp_path / "empty-bin").mkdir()
    result, called = run_tests(tmp_path, "--static", DEV_TOOLS_BIN=str(tmp_path / "empty-bin"))
    assert result.returncode == 1
    assert "pytest is not in" in result.stdout and "Summary: 0 passed, 4 failed" in result.stdout
    assert called == []


def tools_venv(tmp_path, requirements=None):
    """A tools virtualenv as the test command leaves it, with stand-in tools."""
    folder = tmp_path / "tools-venv"
    venv.create(folder, with_pip=False, symlinks=True)
    fake_tools(folder / "bin", "the tools virtualenv")
    if requirements is None:
        requirements = (ROOT / "requirements-dev.txt").read_text()
    (folder / "requirements-dev.txt").write_text(requirements)
    return folder


def test_without_dev_tools_bin_the_tools_virtualenv_is_used(tmp_path):
    folder = tools_venv(tmp_path)
    result, called = run_tests(tmp_path, "--tool", "pytest", "-x", DEV_TOOLS_VENV=str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "3 passed in 0.01s\n"
    assert called == ["bin/pytest -x"]


def test_the_tools_virtualenv_follows_requirements_dev(tmp_path):
    """Changed requirements are installed again, by the virtualenv's own pip."""
    folder = tools_venv(tmp_path, requirements="ruff==0.0.1\n")
    python = folder / "bin" / "python"
    python.unlink()
    fake_tool(folder / "bin", "python", "")  # answers every call, pip's included
    result, called = run_tests(tmp_path, "--tool", "ruff", "--version", DEV_TOOLS_VENV=str(folder))
    assert result.returncode == 0, result.stderr
    assert f"installing requirements-dev.txt into {folder}" in result.stderr
    install = [line for line in called if " install " in line]
    assert install == [
        "bin/python -m pip install -q --disable-pip-version-check -r "
        f"{ROOT / 'requirements-dev.txt'}"
    ]
    assert called[-1] == "bin/ruff --version"
    requirements = (ROOT / "requirements-dev.txt").read_text()
    assert (folder / "requirements-dev.txt").read_text() == requirements


def test_odoo_python_naming_no_interpreter_is_reported_not_a_crash(tmp_path):
    fake_tools(tmp_path / "dev-bin", "DEV_TOOLS_BIN")
    result, _ = run_tests(
        tmp_path, DEV_TOOLS_BIN=str(tmp_path / "dev-bin"), ODOO_PYTHON="/nonexistent/python3"
    )
    assert "Odoo suite" in result.stdout, result.stdout + result.stderr
    assert "/nonexistent/python3 (no such file or directory)" in result.stdout


def hooks():
    yaml = pytest.importorskip("yaml")
    clientlib = pytest.importorskip("pre_commit.clientlib")
    path = ROOT / ".pre-commit-config.yaml"
    clientlib.load_config(str(path))  # what `pre-commit validate-config` checks
    config = yaml.safe_load(path.read_text())
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_run_the_static_checks_tools_with_their_configuration():
    """Each hook runs, from the tools virtualenv, a tool of the static stage with the
    stage's configuration file; each static check has its hook."""
    prefix = ["python3", "tests/run_tests.py", "--tool"]
    commands = []
    for hook in hooks():
        assert hook["language"] == "system", hook["id"]
        entry = shlex.split(hook["entry"])
        assert entry[:3] == prefix, f"{hook['id']} runs a tool found on PATH: {hook['entry']}"
        commands.append(entry[3:] + hook.get("args", []))
    for name, cmd in load_run_tests().STATIC_CHECKS:
        config = [arg for arg in cmd if "ruff.toml" in arg or ".pylintrc" in arg]
        assert config, f"{name}: its configuration file is not named"
        tool = cmd[:2] if cmd[0] == "ruff" else cmd[:1]
        matching = [c for c in commands if c[: len(tool)] == tool and set(config) <= set(c)]
        assert matching, f"no pre-commit hook runs {' '.join(tool)} with {config}"


def test_odoo_log_reading_counts_skipped_tests_apart(tmp_path):
    """A tour skipped without Chromium is reported as skipped, not as passed."""
    log = tmp_path / "odoo.log"
    log.write_text(
        "2027-03-01 09:00:00,000 42 INFO db odoo.addons.big_account.tests.test_tours: "
        "skipped test_tour (odoo.addons.big_account.tests.test_tours.TestTours) : "
        "Chrome headless not found\n"
        "2027-03-01 09:00:00,000 42 INFO db odoo.addons.client_events.tests.test_x: "
        "Starting TestX.test_rules_skipped_on_demand ...\n"
        "2027-03-01 09:00:00,000 42 INFO db odoo.tests.result: 0 failed, 0 error(s) of 7 "
        "tests when loading database 'db'\n"
    )
    result, skipped, bad_lines = load_run_tests().read_odoo_log(log)
    assert (int(result["run"]), skipped, bad_lines) == (7, 1, [])
