"""Desktop UI figures: cold start to a painted main window; 1,000-user table scroll/sort/filter stalls.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--runs 5] [--users 1000]

Cold start is measured from launching a fresh Python process to the first paint event of the main window
(interpreter start, imports, QApplication, translators, theme, window construction, first paint). The
table figures are the longest single GUI-thread stall of each operation, each step including a
synchronous repaint of the view, on a table of N users from the in-memory demo server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import os, sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from mtpm_desktop.ui.app import make_app
app = make_app([sys.argv[0]])
from mtpm_desktop.ui.controller import Controller
from mtpm_desktop.ui.window import MainWindow

class Painted(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time() - t0:.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False

controller = Controller(auto_refresh=False)
w = MainWindow(controller)
f = Painted()
w.installEventFilter(f)
w.show()
app.exec()
controller.shutdown()
"""


def cold_start(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env = dict(
                os.environ, XDG_CONFIG_HOME=f"{home}/c", XDG_DATA_HOME=f"{home}/d", XDG_CACHE_HOME=f"{home}/k"
            )
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            t0 = time.time()
            res = subprocess.run(
                [sys.executable, "-c", CHILD, repr(t0)], env=env, capture_output=True, text=True, timeout=60
            )
            line = next((ln for ln in res.stdout.splitlines() if ln.startswith("PAINTED")), None)
            if line is None:
                raise SystemExit(f"child failed: {res.stderr}")
            out.append(float(line.split()[1]))
    return out


def table_stalls(users: int) -> tuple[dict[str, float], dict[str, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from mtpm_desktop.ui.app import demo_controller
    from mtpm_desktop.ui.models import Col
    from mtpm_desktop.ui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    folder = tempfile.mkdtemp(prefix="mtpm-bench-")
    controller = demo_controller(servers=1, users=users, folder=folder)
    window = MainWindow(controller)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.users)
    controller.refresh("demo-1")
    deadline = time.time() + 60
    while window.users.model.rowCount() < users and time.time() < deadline:
        app.processEvents()
    assert window.users.model.rowCount() == users
    view = window.users.table
    app.processEvents()

    cpu: dict[str, float] = {}

    def timed(step: object, name: str = "") -> float:
        t = time.perf_counter()
        c = time.thread_time()
        step()  # type: ignore[operator]
        view.viewport().repaint()
        app.processEvents()
        if name:
            cpu[name] = max(cpu.get(name, 0.0), time.thread_time() - c)
        return time.perf_counter() - t

    # Swapping in a fresh snapshot of N users (what every refresh does).
    snap = controller.snapshot("demo-1")
    assert snap is not None
    # The first swap pays one-time costs (PySide's lazy enum classes, glyph caches): reported apart.
    first = timed(lambda: window.users.show_server("demo-1", snap), "first_swap")
    reload_s = max(timed(lambda: window.users.show_server("demo-1", snap), "refresh_swap") for _ in range(5))

    bar = view.verticalScrollBar()
    scroll = 0.0
    for value in range(0, bar.maximum() + 1, max(1, view.viewport().height() // 60)):
        scroll = max(scroll, timed(lambda v=value: bar.setValue(v), "scroll"))
    page = max(timed(lambda: bar.setValue(bar.maximum()), "scroll"), timed(lambda: bar.setValue(0), "scroll"))
    scroll = max(scroll, page)

    sort = 0.0
    for col in Col:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            sort = max(sort, timed(lambda c=col, o=order: view.sortByColumn(c, o), "sort"))

    filt = 0.0
    text = ""
    for ch in "anna running":  # typed one key at a time, then erased
        text += ch
        filt = max(filt, timed(lambda t=text: window.users.filter_edit.setText(t), "filter"))
    while text:
        text = text[:-1]
        filt = max(filt, timed(lambda t=text: window.users.filter_edit.setText(t), "filter"))
    controller.shutdown()
    window.close()
    return {
        "first_swap": first,
        "refresh_swap": reload_s,
        "scroll": scroll,
        "sort": sort,
        "filter": filt,
    }, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    starts = cold_start(args.runs)
    stalls, cpu = table_stalls(args.users)
    load = os.getloadavg()[0]
    result = {
        "cold_start_s": {"median": statistics.median(starts), "max": max(starts), "runs": starts},
        "table_users": args.users,
        "max_stall_ms": {k: round(v * 1000, 1) for k, v in stalls.items()},
        "max_stall_cpu_ms": {k: round(v * 1000, 1) for k, v in cpu.items()},
        "load_average_1m": load,
        "platform": os.environ.get("QT_QPA_PLATFORM", ""),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"cold start to painted window: median {result['cold_start_s']['median']:.2f} s, "
            f"max {result['cold_start_s']['max']:.2f} s over {args.runs} runs"
        )
        for k, v in result["max_stall_ms"].items():
            print(
                f"{args.users}-user table, max stall during {k}: {v} ms wall, "
                f"{result['max_stall_cpu_ms'][k]} ms GUI-thread CPU"
            )
        print(f"(1-minute load average during the run: {load:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
