"""The dashboard's login over plain HTTP: cookie flags, CSRF, who may log in, idle timeout."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing

from tests.hub.web.province import NOVEMBER
from tests.hub.web.web_client import Dashboard, csrf_of


def test_a_page_without_a_login_sends_to_the_login_form(province) -> None:
    response = Dashboard(province.hub.url).get("/", params=NOVEMBER)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_the_session_cookie_is_httponly_and_samesite_strict(province) -> None:
    dashboard = Dashboard(province.hub.url)
    response = dashboard.log_in("tinh", province.province_supervisor.password)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = next(c for c in response.headers["set-cookie"].split(", sohoa") if "session" in c)
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    # Plain http is only for this machine; over https the cookie is Secure and "__Host-".
    assert "Secure" not in cookie


def test_over_https_the_cookie_is_secure_and_host_only(province) -> None:
    dashboard = Dashboard(province.hub.url)
    https = {"X-Forwarded-Proto": "https"}  # as nginx on this machine says it
    form = dashboard.get("/login", headers=https)
    login_cookie = form.headers["set-cookie"]
    assert login_cookie.startswith("__Host-sohoa_login=") and "Secure" in login_cookie
    nonce = login_cookie.split(";")[0].split("=", 1)[1]
    response = dashboard.http.post(
        province.hub.url + "/login",
        data={"csrf": csrf_of(form.text), "username": "tinh",
              "password": province.province_supervisor.password},
        headers={**https, "Cookie": f"__Host-sohoa_login={nonce}"},
        allow_redirects=False,
        timeout=10,
    )  # fmt: skip
    assert response.status_code == 303, response.text
    assert "__Host-sohoa_session=" in response.headers["set-cookie"]
    assert "Secure" in response.headers["set-cookie"]


def test_pages_are_not_cached_nor_framed(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    response = dashboard.get("/", params=NOVEMBER)
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_a_wrong_password_is_refused(province) -> None:
    response = Dashboard(province.hub.url).log_in("tinh", "not the password at all")
    assert response.status_code == 401
    assert "sohoa_session" not in response.headers.get("set-cookie", "")


def test_a_station_s_credentials_are_refused(province) -> None:
    response = Dashboard(province.hub.url).log_in("station-1", province.station_secret)
    assert response.status_code == 401
    assert "sohoa_session" not in response.headers.get("set-cookie", "")


def test_a_login_post_without_the_form_s_token_is_refused(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.get("/login")
    response = dashboard.post(
        "/login", {"username": "tinh", "password": province.province_supervisor.password}
    )
    assert response.status_code == 403
    assert "sohoa_session" not in response.headers.get("set-cookie", "")


def test_a_cross_site_post_is_refused_even_with_the_cookie(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    csrf = dashboard.csrf("/dossier")
    # Without the token: refused, and nothing read.
    response = dashboard.post("/dossier", {"code": "000.00.14.H05-261120-0001"})
    assert response.status_code == 403
    # With a token but from another site, as the browser says: refused too.
    response = dashboard.post(
        "/dossier",
        {"code": "000.00.14.H05-261120-0001", "csrf": csrf},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    response = dashboard.post("/logout", {"csrf": "0" * 64})
    assert response.status_code == 403
    assert dashboard.get("/", params=NOVEMBER).status_code == 200  # still logged in


def test_log_out_ends_the_login_for_good(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    stolen = dict(dashboard.http.cookies)
    response = dashboard.post("/logout", {"csrf": dashboard.csrf()})
    assert response.status_code == 303
    again = Dashboard(province.hub.url)
    again.http.cookies.update(stolen)
    assert again.get("/", params=NOVEMBER).status_code == 303


def test_a_login_idle_for_over_thirty_minutes_has_ended(province) -> None:
    dashboard = Dashboard(province.hub.url)
    dashboard.log_in("tinh", province.province_supervisor.password)
    assert dashboard.get("/", params=NOVEMBER).status_code == 200
    with closing(sqlite3.connect(province.hub.config.sqlite_path)) as db, db:
        db.execute("UPDATE web_sessions SET last_active = ?", (int(time.time()) - 31 * 60,))
    response = dashboard.get("/", params=NOVEMBER)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?expired=1"


def test_an_api_token_is_no_dashboard_login(province) -> None:
    import requests

    token = requests.post(
        province.hub.url + "/oauth/token",
        data={"grant_type": "password", "username": "tinh",
              "password": province.province_supervisor.password},
        timeout=10,
    ).json()["access_token"]  # fmt: skip
    dashboard = Dashboard(province.hub.url)
    dashboard.http.cookies.set("sohoa_session", token)
    assert dashboard.get("/", params=NOVEMBER).status_code == 303
