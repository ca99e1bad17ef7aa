"""Numbered Redis key-layout migrations and the runner that applies them."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

import redis

from claimtrack import keys


class LayoutError(RuntimeError):
    """The Redis layout is missing, older or newer than this code understands."""


@dataclass(frozen=True)
class Migration:
    """One numbered migration: `apply` moves the layout from number-1 to number."""

    number: int
    description: str
    apply: Callable[[redis.Redis], None]


def all_migrations() -> list[Migration]:
    """Every migration module `mNNNN_*.py` in this package, in order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(int(info.name[1:5]), module.DESCRIPTION, module.apply))
    found.sort(key=lambda m: m.number)
    return found


def current_version(conn: redis.Redis) -> int:
    """The layout version recorded in Redis (0 when none)."""
    raw = conn.get(keys.layout_version())
    return int(raw) if raw is not None else 0


def migrate(conn: redis.Redis) -> list[int]:
    """Apply every pending migration in order; return the numbers applied."""
    applied = []
    for migration in all_migrations():
        if migration.number > current_version(conn):
            migration.apply(conn)
            conn.set(keys.layout_version(), migration.number)
            applied.append(migration.number)
    return applied


def check_layout(conn: redis.Redis) -> None:
    """Raise LayoutError unless Redis holds exactly the layout this code expects."""
    version = current_version(conn)
    if version == keys.LAYOUT_VERSION:
        return
    if version == 0:
        raise LayoutError(
            "Redis has no claimtrack layout yet: run `claimtrack migrate` (or `make migrate`) first"
        )
    if version < keys.LAYOUT_VERSION:
        raise LayoutError(
            f"Redis layout is version {version}, this code needs {keys.LAYOUT_VERSION}: run `claimtrack migrate`"
        )
    raise LayoutError(
        f"Redis layout is version {version}, newer than this code understands ({keys.LAYOUT_VERSION}): "
        "upgrade claimtrack before starting it against this database"
    )
