"""The dashboard over plain HTTP, as a browser would use it: cookies kept, forms posted with the
CSRF token their page carried."""

from __future__ import annotations

import re
from typing import Any

import requests

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


class Dashboard:
    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.url + path, timeout=10, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict[str, str], **kwargs: Any) -> requests.Response:
        return self.http.post(
            self.url + path, data=data, timeout=10, allow_redirects=False, **kwargs
        )

    def log_in(self, username: str, password: str) -> requests.Response:
        form = self.get("/login")
        return self.post(
            "/login", {"csrf": csrf_of(form.text), "username": username, "password": password}
        )

    def csrf(self, path: str = "/") -> str:
        return csrf_of(self.get(path).text)
