"""What every request handler needs, built once per app and passed on `app.state`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from hub.config import HubConfig
from hub.db import Database


@dataclass(frozen=True)
class Hub:
    config: HubConfig
    db: Database


def hub_of(request: Request) -> Hub:
    return request.app.state.hub


HubDep = Annotated[Hub, Depends(hub_of)]
