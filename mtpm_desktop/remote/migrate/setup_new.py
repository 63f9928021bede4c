"""Set up the target of a move or restore first, with the same bootstrap as `mtpm server bootstrap`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtpm_desktop.core.messages import msg
from mtpm_desktop.remote.service_models import Progress
from mtpm_desktop.remote.setup.bootstrap import BootstrapFailed, run_steps
from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps
from mtpm_desktop.remote.setup.context import BootstrapContext, BootstrapOptions

if TYPE_CHECKING:
    from mtpm_desktop.remote.service import ServerService


def ensure_set_up(service: ServerService, progress: Progress = None) -> bool:
    """Bootstrap a server mtpm has not set up yet (it has no state), without a first user: the moved or
    restored users are its users. Returns True when the bootstrap ran; raises BootstrapFailed."""
    if service.store.load() is not None:
        return False
    if progress is not None:
        progress(msg("setting up the new server first (the same steps as `mtpm server bootstrap`)"))
    steps = bootstrap_steps()
    titles = {s.name: s.title for s in steps}
    ctx = BootstrapContext(
        session=service.session, options=BootstrapOptions(create_first_user=False), root=service.root
    )
    report = run_steps(
        steps, ctx, progress=(lambda name, _state: progress(titles.get(name, name))) if progress else None
    )
    if report.failed is not None:
        raise BootstrapFailed(report.failed)
    return True
