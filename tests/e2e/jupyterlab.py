"""A real JupyterLab server and headless Chromium for the end-to-end tests and the benchmark.

The server runs on 127.0.0.1 on a free port with a random token, its settings, workspaces and
CLAIMLAB_HOME in a temporary folder, autosave off. Chromium is Debian's
(/usr/bin/chromium), driven by Playwright's Python package; nothing is downloaded.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from contextlib import contextmanager
from pathlib import Path

from claimlab import launch

from .processes import descendants, free_port, kill_if_stuck, sigterm_raises, wait_until_answering

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


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def _write_settings(folder: Path) -> None:
    settings = {
        # The news prompt is left to the README's command (claimlab.launch turns it off), so that
        # the tests see what a newcomer sees.
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False},
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
def lab_server(nodelay: bool = True):
    """Start JupyterLab through the README's own launcher (claimlab.launch); always stop it.

    Only what a test needs is added to the launcher's command: a free port, a token, settings and
    workspaces in a temporary folder, no browser, and the app exposed to page scripts. The root,
    the first notebook and TCP_NODELAY come from the launcher itself, so the tests see the same
    server a learner gets (``nodelay=False`` is for the benchmark's stock-JupyterLab figures).
    """
    scratch = Path(tempfile.mkdtemp(prefix="claimlab-e2e-"))
    _write_settings(scratch / "settings")
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, CLAIMLAB_HOME=str(scratch / "home"), JUPYTER_CONFIG_DIR=str(scratch / "config"))
    log = scratch / "server.log"
    extra = [
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--LabApp.user_settings_dir={scratch / 'settings'}",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
    ]  # fmt: skip
    command = [sys.executable, "-m", "claimlab.launch", *extra] if nodelay else launch.lab_command(extra, nodelay=False)
    if os.geteuid() == 0:
        command.append("--allow-root")
    with sigterm_raises():  # so a killed test run still stops the server
        with log.open("w", encoding="utf-8") as handle:
            process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
        server = LabServer(f"http://127.0.0.1:{port}", token, scratch / "home", log, process)
        try:
            wait_until_answering(process, lambda: _answers(server), "JupyterLab", server.log_text)
            yield server
        finally:
            _stop(process)
            shutil.rmtree(scratch, ignore_errors=True)


def _answers(server: LabServer) -> bool:
    with urllib.request.urlopen(server.page_url("/api/status"), timeout=2) as response:
        return response.status == 200


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
    """A fresh headless Chromium page whose console is kept for failure reports (notebook_report).

    Closing cannot hang: if Playwright's driver has not shut the browser down within 30 s (it waits
    on the driver, which an interrupted call can leave unanswering), the driver and Chromium are
    killed, and the test gets a warning that says so.
    """
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    playwright = manager.start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        messages = CONSOLE.setdefault(id(page), [])
        page.on("console", lambda message: messages.append(f"{message.type}: {message.text[:400]}"))
        # a page error keeps its stack: the one stall caught with one (Notebook 7, December 2026)
        # had only the message, "Cannot read properties of undefined (reading 'schema')"
        page.on("pageerror", lambda error: messages.append(f"pageerror: {(error.stack or str(error))[:1500]}"))
        try:
            yield page
        finally:
            CONSOLE.pop(id(page), None)
    finally:
        with kill_if_stuck(_playwright_processes(), CLOSE_TIMEOUT_S) as killed:
            try:
                manager.__exit__(None, None, None)  # closes the browser, then stops the driver
            except Exception:
                if not killed:  # a killed driver ends the wait with an error, reported below
                    raise
        if killed:
            warnings.warn(f"Chromium did not close within {CLOSE_TIMEOUT_S} s; killed pids {killed}", stacklevel=3)


CLOSE_TIMEOUT_S = 30


def _playwright_processes() -> dict[int, int]:
    """Playwright's driver (a child of this process) and everything below it: Chromium."""
    found = {}
    for pid, start in descendants(os.getpid()).items():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"playwright" in command and b"run-driver" in command:
            found[pid] = start
            found.update(descendants(pid))
    return found


CONSOLE: dict[int, list[str]] = {}  # the browser console of each open page, for failure reports


# -- JupyterLab actions ----------------------------------------------------------------------------

LIVE = ":not(.jupyter-widgets-disconnected)"


