"""A real JupyterHub on the loopback interface, started from deploy/jupyterhub_config.py, for tests and benchmarks.

Everything runs on 127.0.0.1 with free ports, and all state (the hub's database, the learners'
homes and stores, the class hand-in folder) lives in one temporary folder. The only things this
module adds to the shipped config are the loopback ports and paths (through the config's own
environment variables), DummyAuthenticator with SimpleLocalProcessSpawner, and one service token
that may create users, start their servers and use them: what a teacher's browser would do by
hand. Stopping is thorough: the hub is asked to stop (which stops the learners' servers and the
proxy), then every process it started, found by walking /proc, is killed if still alive, because
JupyterHub, the proxy and the kernels each run in sessions of their own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from e2e.processes import descendants, free_port, is_alive, kill_survivors, sigterm_raises, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
SERVICE = "classroom-driver"
REQUIRE_ENV = "CLAIMLAB_REQUIRE_HUB"

OVERRIDE = '''\
# The loopback test's layer over the shipped config: a service token for the driver, nothing else.
c = get_config()  # noqa: F821
load_subconfig({deploy!r})  # noqa: F821
c.JupyterHub.services = [{{"name": {service!r}, "api_token": {token!r}}}]
c.JupyterHub.load_roles = [
    {{
        "name": {service!r},
        "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers", "list:users"],
        "services": [{service!r}],
    }}
]
'''


def hub_missing_reason() -> str | None:
    """Why a loopback hub cannot start here, or None when it can."""
    if importlib.util.find_spec("jupyterhub") is None:
        return "jupyterhub is not installed (.venv/bin/pip install jupyterhub==6.1.1)"
    if shutil.which("configurable-http-proxy") is None:
        return "configurable-http-proxy is not installed (python3 tasks.py test installs it with npm)"
    return None


# -- the hub ----------------------------------------------------------------------------------------


@dataclass
class Hub:
    url: str
    token: str
    folder: Path
    process: subprocess.Popen
    log: Path
    handin: Path
    homes: Path
    seen: dict[int, int] = field(default_factory=dict)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def request(self, method: str, path: str, body: object = None, timeout: float = 30) -> tuple[int, object]:
        """One call to the hub's REST API (or a user's server, through the proxy), with the service token."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode("utf-8")
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", errors="replace")
            try:
                return error.code, json.loads(text)
            except json.JSONDecodeError:
                return error.code, text

    def remember_processes(self) -> None:
        """Note every process the hub has started so far, so that stopping can make sure they are gone."""
        self.seen.update(descendants(self.process.pid))

    def create_users(self, names: list[str]) -> None:
        status, body = self.request("POST", "/hub/api/users", {"usernames": names})
        if status not in (201, 409):
            raise RuntimeError(f"creating users failed: {status} {body}")

    def start_server(self, name: str) -> None:
        """Ask for a learner's server; retry when the hub says it is busy (429), as a browser's page would."""
        deadline = time.monotonic() + 300
        while True:
            status, body = self.request("POST", f"/hub/api/users/{name}/server")
            if status in (201, 202) or (status == 400 and "already running" in str(body)):
                return
            if status != 429 or time.monotonic() > deadline:
                raise RuntimeError(f"starting {name}'s server failed: {status} {body}")
            time.sleep(2)

    def wait_ready(self, name: str, timeout: float = 300) -> dict:
        """The learner's server model once it is ready (with its state: the process id)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, body = self.request("GET", f"/hub/api/users/{name}?include_stopped_servers=0")
            server = (body or {}).get("servers", {}).get("") if status == 200 else None
            if server and server.get("ready"):
                self.remember_processes()
                return server
            if server is None and status == 200 and not (body or {}).get("pending"):
                raise RuntimeError(f"{name}'s server stopped while starting:\n{self.log_text()[-3000:]}")
            time.sleep(0.25)
        raise TimeoutError(f"{name}'s server was not ready within {timeout} s:\n{self.log_text()[-3000:]}")

    def spawn_all(self, names: list[str], timeout: float = 600) -> dict[str, float]:
        """Ask for every learner's server at the same moment, as a class logging in does (a request to
        start a server blocks for up to 10 s, so one thread each); seconds from asking to ready."""
        import concurrent.futures

        def spawn(name: str) -> float:
            started = time.perf_counter()
            self.start_server(name)
            self.wait_ready(name, timeout=timeout)
            return time.perf_counter() - started

        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            return dict(zip(names, pool.map(spawn, names), strict=True))

    def server_pid(self, name: str) -> int:
        status, body = self.request("GET", f"/hub/api/users/{name}")
        return int(body["servers"][""]["state"]["pid"])

    def user_processes(self, name: str) -> list[int]:
        """The learner's server and everything below it (its kernels)."""
        pid = self.server_pid(name)
        return [pid, *descendants(pid)]


