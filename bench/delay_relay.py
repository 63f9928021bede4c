"""A TCP relay that holds every chunk for half a round trip each way: a far server on loopback.

    relays = start_relays({listen_port: target_port, ...}, rtt_ms=100)   # a child process
    ...
    relays.terminate()

Only loopback: it listens on 127.0.0.1 and connects to 127.0.0.1. The kernel's netem would do this in a
network namespace, but it is not in every kernel; this needs nothing. Order is kept: chunks leave in the
order they came, each `rtt/2` after it arrived.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
import time
from multiprocessing.process import BaseProcess


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    loop = asyncio.get_running_loop()
    try:
        while chunk := await reader.read(65536):
            loop.call_later(delay, writer.write, chunk)
    except ConnectionError:
        pass  # the other end went away (a client that closed its SSH connection): pass the close on
    loop.call_later(delay, writer.close)


async def _serve(ports: dict[int, int], delay: float) -> None:
    async def handle(port: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.gather(_pump(reader, up_writer, delay), _pump(up_reader, writer, delay))

    servers = []
    for listen, target in ports.items():
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", listen))
        servers.append(
            await asyncio.start_server(lambda r, w, t=target: handle(t, r, w), sock=sock)  # type: ignore[misc]
        )
    await asyncio.gather(*(s.serve_forever() for s in servers))


def _run(ports: dict[int, int], delay: float) -> None:
    asyncio.run(_serve(ports, delay))


def start_relays(ports: dict[int, int], rtt_ms: float) -> BaseProcess:
    """Relays listen_port -> target_port for each pair, in a child process (its own CPU, not the client's)."""
    process = multiprocessing.get_context("spawn").Process(
        target=_run, args=(ports, rtt_ms / 2000.0), daemon=True
    )
    process.start()
    for listen in ports:  # ready when every port accepts
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", listen), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
    return process
