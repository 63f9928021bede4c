"""The bootstrap steps of a server, in order, over one ServerSession.

Each step is a `Step[BootstrapContext]` (see bootstrap.py): a check that answers "already done?", an action,
and a remedy. Checks run first on every run, so a set-up server reports every step unchanged and a partly
set-up one is completed. The same list runs behind `mtpm server bootstrap` and the GUI wizard.

Hosts with and without systemd are both handled: without it (containers, some minimal VPS images) package
installs are kept from starting services (policy-rc.d), dockerd is started detached, and the agent runs
under its respawn loop (agent_client).
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import time
from collections.abc import Iterable

from mtpm_desktop.core.errors import MtpmError
from mtpm_desktop.core.messages import msg, without_full_stop
from mtpm_desktop.remote.agent_client import SERVICE_NAME as AGENT_SERVICE
from mtpm_desktop.remote.agent_client import AgentClient, bundle_version
from mtpm_desktop.remote.proxies import firewall
from mtpm_desktop.remote.setup.bootstrap import Emit, Step
from mtpm_desktop.remote.setup.context import (
    BootstrapContext,
    BootstrapStepError,
    ok,
    run,
    stream,
)
from mtpm_desktop.remote.setup.image_transfer import push_image
from mtpm_desktop.remote.setup.osdetect import Family, VirtKind

LOCK_WAIT_S = 600.0
DOCKERD_LOG = "/var/log/mtpm-dockerd.log"

# What mtpm needs on the host besides Docker: python3 for the agent, tc (iproute2) for throttling,
# nsenter (util-linux) to reach into containers, CA certificates for image pulls.
DEBIAN_PREREQUISITES = ("python3", "iproute2", "util-linux", "ca-certificates")
RPM_PREREQUISITES = ("python3", "iproute-tc", "util-linux", "ca-certificates")
PREREQUISITE_COMMANDS = ("python3", "tc", "nsenter")


# --- 1. detection ---------------------------------------------------------------------------------------


def _detect_check(ctx: BootstrapContext) -> bool:
    ctx.facts = None
    ctx.require_facts()  # raises UnsupportedOs / UnsupportedVirtualization
    return True


def _detect_summary(ctx: BootstrapContext) -> str:
    facts = ctx.require_facts()
    init = "systemd" if facts.systemd else "no systemd"
    text = f"{facts.os.pretty_name} ({facts.arch}), virtualization: {facts.virt.name}, {init}"
    notice = facts.virt.notice()
    return f"{text}. {notice}" if notice else text


def _never(ctx: BootstrapContext, emit: Emit) -> None:  # the check either passes or raises
    raise AssertionError("unreachable")


# --- 2. package manager lock ----------------------------------------------------------------------------

# apt/dpkg: a lock is held when a process holds a POSIX lock on one of their lock files (/proc/locks lists
# held locks by inode, so no fuser/lsof is needed; unattended-upgrades holds them too). Process names would
# also match apt running in a chroot (image builders), which holds nothing of ours. dnf/yum have no fixed
# lock file, so for them a running process counts.
APT_LOCK_FILES = (
    "/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock"
)
_LOCK_PROBE = f"""
busy=""
# One grep over every /proc/PID/comm (a loop forking per process takes seconds on a busy host).
for f in $(grep -lxE 'dnf|yum|packagekitd|dnf-automatic' /proc/[0-9]*/comm 2>/dev/null); do
  p=${{f%/comm}}; busy="$busy $(cat "$f" 2>/dev/null)(pid ${{p#/proc/}})"
done
for f in ${{MTPM_LOCK_FILES:-{APT_LOCK_FILES}}}; do
  [ -e "$f" ] || continue
  ino=$(stat -c %i "$f")
  pid=$(sed -nE "s/^[0-9]+: +[A-Z]+ +[A-Z]+ +[A-Z]+ +([0-9]+) [0-9a-f:]*:$ino [0-9]+ .*/\\1/p" /proc/locks)
  pid=${{pid%%[!0-9]*}}
  if [ -n "$pid" ]; then busy="$busy $(cat /proc/$pid/comm 2>/dev/null)(pid $pid) on $f"; fi
