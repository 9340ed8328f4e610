#!/usr/bin/env python3
"""Run every test this machine can run, and say what could not be run.

    python3 tests/run_tests.py                  # static checks, then the Odoo suite
    python3 tests/run_tests.py --static         # the static checks only
    REQUIRE_ODOO=1 python3 tests/run_tests.py   # a missing Odoo 18 is a failure
    python3 tests/run_tests.py --tool NAME ARG...   # one tool of requirements-dev.txt
                                                    # (what the pre-commit hooks run)

1. Static checks, always: ruff (lint and format, ruff.toml), pylint-odoo
   (.pylintrc), and the project-level tests in ``tests/`` (pytest): the
   commands of ``STATIC_CHECKS``, which the hooks of .pre-commit-config.yaml
   run too.
2. The Odoo suite, when an Odoo 18 is importable by this Python or by the
   interpreter named in ``ODOO_PYTHON``: a fresh database, the three addons
   installed without demo data, all their tests (HttpCase included) run by
   Odoo's own runner. Any WARNING or ERROR that Odoo logs fails the run, but
   for the upstream noise listed in ``ALLOWED_LOG_LINES``.

The static-check tools are the pinned ones of requirements-dev.txt, never
whatever is on PATH: from the folder DEV_TOOLS_BIN names, when set; else from
the virtualenv DEV_TOOLS_VENV (default ~/.cache/client-events-tools), which
this script creates and brings up to date with requirements-dev.txt itself.

PostgreSQL is reached through PGHOST, PGPORT, PGUSER and PGPASSWORD
(defaults: localhost, 5432, odoo, odoo). The database and data directory the
run creates are removed at the end, unless KEEP_DB=1. Odoo's full log is
written to .test-logs/odoo.log (or TEST_LOG_DIR).

The last line is the summary: ``Summary: N passed, N failed, N skipped``.
"""

import fcntl
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["client_events", "event_evaluation", "big_account"]
LOG_DIR = Path(os.environ.get("TEST_LOG_DIR", ROOT / ".test-logs"))

# Upstream noise that is not ours, matched against a logged WARNING/ERROR line.
# Keep each entry commented with why it is harmless.
ALLOWED_LOG_LINES = [
    # Debian's wkhtmltopdf is built against an unpatched Qt: Odoo warns each time it
    # renders a PDF with headers and footers. The PDF is still made; the official
    # odoo:18.0 image ships the patched build, which does not warn.
    r"ir_actions_report: wkhtmltopdf: The switch --[a-z-]+, is not support using unpatched qt",
]

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) "
)
RESULT_LINE = re.compile(
    r"odoo\.tests\.result: (?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of "
    r"(?P<run>\d+) tests when loading database"
)
# Odoo logs a skipped test under the test module's own logger: "skipped <test> : <reason>"
SKIP_LINE = re.compile(r" odoo\.addons\.[\w.]+: skipped .+ : ")
# A failing test is reported by these lines; it is counted once, as a failed test.
TEST_OUTCOME_LINE = re.compile(
    r"(: (FAIL|ERROR): \w+\.test_\w+|odoo\.modules\.loading: Module \w+: \d+ failures"
    r"|odoo\.tests\.result: \d+ failed)"
)


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.problems = []

    def ok(self, what, count=1):
        self.passed += count
        print(f"  ok    {what}")

    def fail(self, what, count=1, detail=""):
        self.failed += count
        self.problems.append(what)
        print(f"  FAIL  {what}")
        if detail:
            print("\n".join("        " + line for line in detail.rstrip().splitlines()))

    def skip(self, what, count=1):
        self.skipped += count
        print(f"  skip  {what}")


def run(cmd, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)


# What Odoo's browser tests look for on Linux (odoo.tests.common._find_executable).
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")


def browser_found():
    return any(shutil.which(name) for name in BROWSERS)


class ToolsMissing(Exception):
    """The tools of requirements-dev.txt could not be found or installed."""


TOOLS_REQUIREMENTS = ROOT / "requirements-dev.txt"
DEFAULT_TOOLS_VENV = Path.home() / ".cache" / "client-events-tools"


def runs(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, cwd=tempfile.gettempdir()).returncode == 0
    except OSError:
        return False