def open_notebook(page, server: LabServer, path: str, classic: bool = False, reset: bool = True) -> None:
    """Open a notebook in JupyterLab (or Notebook 7 with ``classic=True``) and wait for an idle kernel.

    The path is remembered in the page, so that run_all acts on this notebook even if another
    document (the first notebook, say) becomes the current one meanwhile.
    """
    prefix = "/notebooks/" if classic else "/lab/tree/"
    # In JupyterLab, "reset" starts from an empty workspace: otherwise each new page reopens every
    # notebook the earlier tests opened on this server (each with its kernel), and the one stall
    # recorded so far came with four notebooks open.
    page.goto(server.page_url(prefix + path) + ("" if classic or not reset else "&reset"))
    page.wait_for_function(
        "path => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " if (!(w && w.context && w.context.path === path && w.node.querySelector('.jp-Notebook'))) return false;"
        " window.claimlabNotebookPath = path; return true; }",
        arg=path,
        timeout=60_000,
    )
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


RUN_ALL_DONE = """() => {
    const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const kernel = widget && widget.sessionContext && widget.sessionContext.session
                   && widget.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return false;
    return widget.content.widgets.every(c => c.model.type !== 'code' || c.model.executionState !== 'running');
}"""


def wait_for_run_all(page, timeout: int = 60_000) -> bool:
    """Wait until no cell is queued or running. A click on a quiz while Run All still runs later cells
    waits behind them in the kernel's queue (comm messages share the shell channel), so a test that
    clicks and then waits a fixed time measures the queue, not the quiz. False if it did not finish."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(RUN_ALL_DONE, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def run_all(page) -> None:
    """Run every cell of the notebook open_notebook opened: make it the current document, then Run All."""
    # Never await the command itself inside evaluate: it resolves only when every cell has run.
    page.evaluate(
        """() => {
            const app = window.jupyterapp, path = window.claimlabNotebookPath;
            const notebook = [...app.shell.widgets('main')].find(w => w.context && w.context.path === path);
            if (!notebook) throw new Error('the notebook ' + path + ' is not open');
            app.shell.activateById(notebook.id);
            app.commands.execute('notebook:run-all-cells');
        }"""
    )


def restart_kernel(page, timeout: int = 60_000) -> None:
    """Restart the current notebook's kernel and wait until it is idle again.

    JupyterLab's ``kernel.restart()`` promise is raced against a timer inside the page: Playwright's
    ``evaluate`` has no timeout of its own, so a promise that never settles would otherwise hold the
    test until pytest's timeout interrupts Playwright mid-call.
    """
    outcome = page.evaluate(
        """timeout => Promise.race([
            window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart().then(() => 'restarted'),
            new Promise(resolve => setTimeout(() => resolve('still restarting'), timeout)),
        ])""",
        timeout,
    )
    if outcome != "restarted":
        raise AssertionError(f"the kernel did not restart within {timeout // 1000} s\n{notebook_report(page)}")
    wait_for_idle_kernel(page, timeout=timeout)


def quiz_box(page, title: str, timeout: int = 90_000):
    """The live quiz widget whose title contains ``title``, once it has rendered."""
    box = page.locator(f".widget-vbox{LIVE}").filter(has=page.locator("h3", has_text=title)).first
    box.locator("[role=radiogroup]").first.wait_for(timeout=timeout)
    return box


def run_all_until_quiz(page, title: str, budget_s: float = 180):
    """Run every cell and return the quiz titled ``title``, recovering from a stall as the README says.

    Under heavy load (the browser tests run beside the notebook tests), Run All has now and then
    ended with no quiz on the page, or with the quiz drawn but later cells queued for good (see
    Troubleshooting in the README and docs/upstream-report-run-all-stall.md). The README tells a
    learner to run the cells again and, if that does not help, to restart the kernel; this helper
    does the same, in that order, and each stall becomes a warning in pytest's summary with the
    notebook's state (cells run, outputs, console), so that stalls are counted and can be traced
    even when the test passes.

    All of it fits in ``budget_s``, well inside pytest's per-test timeout: a stall ends as this
    helper's own failure, with its report, never as a timeout that interrupts Playwright mid-call.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + budget_s

    def left(cap_ms: int) -> int:
        return max(1_000, min(cap_ms, int((deadline - time.monotonic()) * 1000)))

    remedies = [("running all cells again", None), ("restarting the kernel, then running all cells", restart_kernel)]
    run_all(page)
    for remedy, prepare in remedies:
        try:
            box = quiz_box(page, title, timeout=left(45_000))
            # A Run All that drew the quiz but left later cells queued for good has stalled too: a click
            # on the quiz would wait behind them forever, so it gets the same remedies
            if wait_for_run_all(page, timeout=left(40_000)):
                return box
            problem = f"Run All drew the quiz {title!r} but left cells queued"
        except PlaywrightTimeout:
            problem = f"Run All did not render the quiz {title!r}"
        warnings.warn(f"{problem}; {remedy}. State:\n{notebook_report(page)}", stacklevel=2)
        wait_for_idle_kernel(page, timeout=left(30_000))
        if prepare is not None:
            prepare(page, timeout=left(30_000))
        run_all(page)
    try:
        return _when_run_all_is_done(page, quiz_box(page, title, timeout=left(90_000)), left(60_000))
    except PlaywrightTimeout:
        report = notebook_report(page)
        raise AssertionError(f"the quiz {title!r} did not render after three Run Alls\n{report}") from None


