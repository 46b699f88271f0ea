"""The README's `tasks.py lab` serves the whole repository and opens the first notebook.

A server rooted at notebooks/ cannot serve ../exercises/, the README or the teaching guide, so
every link to them was a 404. These tests start the real launcher (no browser) and ask the server
for those files, as JupyterLab's file browser and links do.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from e2e.processes import free_port

from claimlab import launch
from claimlab.paths import PROJECT_ROOT


def test_the_server_root_is_the_repository_and_the_first_notebook_is_the_default_url():
    command = launch.lab_command()
    assert f"--ServerApp.root_dir={PROJECT_ROOT.resolve()}" in command
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in command
    assert "--LabApp.news_url=None" in command  # no news pop-up over the first notebook
    # No positional notebook path: jupyter_server would make that file's folder the root.
    assert not [arg for arg in command[4:] if not arg.startswith("--")]
    assert (PROJECT_ROOT / launch.FIRST_NOTEBOOK).is_file()


def test_tasks_lab_runs_the_launcher_and_reports_a_failed_start(monkeypatch, tasks):
    commands = []
    monkeypatch.setattr(tasks, "setup", lambda: Path("python"))

    def fake_run(command, **kwargs):
        commands.append(command)
        return subprocess.CompletedProcess(command, 1)

    monkeypatch.setattr(subprocess, "run", fake_run)
    with pytest.raises(SystemExit) as stopped:
        tasks.lab(["--port=1"])
    assert commands == [["python", "-m", "claimlab.launch", "--port=1"]]
    assert "exit code 1" in str(stopped.value) and "Troubleshooting" in str(stopped.value)


@pytest.mark.parametrize(("uid", "says_root"), [(0, True), (1000, False)])
def test_a_failed_start_as_root_says_how_to_start_anyway(monkeypatch, tasks, uid, says_root):
    monkeypatch.setattr(tasks, "setup", lambda: Path("python"))
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(command, 1))
    monkeypatch.setattr(tasks.os, "geteuid", lambda: uid, raising=False)
    with pytest.raises(SystemExit) as stopped:
        tasks.lab([])
    assert ("--allow-root" in str(stopped.value)) is says_root


def test_tasks_lab_exits_quietly_after_ctrl_c(monkeypatch, tasks):
    monkeypatch.setattr(tasks, "setup", lambda: Path("python"))
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: subprocess.CompletedProcess(command, 130))
    tasks.lab([])  # no SystemExit


@pytest.fixture(scope="module")
def running_lab(tmp_path_factory):
    """The launcher as `tasks.py lab` runs it, plus only a port, a token and no browser."""
    scratch = tmp_path_factory.mktemp("lab")
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "claimlab.launch", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--port={port}", f"--IdentityProvider.token={token}"]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(scratch / "config"), JUPYTER_RUNTIME_DIR=str(scratch / "run"),
               CLAIMLAB_HOME=str(scratch / "home"))  # fmt: skip
    log = scratch / "server.log"
    with log.open("w") as handle:
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=scratch)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"the launcher exited early:\n{log.read_text()[-2000:]}"
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, f"no answer within 60 s:\n{log.read_text()[-2000:]}"
                time.sleep(0.2)
        yield base, token, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.parametrize(
    "path",
    [
        "exercises/ex03_label_a_paragraph.ipynb",
        "exercises/solutions/ex03_label_a_paragraph.ipynb",
        "docs/teaching-guide.md",
        "README.md",
        "notebooks/instructor/class_results.ipynb",
    ],
)
def test_files_outside_notebooks_are_served(running_lab, path):
    base, token, _ = running_lab
    with urllib.request.urlopen(f"{base}/api/contents/{path}?content=0&token={token}", timeout=10) as response:
        assert json.load(response)["path"] == path


def test_the_printed_address_and_the_bare_address_open_the_first_notebook(running_lab):
    base, token, log = running_lab
    printed = re.findall(r"http://127\.0\.0\.1:\d+(/\S*)\?token=", log.read_text())
    assert printed and set(printed) == {"/lab/tree/notebooks/00_start_here.ipynb"}

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"{base}/?token={token}", timeout=10)
    assert redirect.value.code == 302
    assert redirect.value.headers["Location"].startswith("/lab/tree/notebooks/00_start_here.ipynb")


def test_the_first_notebook_opens_without_the_news_pop_up(running_lab):
    base, token, _ = running_lab
    with urllib.request.urlopen(f"{base}/lab/tree/notebooks/00_start_here.ipynb?token={token}", timeout=10) as page:
        assert '"news": {"disabled": true}' in page.read().decode("utf-8")


def test_a_server_that_cannot_start_exits_non_zero(tmp_path):
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "run"))
    command = [sys.executable, "-m", "claimlab.launch", "--no-browser", "--port=not-a-port"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0


def test_notebooks_run_by_the_tools_use_unix_sockets_on_linux_like_the_server():
    """No TCP port and no ipykernel 'running over TCP without encryption' warning in the tools' runs."""
    config = launch.local_kernel_config()
    if sys.platform.startswith("linux"):
        assert config.KernelManager.transport == "ipc"
        assert Path(config.KernelManager.ip).is_absolute()  # the kernel runs in another folder
        assert launch.local_kernel_config().KernelManager.ip != config.KernelManager.ip  # one per kernel
    else:
        assert "transport" not in config.KernelManager


def test_the_browser_report_folds_repeated_console_lines_and_drops_debug():
    from tests.e2e.jupyterlab import console_summary

    lines = ["warning: a", "warning: b", "warning: b", "warning: b", "debug: c",
             "pageerror: TypeError\n    at f (x.js:1)"]
    assert console_summary(lines) == "warning: a\nwarning: b (\u00d73)\npageerror: TypeError\n    at f (x.js:1)"
