"""A proxy's user and password live where the client secret does, never in station.db or in
what `sync configure` prints; an old station.db has them moved out when it is opened."""

from __future__ import annotations

import base64
import io
import json
import stat

from station.store import Store
from sync.outbox import Outbox
from sync.proxy_credentials import redact_proxy_url, split_proxy_url
from sync.settings import SyncSettings, load_settings, save_settings
from sync.transport import HubHttp
from tests.sync.client.scripted import Answer, scripted
from ui.cli.main import main

PASSWORD = "pr0xy-p%40ss"  # as written in a URL: "pr0xy-p@ss"


def _stored_proxy(store: Store) -> str:
    return store.settings("sync.")["sync.proxy"]


def test_a_proxy_password_goes_to_the_secret_file_not_the_database(connected) -> None:
    saved = save_settings(connected.store, proxy=f"http://clerk:{PASSWORD}@127.0.0.1:3128")
    assert saved.proxy == "http://127.0.0.1:3128"
    assert _stored_proxy(connected.store) == "http://127.0.0.1:3128"
    kept = connected.secret_file.with_name(connected.secret_file.name + ".proxy")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert PASSWORD in kept.read_text()
    http = HubHttp(saved, lambda: "unused")
    assert http._proxies == {"http": f"http://clerk:{PASSWORD}@127.0.0.1:3128"} | {
        "https": f"http://clerk:{PASSWORD}@127.0.0.1:3128"
    }
    http.close()


def test_the_kept_password_is_sent_only_to_the_proxy_it_was_given_for(connected) -> None:
    save_settings(connected.store, proxy=f"http://clerk:{PASSWORD}@127.0.0.1:3128")
    other = save_settings(connected.store, proxy="http://127.0.0.1:8080")
    http = HubHttp(other, lambda: "unused")
    assert http._proxies == {"http": "http://127.0.0.1:8080", "https": "http://127.0.0.1:8080"}
    http.close()


def test_a_plain_password_in_an_old_database_is_moved_out_on_open(connected) -> None:
    connected.store.save_settings({"sync.proxy": f"http://clerk:{PASSWORD}@127.0.0.1:3128"})
    with Outbox.open(connected.home) as outbox:
        assert outbox.settings().proxy == "http://127.0.0.1:3128"
    assert _stored_proxy(connected.store) == "http://127.0.0.1:3128"
    settings = load_settings(connected.store)
    http = HubHttp(settings, lambda: "unused")
    assert http._proxies["https"] == f"http://clerk:{PASSWORD}@127.0.0.1:3128"
    http.close()


def test_the_proxy_gets_its_credentials_through_a_real_request(station) -> None:
    def proxy_answers(_method: str, _path: str, _url: str) -> Answer:
        body = json.dumps({"access_token": "t0k", "expires_in": 60}).encode()
        return Answer(200, {"Content-Type": "application/json"}, body)

    with scripted(proxy_answers) as proxy:
        host = proxy.url.removeprefix("http://")
        station.connect("http://127.0.0.1:9", "s3cr3t", proxy=f"http://clerk:{PASSWORD}@{host}")
        http = HubHttp(load_settings(station.store), lambda: "s3cr3t")
        assert http.tokens.token() == "t0k"
        http.close()
    (request,) = proxy.received
    assert request.path == "http://127.0.0.1:9/oauth/token"  # asked of the proxy
    credentials = request.headers["Proxy-Authorization"].removeprefix("Basic ")
    assert base64.b64decode(credentials).decode() == "clerk:pr0xy-p@ss"
    assert PASSWORD not in json.dumps(station.store.settings(""))


def test_sync_configure_never_prints_the_proxy_password(connected, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    proxy = f"http://clerk:{PASSWORD}@127.0.0.1:3128"
    code = main(["--home", str(connected.home), "sync", "configure", "--proxy", proxy, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["settings"]["proxy"] == "http://127.0.0.1:3128"
    assert PASSWORD not in out + err and "pr0xy" not in out + err


def test_proxy_urls_are_split_and_redacted_for_printing() -> None:
    assert split_proxy_url("http://u:p@h:1") == ("http://h:1", "u:p")
    assert split_proxy_url("http://h:1") == ("http://h:1", None)
    assert redact_proxy_url("http://u:p@h:1/") == "http://***@h:1/"
    assert redact_proxy_url("http://h:1") == "http://h:1"
    assert SyncSettings(proxy="http://h:1").proxy == "http://h:1"
