"""Labels on proxy containers: what the agent and later reconciles find them by."""

from __future__ import annotations

import dataclasses

import pytest

from mtpm_desktop.remote.proxies.engines import MTG, Engine
from mtpm_desktop.remote.proxies.reconcile import Deployment, ProxySpec, Reconciler

pytestmark = pytest.mark.unit


def _labels(engine: Engine) -> dict[str, str]:
    dep = Deployment(root="/opt/mtpm", instance_id="inst1", network="mtpm", engine=engine, publish=True)
    spec = ProxySpec(user_id="u1", name="anna", port=2443, running=True, config_text="x", config_hash="h1")
    return Reconciler(session=object(), deployment=dep).labels(spec)


def test_mtg_proxies_tell_the_agent_where_their_metrics_are() -> None:
    labels = _labels(MTG)
    assert labels["mtpm.metrics-port"] == "3129"
    assert labels["mtpm.user-id"] == "u1" and labels["mtpm.instance"] == "inst1"


def test_an_engine_without_metrics_gets_no_metrics_label() -> None:
    labels = _labels(dataclasses.replace(MTG, metrics_port=None))
    assert "mtpm.metrics-port" not in labels
