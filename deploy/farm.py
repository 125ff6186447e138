"""Several app processes behind nginx on one address: `python3 dev.py serve --replicas 3 --port 8500`,
the multi-process browser tests and bench/farm.py all start the room through `Farm`.

Standard library only: dev.py imports it before any virtual environment exists. Every process reads and
writes the same database (KAM_DATABASE_URL: a SQLite file in WAL mode on one machine, PostgreSQL for
more), so any of them can serve any browser; nginx keeps each browser on one of them (Streamlit's
session state, WebSocket and media live in the process)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
LOG_LINE = re.compile(r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) route=(?P<route>\S*) '
                      r'upstream=(?P<upstream>.*?) rt=')


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render(listen: str, upstreams: list[str], run_dir: Path, template: Path = TEMPLATE) -> str:
    """The nginx configuration for `upstreams` (HOST:PORT of each app process), listening on `listen`."""
    servers = "\n".join(f"        server {address} max_fails=1 fail_timeout=5s;" for address in upstreams)
    text = template.read_text(encoding="utf-8")
    return text.replace("{{listen}}", listen).replace("{{run_dir}}", str(run_dir)).replace(
        "{{upstream_servers}}", servers)


def wait_healthy(url: str, seconds: float = 90, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process ended with status {process.returncode}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy within {seconds:.0f} s")


@dataclass
class Farm:
    """N Streamlit processes of `script` on loopback ports and nginx on `port` in front of them."""

    python: str
    replicas: int
    port: int
    env: dict[str, str]
    script: str = "serve.py"
    listen_host: str = ""  # "" = every interface (the room's network); "127.0.0.1" for tests and benchmarks
    streamlit_args: list[str] = field(default_factory=list)
    run_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kam-serve-")))
    app_ports: list[int] = field(default_factory=list)
    apps: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    def __post_init__(self):
        self.run_dir = Path(self.run_dir)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.run_dir / "access.log"

    def upstream(self, index: int) -> str:
        return f"127.0.0.1:{self.app_ports[index]}"

    def start(self) -> Farm:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        self.run_dir.chmod(0o755)  # nginx's workers (nobody, when started as root) use its temp folders
        env = {**self.env, "KAM_PUBLIC_PORT": str(self.port)}
        # One secret for all processes: a browser moved to another process still passes its XSRF check.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        try:
            for n in range(self.replicas):
                self.app_ports.append(free_port())
                self.apps.append(self._start_app(n, env))
            for n, app in enumerate(self.apps):
                wait_healthy(f"http://{self.upstream(n)}", process=app)
            listen = f"{self.listen_host}:{self.port}" if self.listen_host else str(self.port)
            config = self.run_dir / "nginx.conf"
            config.write_text(render(listen, [self.upstream(n) for n in range(self.replicas)], self.run_dir))
            self.nginx = subprocess.Popen(
                [binary, "-p", str(self.run_dir), "-c", str(config), "-e", str(self.run_dir / "error.log"),
                 "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=(self.run_dir / "nginx.out").open("w"))
            wait_healthy(self.url, 20, self.nginx)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_app(self, n: int, env: dict[str, str]) -> subprocess.Popen:
        log = (self.run_dir / f"app{n}.log").open("w")
        return subprocess.Popen(
            [self.python, "-m", "streamlit", "run", self.script, "--server.address=127.0.0.1",
             f"--server.port={self.app_ports[n]}", "--server.headless=true", *self.streamlit_args],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def kill(self, index: int) -> None:
        """Kill one app process at once (SIGKILL), as a crash would."""
        self.apps[index].send_signal(signal.SIGKILL)
        self.apps[index].wait(timeout=10)

    def served(self) -> list[dict[str, str]]:
        """nginx's access log so far: method, path, status, route cookie, the upstream addresses tried and
        the process that answered (`served_by`, the last one tried) per request."""
        if not self.access_log.exists():
            return []
        lines = [m.groupdict() for line in self.access_log.read_text().splitlines() if (m := LOG_LINE.search(line))]
        return [{**line, "served_by": line["upstream"].split(", ")[-1]} for line in lines]

    def stop(self) -> None:
        for process in ([self.nginx] if self.nginx else []) + self.apps:
            if process.poll() is None:
                process.terminate()
        for process in ([self.nginx] if self.nginx else []) + self.apps:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def __enter__(self) -> Farm:
        return self.start()

    def __exit__(self, *_) -> None:
        self.stop()
