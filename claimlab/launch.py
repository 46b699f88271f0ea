"""Start JupyterLab the way the README's ``python3 tasks.py lab`` does, in one place.

The server's root is the repository itself, not ``notebooks/``: JupyterLab cannot serve a file
above its root, so a root of ``notebooks/`` would turn every link to ``../exercises/``, the README
and the teaching guide into a 404. The first notebook is opened through ``default_url``, so the
address printed in the terminal (and the one a browser is sent to) lands on it, not on the
Launcher. The browser tests start the server with this same module, so they see what a learner
sees.

Run it as ``python -m claimlab.launch [extra jupyter lab options]``. It becomes the JupyterLab
process (on Windows it waits for it), so it exits with JupyterLab's own exit code and a server
that fails to start is reported as a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from . import server
from .paths import PROJECT_ROOT

FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"


def first_notebook_url(notebook: str = FIRST_NOTEBOOK) -> str:
    """The JupyterLab path that opens ``notebook`` (relative to the repository root)."""
    return "/lab/tree/" + Path(notebook).as_posix()


def lab_arguments(root: Path = PROJECT_ROOT, notebook: str = FIRST_NOTEBOOK, *, nodelay: bool = True) -> list[str]:
    """The options ``jupyter lab`` gets from the README's command, before any the caller adds.

    ``nodelay=False`` exists only so that the benchmark can measure stock JupyterLab beside it.
    """
    arguments = [
        f"--ServerApp.root_dir={Path(root).resolve()}",
        f"--LabApp.default_url={first_notebook_url(notebook)}",
        # No "Would you like to get notified about official Jupyter news?" pop-up over the first
        # notebook (the hub config turns it off for the same reason).
        "--LabApp.news_url=None",
    ]
    if nodelay:
        # Quick quiz feedback: TCP_NODELAY on the kernel websocket (claimlab/server.py).
        arguments.append(server.SETTING)
    if sys.platform.startswith("linux"):
        # Kernels talk to the server over local Unix sockets instead of TCP ports, so nothing
        # listens on the network and ipykernel's "running over TCP without encryption" warning
        # goes away. Linux only: macOS caps a socket path at 104 bytes, which a kernel's socket
        # under ~/Library/Jupyter/runtime can exceed, and Windows has no such transport.
        arguments.append("--KernelManager.transport=ipc")
    return arguments


def local_kernel_config():
    """Configuration for running notebooks outside the server (tools, benchmarks) on the same
    transport as the README's server: Unix sockets on Linux, so no TCP port and no warning.

    Pass it as ``NotebookClient(..., config=local_kernel_config())``: the client then starts and
    shuts down its own kernel, which removes the sockets.
    """
    import tempfile
    import uuid

    from traitlets.config import Config

    config = Config()
    if sys.platform.startswith("linux"):
        # An absolute socket path: a relative one would be resolved against two different
        # folders, the kernel's (the notebook's) and this process's.
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(tempfile.gettempdir()) / f"claimlab-kernel-{uuid.uuid4().hex[:12]}")
    return config


def lab_command(extra: Sequence[str] = (), *, python: str = sys.executable, nodelay: bool = True) -> list[str]:
    """The whole ``jupyter lab`` command line of the README's ``tasks.py lab``, then ``extra``."""
    return [str(python), "-m", "jupyter", "lab", *lab_arguments(nodelay=nodelay), *extra]


def main(argv: Sequence[str] | None = None) -> int:
    extra = list(sys.argv[1:] if argv is None else argv)
    command = lab_command(extra)
    print("Starting JupyterLab at the first notebook; stop it with Ctrl+C (twice).", flush=True)
    if os.name == "posix":
        # Become JupyterLab (same process), so that Ctrl+C and a SIGTERM from a test or a service
        # manager reach the server itself and it shuts its kernels down.
        os.chdir(PROJECT_ROOT)
        os.execv(command[0], command)
    try:
        return subprocess.run(command, cwd=PROJECT_ROOT).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
