"""One learner at a real quiz, through the kernel websocket, as JupyterLab's widget manager talks to it.

A session is opened for notebooks/00_start_here.ipynb on the learner's server (through the hub's
proxy, with the service token). The notebook's own import cell and warm-up quiz cell are run as they
are in the file; the widgets arrive as ``comm_open`` messages. A choice is made with a comm
``update`` of the choice widget (``index`` for ToggleButtons, ``value`` for a choice group), Check
and Next are pressed with a comm ``custom {"event": "click"}``, and the feedback is read from the
``update`` messages the kernel sends back. Each press waits for the kernel to go idle on it, so all
of its effects have arrived.
"""

from __future__ import annotations

import csv
import json
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import websocket

from .hubserver import ROOT, Hub

NOTEBOOK = "notebooks/00_start_here.ipynb"
QUIZ_BANK = ROOT / "data" / "quizzes" / "warmup.csv"
DIMENSIONS = ("statement_type", "source", "check_worthy")
RIGHT, WRONG = "\u2714 Correct", "\u2718 Not quite"
HEADING = re.compile(r"(\u2714 Correct|\u2718 Not quite)</b> \u2013 <b>([^<]+)</b> \(attempt (\d+)\)")


def notebook_cells(path: Path = ROOT / NOTEBOOK) -> tuple[str, str]:
    """The notebook's import cell and its warm-up quiz cell, exactly as a learner runs them."""
    cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]  # fmt: skip
    quiz = next(c for c in cells if 'quiz("warmup"' in c)
    imports = next(c for c in cells if "from claimlab import" in c)
    return imports, quiz


def quiz_keys() -> list[dict[str, str]]:
    """The warm-up's sentences with their keys; discussion cards (contested) are left out."""
    with QUIZ_BANK.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["contested"] != "yes"]


@dataclass
class Expected:
    item: str
    dimension: str
    answer: str
    correct: bool
    attempt: int


@dataclass
class Timing:
    spawn: float = 0.0
    quiz_ready: float = 0.0
    feedback: list[float] = field(default_factory=list)  # Check sent -> feedback update received, seconds
    lag: list[float] = field(default_factory=list)  # how late the driver woke after each think time


