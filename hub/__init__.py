"""Reference provincial hub: OAuth2 tokens, tus uploads, manifest commits, station status.

Server side only: nothing here imports the station's upload client in `sync/`.
"""

from hub.config import HubConfig

__all__ = ["HubConfig"]