done
if [ -n "$busy" ]; then echo "held by:$busy"; exit 1; fi
"""


def _lock_free(ctx: BootstrapContext) -> bool:
    return ok(ctx, _LOCK_PROBE)


def _wait_lock(ctx: BootstrapContext, emit: Emit) -> None:
    deadline = time.monotonic() + LOCK_WAIT_S
    last = ""
    while True:
        result = run(ctx, _LOCK_PROBE)
        if int(result.exit_code) == 0:
            emit("the package manager is free")
            return
        holder = result.stdout.strip()
        if holder != last:
            emit(f"waiting for the package manager, {holder} (automatic updates often run after a boot)")
            last = holder
        if time.monotonic() > deadline:
            raise BootstrapStepError(
                msg(
                    "The package manager stayed busy for {minutes:.0f} minutes ({holder})",
                    minutes=LOCK_WAIT_S / 60,
                    holder=holder,
                )
            )
        time.sleep(3)


# --- 3. prerequisites -------------------------------------------------------------------------------------


def _apt_env() -> str:
    # No prompts, wait for (rather than fail on) the dpkg lock, keep existing config files.
    return (
        "export DEBIAN_FRONTEND=noninteractive; "
        "APT='apt-get -y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confold "
        "-o Dpkg::Options::=--force-confdef'; "
    )


def _no_service_start_guard(ctx: BootstrapContext) -> str:
    """Without systemd, keep package scripts from starting daemons (the Docker way: policy-rc.d exit 101);
    mtpm starts dockerd itself. The guard is removed when the script ends, whatever happens."""
    if ctx.require_facts().systemd:
        return ""
    return (
        "if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && "
        "chmod 755 /usr/sbin/policy-rc.d && trap 'rm -f /usr/sbin/policy-rc.d' EXIT; fi; "
    )


def _install(ctx: BootstrapContext, emit: Emit, packages: Iterable[str], what: str) -> None:
    facts = ctx.require_facts()
    names = " ".join(packages)
    if facts.os.family is Family.DEBIAN:
        update = "" if ctx._apt_updated else "$APT update && "
        script = (
            _apt_env()
            + _no_service_start_guard(ctx)
            + f"{update}$APT install --no-install-recommends {names}"
        )
    else:
        script = _no_service_start_guard(ctx) + f"dnf -y install {names}"
    if not _lock_free(ctx):  # taken again since the lock step (apt-get update does not wait for it)
        _wait_lock(ctx, emit)
    emit(f"installing {names}")
    stream(ctx, script, emit, what=what)
    ctx._apt_updated = True


def _prereq_check(ctx: BootstrapContext) -> bool:
    return ok(ctx, " && ".join(f"command -v {c} >/dev/null" for c in PREREQUISITE_COMMANDS))


def _prereq_action(ctx: BootstrapContext, emit: Emit) -> None:
    family = ctx.require_facts().os.family
    packages = DEBIAN_PREREQUISITES if family is Family.DEBIAN else RPM_PREREQUISITES
    _install(ctx, emit, packages, msg("Installing python3, iproute2 and util-linux"))


# --- 4. Docker installed ----------------------------------------------------------------------------------


def _docker_installed(ctx: BootstrapContext) -> bool:
    return ok(ctx, "command -v docker >/dev/null && command -v dockerd >/dev/null")


def _docker_install(ctx: BootstrapContext, emit: Emit) -> None:
    facts = ctx.require_facts()
    if facts.os.family is Family.DEBIAN:
        packages = ["docker.io"]
        if ok(ctx, '[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ]'):
            packages.append(
                "apparmor"
            )  # docker.io only recommends it, but runc needs it where AppArmor is on
        _install(ctx, emit, packages, msg("Installing Docker (docker.io)"))
    elif facts.os.family is Family.FEDORA:
        _install(ctx, emit, ["moby-engine"], msg("Installing Docker (moby-engine)"))
    else:
        # RHEL rebuilds ship podman, not Docker: use Docker's own repository. --allowerasing replaces
        # podman-docker/runc packages that conflict with docker-ce.
        script = (
            _no_service_start_guard(ctx) + "dnf -y install dnf-plugins-core && "
            "dnf config-manager --add-repo https://download.docker.com/linux/centos/docker-ce.repo && "
            "dnf -y install --allowerasing docker-ce docker-ce-cli containerd.io"
        )
        emit("installing docker-ce from Docker's repository")
        stream(ctx, script, emit, what=msg("Installing Docker (docker-ce)"))


def _docker_install_remedy(ctx: BootstrapContext, error: BaseException) -> str:
    family = ctx.facts.os.family if ctx.facts else Family.DEBIAN
    if family is Family.DEBIAN:
        return msg(
            "Check that `apt-get update` works on the server (its mirror is reachable), or install "
            "Docker by hand (`apt-get install docker.io`), then run the bootstrap again."
        )
    return msg(
        "Check that the server reaches its package mirrors (and download.docker.com on CentOS/Rocky/Alma), "
        "or install Docker by hand, then run the bootstrap again."
    )


# --- 5. Docker running --------------------------------------------------------------------------------------

_DOCKER_ANSWERS = "docker version --format '{{.Server.Version}}' >/dev/null 2>&1"


def _docker_running(ctx: BootstrapContext) -> bool:
    return ok(ctx, _DOCKER_ANSWERS)


def _docker_start(ctx: BootstrapContext, emit: Emit) -> None:
    poll = (
        f"i=0; until {_DOCKER_ANSWERS}; do i=$((i+1)); "
        f"if [ $i -gt 120 ]; then echo 'dockerd did not answer within 60 s'; "
        f"tail -n 20 {DOCKERD_LOG} 2>/dev/null; exit 1; fi; sleep 0.5; done; "
        "docker version --format 'Docker {{.Server.Version}} is running'"
    )
    if ctx.require_facts().systemd:
        enable = "systemctl enable --now docker.socket docker.service || systemctl enable --now docker"
        script = f"{enable}; {poll}"
        stream(ctx, script, emit, timeout=180, what=msg("Starting Docker"))
        return
    # No systemd: start dockerd detached (setsid, its own log) so it outlives this SSH session.
    emit("no systemd on this server: starting dockerd directly (it will not start by itself after a reboot)")
    script = f"mkdir -p /var/log; setsid dockerd >>{DOCKERD_LOG} 2>&1 </dev/null & {poll}"
    stream(ctx, script, emit, timeout=180, what=msg("Starting dockerd"))


def _docker_start_remedy(ctx: BootstrapContext, error: BaseException) -> str:
    virt = ctx.facts.virt if ctx.facts else None
    if virt is not None and virt.kind is VirtKind.LXC:
        return virt.notice() or ""
    if virt is not None and virt.kind is VirtKind.DOCKER:
        return msg(
            "This server is a container: Docker runs inside it only if it was started with --privileged."
        )
    return msg(
        "Look at `journalctl -u docker` (or {log} without systemd) on the server; "
        "fix what it reports and run the bootstrap again.",
        log=DOCKERD_LOG,
    )


# --- 6. clock sync ------------------------------------------------------------------------------------------

_SYNC_SERVICES = "systemd-timesyncd chronyd chrony ntpd ntp ntpsec openntpd"


def _clock_check(ctx: BootstrapContext) -> bool:
    facts = ctx.require_facts()
    if facts.virt.is_container:
        return True  # a container shares the host's kernel clock; it cannot (and need not) set it
    if facts.systemd:
        return ok(
            ctx, f"for s in {_SYNC_SERVICES}; do systemctl is-active --quiet $s && exit 0; done; exit 1"
        )
    return ok(
        ctx,
        "for p in /proc/[0-9]*; do case $(cat $p/comm 2>/dev/null) in "
        "chronyd|ntpd|openntpd|systemd-timesyn) exit 0;; esac; done; exit 1",
    )


def _clock_summary(ctx: BootstrapContext) -> str:
    facts = ctx.require_facts()
    if facts.virt.is_container:
        return "the server is a container: its clock is the host's"
    return "the clock is kept in sync (mtg refuses handshakes more than 3 s off)"


def _clock_action(ctx: BootstrapContext, emit: Emit) -> None:
    facts = ctx.require_facts()
    if facts.os.family is Family.DEBIAN:
        # timesyncd is what Debian/Ubuntu use by default; chrony where it is already installed.
        if ok(ctx, "command -v chronyd >/dev/null"):
            start = "systemctl enable --now chrony 2>/dev/null || systemctl enable --now chronyd"
        else:
            if not ok(
                ctx, "[ -x /lib/systemd/systemd-timesyncd ] || [ -x /usr/lib/systemd/systemd-timesyncd ]"
            ):
                _install(ctx, emit, ["systemd-timesyncd"], msg("Installing systemd-timesyncd"))
            start = "timedatectl set-ntp true && systemctl enable --now systemd-timesyncd"
    else:
        if not ok(ctx, "command -v chronyd >/dev/null"):
            _install(ctx, emit, ["chrony"], msg("Installing chrony"))
        start = "systemctl enable --now chronyd"
    if not facts.systemd:
        start = "chronyd || ntpd"
    stream(ctx, start, emit, timeout=120, what=msg("Starting time synchronisation"))


# --- 7. state -----------------------------------------------------------------------------------------------


def _state_check(ctx: BootstrapContext) -> bool:
    return bool(ctx.session.exists(f"{ctx.root}/config.json"))


def _state_action(ctx: BootstrapContext, emit: Emit) -> None:
    revision = ctx.service.ensure_state(progress=emit)
    emit(f"created {ctx.root}/config.json (revision {revision})")


# --- 8. engine image ----------------------------------------------------------------------------------------


def _image_present(ctx: BootstrapContext) -> bool:
    image = ctx.resolved_engine().image
    return ok(ctx, f"docker image inspect {shlex.quote(image)} >/dev/null 2>&1")


def mirror_reference(image: str, mirror: str) -> str:
    """The reference of `image` on a Docker Hub mirror (https://mirror.gcr.io → mirror.gcr.io/library/x:t).

    Images already naming a registry (a first part with a dot or port, or localhost) are returned as they are:
    a Hub mirror does not carry them.
    """
    host = mirror.split("://", 1)[-1].rstrip("/")
    first, _, rest = image.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return image
    path = image if rest else f"library/{image}"
    return f"{host}/{path}"


def _pull(ctx: BootstrapContext, emit: Emit, reference: str) -> None:
    stream(
        ctx,
        f"docker pull {shlex.quote(reference)}",
        emit,
        timeout=1800,
        what=msg("Pulling {reference}", reference=reference),
    )


def _image_action(ctx: BootstrapContext, emit: Emit) -> None:

    image = ctx.resolved_engine().image
    opts = ctx.options
    if opts.push_image:
        push_image(ctx, image, emit)
        return
    try:
        if opts.registry_mirror:
            reference = mirror_reference(image, opts.registry_mirror)
            _pull(ctx, emit, reference)
            if reference != image:
                stream(
                    ctx,
                    f"docker tag {shlex.quote(reference)} {shlex.quote(image)}",
                    emit,
                    what=msg("Tagging"),
                )
        else:
            _pull(ctx, emit, image)
    except MtpmError as pull_error:
        # Where the server cannot reach a registry, the image can come from this machine over SSH.
        emit(f"the server could not pull {image}; trying to send it from this computer over SSH")
        try:
            push_image(ctx, image, emit)
        except MtpmError as push_error:
            raise BootstrapStepError(
                msg(
                    "{pull_error}; sending it over SSH failed too: {push_error}",
                    pull_error=without_full_stop(pull_error.message),
                    push_error=push_error.message,
                )
            ) from push_error


def _image_remedy(ctx: BootstrapContext, error: BaseException) -> str:
    return msg(
        "If the server cannot reach Docker Hub, set a registry mirror (--registry-mirror "
        "https://mirror.gcr.io) or pull the image on this computer (`docker pull IMAGE`) and use "
        "--push-image to send it over SSH."
    )


# --- 9. network ---------------------------------------------------------------------------------------------


def _network_name(ctx: BootstrapContext) -> str:
    return str(ctx.service.settings().get("docker_network") or "mtpm")


def _network_check(ctx: BootstrapContext) -> bool:
    name = _network_name(ctx)
    return any(n.get("Name") == name for n in ctx.session.docker.api.networks(names=[name]))


def _network_action(ctx: BootstrapContext, emit: Emit) -> None:
    from mtpm_desktop.remote.proxies.reconcile import LABEL_INSTANCE, LABEL_MANAGED

    name = _network_name(ctx)
    instance = str(ctx.service.settings().get("instance_id", ""))
    ctx.session.docker.api.create_network(
        name, driver="bridge", labels={LABEL_MANAGED: "1", LABEL_INSTANCE: instance}
    )
    emit(f"created Docker network {name}")


# --- 10. agent ----------------------------------------------------------------------------------------------


def agent_running(client: AgentClient) -> bool:
    """The agent's service is up: the systemd unit is active, or (no systemd) its respawn loop lives."""
    if client.has_systemd():
        return (
            int(
                client.session.run(
                    f"systemctl is-active --quiet {AGENT_SERVICE}", sudo=True, check=False
                ).exit_code
            )
            == 0
        )
    return client.loop_running()


def _agent_check(ctx: BootstrapContext) -> bool:
    client = AgentClient(ctx.session, ctx.root)
    return client.deployed_version() == bundle_version() and agent_running(client)


def _agent_action(ctx: BootstrapContext, emit: Emit) -> None:
    client = AgentClient(ctx.session, ctx.root)
    install = client.ensure(progress=emit)
    status = client.status()  # it answers its CLI: deployed files and Python work together
    emit(f"agent {install.version} running ({install.mode}), reporting {len(status.users)} user(s)")


# --- 11. server address -------------------------------------------------------------------------------------


def _is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:
        return False


def detect_address(ctx: BootstrapContext) -> str:
    """The address clients should dial: the SSH host when it is a public IP (or a name that resolves to
    one), otherwise the source address the server uses towards the internet (a routing lookup, no traffic),
    otherwise the SSH host as it is."""
    host = ctx.host
    if _is_public(host):
        return host
    try:
        resolved = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except OSError:
        resolved = set()
    public = sorted(a for a in resolved if _is_public(str(a)))
    if public:
        return str(public[0])
    routed = run(
        ctx, "ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \\([0-9.]*\\).*/\\1/p'"
    ).stdout.strip()
    if _is_public(routed):
        return str(routed)
    return host


def _address_check(ctx: BootstrapContext) -> bool:
    settings = ctx.service.settings()
    opts = ctx.options
    if opts.server_ip and settings.get("server_ip") != opts.server_ip:
        return False
    if opts.server_domain and settings.get("server_domain") != opts.server_domain:
        return False
    return bool(settings.get("server_ip") or settings.get("server_domain"))


def _address_action(ctx: BootstrapContext, emit: Emit) -> None:
    opts = ctx.options
    settings = ctx.service.settings()
    if opts.server_domain and settings.get("server_domain") != opts.server_domain:
        ctx.service.set_setting("server_domain", opts.server_domain, progress=emit)
    ip = opts.server_ip or (None if settings.get("server_ip") else detect_address(ctx))
    if ip and settings.get("server_ip") != ip:
        ctx.service.set_setting("server_ip", ip, progress=emit)


def _address_summary(ctx: BootstrapContext) -> str:
    settings = ctx.service.settings()
    shown = settings.get("server_domain") or settings.get("server_ip")
    return f"links use {shown} (change with `mtpm -s NAME settings set server_ip|server_domain VALUE`)"


# --- 12. first user -----------------------------------------------------------------------------------------


def _first_user_check(ctx: BootstrapContext) -> bool:
    if not ctx.options.create_first_user:
        return True
    users = ctx.service.list_users()
    if users:
        ctx.first_link, ctx.first_tme_link = users[0].tg_link, users[0].tme_link
    return bool(users)


def _first_user_action(ctx: BootstrapContext, emit: Emit) -> None:
    ctx.service.add_user(ctx.options.first_user, port=ctx.options.first_user_port, progress=emit)


def _first_user_summary(ctx: BootstrapContext) -> str | None:
    if not ctx.options.create_first_user:
        return "no first user made (--no-first-user): import the old panel or add users next"
    return f"first user's link: {ctx.first_link}" if ctx.first_link else None


# --- 13. firewall -------------------------------------------------------------------------------------------


def used_ports(ctx: BootstrapContext) -> list[int]:
    settings = ctx.service.settings()
    if settings.get("port_443_mode"):
        return [int(settings.get("sni_listen_port") or 443)]
    return sorted({u.port for u in ctx.service.list_users()})


def _firewall_check(ctx: BootstrapContext) -> bool:
    to_add, to_remove = firewall.pending_changes(ctx.session, ctx.root, used_ports(ctx))
    return not to_add and not to_remove


def _firewall_action(ctx: BootstrapContext, emit: Emit) -> None:
    firewall.sync_firewall(ctx.session, ctx.root, used_ports(ctx), emit)


def _firewall_summary(ctx: BootstrapContext) -> str:
    plan = firewall.detect(ctx.session)
    if plan is None:
        return "no active firewall on the server: nothing to open (a provider's own firewall is not visible)"
    return f"{plan.backend.value}: open for {', '.join(map(str, used_ports(ctx)))}"


# --- the list -----------------------------------------------------------------------------------------------


def bootstrap_steps() -> list[Step[BootstrapContext]]:
    S = Step[BootstrapContext]
    return [
        S("detect", msg("Check the system"), _detect_check, _never,
          msg("mtpm needs a KVM/VM or privileged container running a supported distribution."),
          summary=_detect_summary),
        S("package-lock", msg("Wait for the package manager"), _lock_free, _wait_lock,
          msg("Another install or automatic update holds the package manager; wait for it to finish "
              "(or stop it) and run the bootstrap again."), waits=True),
        S("prerequisites", msg("Install python3, tc and nsenter"), _prereq_check, _prereq_action,
          _docker_install_remedy),
        S("docker-install", msg("Install Docker"), _docker_installed, _docker_install,
          _docker_install_remedy),
        S("docker-running", msg("Start Docker"), _docker_running, _docker_start, _docker_start_remedy),
        S("clock", msg("Keep the clock in sync"), _clock_check, _clock_action,
          msg("Install and enable chrony or systemd-timesyncd on the server by hand."),
          summary=_clock_summary),
        S("state", msg("Create mtpm's state"), _state_check, _state_action,
          msg("Check that the login user can write the install root (or has sudo).")),
        S("engine-image", msg("Get the proxy image"), _image_present, _image_action, _image_remedy),
        S("network", msg("Create the Docker network"), _network_check, _network_action,
          msg("Look at `docker network ls` on the server; remove a conflicting network by hand.")),
        S("agent", msg("Deploy and start the agent"), _agent_check, _agent_action,
          msg("Check that python3 (3.8 or newer) works on the server and look at the agent's log under "
              "the install root.")),
        S("server-address", msg("Set the server address"), _address_check, _address_action,
          msg("Set it by hand: `mtpm -s NAME settings set server_ip ADDRESS`."), summary=_address_summary),
        S("first-user", msg("Create the first user"), _first_user_check, _first_user_action,
          msg("Create a user by hand: `mtpm -s NAME user add NAME`."), summary=_first_user_summary),
        S("firewall", msg("Open the firewall"), _firewall_check, _firewall_action,
          msg("Open the proxy ports in the server's firewall by hand."), summary=_firewall_summary),
    ]  # fmt: skip