@contextmanager
def loopback_hub(folder: Path | None = None, *, extra_env: dict[str, str] | None = None):
    """Start deploy/jupyterhub_config.py on 127.0.0.1 and yield a :class:`Hub`; always stop everything."""
    reason = hub_missing_reason()
    if reason is not None:
        raise RuntimeError(reason)
    made = folder is None
    folder = Path(tempfile.mkdtemp(prefix="claimlab-hub-")) if made else folder
    state, handin = folder / "state", folder / "handin"
    state.mkdir(parents=True, exist_ok=True)
    handin.mkdir(exist_ok=True)
    token = secrets.token_hex(32)
    override = folder / "loopback_config.py"
    override.write_text(OVERRIDE.format(deploy=str(DEPLOY_CONFIG), service=SERVICE, token=token), encoding="utf-8")
    port = free_port()
    runtime = Path(tempfile.mkdtemp(prefix="claimlab-run-"))  # short, whatever ``folder`` is; removed at the end
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CLAIMLAB_HUB_", "JUPYTERHUB_", "JPY_")) and key not in ("CLAIMLAB_LEARNER",)
    }
    env.update(
        CLAIMLAB_HUB_STATE=str(state),
        CLAIMLAB_HUB_IP="127.0.0.1",
        CLAIMLAB_HUB_PORT=str(port),
        CLAIMLAB_HUB_HUB_PORT=str(free_port()),
        CLAIMLAB_HUB_PROXY_API_PORT=str(free_port()),
        CLAIMLAB_HUB_AUTHENTICATOR="dummy",
        CLAIMLAB_HUB_SPAWNER="simple",
        CLAIMLAB_HUB_ALLOW_ROOT="1",
        CLAIMLAB_HANDIN=str(handin),
        CLAIMLAB_HUB_RUNTIME_ROOT=str(runtime),  # kernel sockets need a short path (under 107 bytes)
        # Another hub on this machine (a second test run) must not share the learners' ports.
        CLAIMLAB_HUB_SINGLEUSER_PORT_BASE=str(secrets.choice(range(20000, 31000, 100))),
        **(extra_env or {}),
    )
    env.pop("CLAIMLAB_HOME", None)  # each learner's store is in their own home, as on a real hub
    log = folder / "jupyterhub.log"
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(override)],
            cwd=state, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    hub = Hub(f"http://127.0.0.1:{port}", token, folder, process, log, handin, state / "homes")
    with sigterm_raises():
        try:
            wait_until_answering(
                process, lambda: hub.request("GET", "/hub/api/", timeout=2)[0] == 200, "JupyterHub", hub.log_text
            )
            hub.remember_processes()
            yield hub
        finally:
            try:
                _stop(hub)
            finally:
                shutil.rmtree(runtime, ignore_errors=True)
                if made:
                    shutil.rmtree(folder, ignore_errors=True)


def _stop(hub: Hub) -> None:
    """SIGTERM lets the hub stop the learners' servers (cleanup_servers) and the proxy; then make sure."""
    try:
        hub.remember_processes()
    except OSError:
        pass
    if hub.process.poll() is None:
        hub.process.terminate()
        try:
            hub.process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            pass
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(is_alive(p, s) for p, s in hub.seen.items()):
        time.sleep(0.2)
    kill_survivors(hub.seen)
    if hub.process.poll() is None:
        os.killpg(hub.process.pid, signal.SIGKILL)
        hub.process.wait(timeout=10)
