#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+:

    python3 dev.py start    create .venv if needed, install requirements.txt, start the app
    python3 dev.py test     create .venv if needed, install requirements-test.txt, run all tests
    python3 dev.py serve --replicas 3 --port 8500
                            N app processes on loopback ports and nginx in front of them on one port
                            (deploy/nginx.conf.template; Ctrl-C stops them all)

Extra arguments go to streamlit or pytest. Installs run again only when a requirements file changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
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
    if command == "serve":
        ensure_environment("requirements.txt")
        return serve(extra)
    if command == "test":
        ensure_environment("requirements-test.txt")
        return subprocess.call([PYTHON, "-m", "pytest", *extra], cwd=ROOT)
    print(__doc__)
    return 2


def serve(argv: list[str]) -> int:
    """Several app processes and nginx in front, until Ctrl-C; extra arguments go to every streamlit."""
    from deploy.farm import Farm

    parser = argparse.ArgumentParser(prog="dev.py serve", description="N app processes behind nginx on one port")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--port", type=int, default=8500)
    args, streamlit_args = parser.parse_known_args(argv)
    if not 1 <= args.replicas <= 64:
        parser.error("replicas: 1 to 64")
    farm = Farm(str(PYTHON), args.replicas, args.port, dict(os.environ), streamlit_args=streamlit_args)
    try:
        farm.start()
    except RuntimeError as error:
        print(f"{error}; logs in {farm.run_dir}", file=sys.stderr)
        return 1
    print(f"{args.replicas} app processes on 127.0.0.1:{','.join(map(str, farm.app_ports))}; nginx on port"
          f" {args.port}: http://localhost:{args.port} (logs and nginx.conf in {farm.run_dir}). Ctrl-C stops all.",
          flush=True)
    try:
        gone: set[int] = set()
        while farm.nginx.poll() is None and len(gone) < len(farm.apps):
            time.sleep(1)
            for n in {n for n, app in enumerate(farm.apps) if app.poll() is not None} - gone:
                gone.add(n)
                print(f"App process {n} ended (log: {farm.run_dir}/app{n}.log); nginx sends its browsers to the"
                      " others.", file=sys.stderr, flush=True)
        print("nginx or every app process ended; stopping.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        farm.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
