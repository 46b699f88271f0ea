"""The README's JupyterLab turns TCP_NODELAY on for the kernel websocket."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
from types import SimpleNamespace

from claimlab import server
from claimlab.paths import PROJECT_ROOT


def load_tasks():
    spec = importlib.util.spec_from_file_location("tasks", PROJECT_ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lab_command_passes_the_nodelay_setting(monkeypatch):
    tasks = load_tasks()
    assert tasks.NODELAY_SETTING == server.SETTING
    commands = []
    monkeypatch.setattr(tasks, "setup", lambda: "python")
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: commands.append(command))
    tasks.lab([])
    assert commands and server.SETTING in commands[0] and "notebooks/00_start_here.ipynb" in commands[0]


def test_enable_nodelay_sets_the_option_on_the_socket():
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0

        def set_nodelay(value):
            accepted.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(value))

        handler = SimpleNamespace(
            set_nodelay=set_nodelay, ws_connection=SimpleNamespace(stream=SimpleNamespace(socket=accepted))
        )
        assert server.enable_nodelay(handler) is True
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        for sock in (client, accepted, listener):
            sock.close()


def test_the_connection_class_is_a_jupyter_server_connection():
    from jupyter_server.services.kernels.connection.base import BaseKernelWebsocketConnection

    assert issubclass(server.NoDelayKernelWebsocketConnection, BaseKernelWebsocketConnection)
