"""One learner through the real hub in a real browser: sign in, spawn, JupyterLab, the warm-up quiz.

The shipped deploy/jupyterhub_config.py runs on 127.0.0.1 (tests/hub/hubserver.py), headless Chromium
opens the hub's login page, types a user name and the class password and presses "Sign in"; the hub
spawns the learner's server and sends the browser on to JupyterLab at notebooks/00_start_here.ipynb
(the config's default_url). There no news prompt may ask the learner anything; Run All renders the
warm-up quiz, one label is chosen in each of its three radio groups and Check gives graded feedback,
with no widget errors. Stopping the hub must leave no hub, proxy, single-user or kernel process.

The one thing added to the shipped single-user settings is ``--LabApp.expose_app_in_browser=True``
(through hubserver.py's override layer), so that the page's ``window.jupyterapp`` can be asked what
is open and when the kernel is idle, as in tests/e2e/jupyterlab.py.

Skipped with a reason where jupyterhub, configurable-http-proxy, chromium or playwright is missing;
with CLAIMLAB_REQUIRE_HUB=1 or CLAIMLAB_REQUIRE_BROWSER=1 that is a failure instead.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from e2e.jupyterlab import (
    chromium_missing_reason,
    chromium_page,
    feedback_text,
    notebook_report,
    run_all_until_quiz,
    wait_for_idle_kernel,
    widget_errors,
)
from e2e.processes import is_alive

from . import hubserver
from .hubserver import REQUIRE_ENV, hub_missing_reason, loopback_hub

BROWSER_REQUIRE_ENV = "CLAIMLAB_REQUIRE_BROWSER"
LEARNER = "learner-browser"
PASSWORD = "eastbrook-class"  # the class's shared CLAIMLAB_HUB_DUMMY_PASSWORD
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
WARM_UP = "Warm-up: the Eastbrook flood"
ANSWERS = ("FACT", "OUTLET", "YES")  # one label per radio group: statement type, source, checkable
EXPOSE_APP = 'c.Spawner.args.append("--LabApp.expose_app_in_browser=True")  # window.jupyterapp, for the waits\n'
pytestmark = pytest.mark.e2e


def missing_reason() -> str | None:
    return hub_missing_reason() or chromium_missing_reason()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    reason = missing_reason()
    if reason is not None:
        required = [name for name in (REQUIRE_ENV, BROWSER_REQUIRE_ENV) if os.environ.get(name) == "1"]
        if required:
            pytest.fail(f"{' and '.join(required)}=1 but {reason}")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("hub-browser")
    env = {"CLAIMLAB_HUB_DUMMY_PASSWORD": PASSWORD, "CLAIMLAB_HUB_COLLECTION": str(snapshot(folder / "collection"))}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hubserver, "OVERRIDE", hubserver.OVERRIDE + EXPOSE_APP)
        with loopback_hub(folder, extra_env=env) as running:
            yield running
    assert leftover_processes(running, folder) == [], "processes outlived the hub"


def snapshot(target: Path) -> Path:
    """A copy of the collection's files (the config's COLLECTION) for the hub to give the learner.

    The hub would copy them from this working tree, where other test runs may have kernels using the
    "ipc" transport with notebooks/ as their folder: their kernel-ipc-N sockets are no files to copy,
    and the config's shutil.copytree fails on them (Errno 6), so the learner's spawn fails with a 500.
    Only regular files and folders are copied here.
    """
    tree = ast.parse(hubserver.DEPLOY_CONFIG.read_text(encoding="utf-8"))
    names = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["COLLECTION"]
    )

    def not_files(folder: str, entries: list[str]) -> set[str]:
        skipped = {".ipynb_checkpoints", "__pycache__"}
        for entry in entries:
            try:
                mode = os.lstat(os.path.join(folder, entry)).st_mode
            except OSError:  # gone meanwhile (a kernel stopped)
                skipped.add(entry)
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                skipped.add(entry)
        return skipped

    target.mkdir(parents=True)
    for name in names:
        source = hubserver.ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=not_files)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def leftover_processes(hub: hubserver.Hub, folder: Path) -> list[str]:
    """Processes still alive from this hub: any it started (pid and start time), and any whose environment
    names the hub's folder (the hub and proxy carry its state path, each learner's server and kernels
    their home below it), which also finds a process that escaped the hub's process tree."""
    left = {}
    for pid, start in hub.seen.items():
        if is_alive(pid, start):
            left[pid] = _command(pid)
    marker = str(folder).encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "environ").read_bytes():
                    left[int(entry.name)] = _command(int(entry.name))
            except OSError:
                pass
    return [f"{pid}: {command}" for pid, command in sorted(left.items())]


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
    except OSError:
        return "(gone)"


def pop_ups(page) -> list[str]:
    """The text of every JupyterLab toast (the news prompt, an update notice, ...) on the page now."""
    return page.locator(".Toastify__toast, .jp-Notification-Toast").all_inner_texts()


def test_a_learner_signs_in_through_the_hub_and_answers_the_warm_up_quiz(hub):
    with chromium_page() as page:
        try:
            sign_in_and_answer(page, hub)
        except Exception:
            page.screenshot(path=str(hub.folder / "failure.png"))
            print(f"screenshot: {hub.folder / 'failure.png'}\nURL: {page.url}\n{notebook_report(page)}")
            print(f"hub log (last lines):\n{hub.log_text()[-4000:]}")
            raise


def sign_in_and_answer(page, hub) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.get_by_label("Username:").fill(LEARNER)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The hub spawns the server (spawn-pending), then sends the browser on to the default_url.
    lab = f"{hub.url}/user/{LEARNER}/lab/tree/{FIRST_NOTEBOOK}"
    page.wait_for_url(re.compile(re.escape(lab) + r"([?#].*)?$"), timeout=60_000)
    assert (hub.homes / LEARNER / "claimlab" / FIRST_NOTEBOOK).is_file(), "the collection was not copied"
    page.wait_for_function(
        "path => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " if (!(w && w.context && w.context.path === path && w.node.querySelector('.jp-Notebook'))) return false;"
        " window.claimlabNotebookPath = path; return true; }",
        arg=FIRST_NOTEBOOK,
        timeout=60_000,
    )
    wait_for_idle_kernel(page)
    hub.remember_processes()  # the learner's server and its kernel, so that stopping makes sure they are gone
    assert pop_ups(page) == [], "JupyterLab asked the learner something on opening"

    box = run_all_until_quiz(page, WARM_UP)
    box.scroll_into_view_if_needed()
    groups = box.locator("[role=radiogroup]")
    assert groups.count() == len(ANSWERS)
    for number, label in enumerate(ANSWERS):
        groups.nth(number).locator("[role=radio]", has_text=label).click()
    box.locator("button.widget-button", has_text="Check").click()
    page.wait_for_function(
        "box => [...box.querySelectorAll('.claimlab-live')].some(n => n.innerText.includes('(attempt 1)'))",
        arg=box.element_handle(),
        timeout=15_000,
    )
    text = feedback_text(box)
    assert "Statement type (attempt 1)" in text, text
    assert text.count("\u2714 Correct") == 3, text
    assert widget_errors(page) == 0
    hub.remember_processes()
    # By now JupyterLab has been open for many seconds: the news prompt would have shown.
    assert pop_ups(page) == [], "JupyterLab asked the learner something"
