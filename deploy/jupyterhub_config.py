"""JupyterHub for one school server: ~30 learners, 2 cores, the claimlab collection for each learner.

Start it from the project's virtual environment, in the folder that should hold the hub's state::

    .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

It works as shipped. Every setting below that a school may want to change is read from an
environment variable (all start with CLAIMLAB_HUB_, plus CLAIMLAB_HANDIN), so the file itself need
not be edited; the loopback test starts this very file on 127.0.0.1 with free ports and a temporary
state folder. What each learner gets:

* their own home folder with a copy of the collection in ``~/claimlab`` (copied once, at the first
  start; it is never overwritten, so a learner's edited notebooks stay theirs), and their saved
  answers in ``~/.claimlab/progress.sqlite3``, stored under their hub user name;
* JupyterLab opening on ``notebooks/00_start_here.ipynb``, with TCP_NODELAY on the kernel
  websocket (quick quiz feedback, see claimlab/server.py), no news prompt, no update check, no
  terminals, no language server and no extension manager reaching the internet;
* the class hand-in folder in ``CLAIMLAB_HANDIN`` (``hand_in()`` in the last notebook, or
  :func:`claimlab.handin.hand_in`, writes one file per learner there).

Spawning is sized for a class starting at once on 2 cores: a learner's server plus first kernel
costs 3-4.5 CPU-seconds to start, so 30 at once queue for about a minute of CPU; JupyterHub's
default 30 s ``http_timeout`` then fails most of them. Timeouts are therefore 3 minutes, and the
hub refuses (with "try again in a few seconds") only spawns beyond a class at once.
"""

# ruff: noqa: F821  (``c`` and ``get_config`` are given by JupyterHub when it loads this file)

from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821

HERE = Path(__file__).resolve().parent
PROJECT = Path(os.environ.get("CLAIMLAB_HUB_COLLECTION", HERE.parent)).resolve()


def setting(name: str, default: str) -> str:
    """``CLAIMLAB_HUB_<name>`` from the environment, or ``default`` when it is unset or empty."""
    return os.environ.get(f"CLAIMLAB_HUB_{name}", "").strip() or default


# -- where the hub listens and keeps its state -----------------------------------------------------

STATE = Path(setting("STATE", "/srv/claimlab")).resolve()
IP = setting("IP", "")  # "" listens on every interface; put a TLS proxy (or ssl_cert/ssl_key) in front
PORT = int(setting("PORT", "8000"))
c.JupyterHub.bind_url = f"http://{IP}:{PORT}{setting('BASE_URL', '/')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{int(setting('HUB_PORT', '8081'))}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(setting('PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.command = [setting("PROXY_COMMAND", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the learners' servers too

# -- spawning a class at once on 2 cores (measured: see the module docstring) ----------------------

c.Spawner.http_timeout = int(setting("HTTP_TIMEOUT", "180"))
c.Spawner.start_timeout = int(setting("START_TIMEOUT", "180"))
c.JupyterHub.concurrent_spawn_limit = int(setting("SPAWN_LIMIT", "30"))
c.JupyterHub.spawn_throttle_retry_range = (5, 15)  # beyond the limit: "try again in 10 seconds", not 30-60
c.JupyterHub.active_server_limit = int(setting("SERVER_LIMIT", "0"))  # 0: no limit on servers running at once
c.JupyterHub.init_spawners_timeout = 30

# -- who the learners are: CHOOSE ONE (CLAIMLAB_HUB_AUTHENTICATOR) ---------------------------------
#
#   native  (default) NativeAuthenticator: learners sign up with a user name and password, and the
#           teacher (an admin, CLAIMLAB_HUB_ADMINS) approves each one at /hub/authorize. Choose a
#           made-up user name per learner if the answers should stay pseudonymous on the server.
#           Needs: pip install jupyterhub-nativeauthenticator==1.3.0
#   lti13   LTI 1.3 from the school's LMS (Moodle, Canvas, ...): learners arrive from a course link,
#           already signed in. Needs: pip install jupyterhub-ltiauthenticator==1.6.3 and the four
#           CLAIMLAB_HUB_LTI_* values the LMS shows when the tool is registered.
#   pam     the server's own Unix accounts (pair with CLAIMLAB_HUB_SPAWNER=local).
#   dummy   ANY user name and the shared CLAIMLAB_HUB_DUMMY_PASSWORD log in. For local tests only:
#           refused unless the hub listens on 127.0.0.1.