class Learner:
    """One learner's kernel connection and the quiz's widget models, kept up to date from iopub."""

    def __init__(self, hub: Hub, name: str, rng: random.Random) -> None:
        self.hub, self.name, self.rng = hub, name, rng
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict] = {}  # comm id -> widget state
        self.order: list[str] = []  # comm ids in the order they were opened
        self.updates: list[tuple[float, str, dict]] = []  # (arrival, comm id, state change)
        self.ws: websocket.WebSocket | None = None
        self.kernel_id: str | None = None
        self.expected: list[Expected] = []
        self.chosen: dict[tuple[str, str], str] = {}
        self.attempts: dict[tuple[str, str], int] = {}
        self.feedback_errors: list[str] = []
        self.timing = Timing()
        self.position = 0
        self._expects_reply = False

    # -- the connection ---------------------------------------------------------------------------

    def open(self) -> None:
        status, body = self.hub.request(
            "POST",
            f"/user/{self.name}/api/sessions",
            {"path": NOTEBOOK, "type": "notebook", "name": "00_start_here.ipynb", "kernel": {"name": "python3"}},
            timeout=120,
        )
        if status != 201:
            raise RuntimeError(f"{self.name}: could not open a session: {status} {body}")
        self.kernel_id = body["kernel"]["id"]
        url = self.hub.url.replace("http://", "ws://") + (
            f"/user/{self.name}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        )
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {self.hub.token}"], timeout=180)
        self.hub.remember_processes()

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def _send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.name, "session": self.session,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": [],
        }  # fmt: skip
        self.ws.send(json.dumps(message))
        return msg_id

    def _until_idle(self, msg_id: str, timeout: float = 180) -> dict | None:
        """Read messages until the kernel is idle on ``msg_id``; return its execute_reply, if any."""
        deadline = time.monotonic() + timeout
        reply = None
        idle = False
        while not (idle and (reply is not None or not self._expects_reply)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: the kernel did not finish {msg_id} within {timeout} s")
            message = json.loads(self.ws.recv())
            arrived = time.perf_counter()
            kind = message["header"]["msg_type"]
            content = message["content"]
            parent = message.get("parent_header", {}).get("msg_id")
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self.models[content["comm_id"]] = dict(content["data"]["state"])
                self.order.append(content["comm_id"])
            elif kind == "comm_msg" and content["data"].get("method") in ("update", "echo_update"):
                state = content["data"]["state"]
                self.models.setdefault(content["comm_id"], {}).update(state)
                self.updates.append((arrived, content["comm_id"], state))
            elif kind == "error" and parent == msg_id:
                raise RuntimeError(f"{self.name}: {content['ename']}: {content['evalue']}")
            elif kind == "execute_reply" and parent == msg_id:
                reply = content
            elif kind == "status" and parent == msg_id and content["execution_state"] == "idle":
                idle = True
        return reply

    # -- the quiz ---------------------------------------------------------------------------------

    def start_quiz(self) -> None:
        """Run the notebook's import cell and its quiz cell; the quiz is ready when its widgets are in."""
        started = time.perf_counter()
        for code in notebook_cells():
            self._execute(code, "the cell")
        self.timing.quiz_ready = time.perf_counter() - started
        self.keys = quiz_keys()
        if not self._choices():
            raise RuntimeError(f"{self.name}: no quiz controls arrived; widgets: {self._names()}")

    def _names(self) -> list[str]:
        return sorted({state.get("_model_name", "?") for state in self.models.values()})

    def _button(self, description: str) -> str:
        found = [c for c in self.order if self.models[c].get("_model_name") == "ButtonModel"
                 and self.models[c].get("description") == description]  # fmt: skip
        if not found:
            raise RuntimeError(f"{self.name}: no {description!r} button among {self._names()}")
        return found[-1]

    def _choices(self) -> list[str]:
        """The choice widgets of the sentence on show: the children of the box that holds them."""
        ids = {f"IPY_MODEL_{c}" for c in self.models if _codes(self.models[c]) is not None}
        boxes = [c for c in self.order if set(self.models[c].get("children", ())) & ids]
        if not boxes:
            return []
        children = self.models[boxes[0]]["children"]
        return [child[len("IPY_MODEL_"):] for child in children if child in ids]

    def _press(self, comm_id: str) -> str:
        self._expects_reply = False
        return self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})

    def _set_choice(self, comm_id: str, code: str) -> None:
        state = self.models[comm_id]
        codes = _codes(state)
        change = {"index": codes.index(code)} if "_options_labels" in state else {"value": code}
        self._expects_reply = False
        msg_id = self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": change,
                                                                      "buffer_paths": []}})  # fmt: skip
        self._until_idle(msg_id)

    def go_to(self, position: int) -> None:
        while self.position != position:
            step = "Next \u25b6" if position > self.position else "\u25c0 Previous"
            self._until_idle(self._press(self._button(step)))
            self.position += 1 if position > self.position else -1

    def answer(self, right_share: float = 0.6) -> None:
        """Choose a label on every question of the sentence on show (the key, or a wrong one), press
        Check, and time how long the feedback takes to arrive."""
        row = self.keys[self.position]
        changed = []
        for comm_id, dimension in zip(self._choices(), DIMENSIONS, strict=True):
            codes = _codes(self.models[comm_id])
            wrong = [code for code in codes if code != row[dimension]]
            code = row[dimension] if self.rng.random() < right_share else self.rng.choice(wrong)
            if self.chosen.get((row["id"], dimension)) == code:
                continue  # Check without a change is not a new attempt
            self._set_choice(comm_id, code)
            self.chosen[(row["id"], dimension)] = code
            number = self.attempts[(row["id"], dimension)] = self.attempts.get((row["id"], dimension), 0) + 1
            changed.append(Expected(row["id"], dimension, code, code == row[dimension], number))
        self.expected.extend(changed)
        before = len(self.updates)
        sent = time.perf_counter()
        self._until_idle(self._press(self._button("Check")))
        feedback = [(t, state["value"]) for t, _, state in self.updates[before:]
                    if HEADING.search(str(state.get("value", "")))]  # fmt: skip
        if not feedback:
            self.feedback_errors.append(f"{row['id']}: no feedback arrived after Check")
            return
        self.timing.feedback.append(feedback[0][0] - sent)
        headings = [(word == RIGHT, int(attempt)) for word, _name, attempt in HEADING.findall(feedback[-1][1])]
        if len(headings) != len(DIMENSIONS):
            self.feedback_errors.append(f"{row['id']}: {len(headings)} feedback headings, expected {len(DIMENSIONS)}")
            return
        for dimension, heading in zip(DIMENSIONS, headings, strict=True):
            latest = [e for e in self.expected if e.item == row["id"] and e.dimension == dimension][-1]
            if heading != (latest.correct, latest.attempt):
                self.feedback_errors.append(f"{row['id']} {dimension}: feedback {heading}, expected {latest}")

    def think(self, low: float, high: float) -> None:
        """Wait a random think time; keep how late the driver woke (its own lag, not the server's)."""
        pause = self.rng.uniform(low, high)
        target = time.perf_counter() + pause
        time.sleep(pause)
        self.timing.lag.append(max(0.0, time.perf_counter() - target))

    def hand_in(self) -> None:
        """Hand in from the learner's kernel, as the hand-in button does."""
        self._execute("from claimlab.handin import hand_in\nprint(repr(hand_in()))", "hand_in")

    def _execute(self, code: str, what: str) -> None:
        """Run ``code`` in the learner's kernel as a notebook cell and wait until it is done."""
        self._expects_reply = True
        msg_id = self._send("execute_request", {"code": code, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False,
                                                "stop_on_error": True})  # fmt: skip
        reply = self._until_idle(msg_id)
        if reply["status"] != "ok":
            raise RuntimeError(f"{self.name}: {what} failed: {reply}")


