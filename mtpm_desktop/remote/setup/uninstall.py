"""Remove everything mtpm created on a server, leaving Docker itself.

What goes: this install's containers (found by the `mtpm.instance` label, never by name), its Docker
network (only when it carries this install's label), the agent and its service, the firewall rules mtpm
recorded, the chains the agent and client_mss keep in iptables (the device limit's REJECT rules would
otherwise go on refusing new clients of those ports), and the install root.
What stays: Docker, its images, and anything mtpm did not create.

It runs as steps (bootstrap.py's runner), so progress and failures look like the bootstrap's, and a
second run reports everything unchanged.
"""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass, field
from typing import Any

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.agent_client import UNIT_PATH, AgentClient
from mtpm_desktop.remote.errors import RemoteFileNotFound
from mtpm_desktop.remote.proxies import firewall, mss
from mtpm_desktop.remote.setup.bootstrap import Emit, Step
from mtpm_desktop.remote.setup.bootstrap_steps import agent_running
from mtpm_desktop.remote_agent.devlimit import chain_name

LABEL_INSTANCE = "mtpm.instance"
LABEL_MANAGED = "mtpm.managed"


class UnsafeInstallRoot(MtpmError):
    """The install root is not a folder mtpm may delete."""


@dataclass
class UninstallContext:
    session: Any  # ServerSession
    root: str
    instance_id: str | None = None
    network: str | None = None
    removed: list[str] = field(default_factory=list)
    # Where the firewall commands run: the session itself, or (tests) a private network namespace.
    firewall_shell: Any = None

    @property
    def shell(self) -> Any:
        return self.firewall_shell if self.firewall_shell is not None else self.session


def check_root(root: str) -> str:
    """The install root, if deleting it is safe: absolute, normalised, at least two levels deep."""
    norm = posixpath.normpath(root)
    if not posixpath.isabs(norm) or norm.count("/") < 2 or norm in ("/usr/local", "/var/lib", "/home/root"):
        raise UnsafeInstallRoot(
            msg(
                "Refusing to delete {root}: the install root must be a dedicated folder such as /opt/mtpm.",
                root=repr(root),
            )
        )
    return norm


def _read_state(ctx: UninstallContext) -> bool:
    import json

    if ctx.instance_id is not None:
        return True
    try:
        data = json.loads(ctx.session.read_file(f"{ctx.root}/config.json").decode())
    except RemoteFileNotFound:
        return True  # nothing installed here (or already removed)
    except ValueError as exc:
        raise MtpmError(
            msg(
                "{path} is not valid JSON ({error}); fix or remove it by hand.",
                path=f"{ctx.root}/config.json",
                error=str(exc),
            )
        ) from exc
    ctx.instance_id = str(data.get("instance_id") or "") or None
    ctx.network = str(data.get("docker_network") or "mtpm")
    return True


def _api(ctx: UninstallContext) -> Any:
    return ctx.session.docker.api


def _docker_usable(ctx: UninstallContext) -> bool:
    result = ctx.session.run("docker version >/dev/null 2>&1", sudo=True, check=False)
    return int(result.exit_code) == 0


def _containers(ctx: UninstallContext) -> list[dict[str, Any]]:
    if not ctx.instance_id or not _docker_usable(ctx):
        return []
    found: list[dict[str, Any]] = _api(ctx).containers(
        all=True, filters={"label": [f"{LABEL_INSTANCE}={ctx.instance_id}"]}
    )
    return found


def _remove_containers(ctx: UninstallContext, emit: Emit) -> None:
    for entry in _containers(ctx):
        name = (entry.get("Names") or ["/?"])[0].lstrip("/")
        _api(ctx).remove_container(entry["Id"], force=True, v=True)
        emit(f"removed container {name}")


def _our_network(ctx: UninstallContext) -> dict[str, Any] | None:
    if not ctx.instance_id or not ctx.network or not _docker_usable(ctx):
        return None
    for net in _api(ctx).networks(names=[ctx.network]):
        labels = net.get("Labels") or {}
        if net.get("Name") == ctx.network and labels.get(LABEL_INSTANCE) == ctx.instance_id:
            return dict(net)
    return None


def _remove_network(ctx: UninstallContext, emit: Emit) -> None:
    net = _our_network(ctx)
    if net is not None:
        _api(ctx).remove_network(net["Id"])
        emit(f"removed Docker network {ctx.network}")


def _agent_gone(ctx: UninstallContext) -> bool:
    client = AgentClient(ctx.session, ctx.root)
    unit_left = client.has_systemd() and ctx.session.exists(UNIT_PATH)
    return not unit_left and not agent_running(client)


def _remove_agent(ctx: UninstallContext, emit: Emit) -> None:
    client = AgentClient(ctx.session, ctx.root)
    client.stop()
    if client.has_systemd():
        ctx.session.run(f"rm -f {UNIT_PATH} && systemctl daemon-reload", sudo=True)
    emit("stopped and removed the agent's service")


