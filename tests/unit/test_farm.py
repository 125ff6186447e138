"""The nginx configuration `dev.py serve` renders from deploy/nginx.conf.template."""

import os
import shutil
import subprocess

import pytest

from deploy.farm import LOG_LINE, render


def test_the_rendered_configuration_lists_every_process_and_hashes_the_route_cookie(tmp_path):
    config = render("8500", ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"], tmp_path)
    assert "{{" not in config
    servers = [line.split()[1] for line in config.splitlines() if line.strip().startswith("server 127.")]
    assert servers == ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]
    assert "hash $kam_route consistent;" in config and "listen 8500;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config and "proxy_next_upstream error" in config
    assert f"access_log {tmp_path}/access.log kam;" in config


def test_an_access_log_line_names_the_route_and_the_process_that_served_it():
    line = ('127.0.0.1 [2026-11-29T22:21:07+00:00] "GET /_stcore/stream HTTP/1.1" 101 route=abc '
            'upstream=127.0.0.1:54807 rt=12.016')
    found = LOG_LINE.search(line).groupdict()
    assert (found["path"], found["status"], found["route"], found["upstream"]) == (
        "/_stcore/stream", "101", "abc", "127.0.0.1:54807")
    retried = line.replace("upstream=127.0.0.1:54807", "upstream=127.0.0.1:1111, 127.0.0.1:54807")
    assert LOG_LINE.search(retried)["upstream"] == "127.0.0.1:1111, 127.0.0.1:54807"


@pytest.mark.skipif(shutil.which("nginx") is None and not os.environ.get("CI"),
                    reason="nginx is not installed (Debian: apt-get install nginx); never skipped in CI")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    (tmp_path / "nginx.conf").write_text(render("127.0.0.1:8599", ["127.0.0.1:9001"], tmp_path))
    checked = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                              "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
