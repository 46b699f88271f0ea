"""The deployment files in deploy/: the JupyterHub config (run with a stand-in ``c``) and the Z2JH values."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from claimlab import launch, server
from claimlab.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
CONFIG = DEPLOY / "jupyterhub_config.py"


def load_config(monkeypatch, tmp_path, **env) -> tuple[Config, dict]:
    """Execute deploy/jupyterhub_config.py as JupyterHub would, with CLAIMLAB_HUB_* from ``env``."""
    for key in list(os.environ):
        if key.startswith("CLAIMLAB_HUB_") or key == "CLAIMLAB_HANDIN":
            monkeypatch.delenv(key)
    values = {"STATE": str(tmp_path / "state"), "AUTHENTICATOR": "dummy", "IP": "127.0.0.1", "ALLOW_ROOT": "1"}
    values.update(env)
    for key, value in values.items():
        if value is not None:
            monkeypatch.setenv(key if key == "CLAIMLAB_HANDIN" else f"CLAIMLAB_HUB_{key}", value)
    c = Config()
    namespace = {"c": c, "get_config": lambda: c, "__file__": str(CONFIG), "__name__": "jupyterhub_config"}
    exec(compile(CONFIG.read_text(encoding="utf-8"), str(CONFIG), "exec"), namespace)  # noqa: S102
    return c, namespace


def test_spawning_is_sized_for_a_class_at_once(monkeypatch, tmp_path):
    c, _ = load_config(monkeypatch, tmp_path)
    # 30 simultaneous spawns failed with the default 30 s http_timeout on 2 cores.
    assert c.Spawner.http_timeout >= 120 and c.Spawner.start_timeout >= c.Spawner.http_timeout
    assert c.JupyterHub.concurrent_spawn_limit >= 30
    low, high = c.JupyterHub.spawn_throttle_retry_range
    assert 0 < low < high <= 20  # not JupyterHub's default 30-60 s


def test_single_user_servers_are_lean_and_open_the_first_notebook(monkeypatch, tmp_path):
    c, _ = load_config(monkeypatch, tmp_path)
    assert c.Spawner.default_url == launch.first_notebook_url()
    assert c.Spawner.notebook_dir == "~/claimlab"
    args = c.Spawner.args
    assert server.SETTING in args
    for expected in (
        "--ServerApp.terminals_enabled=False",
        "--ServerApp.jpserver_extensions=jupyter_lsp=False",
        "--ServerApp.jpserver_extensions=jupyter_server_terminals=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ):
        assert expected in args
    assert c.Spawner.disable_user_config is True
    overrides = Path(c.Spawner.environment["JUPYTER_CONFIG_PATH"]) / "labconfig" / "default_setting_overrides.json"
    notification = json.loads(overrides.read_text(encoding="utf-8"))["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_everything_can_be_moved_by_environment_variables(monkeypatch, tmp_path):
    c, _ = load_config(
        monkeypatch, tmp_path, PORT="18000", HUB_PORT="18081", PROXY_API_PORT="18001", HTTP_TIMEOUT="90",
        SPAWN_LIMIT="12", CLAIMLAB_HANDIN=str(tmp_path / "class"), HOMES=str(tmp_path / "homes"),
    )  # fmt: skip
    state = tmp_path / "state"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18000/"
    assert c.JupyterHub.hub_bind_url == "http://127.0.0.1:18081"
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:18001"
    assert c.JupyterHub.db_url == f"sqlite:///{state / 'jupyterhub.sqlite'}"
    assert c.JupyterHub.cookie_secret_file == str(state / "jupyterhub_cookie_secret")
    assert c.ConfigurableHTTPProxy.pid_file == str(state / "jupyterhub-proxy.pid")
    assert c.Spawner.http_timeout == 90 and c.JupyterHub.concurrent_spawn_limit == 12
    assert c.Spawner.environment["CLAIMLAB_HANDIN"] == str(tmp_path / "class")
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "homes" / "{username}")
    assert not state.exists()  # loading the config creates nothing


def test_the_hand_in_folder_defaults_to_the_state_folder(monkeypatch, tmp_path):
    c, _ = load_config(monkeypatch, tmp_path)
    assert c.Spawner.environment["CLAIMLAB_HANDIN"] == str(tmp_path / "state" / "handin")


def test_the_authenticator_is_a_clear_choice(monkeypatch, tmp_path):
    c, _ = load_config(monkeypatch, tmp_path, AUTHENTICATOR="dummy")
    assert c.JupyterHub.authenticator_class == "jupyterhub.auth.DummyAuthenticator"
    with pytest.raises(SystemExit, match="allowed only on CLAIMLAB_HUB_IP=127.0.0.1"):
        load_config(monkeypatch, tmp_path, AUTHENTICATOR="dummy", IP="")
    with pytest.raises(SystemExit, match="choose native, lti13, pam or dummy"):
        load_config(monkeypatch, tmp_path, AUTHENTICATOR="guest")
    c, _ = load_config(monkeypatch, tmp_path, AUTHENTICATOR="lti13", LTI_ISSUER="https://lms.example.org")
    assert c.JupyterHub.authenticator_class == "ltiauthenticator.lti13.auth.LTI13Authenticator"
    assert c.LTI13Authenticator.issuer == "https://lms.example.org" and c.LTI13Authenticator.username_key == "sub"


def test_native_authenticator_is_the_default(monkeypatch, tmp_path):
    pytest.importorskip("nativeauthenticator")
    c, _ = load_config(monkeypatch, tmp_path, AUTHENTICATOR=None, IP="")
    assert c.JupyterHub.authenticator_class == "nativeauthenticator.NativeAuthenticator"
    assert c.NativeAuthenticator.open_signup is False and c.Authenticator.admin_users == {"teacher"}
    assert Path(c.JupyterHub.template_paths[0]).is_dir()


def test_learner_servers_never_run_as_root_by_accident(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    with pytest.raises(SystemExit, match="run the hub as an unprivileged account"):
        load_config(monkeypatch, tmp_path, ALLOW_ROOT=None)
    c, _ = load_config(monkeypatch, tmp_path, SPAWNER="local", ALLOW_ROOT=None)
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert "--allow-root" not in c.Spawner.args


def test_the_first_start_copies_the_collection_and_never_overwrites_it(monkeypatch, tmp_path):
    c, namespace = load_config(monkeypatch, tmp_path, HOMES=str(tmp_path / "homes"))

    class User:
        id, name = 7, "ada"

    class Spawner:
        home_dir = str(tmp_path / "homes" / "ada")
        user = User()
        port = 0

    spawner = Spawner()
    c.Spawner.pre_spawn_hook(spawner)
    assert spawner.port == 20007  # a fixed port per learner, below the ephemeral range
    copy = tmp_path / "homes" / "ada" / "claimlab"
    assert (copy / "notebooks" / "00_start_here.ipynb").is_file() and (copy / "README.md").is_file()
    assert not (copy / "tests").exists() and not (copy / ".git").exists()
    handin = tmp_path / "state" / "handin"
    assert handin.is_dir() and (handin.stat().st_mode & 0o7777) == 0o1733
    (copy / "notebooks" / "00_start_here.ipynb").write_text("the learner's own edits")
    c.Spawner.pre_spawn_hook(Spawner())
    assert (copy / "notebooks" / "00_start_here.ipynb").read_text() == "the learner's own edits"


# -- Zero to JupyterHub ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text(encoding="utf-8"))


def test_z2jh_uses_the_same_single_user_settings(monkeypatch, tmp_path, values):
    c, _ = load_config(monkeypatch, tmp_path)
    kube = values["hub"]["config"]["KubeSpawner"]
    shipped = [a for a in c.Spawner.args if a != "--allow-root"]
    assert kube["args"] == shipped
    assert kube["http_timeout"] >= 120 and kube["start_timeout"] >= kube["http_timeout"]
    overrides = json.loads((DEPLOY / "jupyter" / "labconfig" / "default_setting_overrides.json").read_text())
    extra = values["singleuser"]["extraFiles"]["lab-setting-overrides"]
    assert extra["mountPath"] == "/etc/jupyter/labconfig/default_setting_overrides.json"
    assert extra["data"] == overrides


def test_z2jh_opens_the_first_notebook_through_nbgitpuller(values):
    url = values["singleuser"]["defaultUrl"]
    assert url.startswith("/git-pull?repo=") and "targetPath=claimlab" in url
    assert "urlpath=lab%2Ftree%2Fclaimlab%2Fnotebooks%2F00_start_here.ipynb" in url


def test_z2jh_mounts_the_hand_in_folder_in_every_pod(values):
    single = values["singleuser"]
    mount = single["storage"]["extraVolumeMounts"][0]
    volume = single["storage"]["extraVolumes"][0]
    assert single["extraEnv"]["CLAIMLAB_HANDIN"] == mount["mountPath"]
    assert volume["name"] == mount["name"] and volume["persistentVolumeClaim"]["claimName"] == "claimlab-handin"
    claim = yaml.safe_load((DEPLOY / "z2jh-handin-pvc.yaml").read_text(encoding="utf-8"))
    assert claim["kind"] == "PersistentVolumeClaim" and claim["metadata"]["name"] == "claimlab-handin"
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


def _megabytes(size: str) -> float:
    units = {"M": 1, "G": 1000, "Mi": 1.048576, "Gi": 1073.741824}
    number = size.rstrip("MGi")
    return float(number) * units[size[len(number):]]


def test_z2jh_resources_are_sized_from_the_measured_figures(values):
    single = values["singleuser"]
    guarantee, limit = _megabytes(single["memory"]["guarantee"]), _megabytes(single["memory"]["limit"])
    assert 216 <= guarantee <= limit  # 216 MB PSS measured per learner (server 147 + kernel 69)
    assert limit >= 216 + 3 * 70  # at least a few more notebooks' kernels
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert values["singleuser"]["image"]["name"] and values["cull"]["enabled"] is True
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "nativeauthenticator.NativeAuthenticator"


def test_a_running_kernels_sockets_in_the_collection_do_not_stop_a_learner_starting(monkeypatch, tmp_path):
    """A kernel run with the IPC transport leaves Unix sockets in its folder; copytree cannot copy
    them, and once it failed every new learner's start (found by the browser test through the hub)."""
    import socket

    c, namespace = load_config(monkeypatch, tmp_path, HOMES=str(tmp_path / "homes"))
    skip = namespace["_not_collection"]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "00_start_here.ipynb").write_text("{}")
    (folder / ".ipynb_checkpoints").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "kernel-ipc-1"))
        assert skip(str(folder), sorted(p.name for p in folder.iterdir())) == {".ipynb_checkpoints", "kernel-ipc-1"}


def test_kernels_use_unix_sockets_in_a_short_per_learner_runtime_folder(monkeypatch, tmp_path):
    """On TCP, 60 learners starting at once made two kernels take the same port (one died after five
    restarts); IPC has no ports. A socket path must stay under Linux's 107 bytes."""
    c, namespace = load_config(monkeypatch, tmp_path, RUNTIME_ROOT="/tmp/claimlab-runtime")
    assert "--KernelManager.transport=ipc" in c.Spawner.args

    class Spawner:
        class user:  # noqa: N801 - the shape JupyterHub passes
            name = "a-learner-with-a-long-name-of-thirty"

    folder = c.Spawner.environment["JUPYTER_RUNTIME_DIR"](Spawner())
    socket_path = f"{folder}/kernel-{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}-ipc-10"
    assert folder.startswith("/tmp/claimlab-runtime/") and len(socket_path) < 107