def tools_bin(log=print):
    """The folder of the tools of requirements-dev.txt (ruff, pylint, pytest...).

    DEV_TOOLS_BIN, when set, names it and is taken as it is. Else the virtualenv
    DEV_TOOLS_VENV (default ~/.cache/client-events-tools) is created, and brought
    up to date whenever requirements-dev.txt changed. Never PATH: a pytest found
    there may run in a Python without the project's requirements (lxml...).
    """
    if os.environ.get("DEV_TOOLS_BIN"):
        return Path(os.environ["DEV_TOOLS_BIN"])
    venv = Path(os.environ.get("DEV_TOOLS_VENV") or DEFAULT_TOOLS_VENV).expanduser().absolute()
    wanted = TOOLS_REQUIREMENTS.read_text()
    stamp = venv / "requirements-dev.txt"  # what was installed last, copied
    python = venv / "bin" / "python"

    def up_to_date():
        return stamp.is_file() and stamp.read_text() == wanted and runs(python, "-c", "")

    if up_to_date():
        return venv / "bin"
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run (or hook) may be installing
        if not up_to_date():
            install_tools(venv, python, log)
            stamp.write_text(wanted)
    return venv / "bin"


def install_tools(venv, python, log):
    if not runs(python, "-c", ""):
        if venv.exists() and any(venv.iterdir()) and not (venv / "pyvenv.cfg").is_file():
            raise ToolsMissing(f"{venv} is not a virtualenv: set DEV_TOOLS_VENV to another folder")
        log(f"  creating the tools virtualenv {venv} (python3 -m venv)")
        created = run([sys.executable, "-m", "venv", "--clear", str(venv)])
        if created.returncode != 0:
            # e.g. Debian's python3 without python3-venv: no ensurepip, maybe a pip
            created = run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)])
        if created.returncode != 0:
            raise ToolsMissing(
                f"cannot create the virtualenv {venv} with {sys.executable}:\n"
                f"{created.stderr.strip()}\nOn Debian: apt-get install python3-venv"
            )
    if runs(python, "-m", "pip", "--version"):
        pip = [str(python), "-m", "pip"]
    else:  # the virtualenv has no pip: this Python's pip installs into it
        pip = [sys.executable, "-m", "pip", "--python", str(python)]
    log(f"  installing requirements-dev.txt into {venv}")
    result = run([*pip, "install", "-q", "--disable-pip-version-check", "-r", TOOLS_REQUIREMENTS])
    if result.returncode != 0:
        raise ToolsMissing(
            f"pip could not install requirements-dev.txt into {venv}:\n"
            f"{(result.stdout + result.stderr).strip()[-3000:]}\n"
            "On Debian: apt-get install python3-venv (or set DEV_TOOLS_BIN)"
        )


def not_installed(tool, folder):
    return f"{tool} is not in {folder}: pip install -r requirements-dev.txt there"


def run_tool(args):
    """``--tool NAME ARG...``: run one tool of the tools virtualenv (the pre-commit hooks)."""
    if not args:
        print("usage: run_tests.py --tool NAME [ARG...]", file=sys.stderr)
        return 2
    try:
        folder = tools_bin(log=lambda line: print(line.strip(), file=sys.stderr))
    except ToolsMissing as error:
        print(error, file=sys.stderr)
        return 2
    executable = folder / args[0]
    if not executable.is_file():
        print(not_installed(args[0], folder), file=sys.stderr)
        return 2
    os.execv(executable, [str(executable), *args[1:]])


# The static checks: (name, command), each command's first word a tool of
# requirements-dev.txt. The hooks of .pre-commit-config.yaml run the same
# tools with the same configuration (tests/test_tools.py compares them).
STATIC_CHECKS = [
    ("ruff check", ["ruff", "check", "--config", "ruff.toml", "--no-cache", "--no-fix", "."]),
    (
        "ruff format --check",
        ["ruff", "format", "--config", "ruff.toml", "--no-cache", "--check", "."],
    ),
    ("pylint-odoo (.pylintrc)", ["pylint", "--rcfile=.pylintrc", *ADDONS]),
]
# pytest-odoo, when installed, would import Odoo: the project tests need none.
PROJECT_TESTS = ["pytest", "-q", "-p", "no:cacheprovider", "-p", "no:odoo", "tests"]


