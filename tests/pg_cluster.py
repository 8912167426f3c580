"""A throw-away PostgreSQL cluster for the team-mode tests: a temporary folder, loopback only, gone afterwards.

Uses the server programs of Debian's ``postgresql`` package (``make test`` installs it when it can). As root
the server runs as the ``postgres`` system user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ADMIN = "workbench_admin"
ADMIN_PASSWORD = "admin-secret"


def server_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when the server is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """initdb into a temporary folder, start on a free loopback port, stop and delete on ``stop``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args[:1])} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> str:
        pwfile = self.root / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        os.chmod(self.root, 0o700)
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, f"--pwfile={pwfile}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-t", "60", "start")
        return self.url("postgres")

    def url(self, database: str, user: str = ADMIN, password: str = ADMIN_PASSWORD) -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> tuple[Cluster | None, str]:
    """A running cluster, or None and the reason it could not be set up."""
    bin_dir = server_bin()
    if bin_dir is None:
        return None, "PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's 'postgresql' package"
    cluster = Cluster(bin_dir)
    try:
        cluster.start()
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(cluster.root, ignore_errors=True)
        return None, f"could not start a throw-away PostgreSQL cluster: {exc}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", cluster.port), timeout=1):
                return cluster, ""
        except OSError:
            time.sleep(0.2)
    cluster.stop()
    return None, "the PostgreSQL cluster started but does not accept connections on loopback"
