"""The nginx configuration `dev.py serve` renders from deploy/nginx.conf.template."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

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


DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_compose_files_nginx_configuration_is_the_template_rendered_for_its_app_services():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    apps = sorted(name for name in compose["services"] if name.startswith("app"))
    shipped = (DEPLOY / "nginx.compose.conf").read_text()
    rendered = render("80", [f"{name}:8501" for name in apps], Path("/var/log/nginx"))
    assert shipped.endswith(rendered), "render it again: see the first lines of deploy/nginx.compose.conf"
    assert apps == ["app1", "app2", "app3"]
    for name in apps:  # one cookie secret for all, the schema migrated before any starts
        assert "STREAMLIT_SERVER_COOKIE_SECRET" in compose["services"][name]["environment"]
        assert compose["services"][name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]


def test_the_kubernetes_ingress_keeps_a_browser_on_one_pod_by_cookie():
    docs = {d["kind"] + "/" + d["metadata"]["name"]: d for d in yaml.safe_load_all((DEPLOY / "k8s.yaml").read_text())}
    annotations = docs["Ingress/kam-app"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert annotations["nginx.ingress.kubernetes.io/session-cookie-name"] == "kam_route"
    pod = docs["Deployment/kam-app"]["spec"]["template"]["spec"]
    assert pod["containers"][0]["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert {e["name"] for e in pod["containers"][0]["env"]} >= {"KAM_DATABASE_URL", "STREAMLIT_SERVER_COOKIE_SECRET"}
    assert pod["initContainers"][0]["command"][-2:] == ["db", "upgrade"]


def test_the_readmes_nginx_configuration_is_the_one_dev_py_serve_renders():
    readme = (DEPLOY.parent / "README.md").read_text()
    shown = readme.split("```nginx\n", 1)[1].split("```", 1)[0]
    template = " ".join((DEPLOY / "nginx.conf.template").read_text().split())
    for line in shown.splitlines():
        code = line.split("#", 1)[0].strip()
        if code and not code.startswith(("server 127.", "listen ")):
            assert " ".join(code.split()) in template, f"the README shows what the template lacks: {code}"


def test_the_join_slide_names_the_proxys_port_not_the_app_processs(monkeypatch):
    import ui.console

    monkeypatch.delenv("KAM_PUBLIC_URL", raising=False)
    monkeypatch.setenv("KAM_PUBLIC_PORT", "8500")  # set by dev.py serve for every app process
    monkeypatch.setattr(ui.console, "_lan_address", lambda: "192.168.1.20")
    assert ui.console.base_url() == "http://192.168.1.20:8500"
