"""One HTTPS session to the hub: TLS always verified, proxies, timeouts, OAuth2 Bearer token."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests

from station.errors import ErrorCode, StationError
from sync.answers import json_object, unexpected_answer
from sync.failures import PermanentError, TransientError, from_network_error, raise_for_answer
from sync.origins import foreign_url, require_secure_hub_url, same_origin
from sync.proxy_credentials import proxy_url_with_credentials
from sync.settings import SyncSettings

log = logging.getLogger(__name__)

TIMEOUT = (10.0, 60.0)  # connect, read: a silent network must not hang the worker
EXPIRY_MARGIN = 30.0  # refresh this long before the token runs out


def new_session(settings: SyncSettings) -> requests.Session:
    session = requests.Session()
    # Never False: a custom CA bundle replaces the system trust store, it does not switch it off.
    session.verify = settings.ca_bundle or True
    session.headers["User-Agent"] = "SoHoaStation-sync"
    return session


@dataclass(frozen=True)
class PersonLogin:
    """A supervisor's hub account (OAuth2 password grant): the province's figures are read
    with it, never with the station's own credentials."""

    username: str
    password: str = field(repr=False)


class TokenSource:
    """Tokens, fetched when missing, near expiry, or refused (401): the station's client
    credentials, or a person's login."""

    def __init__(
        self,
        http: HubHttp,
        settings: SyncSettings,
        secret: Callable[[], str],
        clock: Callable[[], float] = time.monotonic,
        login: PersonLogin | None = None,
    ) -> None:
        self._http = http
        self._settings = settings
        self._secret = secret
        self._login = login
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires = 0.0

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires:
                self._token, lifetime = self._fetch()
                self._expires = self._clock() + lifetime - min(EXPIRY_MARGIN, lifetime / 10)
            return self._token

    def invalidate(self) -> None:
        with self._lock:
            self._token = None

    def _fetch(self) -> tuple[str, float]:
        url = self._settings.token_url
        # RFC 6749 §2.3.1: the credentials in HTTP Basic, each form-urlencoded first; never
        # in the body as well (one method per request). The hub has accepted Basic since its
        # first version.
        if self._login is not None:
            form = {"grant_type": "password", "username": self._login.username,
                    "password": self._login.password}  # fmt: skip
            response = self._http.send("POST", url, data=form)
        else:
            client_id = quote(self._settings.client_id, safe="")
            auth = (client_id, quote(self._secret(), safe=""))
            form = {"grant_type": "client_credentials"}
            response = self._http.send("POST", url, data=form, auth=auth)
        if response.status_code in (400, 401):
            raise TransientError(
                StationError(ErrorCode.SYNC_AUTH_REJECTED, url=url, detail=_error_of(response))
            )
        raise_for_answer(response, "token")
        body = json_object(response, "token")
        token = body.get("access_token")
        lifetime = _seconds(body.get("expires_in"))
        if not isinstance(token, str) or not token or lifetime is None:
            raise unexpected_answer(response, "token")
        log.info("access token received, valid %ss", lifetime)
        return token, lifetime


def _seconds(value: object) -> float | None:
    """A token lifetime: missing means the RFC's "ask again when refused" (300 s here)."""
    if value is None:
        return 300.0
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value)
    except (ValueError, OverflowError):
        return None
    return min(seconds, 86400.0) if seconds > 0 else None


def _error_of(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return str(response.status_code)
    return str(body.get("error", response.status_code) if isinstance(body, dict) else body)[:200]


class HubHttp:
    """Requests to the hub with a Bearer token; a 401 gets one fresh token and one more try."""

    def __init__(
        self,
        settings: SyncSettings,
        secret: Callable[[], str],
        session: requests.Session | None = None,
        login: PersonLogin | None = None,
    ) -> None:
        self.settings = settings
        self.session = session or new_session(settings)
        # Per request, so an explicit setting wins over HTTPS_PROXY (requests lets the
        # environment override a session's proxies, but not a request's).
        proxy = proxy_url_with_credentials(settings.proxy, settings.secret_path)
        self._proxies = {"http": proxy, "https": proxy} if proxy else None
        self.tokens = TokenSource(self, settings, secret, login=login)

    def url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return self.settings.url.rstrip("/") + "/" + path.lstrip("/")

    def send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One request without a token; network failures become transient errors. Redirects
        are answers (raise_for_answer refuses them), never followed."""
        require_secure_hub_url(self.settings.url)
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs["allow_redirects"] = False
        # Per request too: requests lets REQUESTS_CA_BUNDLE replace a session's CA bundle.
        kwargs["verify"] = self.session.verify
        if self._proxies:
            kwargs["proxies"] = self._proxies
        try:
            return self.session.request(method, url, **kwargs)
        except requests.RequestException as exc:
            raise from_network_error(exc, url) from None

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = self.url(path)
        if not same_origin(url, self.settings.url):  # the token and the body stay with the hub
            raise PermanentError(foreign_url(url, self.settings.url))
        headers = dict(kwargs.pop("headers", None) or {})
        for attempt in (1, 2):
            headers["Authorization"] = f"Bearer {self.tokens.token()}"
            response = self.send(method, url, headers=headers, **kwargs)
            if response.status_code != 401 or attempt == 2:
                return response
            log.info("token refused (401); fetching a new one")
            self.tokens.invalidate()
            _rewind(kwargs.get("data"))
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.session.close()


def _rewind(data: object) -> None:
    rewind = getattr(data, "rewind", None)
    if callable(rewind):
        rewind()
