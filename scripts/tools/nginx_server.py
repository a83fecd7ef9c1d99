"""Serve a built site with a real nginx and deploy/nginx.conf, on 127.0.0.1 (tests only).

The deploy tests check the headers a real nginx sends; the browser tests visit the site as a
parent would, with the caching and headers of the real deploy.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from scripts.postbuild.csp import DEPLOY

BINARY = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def config(site: Path, workdir: Path, port: int, snippet: Path) -> str:
    # As root, nginx's workers would run as `nobody` and could not read pytest's private tmp dir.
    # An http-level access log in the workdir: the snippet must turn it off for its server
    # (tests/test_deploy.py checks the file stays empty).
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}pid {workdir}/nginx.pid; error_log {workdir}/error.log; daemon off;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log {workdir}/access.log;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {site}; include {snippet}; }} }}\n"
    )


def check_config(conf: Path, workdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BINARY, "-t", "-c", str(conf), "-p", str(workdir)], capture_output=True, text=True)


@contextmanager
def serve(site: Path, workdir: Path, snippet: Path = DEPLOY / "nginx.conf"):
    """Yield `http://127.0.0.1:PORT` once nginx answers; stop it afterwards."""
    if BINARY is None:
        raise RuntimeError("nginx not installed (apt-get install nginx-light)")
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(config(site, workdir, port, snippet), "utf-8")
    checked = check_config(conf, workdir)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
    server = subprocess.Popen([BINARY, "-c", str(conf), "-p", str(workdir)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("nginx did not answer")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
