"""Reference provincial hub: OAuth2 tokens, tus uploads, manifest commits, station status.

A server of its own, installed with the `sohoa-station[hub]` extra and run as `sohoa-hub`. It
shares the station's record types and figures (station.events, station.upload_facts,
station.stats), never the station's store or its upload client in `sync/`.
"""

from hub.config import HubConfig

__all__ = ["HubConfig"]
