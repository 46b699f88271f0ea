"""Try to reproduce the rare Run All stall: open a notebook, Run All, and count runs whose quiz never renders.

    .venv/bin/python benchmarks/run_all_stall.py --runs 20 --load 3

Starts the README's JupyterLab (tests/e2e/jupyterlab.py), optionally with ``--load`` busy
processes competing for the CPU (the stall has only been seen under heavy load), and for each
run opens a fresh page, runs every cell and waits for the quiz. A stall prints the notebook's
state (each code cell's execution count and outputs, the kernel status, the browser console),
which is what an upstream report needs. Prints the number of stalls; exits 1 if there was one.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from e2e.jupyterlab import chromium_page, lab_server, notebook_report, open_notebook, quiz_box, run_all  # noqa: E402


def _spin(_: int) -> None:
    while True:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=0, help="busy processes to run meanwhile")
    parser.add_argument("--notebook", default="notebooks/03_claim_types.ipynb")
    parser.add_argument("--quiz", default="statement types, round 1")
    args = parser.parse_args()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    spinners = [multiprocessing.Process(target=_spin, args=(i,), daemon=True) for i in range(args.load)]
    for spinner in spinners:
        spinner.start()
    stalls = 0
    try:
        with lab_server() as server:
            for run in range(1, args.runs + 1):
                with chromium_page() as page:
                    open_notebook(page, server, args.notebook)
                    started = time.monotonic()
                    run_all(page)
                    try:
                        quiz_box(page, args.quiz, timeout=60_000)
                        print(f"run {run}: quiz rendered after {time.monotonic() - started:.1f} s", flush=True)
                    except PlaywrightTimeout:
                        stalls += 1
                        print(f"run {run}: STALL (no quiz after 60 s)\n{notebook_report(page)}", flush=True)
                    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    finally:
        for spinner in spinners:
            spinner.terminate()
    print(f"stalls: {stalls} of {args.runs} runs (load {args.load})")
    return 1 if stalls else 0


if __name__ == "__main__":
    raise SystemExit(main())