def static_checks(tally):
    print("Static checks", flush=True)
    try:
        folder = tools_bin(log=lambda line: print(line, flush=True))
    except ToolsMissing as error:
        tally.fail("static checks: the tools of requirements-dev.txt", detail=str(error))
        return
    print(f"  tools from {folder}")
    for name, cmd in STATIC_CHECKS:
        executable = folder / cmd[0]
        if not executable.is_file():
            tally.fail(name, detail=not_installed(cmd[0], folder))
            continue
        result = run([str(executable), *cmd[1:]])
        if result.returncode == 0:
            tally.ok(name)
        else:
            tally.fail(name, detail=(result.stdout + result.stderr)[-6000:])
    pytest = folder / PROJECT_TESTS[0]
    if not pytest.is_file():
        tally.fail("project tests", detail=not_installed(PROJECT_TESTS[0], folder))
        return
    result = run([str(pytest), *PROJECT_TESTS[1:]])
    counts = {
        word: int(num)
        for num, word in re.findall(r"(\d+) (passed|failed|skipped|error|errors)", result.stdout)
    }
    passed = counts.get("passed", 0)
    failed = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    if passed:
        tally.ok(f"project tests: {passed} passed", count=passed)
    if failed or result.returncode not in (0, 5):
        tally.fail(
            f"project tests: {failed} failed", count=max(failed, 1), detail=result.stdout[-6000:]
        )
    if counts.get("skipped"):
        tally.skip(f"project tests: {counts['skipped']} skipped", count=counts["skipped"])


def find_odoo():
    """Return (python, version) of an Odoo 18 to use, or (None, what was tried)."""
    candidates = [sys.executable]
    if os.environ.get("ODOO_PYTHON"):
        candidates.insert(0, os.environ["ODOO_PYTHON"])
    tried = []
    for python in candidates:
        try:
            probe = subprocess.run(
                [python, "-c", "import odoo.release as r; print(r.major_version)"],
                capture_output=True,
                text=True,
                cwd=tempfile.gettempdir(),
            )
        except OSError as error:  # e.g. ODOO_PYTHON names no interpreter
            tried.append(f"{python} ({error.strerror.lower()})")
            continue
        version = probe.stdout.strip()
        if probe.returncode == 0 and version == "18.0":
            return python, version
        tried.append(f"{python} ({'Odoo ' + version if probe.returncode == 0 else 'no odoo'})")
    return None, ", ".join(tried)


def pg_settings():
    return {
        "host": os.environ.get("PGHOST", "localhost"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "odoo"),
        "password": os.environ.get("PGPASSWORD", "odoo"),
    }


