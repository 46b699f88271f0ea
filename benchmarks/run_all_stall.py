"""Try to reproduce the rare Run All stall: open a notebook, Run All, and count runs whose quiz never renders.

    .venv/bin/python benchmarks/run_all_stall.py --runs 20 --load 3
    .venv/bin/python benchmarks/run_all_stall.py --runs 20 --load 3 --bare   # plain ipywidgets, no claimlab

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


#: The lessons that --pile-up goes round, with the title of a quiz each one draws.
PILE_UP = [
    ("notebooks/00_start_here.ipynb", "Warm-up"),
    ("notebooks/01_article_up_close.ipynb", "Name the part of the story"),
    ("notebooks/03_claim_types.ipynb", "Pellham Vale"),
    ("notebooks/04_sources_and_attribution.ipynb", "Who is speaking?"),
    ("notebooks/05_checking_claims.ipynb", "Worth checking? Round 1"),
]

BARE_CELLS = [
    "import ipywidgets as widgets",
    "import time\ntime.sleep(0.5)  # a cell that takes a moment, as the lessons' loading cells do",
    'choice = widgets.ToggleButtons(options=["FACT", "QUOTE"], value=None, description="Type")\n'
    'check = widgets.Button(description="Check")\nwidgets.VBox([widgets.HTML("<h3>Bare</h3>"), choice, check])',
]


def write_bare_notebook() -> str:
    """A notebook of plain ipywidgets in build/ (inside the server root), for the upstream comparison."""
    import nbformat

    path = Path(__file__).resolve().parents[1] / "build" / "stall" / "bare_ipywidgets.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in BARE_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)
    return "build/stall/bare_ipywidgets.ipynb"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=0, help="busy processes to run meanwhile")
    parser.add_argument("--notebook", default="notebooks/03_claim_types.ipynb")
    parser.add_argument("--quiz", default="statement types, round 1")
    parser.add_argument("--pile-up", action="store_true",
                        help="keep every notebook open (no workspace reset, no kernel shut down) and go round the "
                             "lessons, as when the one stall on record came with four notebooks open")  # fmt: skip
    parser.add_argument("--bare", action="store_true",
                        help="run a notebook of plain ipywidgets (no claimlab, no anywidget) instead, to tell "
                             "whether a stall is this project's or upstream's")  # fmt: skip
    args = parser.parse_args()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    notebook, wait = args.notebook, lambda page: quiz_box(page, args.quiz, timeout=60_000)
    if args.bare:
        notebook = write_bare_notebook()
        wait = lambda page: page.locator(".widget-toggle-buttons").first.wait_for(timeout=60_000)  # noqa: E731
    spinners = [multiprocessing.Process(target=_spin, args=(i,), daemon=True) for i in range(args.load)]
    for spinner in spinners:
        spinner.start()
    stalls = 0
    try:
        # --pile-up starts a new JupyterLab after each round of the lessons: a notebook opened again
        # would still show its quiz from the round before, so a stall could not be seen.
        per_server = len(PILE_UP) if args.pile_up else args.runs
        for first in range(1, args.runs + 1, per_server):
            with lab_server() as server:
                for run in range(first, min(first + per_server, args.runs + 1)):
                    with chromium_page() as page:
                        if args.pile_up:
                            notebook, title = PILE_UP[(run - 1) % len(PILE_UP)]
                            wait = lambda page, title=title: quiz_box(page, title, timeout=60_000)  # noqa: E731
                        open_notebook(page, server, notebook, reset=not args.pile_up)
                        started = time.monotonic()
                        run_all(page)
                        try:
                            wait(page)
                            print(f"run {run}: quiz rendered after {time.monotonic() - started:.1f} s", flush=True)
                        except PlaywrightTimeout:
                            stalls += 1
                            print(f"run {run}: STALL (no quiz after 60 s)\n{notebook_report(page)}", flush=True)
                        if not args.pile_up:
                            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    finally:
        for spinner in spinners:
            spinner.terminate()
    print(f"stalls: {stalls} of {args.runs} runs (load {args.load})")
    return 1 if stalls else 0


if __name__ == "__main__":
    raise SystemExit(main())
