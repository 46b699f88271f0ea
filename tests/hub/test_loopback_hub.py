"""A class on a real JupyterHub: the shipped deploy/jupyterhub_config.py on 127.0.0.1, five learners.

Each learner's server is spawned through the hub's REST API; the notebook's own quiz cell runs in a
real kernel and is answered through the kernel websocket, as JupyterLab's widget manager would;
every answer must then be in that learner's own progress store, in order and graded right, and
each learner's hand-in must land in the class folder. Skipped with a reason where jupyterhub or
configurable-http-proxy is missing, unless CLAIMLAB_REQUIRE_HUB=1 (then it fails).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import random

import pytest

from claimlab.store import ProgressStore

from .hubserver import REQUIRE_ENV, hub_missing_reason, loopback_hub
from .learner import Learner, run_session

LEARNERS = [f"learner-{n:02d}" for n in range(1, 6)]
ANSWERS = 4  # Checks per learner; each answers all three questions of a sentence, or the ones changed


@pytest.fixture(scope="module")
def hub():
    reason = hub_missing_reason()
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
        pytest.skip(reason)
    with loopback_hub() as running:
        yield running


def run_learner(hub, name: str, seed: int) -> Learner:
    return run_session(hub, name, random.Random(seed), ANSWERS)


def test_five_learners_answer_the_real_quiz_and_hand_in(hub):
    hub.create_users(LEARNERS)
    hub.spawn_all(LEARNERS)
    for name in LEARNERS:
        home = hub.homes / name
        assert (home / "claimlab" / "notebooks" / "00_start_here.ipynb").is_file(), "the collection was not copied"

    with concurrent.futures.ThreadPoolExecutor(len(LEARNERS)) as pool:
        learners = list(pool.map(lambda args: run_learner(hub, *args), [(n, i) for i, n in enumerate(LEARNERS)]))

    for learner in learners:
        assert learner.feedback_errors == [], learner.name
        assert len(learner.timing.feedback) == ANSWERS
        store = ProgressStore(hub.homes / learner.name / ".claimlab")
        try:
            saved = [(a.learner, a.notebook, a.quiz, a.item, a.dimension, a.answer, a.correct, a.attempt)
                     for a in store.attempts()]  # fmt: skip
        finally:
            store.close()
        expected = [(learner.name, "00_start_here", "warmup", e.item, e.dimension, e.answer, e.correct, e.attempt)
                    for e in learner.expected]  # fmt: skip
        assert expected and saved == expected, learner.name  # every answer, in order, graded right, in its own store

    handed = sorted(p.name for p in hub.handin.iterdir())
    assert handed == [f"{name}.json" for name in LEARNERS]
    for learner in learners:
        document = json.loads((hub.handin / f"{learner.name}.json").read_text(encoding="utf-8"))
        assert [(a["item"], a["dimension"], a["answer"]) for a in document["attempts"]] == [
            (e.item, e.dimension, e.answer) for e in learner.expected
        ]


def test_the_single_user_servers_run_the_shipped_settings(hub):
    name = LEARNERS[0]
    hub.create_users([name])
    hub.start_server(name)
    hub.wait_ready(name)
    pid = hub.server_pid(name)
    command = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
    arguments = [part.decode() for part in command]
    assert "--ServerApp.kernel_websocket_connection_class=claimlab.server.NoDelayKernelWebsocketConnection" in arguments
    environ = dict(
        line.split("=", 1) for line in open(f"/proc/{pid}/environ", "rb").read().decode().split("\0") if "=" in line
    )
    assert environ["JUPYTERHUB_USER"] == name and environ["CLAIMLAB_HANDIN"] == str(hub.handin)
    assert environ["HOME"] == str(hub.homes / name)
    status, body = hub.request("GET", f"/user/{name}/api/me")
    assert status == 200
    notification = "@jupyterlab/apputils-extension:notification"
    status, extensions = hub.request("GET", f"/user/{name}/lab/api/settings/{notification}")
    defaults = extensions["schema"]["properties"]
    assert status == 200 and defaults["fetchNews"]["default"] == "false"  # no news prompt
    assert defaults["checkForUpdates"]["default"] is False
    status, _ = hub.request("GET", f"/user/{name}/api/terminals")
    assert status == 404  # no terminals
    log = hub.log_text()
    assert "jupyterlab | extension was successfully loaded" in log
    assert "jupyter_lsp | extension was successfully loaded" not in log
    assert "jupyter_server_terminals | extension was successfully loaded" not in log
