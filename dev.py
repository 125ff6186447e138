#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+:

    python3 dev.py start    create .venv if needed, install requirements.txt, start the app
    python3 dev.py test     create .venv if needed, install requirements-test.txt, run all tests

Extra arguments go to streamlit or pytest. Installs run again only when a requirements file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment(requirements: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 -- dev.py is started by whatever python3 is on PATH
        sys.exit("Python 3.11 or newer is needed.")
    if not PYTHON.exists():
        print(f"Creating {VENV} …", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{requirements}"
    digest = _digest(requirements)
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing {requirements} …", flush=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", ROOT / requirements], check=True)
    stamp.write_text(digest)


def _digest(requirements: str) -> str:
    files = sorted(ROOT.glob("requirements*.txt"))
    return hashlib.sha256(b"".join(f.read_bytes() for f in files) + requirements.encode()).hexdigest()


def main(argv: list[str]) -> int:
    command, extra = (argv[0] if argv else ""), argv[1:]
    if command == "start":
        ensure_environment("requirements.txt")
        return subprocess.call([PYTHON, "-m", "streamlit", "run", ROOT / "serve.py", *extra], cwd=ROOT)
    if command == "test":
        ensure_environment("requirements-test.txt")
        return subprocess.call([PYTHON, "-m", "pytest", *extra], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