AUTHENTICATOR = setting("AUTHENTICATOR", "native")
ADMINS = {name.strip() for name in setting("ADMINS", "teacher").split(",") if name.strip()}
c.Authenticator.admin_users = ADMINS

if AUTHENTICATOR == "native":
    try:
        import nativeauthenticator
    except ImportError as error:
        raise SystemExit(
            "CLAIMLAB_HUB_AUTHENTICATOR=native needs NativeAuthenticator: "
            "pip install jupyterhub-nativeauthenticator==1.3.0 (or choose another authenticator)."
        ) from error
    c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
    c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
    c.NativeAuthenticator.open_signup = False  # the teacher approves each sign-up
    c.NativeAuthenticator.minimum_password_length = 8
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 60
    c.Authenticator.allow_all = True  # every approved account may log in
elif AUTHENTICATOR == "lti13":
    c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
    c.LTI13Authenticator.issuer = setting("LTI_ISSUER", "")
    c.LTI13Authenticator.client_id = [setting("LTI_CLIENT_ID", "")]
    c.LTI13Authenticator.authorize_url = setting("LTI_AUTHORIZE_URL", "")
    c.LTI13Authenticator.jwks_endpoint = setting("LTI_JWKS_URL", "")
    c.LTI13Authenticator.username_key = "sub"  # the LMS's opaque id, not the learner's e-mail address
    c.Authenticator.allow_all = True  # the LMS decides who may launch the tool
elif AUTHENTICATOR == "pam":
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
    c.Authenticator.allowed_groups = {setting("PAM_GROUP", "students")}
elif AUTHENTICATOR == "dummy":
    if IP not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("CLAIMLAB_HUB_AUTHENTICATOR=dummy lets anyone in: allowed only on CLAIMLAB_HUB_IP=127.0.0.1.")
    c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
    c.DummyAuthenticator.password = setting("DUMMY_PASSWORD", "")
    c.Authenticator.allow_all = True
else:
    raise SystemExit(f"CLAIMLAB_HUB_AUTHENTICATOR={AUTHENTICATOR!r}: choose native, lti13, pam or dummy.")

# -- where the learners' servers run: CHOOSE ONE (CLAIMLAB_HUB_SPAWNER) ----------------------------
#
#   simple  (default) every learner's server runs as the account that runs the hub (an unprivileged
#           service account such as "claimlab"), with its own home under CLAIMLAB_HUB_HOMES. No
#           Unix accounts to create, but learners are not isolated from each other's files by the
#           operating system: fine for one class's practice server, not for graded assessments.
#   local   every learner is a Unix account of the server (create them first, e.g. with adduser,
#           and use CLAIMLAB_HUB_AUTHENTICATOR=pam); the hub runs as root and each server as its
#           learner. The operating system keeps learners apart.

SPAWNER = setting("SPAWNER", "simple")
HOMES = Path(setting("HOMES", str(STATE / "homes"))).resolve()
if SPAWNER == "simple":
    if os.geteuid() == 0 and setting("ALLOW_ROOT", "") != "1":
        raise SystemExit(
            "CLAIMLAB_HUB_SPAWNER=simple runs every learner's server as the hub's account, here root: run the hub "
            "as an unprivileged account, or use CLAIMLAB_HUB_SPAWNER=local with real accounts."
        )
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
elif SPAWNER == "local":
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
else:
    raise SystemExit(f"CLAIMLAB_HUB_SPAWNER={SPAWNER!r}: choose simple or local.")

# -- each learner's single-user server ------------------------------------------------------------

FIRST_NOTEBOOK_URL = "/lab/tree/notebooks/00_start_here.ipynb"  # claimlab.launch.first_notebook_url()
NODELAY_SETTING = "--ServerApp.kernel_websocket_connection_class=claimlab.server.NoDelayKernelWebsocketConnection"
COLLECTION_FOLDER = "claimlab"  # the learner's copy, in their home
COLLECTION = ("notebooks", "exercises", "docs", "README.md", "LICENSE", "LICENSE-CONTENT.md")
HANDIN = Path(os.environ.get("CLAIMLAB_HANDIN", "").strip() or STATE / "handin").resolve()

# Each learner's server gets its own fixed port, below Linux's ephemeral range (32768-60999). JupyterHub's
# default picks a free port at random and lets it go before the server binds it; with a class spawning at
# once (and every kernel taking five random ports of its own) another process can take that port first,
# and the proxy then sends one learner to another learner's server (seen at 30 learners on 2 cores).
PORT_BASE = int(setting("SINGLEUSER_PORT_BASE", "20000"))

