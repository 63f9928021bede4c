"""How long the offline test image takes to build from scratch (mmdebstrap | docker import).

Usage (as root, with dockerd running, from the repo root):
    .venv/bin/python bench/image_build.py [--runs N]

Builds into a throwaway tag (the cached test image is not touched), removes it, prints one line per run
and the median. Figures go to docs/benchmarks.md with the command that produced them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys

import docker

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tests.fixtures.images import build_image, recipe_hash  # after sys.path: run from anywhere


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    client = docker.from_env(timeout=300)
    times: list[float] = []
    for run in range(args.runs):
        tag = f"mtpm-test-base:bench-{os.getpid()}-{run}"
        try:
            seconds = build_image(tag)
        finally:
            with contextlib.suppress(docker.errors.ImageNotFound):
                client.images.remove(tag)
        times.append(seconds)
        print(f"run {run + 1}: {seconds:.1f} s (recipe {recipe_hash()}, load {os.getloadavg()[0]:.1f})")
    print(f"median: {statistics.median(times):.1f} s over {len(times)} run(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
