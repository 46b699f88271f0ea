"""The README's JupyterLab turns TCP_NODELAY on for the kernel websocket."""

from __future__ import annotations

import socket
from types import SimpleNamespace

from claimlab import launch, server


def test_the_lab_command_passes_the_nodelay_setting():
    assert server.SETTING in launch.lab_command()
    assert server.SETTING not in launch.lab_command(nodelay=False)


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


def test_the_setting_names_the_connection_class_that_jupyter_server_loads():
    # jupyter_server imports the class from the dotted name in the setting: a renamed class or module
    # would leave the setting pointing at nothing.
    from jupyter_server.services.kernels.connection.base import BaseKernelWebsocketConnection
    from traitlets.utils.importstring import import_item

    option, _, dotted = server.SETTING.partition("=")
    assert option == "--ServerApp.kernel_websocket_connection_class"
    loaded = import_item(dotted)
    assert loaded is server.NoDelayKernelWebsocketConnection
    assert issubclass(loaded, BaseKernelWebsocketConnection)
