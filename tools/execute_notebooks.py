"""Re-run notebooks top to bottom in fresh kernels and save them with their outputs.

nbval compares every stored output, so a notebook must be saved from one clean run. Use this
after editing a notebook:

    .venv/bin/python tools/execute_notebooks.py                 # every notebook and exercise
    .venv/bin/python tools/execute_notebooks.py notebooks/00_start_here.ipynb

Progress is kept in a temporary CLAIMLAB_HOME, so a learner's own saved answers never reach
the stored outputs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from claimlab.launch import local_kernel_config
from claimlab.paths import notebook_files

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path, home: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    os.environ["CLAIMLAB_HOME"] = str(home)
    client = NotebookClient(
        notebook,
        config=local_kernel_config(),  # Unix sockets on Linux, as the README's server uses
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,  # saved widget state only re-renders as disconnected copies
    )
    client.execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    print(f"executed and saved {path.relative_to(ROOT)}")


def main(argv: list[str]) -> None:
    paths = [Path(a).resolve() for a in argv] or notebook_files(ROOT)
    for path in paths:
        with tempfile.TemporaryDirectory(prefix="claimlab-run-") as home:
            execute(path, Path(home))


if __name__ == "__main__":
    main(sys.argv[1:])