def _when_run_all_is_done(page, box, timeout: int):
    """The quiz, once the cells after it have run too (see wait_for_run_all); a Run All still busy
    after ``timeout`` becomes a warning with the notebook's state, and the test goes on."""
    if not wait_for_run_all(page, timeout=timeout):
        warnings.warn(f"Run All was still running after {timeout} ms. State:\n{notebook_report(page)}", stacklevel=3)
    return box


NOTEBOOK_STATE = r"""() => {
    const current = window.jupyterapp.shell.currentWidget;
    const open = [...window.jupyterapp.shell.widgets('main')];
    const widget = open.find(w => w.context && w.context.path === window.claimlabNotebookPath) || current;
    const kernel = widget.sessionContext.session && widget.sessionContext.session.kernel;
    const cells = [];
    const model = widget.content.model.cells;
    for (let i = 0; i < model.length; i++) {
        const cell = model.get(i);
        if (cell.type !== 'code') continue;
        const outputs = [];
        for (let j = 0; j < cell.outputs.length; j++) {
            const output = cell.outputs.get(j);
            outputs.push(output.type === 'error' ? 'error ' + JSON.stringify(output.toJSON()).slice(0, 300)
                                                 : output.type + ' ' + Object.keys(output.data || {}).join('|'));
        }
        const node = widget.content.widgets[i].node;
        const shown = document.body.contains(node);
        cells.push(`cell ${i}: [${cell.executionCount}] in DOM: ${shown}; ${outputs.join('; ')}`);
    }
    const documents = open.map(w => w.context ? w.context.path : w.id);
    return [`current document: ${current.context ? current.context.path : current.id}; open: ${documents.join(', ')}`,
            `kernel: ${kernel ? kernel.status + ' / ' + kernel.connectionStatus : 'none'}`,
            `widget views: ${document.querySelectorAll('.widget-vbox').length}, disconnected: `
              + `${document.querySelectorAll('.jupyter-widgets-disconnected').length}, error widgets: `
              + `${document.querySelectorAll('.jupyter-widgets-error-widget').length}`,
            ...cells].join('\n');
}"""


def notebook_report(page) -> str:
    """What a failure report needs: each code cell's execution count and outputs, and the browser console."""
    try:
        state = page.evaluate(NOTEBOOK_STATE)
    except Exception as error:  # the page itself may be what broke
        state = f"(the notebook state could not be read: {error})"
    return f"{state}\nbrowser console (last lines):\n{console_summary(CONSOLE.get(id(page), []))[-6000:]}"


def console_summary(lines: list[str]) -> str:
    """The console without debug lines, each run of one repeated line folded into one with its count
    (one stall logged "[yjs#509] Not same Y.Doc" 54 times, which pushed the page error out of view)."""
    folded: list[list] = []
    for line in lines:
        if line.startswith("debug"):
            continue
        if folded and folded[-1][0] == line:
            folded[-1][1] += 1
        else:
            folded.append([line, 1])
    return "\n".join(line if count == 1 else f"{line} (\u00d7{count})" for line, count in folded)


def wait_for_quiz_text(page, title: str, text: str, timeout: int = 60_000) -> None:
    """Wait until the live quiz titled ``title`` shows ``text``, looking the quiz up afresh on every
    poll (a re-run replaces the widget, and JupyterLab's windowed notebook may re-mount it)."""
    page.wait_for_function(
        """([title, text]) => [...document.querySelectorAll('.widget-vbox:not(.jupyter-widgets-disconnected)')]
            .some(box => { const h = box.querySelector('h3');
                           return h && h.innerText.includes(title) && box.innerText.includes(text); })""",
        arg=[title, text],
        timeout=timeout,
    )


def feedback_text(box) -> str:
    """What the quiz's status region (claimlab.a11y.LiveRegion) says now."""
    return "\n".join(box.locator(".claimlab-live").all_inner_texts())


def widget_errors(page) -> int:
    return (
        page.locator(".jupyter-widgets-error-widget").count()
        + page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)").count()
    )
