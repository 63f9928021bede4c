"""Send a Docker image from this machine to the server over the SSH session.

For servers that cannot reach any registry (Docker Hub is blocked in some regions): this machine's Docker
`save`s the image as a tar stream, which is written chunk by chunk into `docker load` running on the
server through an exec channel of the same verified SSH transport. Nothing holds the whole image: no temp
file on either side, at most one chunk in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.setup.bootstrap import Emit
from mtpm_desktop.remote.setup.context import BootstrapContext, stream

CHUNK = 1 << 20
REPORT_EVERY = 32 << 20


class LocalImageUnavailable(MtpmError):
    """This machine's Docker is not reachable or does not have the image."""


def _local_client(ctx: BootstrapContext) -> Any:
    import docker
    import docker.errors

    try:
        return ctx.local_docker() if ctx.local_docker is not None else docker.from_env(timeout=300)
    except docker.errors.DockerException as exc:
        raise LocalImageUnavailable(
            msg(
                "Docker on this computer is not reachable ({error}); start it to send the image from here.",
                error=str(exc),
            )
        ) from exc


def save_stream(client: Any, image: str, emit: Emit) -> Iterator[bytes]:
    """`docker save image` of this machine as a stream of chunks, pulling the image here first if needed."""
    import docker.errors

    try:
        client.api.inspect_image(image)
    except docker.errors.ImageNotFound:
        emit(f"{image} is not on this computer; pulling it here first")
        try:
            client.images.pull(image)
        except docker.errors.DockerException as exc:
            raise LocalImageUnavailable(
                msg(
                    "{image} is neither on this computer nor pullable here ({error}). "
                    "Get it with `docker pull {image}` or `docker load`, then try again.",
                    image=image,
                    error=str(exc),
                )
            ) from exc
    except docker.errors.DockerException as exc:
        raise LocalImageUnavailable(
            msg("Docker on this computer failed to inspect {image}: {error}", image=image, error=str(exc))
        ) from exc
    sent = 0
    next_report = REPORT_EVERY
    for chunk in client.api.get_image(image, chunk_size=CHUNK):
        sent += len(chunk)
        if sent >= next_report:
            emit(f"sent {sent >> 20} MB")
            next_report += REPORT_EVERY
        yield chunk
    emit(f"sent {image}: {sent / (1 << 20):.1f} MB in total")


def push_image(ctx: BootstrapContext, image: str, emit: Emit) -> None:
    """Stream `image` from this machine into the server's Docker."""
    client = _local_client(ctx)
    try:
        emit(f"sending {image} from this computer over SSH")
        stream(
            ctx,
            "docker load",
            emit,
            stdin_chunks=save_stream(client, image, emit),
            timeout=3600,
            what=msg("Loading {image} on the server", image=image),
        )
    finally:
        if ctx.local_docker is None:
            client.close()
