#!/usr/bin/env python3
"""Set up the collection and run it: the two commands of the README.

    python3 tasks.py lab     set up (first time only) and open JupyterLab at the first notebook
    python3 tasks.py test    set up (first time only) and run the whole test suite
    python3 tasks.py handouts   write every notebook as a static HTML handout in build/handouts/
    python3 tasks.py site       build the collection as a static website in build/site/ (works offline)
    python3 tasks.py sources    list every cited address with its source class and check the rules
    python3 tasks.py links      the same, and fetch every address (needs the network; for a scheduled run)

Setting up means: a virtual environment in .venv with the pinned packages of requirements.txt.
It is redone only when requirements.txt or pyproject.toml change, so both commands work offline
once the packages are installed. Only the standard library is used here, so this file runs on a
fresh Python 3.10+ on Linux, macOS and Windows.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "claimlab-installed.txt"
TEST_PATHS = ["tests", "notebooks", "exercises"]
LINT_PATHS = ["claimlab", "tests", "notebooks", "exercises", "tools", "benchmarks", "site", "deploy", "tasks.py"]
NOTEBOOK_TIMEOUT_S = 300


def venv_python() -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    return VENV / folder / ("python.exe" if os.name == "nt" else "python")


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> Path:
    """Create .venv and install requirements.txt into it, unless that was already done."""
    if sys.version_info < (3, 10):  # noqa: UP036 - this file may be run by an older Python
        sys.exit(f"claimlab needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    wanted = requirements_digest()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"Creating a virtual environment in {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing the pinned packages of requirements.txt (first run only; needs the internet) ...", flush=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    run(pip + ["install", "--quiet", "--upgrade", "pip"], cwd=ROOT)
    run(pip + ["install", "--quiet", "-r", "requirements.txt"], cwd=ROOT)
    # Build matplotlib's font cache now: on first import it prints a notice to stderr, which a
    # notebook would store as output and strict nbval would then fail on.
    run([str(python), "-c", "import matplotlib.pyplot"], cwd=ROOT)
    STAMP.write_text(wanted + "\n")
    return python


def project_paths():
    """claimlab/paths.py, loaded by file: it uses only the standard library, and importing the
    claimlab package itself would need pandas, which only the virtual environment has."""
    spec = importlib.util.spec_from_file_location("claimlab_paths", ROOT / "claimlab" / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def lab(extra: list[str]) -> None:
    """Open JupyterLab at the first notebook, with the repository as the server's root.

    The options live in claimlab/launch.py (the browser tests start the server through it too):
    the root is the whole repository so that links to ../exercises/ and docs/ work, and
    TCP_NODELAY is on for quick quiz feedback. JupyterLab's own exit code is passed on.
    """
    python = setup()
    try:
        code = subprocess.run([str(python), "-m", "claimlab.launch", *extra], cwd=ROOT).returncode
    except KeyboardInterrupt:
        code = 0
    if code not in (0, 130, -2):  # 130 / -2: stopped with Ctrl+C
        message = f"JupyterLab stopped with exit code {code}; the lines above say why (README: Troubleshooting)."
        if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
            message += (
                "\nYou are running as root, which JupyterLab refuses unless asked: run it as an ordinary user,"
                " or, in a container of your own, `python3 tasks.py lab --allow-root`."
            )
        sys.exit(message)


def setup_test_tools() -> None:
    """Install the JavaScript test tools of package-lock.json with npm, once per lock file: axe-core
    (the browser tests' accessibility audit) and configurable-http-proxy (the loopback JupyterHub test).

    Without npm those tests skip with a reason (CI makes that a failure).
    """
    import shutil

    npm = shutil.which("npm")
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".claimlab-installed"
    if npm is None or not lock.exists():
        print("npm not found: the accessibility audit and the JupyterHub test will be skipped.", flush=True)
        return
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    print("Installing the JavaScript test tools of package-lock.json (first run only) ...", flush=True)
    run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT)
    stamp.write_text(wanted + "\n")


def test(extra: list[str]) -> None:
    """Lint, then run unit tests and strict nbval over every notebook; fail if no notebook ran."""
    python = setup()
    setup_test_tools()
    run([str(python), "-m", "ruff", "check", *LINT_PATHS], cwd=ROOT)
    with tempfile.TemporaryDirectory(prefix="claimlab-test-") as scratch:
        report = Path(scratch) / "junit.xml"
        env = dict(os.environ, CLAIMLAB_HOME=str(Path(scratch) / "home"), PYTHONHASHSEED="0")
        for name in ("CLAIMLAB_LEARNER", "CLAIMLAB_HANDIN", "JUPYTERHUB_USER"):  # a learner's hub session stays out
            env.pop(name, None)
        # the JavaScript test tools (configurable-http-proxy for the hub test) from package-lock.json
        env["PATH"] = os.pathsep.join([str(ROOT / "node_modules" / ".bin"), env.get("PATH", "")])
        command = [
            str(python), "-m", "pytest", *TEST_PATHS,
            "--nbval", "--nbval-current-env",
            f"--timeout={NOTEBOOK_TIMEOUT_S}",
            "-n", "2", "--dist", "loadfile",
            f"--junitxml={report}",
            *extra,
        ]  # fmt: skip
        result = subprocess.run(command, cwd=ROOT, env=env)
        validated = count_notebooks(report) if report.exists() else set()
    print(f"notebooks validated by strict nbval: {len(validated)}")
    if result.returncode != 0:
        sys.exit(result.returncode)
    if not validated and not extra:
        sys.exit("No notebook was validated: strict nbval found no .ipynb files to run.")


def count_notebooks(report: Path) -> set[str]:
    """The notebooks that nbval ran cells of, read from pytest's JUnit report."""
    files = set()
    for case in ET.parse(report).iter("testcase"):
        name = case.get("file") or case.get("classname") or ""
        if name.endswith(".ipynb") or ".ipynb" in name:
            files.add(name.split("::")[0])
    return files


def handouts(extra: list[str]) -> None:
    """Turn every notebook and exercise into a static HTML handout in build/handouts/."""
    python = setup()
    target = ROOT / "build" / "handouts"
    sources = [str(p.relative_to(ROOT)) for p in project_paths().notebook_files(ROOT)]
    for source in sources:
        output = target / Path(source).parent
        run(
            [str(python), "-m", "jupyter", "nbconvert", "--to", "html", "--log-level", "WARN",
             f"--TemplateExporter.extra_template_basedirs={ROOT / 'tools'}", "--template", "handout",
             "--HTMLExporter.preprocessors=handout_math.MathMLPreprocessor",
             "--output-dir", str(output), source, *extra],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "tools"), os.environ.get("PYTHONPATH", "")])),
        )  # fmt: skip
    print(f"{len(sources)} handouts written to {target.relative_to(ROOT)}/")


def site(extra: list[str]) -> None:
    """Build the collection as a static website in build/site/ (tools/build_site.py; works offline).

    Options after `site` go to the builder: --repo-url, --branch, --binder-url and --hub-url set the
    launch links (or CLAIMLAB_SITE_REPO_URL, CLAIMLAB_SITE_BRANCH, CLAIMLAB_SITE_BINDER_URL,
    CLAIMLAB_SITE_HUB_URL); --stage-only writes the book's sources without building them.
    """
    run([str(setup()), str(ROOT / "tools" / "build_site.py"), *extra], cwd=ROOT)


def sources(extra: list[str]) -> None:
    """List every cited address with its class; exit 1 if a citation breaks the rules (claimlab.sources)."""
    run([str(setup()), "-m", "claimlab.sources", *extra], cwd=ROOT)


def links(extra: list[str]) -> None:
    """Check that every cited address still answers: the network is needed, so this is never part of test."""
    sources(["--check-links", *extra])


COMMANDS = {"lab": lab, "test": test, "handouts": handouts, "site": site, "sources": sources, "links": links}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        sys.exit(2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