def _firewall_clean(ctx: UninstallContext) -> bool:
    return not firewall.read_records(ctx.shell, ctx.root)


def _remove_firewall(ctx: UninstallContext, emit: Emit) -> None:
    firewall.remove_recorded(ctx.shell, ctx.root, emit)


_CHAIN_TOOLS = ("iptables", "ip6tables")
_CHAIN_TABLES = ("filter", "nat")


def _device_chain_present(ctx: UninstallContext, chain: str) -> bool:
    probes = [
        f"command -v {tool} >/dev/null 2>&1 && {tool} -w -t {table} -S {chain} >/dev/null 2>&1 && echo y"
        for tool in _CHAIN_TOOLS
        for table in _CHAIN_TABLES
    ]
    script = "\n".join([*probes, "true"])
    return bool(ctx.shell.run("sh -c " + shlex.quote(script), sudo=True, check=False).stdout.strip())


def _mss_owned(ctx: UninstallContext) -> bool:
    """MTPM-MSS is one chain per server: it is this install's to remove only when <root>/mss.json says
    this install wrote it."""
    return bool(ctx.session.exists(f"{ctx.root}/{mss.FILE_NAME}"))


def _chains_clean(ctx: UninstallContext) -> bool:
    if ctx.instance_id and _device_chain_present(ctx, chain_name(ctx.instance_id)):
        return False
    return not _mss_owned(ctx) or not mss.missing_rules(ctx.shell, [], None)


def _remove_device_chain(ctx: UninstallContext, chain: str) -> None:
    """The agent's device-limit chain and every jump to it, whatever its match (iptables -S prints each rule
    as the arguments that add it, so -A becomes -D); the agent is gone by now, so nobody writes it back."""
    lines = []
    for tool in _CHAIN_TOOLS:
        for table in _CHAIN_TABLES:
            t = f"{tool} -w -t {table}"
            lines.append(
                f"command -v {tool} >/dev/null 2>&1 && {t} -S 2>/dev/null "
                f"| grep -E -- '^-A .* -j {chain}( |$)' | sed 's/^-A /-D /' "
                f'| while read -r rule; do eval "{t} $rule"; done'
            )
            lines.append(f"{t} -F {chain} 2>/dev/null && {t} -X {chain}")
    result = ctx.shell.run("sh -c " + shlex.quote("\n".join([*lines, "true"])), sudo=True, check=False)
    if _device_chain_present(ctx, chain):
        raise MtpmError(
            msg(
                "iptables kept the chain(s) {chains}: {output}",
                chains=chain,
                output=(result.stderr.strip() or result.stdout.strip())[-300:],
            )
        )


def _remove_chains(ctx: UninstallContext, emit: Emit) -> None:
    if ctx.instance_id:
        chain = chain_name(ctx.instance_id)
        if _device_chain_present(ctx, chain):
            _remove_device_chain(ctx, chain)
            emit(f"removed the iptables chain {chain}")
    if _mss_owned(ctx):
        # client_mss off, as the service does it: the chain, its jump and <root>/mss.json go.
        mss.sync_mss(ctx.shell, ctx.root, [], None)
        emit(f"removed the iptables chain {mss.CHAIN}")


def _files_gone(ctx: UninstallContext) -> bool:
    return not bool(ctx.session.exists(ctx.root))


def _remove_files(ctx: UninstallContext, emit: Emit) -> None:
    root = check_root(ctx.root)
    ctx.session.run(f"rm -rf -- {shlex.quote(root)}", sudo=True, timeout=120)
    emit(f"removed {root}")


def uninstall_steps() -> list[Step[UninstallContext]]:
    S = Step[UninstallContext]
    return [
        S("state", msg("Read mtpm's state"), _read_state, lambda c, e: None,
          msg("Fix or remove config.json under the install root by hand.")),
        S("containers", msg("Remove the proxy containers"), lambda c: not _containers(c), _remove_containers,
          msg("Remove the containers labelled mtpm.instance by hand (docker ps -a --filter label=...).")),
        S("network", msg("Remove the Docker network"), lambda c: _our_network(c) is None, _remove_network,
          msg("A container outside mtpm may still use the network; disconnect it and retry.")),
        S("agent", msg("Remove the agent"), _agent_gone, _remove_agent,
          msg("Stop the mtpm agent by hand (systemctl disable --now mtpm-agent) and retry.")),
        S("firewall", msg("Remove mtpm's firewall rules"), _firewall_clean, _remove_firewall,
          msg("Remove the firewall rules tagged 'mtpm' by hand and retry.")),
        S("chains", msg("Remove the device limit and MSS rules"), _chains_clean, _remove_chains,
          msg("Delete the MTPMD-… and MTPM-MSS chains and the rules that jump to them by hand "
              "(iptables -S; iptables -t nat -S; iptables -t mangle -S) and retry.")),
        S("files", msg("Remove mtpm's files"), _files_gone, _remove_files,
          msg("Remove the install root by hand.")),
    ]  # fmt: skip
