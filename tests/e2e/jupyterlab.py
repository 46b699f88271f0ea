"""A real JupyterLab server and headless Chromium for the end-to-end tests and the benchmark.

The server runs on 127.0.0.1 on a free port with a random token, its settings, workspaces and
CLAIMLAB_HOME in a temporary folder, the news prompt and autosave off. Chromium is Debian's
(/usr/bin/chromium), driven by Playwright's Python package; nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from claimlab import server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
NODELAY = server.SETTING


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(folder: Path) -> None:
    settings = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for relative, content in settings.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), encoding="utf-8")


class LabServer:
    def __init__(self, url: str, token: str, home: Path, log: Path, process: subprocess.Popen) -> None:
        self.url, self.token, self.home, self.log, self.process = url, token, home, log, process

    def page_url(self, path: str) -> str:
        return f"{self.url}{path}?token={self.token}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def lab_server(nodelay: bool = True, root: Path = ROOT):
    """Start JupyterLab as the README's command does (with or without TCP_NODELAY); always stop it."""
    scratch = Path(tempfile.mkdtemp(prefix="claimlab-e2e-"))
    _write_settings(scratch / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, CLAIMLAB_HOME=str(scratch / "home"), JUPYTER_CONFIG_DIR=str(scratch / "config"))
    log = scratch / "server.log"
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--LabApp.user_settings_dir={scratch / 'settings'}",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
        "--ServerApp.open_browser=False",
    ]  # fmt: skip
    if nodelay:
        command.append(NODELAY)
    if os.geteuid() == 0:
        command.append("--allow-root")
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so a killed test run still stops the server
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=root)
    server = LabServer(f"http://127.0.0.1:{port}", token, scratch / "home", log, process)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        _stop(process)
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(scratch, ignore_errors=True)


def _exit_on_sigterm(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


def _wait_until_ready(server: LabServer, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early:\n{server.log_text()[-2000:]}")
        try:
            with urllib.request.urlopen(server.page_url("/api/status"), timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n{server.log_text()[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM makes the server shut its kernels down; kill it if it does not stop."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def chromium_page(viewport=(1300, 1600)):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            yield page
        finally:
            browser.close()


# -- JupyterLab actions ----------------------------------------------------------------------------

LIVE = ":not(.jupyter-widgets-disconnected)"


def open_notebook(page, server: LabServer, path: str, classic: bool = False) -> None:
    """Open a notebook in JupyterLab (or Notebook 7 with ``classic=True``) and wait for an idle kernel."""
    prefix = "/notebooks/" if classic else "/lab/tree/"
    page.goto(server.page_url(prefix + path))
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    wait_for_idle_kernel(page)


def wait_for_idle_kernel(page, timeout: int = 60_000) -> None:
    page.wait_for_function(
        """() => {
            const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const context = widget && widget.sessionContext;
            return !!(context && context.session && context.session.kernel
                      && context.session.kernel.status === 'idle');
        }""",
        timeout=timeout,
    )


def run_all(page) -> None:
    # Never await the command itself inside evaluate: it resolves only when every cell has run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")


def restart_kernel(page) -> None:
    page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart().then(() => true)"
    )
    wait_for_idle_kernel(page)


def quiz_box(page, title: str):
    """The live quiz widget whose title contains ``title``, once it has rendered."""
    box = page.locator(f".widget-vbox{LIVE}").filter(has=page.locator("h3", has_text=title)).first
    box.locator(".widget-toggle-buttons").first.wait_for(timeout=90_000)
    return box


def feedback_text(box) -> str:
    return "\n".join(box.locator(".widget-html .widget-html-content").all_inner_texts())


def widget_errors(page) -> int:
    return (
        page.locator(".jupyter-widgets-error-widget").count()
        + page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)").count()
    )