c.Spawner.cmd = [setting("SINGLEUSER_PYTHON", sys.executable), "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = FIRST_NOTEBOOK_URL
c.Spawner.notebook_dir = f"~/{COLLECTION_FOLDER}"
c.Spawner.args = [
    NODELAY_SETTING,  # quick quiz feedback (claimlab/server.py)
    # Kernels use Unix sockets, as tasks.py lab does. On TCP, 60 learners starting at once made two
    # kernels pick the same free port (jupyter_client chooses a port, releases it, and the kernel
    # binds it later): one kernel died after five restarts and its learner's session was lost.
    # The sockets live in a short per-learner runtime folder (Spawner.environment below), because
    # ~/.local/share/jupyter/runtime/kernel-UUID-ipc-1 under a deep home passes Linux's 107-byte limit.
    "--KernelManager.transport=ipc",
    "--ServerApp.terminals_enabled=False",
    "--ServerApp.jpserver_extensions=jupyter_lsp=False",
    "--ServerApp.jpserver_extensions=jupyter_server_terminals=False",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    # A kernel left idle for 20 minutes (a notebook closed without shutting it down) is stopped to
    # free its ~70 MB; answers are saved as they are given, so nothing is lost.
    "--MappingKernelManager.cull_idle_timeout=1200",
    "--MappingKernelManager.cull_interval=300",
]
if SPAWNER == "simple" and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # tests only (CLAIMLAB_HUB_ALLOW_ROOT=1, see above)
RUNTIME_ROOT = Path(setting("RUNTIME_ROOT", "/tmp/claimlab-runtime"))  # short: kernel sockets live here


def runtime_dir(spawner) -> str:
    """The learner's Jupyter runtime folder (connection files and kernel sockets): named by a short
    digest of the user name, so that a socket path stays short whatever the name's length."""
    import hashlib

    return str(RUNTIME_ROOT / hashlib.sha256(spawner.user.name.encode("utf-8")).hexdigest()[:12])


c.Spawner.environment = {
    "CLAIMLAB_HANDIN": str(HANDIN),
    "JUPYTER_RUNTIME_DIR": runtime_dir,
    # JupyterLab reads the settings defaults in deploy/jupyter/labconfig (no news prompt, no update check).
    "JUPYTER_CONFIG_PATH": str(HERE / "jupyter"),
}
c.Spawner.disable_user_config = True  # a learner's ~/.jupyter cannot turn these settings off


def learner_home(spawner) -> tuple[Path, int | None, int | None]:
    """The learner's home folder, and the uid and gid to give their files (None: the hub's own)."""
    if SPAWNER == "simple":
        return Path(spawner.home_dir), None, None
    entry = pwd.getpwnam(spawner.user.name)
    return Path(entry.pw_dir), entry.pw_uid, entry.pw_gid


def _not_collection(folder: str, names: list[str]) -> set[str]:
    """What a learner's copy leaves out: checkpoints, caches, and anything that is not a plain file
    or folder (a running kernel's Unix sockets, say, which copytree cannot copy)."""
    skip = {".ipynb_checkpoints", "__pycache__"}
    plain = {n for n in names if os.path.isfile(os.path.join(folder, n)) or os.path.isdir(os.path.join(folder, n))}
    return {n for n in names if n in skip or n not in plain}


def prepare_learner(spawner) -> None:
    """Before each start: give the server its port, make sure the hand-in folder exists, and copy the
    collection into a new home."""
    spawner.port = PORT_BASE + spawner.user.id
    if not HANDIN.exists():
        # Sticky and writable for all, listable by no learner: each can write only their own file.
        HANDIN.mkdir(parents=True, mode=0o1733)
        HANDIN.chmod(0o1733)
    home, uid, gid = learner_home(spawner)
    target = home / COLLECTION_FOLDER
    if target.exists():
        return  # never overwrite a learner's work; updates come with nbgitpuller or by hand
    partial = home / f".{COLLECTION_FOLDER}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name in COLLECTION:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, partial / name, ignore=_not_collection)
        elif source.is_file():
            shutil.copy2(source, partial / name)
    if uid is not None:
        for path in [home, partial, *partial.rglob("*")]:
            os.chown(path, uid, gid)
    partial.rename(target)


c.Spawner.pre_spawn_hook = prepare_learner
