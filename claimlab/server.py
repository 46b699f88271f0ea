"""Server-side setting for quick quiz feedback: TCP_NODELAY on the kernel websocket.

jupyter_server leaves Nagle's algorithm on for the websocket between the browser and the kernel,
so a widget's small reply waits for the browser's delayed ACK (tens of milliseconds) before it is
sent. This connection class, set with jupyter_server's own configuration option
``ServerApp.kernel_websocket_connection_class``, switches Nagle off with tornado's public
``WebSocketHandler.set_nodelay`` as soon as the socket is open. ``tasks.py lab`` passes it on the
command line; a JupyterHub admin can put the same line in ``jupyter_server_config.py``::

    c.ServerApp.kernel_websocket_connection_class = "claimlab.server.NoDelayKernelWebsocketConnection"
"""

from __future__ import annotations

import socket

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

SETTING = "--ServerApp.kernel_websocket_connection_class=claimlab.server.NoDelayKernelWebsocketConnection"


def enable_nodelay(websocket_handler) -> bool:
    """Turn TCP_NODELAY on for an open tornado websocket; return whether the socket now has it."""
    websocket_handler.set_nodelay(True)
    stream = getattr(getattr(websocket_handler, "ws_connection", None), "stream", None)
    sock = getattr(stream, "socket", None)
    if sock is None:
        return False
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """The standard kernel websocket connection, with TCP_NODELAY switched on when it opens."""

    def connect(self):
        on = enable_nodelay(self.websocket_handler)
        self.log.info(
            "claimlab: TCP_NODELAY %s on the websocket of kernel %s", "on" if on else "not set", self.kernel_id
        )
        return super().connect()
