"""The server entry point sends a rerun's small messages at once (serve.send_at_once)."""

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import serve


async def _nodelay_of_an_accepted_connection() -> int:
    """TCP_NODELAY of a connection accepted on a listening socket bound as Streamlit binds it (protocol 0)."""
    accepted: asyncio.Future = asyncio.get_running_loop().create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            sock = transport.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    server = await asyncio.get_running_loop().create_server(Server, sock=listener)
    _, client = await asyncio.open_connection(*listener.getsockname())
    try:
        return await asyncio.wait_for(accepted, 5)
    finally:
        client.close()
        server.close()


def test_connections_accepted_on_a_protocol_zero_socket_have_nagle_turned_off():
    serve.send_at_once()
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: a browser test may leave one running here
        assert thread.submit(asyncio.run, _nodelay_of_an_accepted_connection()).result(timeout=30) == 1
