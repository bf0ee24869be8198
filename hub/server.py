"""Running the hub under uvicorn, in one process or several workers."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from hub.app import create_app
from hub.config import DEFAULT_ONLINE_WINDOW, DEFAULT_TOKEN_TTL, HubConfig
from hub.slow_clients import DEFAULT_HEADER_TIMEOUT, ENV_HEADER_TIMEOUT, HeaderTimeoutProtocol
from hub.storage import narrow_wide_modes

_log = logging.getLogger(__name__)

# Workers are separate processes that import the app by name, so the settings
# travel to them through the environment.
_ENV_DATA = "SOHOA_HUB_DATA"
_ENV_DSN = "SOHOA_HUB_DSN"
_ENV_TTL = "SOHOA_HUB_TOKEN_TTL"
_ENV_ONLINE = "SOHOA_HUB_ONLINE_WINDOW"
_ENV_SIGNED = "SOHOA_HUB_REQUIRE_SIGNATURES"
_ENV_HEARTBEATS = "SOHOA_HUB_HEARTBEATS_PER_MINUTE"
_ENV_METRICS = "SOHOA_HUB_METRICS_PER_MINUTE"
_ENV_FIGURES = "SOHOA_HUB_FIGURES_CACHE_SECONDS"
_ENV_DISK_MARGIN = "SOHOA_HUB_FREE_DISK_MARGIN"


def app_from_environment() -> FastAPI:
    return create_app(
        HubConfig(
            data_dir=Path(os.environ[_ENV_DATA]),
            dsn=os.environ.get(_ENV_DSN) or None,
            token_ttl=int(os.environ.get(_ENV_TTL, DEFAULT_TOKEN_TTL)),
            online_window=int(os.environ.get(_ENV_ONLINE, DEFAULT_ONLINE_WINDOW)),
            require_signatures=os.environ.get(_ENV_SIGNED) == "1",
            heartbeats_per_minute=int(os.environ[_ENV_HEARTBEATS]),
            metrics_per_minute=int(os.environ[_ENV_METRICS]),
            figures_cache_seconds=float(os.environ[_ENV_FIGURES]),
            free_disk_margin=int(os.environ[_ENV_DISK_MARGIN]),
        )
    )


# Slow clients: idle keep-alive connections close after 5 s, request heads must arrive within
# the header timeout (slow_clients.py), and a head over 16 KiB is refused by h11.
_CONNECTIONS = {
    "http": HeaderTimeoutProtocol,
    "timeout_keep_alive": 5,
    "h11_max_incomplete_event_size": 16 * 1024,
    "proxy_headers": True,
    "server_header": False,
}


def narrow_data_modes(data_dir: Path) -> None:
    """Owner-only modes for what group or others could read under the data directory, and
    one warning saying so. Files made by the hub are private already; wider ones come from an
    older version or a copy made by hand."""
    narrowed = narrow_wide_modes(data_dir)
    found = {"count": narrowed.count, "failed": narrowed.failed, "folder": data_dir,
             "example": narrowed.example}  # fmt: skip
    if narrowed.count:
        _log.warning(
            "Đã thu hẹp quyền của %(count)d tệp/thư mục mà người khác đọc được trong %(folder)s"
            " (ví dụ %(example)s) / %(count)d files and folders under %(folder)s readable by"
            " group or others made owner-only (e.g. %(example)s)",
            found,
        )
    if narrowed.failed:
        _log.warning(
            "Không thu hẹp được quyền của %(failed)d tệp/thư mục trong %(folder)s (chủ sở hữu"
            " khác) / %(failed)d files and folders under %(folder)s stay readable by others:"
            " another account owns them",
            found,
        )


def serve(
    config: HubConfig,
    host: str,
    port: int,
    workers: int = 1,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
) -> None:
    os.umask(0o077)  # every file and folder the hub makes is its owner's alone
    os.environ[ENV_HEADER_TIMEOUT] = str(header_timeout)
    # Beside the server, once for all workers: a large data directory takes a while to walk.
    threading.Thread(
        target=narrow_data_modes, args=(config.data_dir,), name="narrow-modes", daemon=True
    ).start()
    if workers <= 1:
        uvicorn.run(create_app(config), host=host, port=port, **_CONNECTIONS)
        return
    os.environ[_ENV_DATA] = str(config.data_dir)
    os.environ[_ENV_DSN] = config.dsn or ""
    os.environ[_ENV_TTL] = str(config.token_ttl)
    os.environ[_ENV_ONLINE] = str(config.online_window)
    os.environ[_ENV_SIGNED] = "1" if config.require_signatures else "0"
    os.environ[_ENV_HEARTBEATS] = str(config.heartbeats_per_minute)
    os.environ[_ENV_METRICS] = str(config.metrics_per_minute)
    os.environ[_ENV_FIGURES] = str(config.figures_cache_seconds)
    os.environ[_ENV_DISK_MARGIN] = str(config.free_disk_margin)
    uvicorn.run(
        "hub.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        **_CONNECTIONS,
    )
