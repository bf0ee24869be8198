"""Posted forms: read within the guard's body cap, accepted only from the hub's own pages."""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs

from fastapi import Request

from hub.web.sessions import same_origin

CSRF_FIELD = "csrf"


async def read_form(request: Request) -> dict[str, str]:
    # The guard caps the body (16 KiB on these paths); a dashboard form has a handful of fields.
    text = (await request.body()).decode("utf-8", "replace")
    return {key: values[0] for key, values in parse_qs(text, max_num_fields=20).items()}


def genuine(request: Request, form: dict[str, str], expected_csrf: str) -> bool:
    """A form the hub's own page posted: same origin as far as the browser says, and the
    CSRF token that page carried."""
    given = form.get(CSRF_FIELD, "")
    return same_origin(request) and hmac.compare_digest(given.encode(), expected_csrf.encode())