def run_session(
    hub, name: str, rng, answers: int, think: tuple[float, float] | None = None, start_together=None
) -> Learner:
    """One learner's lesson, as the test and the benchmark both run it: open a kernel, start the
    warm-up quiz, answer ``answers`` times moving one sentence between answers (with a random
    think time before each, if given), hand in, and always close the connection.

    ``start_together`` (a threading.Barrier) holds every learner after opening the quiz until the
    whole class has it open, as when a teacher says "begin"; a learner whose session failed
    breaks it, and the others then go on at once."""
    learner = Learner(hub, name, rng)
    learner.open()
    try:
        learner.start_quiz()
        if start_together is not None:
            try:
                start_together.wait()
            except threading.BrokenBarrierError:
                pass
        for position in ping_pong(answers, len(learner.keys)):
            if think is not None:
                learner.think(*think)
            learner.go_to(position)
            learner.answer()
        learner.hand_in()
    finally:
        learner.close()
    return learner


def _codes(state: dict) -> list[str] | None:
    """The label codes a choice widget offers, or None when the widget is not a choice."""
    if state.get("_model_name") == "ToggleButtonsModel" and "_options_labels" in state:
        return [label.split(" \u2013 ")[0] for label in state["_options_labels"]]
    options = state.get("options")
    if isinstance(options, list) and options and isinstance(options[0], dict) and "value" in state:
        return [str(option.get("value")) for option in options]
    return None


def ping_pong(steps: int, length: int) -> list[int]:
    """Positions 0, 1, ..., length-1, length-2, ..., 0, 1, ...: one Next or Previous between answers."""
    cycle = list(range(length)) + list(range(length - 2, 0, -1))
    return [cycle[i % len(cycle)] for i in range(steps)]