def pg_call(python, pg, sql_or_none):
    """Connect to the server (and run one autocommit statement); return the error or ''."""
    script = (
        "import sys, psycopg2\n"
        "try:\n"
        "    c = psycopg2.connect(host=sys.argv[1], port=sys.argv[2], user=sys.argv[3],"
        " password=sys.argv[4], dbname='postgres', connect_timeout=5)\n"
        "    c.autocommit = True\n"
        "    sys.argv[5] and c.cursor().execute(sys.argv[5])\n"
        "except psycopg2.Error as error:\n"
        "    sys.exit(' '.join(str(error).split()))\n"
    )
    result = subprocess.run(
        [
            python,
            "-c",
            script,
            pg["host"],
            pg["port"],
            pg["user"],
            pg["password"],
            sql_or_none or "",
        ],
        capture_output=True,
        text=True,
    )
    return "" if result.returncode == 0 else (result.stderr.strip().splitlines() or ["?"])[-1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_addons_path(python):
    probe = subprocess.run(
        [
            python,
            "-c",
            "from odoo.tools import config; config.parse_config([]); print(config['addons_path'])",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    return ",".join(p for p in [probe.stdout.strip(), str(ROOT)] if p)


def odoo_command(python, pg, db, data_dir, *args):
    """Odoo's command line on our database, with our addons, one worker, no crons."""
    return [
        python,
        "-m",
        "odoo",
        *args,
        f"--addons-path={odoo_addons_path(python)}",
        f"--data-dir={data_dir}",
        f"--db_host={pg['host']}",
        f"--db_port={pg['port']}",
        f"--db_user={pg['user']}",
        f"--db_password={pg['password']}",
        "-d",
        db,
        "--log-level=info",
    ]


def run_odoo(cmd, log_path, stdin_text=None, default_timeout="1500"):
    """Run Odoo with its output in ``log_path``; return its exit code, or "timeout"."""
    try:
        with log_path.open("w") as log:
            return subprocess.run(
                cmd,
                input=stdin_text,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=tempfile.gettempdir(),
                timeout=int(os.environ.get("ODOO_TIMEOUT", default_timeout)),
            ).returncode
    except subprocess.TimeoutExpired:
        return "timeout"


def read_odoo_log(log_path):
    text = log_path.read_text(errors="replace")
    bad_lines = []
    skipped = 0
    result = None
    for line in text.splitlines():
        match = LOG_LINE.match(line)
        if SKIP_LINE.search(line):
            skipped += 1
        found = RESULT_LINE.search(line)
        if found:
            result = found
        if match and match["level"] in ("WARNING", "ERROR", "CRITICAL"):
            if TEST_OUTCOME_LINE.search(line):
                continue
            if not any(re.search(pattern, line) for pattern in ALLOWED_LOG_LINES):
                bad_lines.append(line)
    return result, skipped, bad_lines


def failure_reports(log_path, limit=120):
    """The FAIL/ERROR lines of failed tests, each with the traceback under it."""
    lines, keep = [], False
    for line in log_path.read_text(errors="replace").splitlines():
        if LOG_LINE.match(line):
            keep = bool(re.search(r": (FAIL|ERROR): ", line))
        if keep:
            lines.append(line)
    return lines[:limit]


def odoo_suite(tally):
    print("Odoo suite")
    python, found = find_odoo()
    if not python:
        message = (
            f"no Odoo 18 found (tried: {found}). Install Odoo 18 into this Python, or set "
            "ODOO_PYTHON to an interpreter that imports it (see README)."
        )
        if os.environ.get("REQUIRE_ODOO") == "1":
            tally.fail("Odoo suite: REQUIRE_ODOO=1 and " + message)
        else:
            tally.skip("Odoo suite skipped: " + message)
        return
    pg = pg_settings()
    error = pg_call(python, pg, None)
    if error:
        tally.fail(
            f"Odoo suite: PostgreSQL at {pg['host']}:{pg['port']} as {pg['user']} is unreachable "
            f"({error}). Start it, or set PGHOST, PGPORT, PGUSER and PGPASSWORD."
        )
        return
    db = f"client_events_test_{os.getpid()}"
    data_dir = Path(tempfile.mkdtemp(prefix="client-events-test-"))
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / "odoo.log"
    tags = ",".join(f"/{addon}" for addon in ADDONS)
    cmd = [
        *odoo_command(python, pg, db, data_dir),
        "-i",
        ",".join(ADDONS),
        "--without-demo=all",
        "--test-enable",
        f"--test-tags={tags}",
        f"--http-port={free_port()}",
        "--http-interface=127.0.0.1",
        "--workers=0",
        "--max-cron-threads=0",
        "--stop-after-init",
    ]
    print(f"  running Odoo's runner on {python} into database {db} (log: {log_path})")
    started = time.time()
    returncode = run_odoo(cmd, log_path)
    elapsed = time.time() - started
    result, skipped, bad_lines = read_odoo_log(log_path)
    if result:
        run_count = int(result["run"])
        failed = int(result["failed"]) + int(result["errors"])
        passed = run_count - failed - skipped
        tally.ok(f"Odoo tests: {passed} passed in {elapsed:.0f}s (install included)", count=passed)
        if failed:
            failures = failure_reports(log_path)
            tally.fail(
                f"Odoo tests: {failed} failed", count=failed, detail="\n".join(failures[:40])
            )
        if skipped:
            tally.skip(f"Odoo tests: {skipped} skipped", count=skipped)
        if not run_count:
            tally.fail("Odoo tests: the runner ran no test")
    else:
        tally.fail(f"Odoo suite: no test result (exit code {returncode}); see {log_path}")
    if (
        returncode not in (0, "timeout")
        and result
        and not int(result["failed"]) + int(result["errors"])
    ):
        tally.fail(f"Odoo suite: Odoo exited with code {returncode}; see {log_path}")
    if returncode == "timeout":
        tally.fail(f"Odoo suite: timed out after {elapsed:.0f}s; see {log_path}")
    if bad_lines:
        tally.fail(
            f"Odoo log: {len(bad_lines)} WARNING/ERROR line(s) while installing or testing",
            detail="\n".join(bad_lines[:40]),
        )
    else:
        tally.ok("Odoo log: no WARNING or ERROR while installing and testing")
    drop_database(python, pg, db, data_dir)
    return python, pg


def drop_database(python, pg, db, data_dir):
    if os.environ.get("KEEP_DB") == "1":
        print(f"  kept database {db} and data directory {data_dir} (KEEP_DB=1)")
        return
    error = pg_call(python, pg, f'DROP DATABASE IF EXISTS "{db}"')
    shutil.rmtree(data_dir, ignore_errors=True)
    if error:
        print(f"  could not drop database {db}: {error}")


LIFECYCLE_LINE = re.compile(r"^LIFECYCLE-(?P<outcome>OK|FAIL) (?P<what>.*)$", re.MULTILINE)


def lifecycle(tally, python, pg):
    """Install with demo data, upgrade, then uninstall addon by addon, in reverse order.

    Each step must log no WARNING or ERROR; after each uninstall nothing of the
    addon is left and Odoo's own Events, CRM and Contacts still work
    (``tests/lifecycle_check.py``).
    """
    print("Lifecycle: install with demo data, upgrade, uninstall")
    db = f"client_events_lifecycle_{os.getpid()}"
    data_dir = Path(tempfile.mkdtemp(prefix="client-events-lifecycle-"))
    addons = ",".join(ADDONS)
    screens = ["--test-enable", "--test-tags=client_events_screens", "--stop-after-init"]
    shots = Path(os.environ.get("SCREENSHOT_DIR") or LOG_DIR / "screenshots").resolve()
    os.environ["CLIENT_EVENTS_SCREENSHOTS"] = str(shots)
    steps = [
        # as the README's docker compose does: the demo users work in Chinese
        (
            "install with demo data",
            ["-i", addons, "--load-language=zh_CN,zh_TW", "--stop-after-init"],
            None,
        ),
        # the main screens open in Chromium on the demo story; PNGs in SCREENSHOT_DIR
        ("screens of the demo story", screens, None),
        ("upgrade with data present", ["-u", addons, "--stop-after-init"], None),
    ]
    script = f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); import lifecycle_check\n"
    previous = None
    for addon in [*reversed(ADDONS), None]:
        code = script
        if previous:
            code += f"lifecycle_check.check_gone(env, {previous!r})\n"
            code += "lifecycle_check.check_upstream(env)\n"
        if addon:
            code += f"lifecycle_check.uninstall(env, {addon!r})\n"
        what = f"uninstall {addon}" if addon else f"check after uninstalling {previous}"
        steps.append((what, ["shell", "--no-http"], code))
        previous = addon
    started = time.time()
    for number, (what, args, stdin_text) in enumerate(steps, start=1):
        log_path = LOG_DIR / f"lifecycle-{number}.log"
        if args[0] == "shell":
            cmd = [python, "-m", "odoo", "shell", *odoo_command(python, pg, db, data_dir)[3:]]
        else:
            cmd = [*odoo_command(python, pg, db, data_dir, *args), "--workers=0"]
            cmd += ["--max-cron-threads=0"]
            cmd += [f"--http-port={free_port()}"] if args is screens else ["--no-http"]
        returncode = run_odoo(cmd, log_path, stdin_text=stdin_text, default_timeout="900")
        result, skipped, bad_lines = read_odoo_log(log_path)
        text = log_path.read_text(errors="replace")
        checks = LIFECYCLE_LINE.findall(text)
        failed_checks = [check for outcome, check in checks if outcome == "FAIL"]
        problems = []
        if returncode != 0:
            problems.append(f"Odoo exited with code {returncode}")
        if stdin_text and not checks:
            problems.append("the checks did not run")
        problems += failed_checks
        no_screens = args is screens and (not result or int(result["run"]) == 0 or skipped)
        if no_screens and browser_found():
            problems.append("the screens were not taken (no browser test ran)")
            problems += [line for line in text.splitlines() if SKIP_LINE.search(line)][:10]
        if result and int(result["failed"]) + int(result["errors"]):
            problems += failure_reports(log_path)
        problems += bad_lines[:20]
        if problems:
            tally.fail(f"lifecycle: {what} (log: {log_path})", detail="\n".join(problems))
            break
        tally.ok(f"lifecycle: {what}" + (f" ({len(checks)} checks)" if checks else ""))
        if no_screens:
            # e.g. the official odoo:18.0 image: the user-path check ran, the screenshots not
            tally.skip("lifecycle: screenshots not taken: no Chromium on this machine")
    print(f"  lifecycle took {time.time() - started:.0f}s")
    drop_database(python, pg, db, data_dir)


def main(argv):
    if argv[:1] == ["--tool"]:
        return run_tool(argv[1:])
    if argv not in ([], ["--static"]):
        print(__doc__)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    tally = Tally()
    static_checks(tally)
    if argv != ["--static"]:
        odoo = odoo_suite(tally)
        if odoo:
            lifecycle(tally, *odoo)
    if tally.problems:
        print("Failed: " + "; ".join(tally.problems))
    print(f"Summary: {tally.passed} passed, {tally.failed} failed, {tally.skipped} skipped")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
