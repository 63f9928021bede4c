"""Pure parts of the bootstrap steps: registry mirror references, the step list's shape."""

from __future__ import annotations

import pytest

from mtpm_desktop.remote.setup.bootstrap_steps import bootstrap_steps, mirror_reference

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("image", "mirror", "expected"),
    [
        ("nineseconds/mtg:2.2.8", "https://mirror.gcr.io", "mirror.gcr.io/nineseconds/mtg:2.2.8"),
        ("nineseconds/mtg:2.2.8", "hub.mirror.example/", "hub.mirror.example/nineseconds/mtg:2.2.8"),
        ("nginx:1.25", "https://mirror.gcr.io", "mirror.gcr.io/library/nginx:1.25"),
        ("ghcr.io/owner/img:1", "https://mirror.gcr.io", "ghcr.io/owner/img:1"),  # not a Hub image
        ("localhost:5000/img", "https://mirror.gcr.io", "localhost:5000/img"),
    ],
)
def test_mirror_reference(image: str, mirror: str, expected: str) -> None:
    assert mirror_reference(image, mirror) == expected


def test_step_list_is_ordered_and_every_step_has_a_remedy() -> None:
    steps = bootstrap_steps()
    names = [s.name for s in steps]
    assert len(names) == len(set(names))
    # Docker before anything that talks to it; the state before what reads it; users before the firewall
    # (which opens the ports users actually use).
    order = {name: i for i, name in enumerate(names)}
    assert order["docker-install"] < order["docker-running"] < order["engine-image"] < order["network"]
    assert order["state"] < order["engine-image"] and order["first-user"] < order["firewall"]
    assert all(s.remedy and s.title for s in steps)
    assert [s.name for s in steps if s.waits] == ["package-lock"]
