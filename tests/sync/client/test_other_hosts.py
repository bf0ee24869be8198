"""The secret, the token and the files go to the hub and nowhere else: no redirects are
followed, the secret travels in HTTP Basic over https (or loopback), and upload URLs off the
hub's origin are refused."""

from __future__ import annotations

import base64
import io
import json

import pytest

from station.errors import ErrorCode, StationError
from sync.failures import TransientError
from sync.jobs import JobState
from sync.origins import require_secure_hub_url, same_origin
from sync.settings import SyncSettings, save_settings
from sync.transport import HubHttp
from sync.worker_events import WorkerEventKind
from tests.sync.client.scripted import Answer, scripted
from tests.sync.client.support import Recorder, jobs_of
from ui.cli.main import main

SECRET = "s3cr3t:with/odd chars"


def _nothing_here(_method: str, _path: str, _url: str) -> Answer:
    return Answer(404)


def test_a_redirect_from_the_token_endpoint_is_not_followed() -> None:
    with scripted(_nothing_here) as elsewhere:

        def redirect(_method: str, _path: str, _url: str) -> Answer:
            return Answer(307, {"Location": f"{elsewhere.url}/steal"})

        with scripted(redirect) as hub:
            http = HubHttp(SyncSettings(url=hub.url, client_id="ST-1"), lambda: SECRET)
            with pytest.raises(TransientError) as caught:
                http.tokens.token()
            http.close()
    assert elsewhere.received == []
    assert len(hub.received) == 1
    assert caught.value.error.code is ErrorCode.SYNC_REDIRECT_REFUSED
    assert "307 redirect to" in caught.value.error.params["detail"]


def test_the_secret_goes_in_http_basic_and_not_in_the_body() -> None:
    def token(_method: str, _path: str, _url: str) -> Answer:
        body = json.dumps({"access_token": "t0k", "token_type": "Bearer", "expires_in": 60})
        return Answer(200, {"Content-Type": "application/json"}, body.encode())

    with scripted(token) as hub:
        http = HubHttp(SyncSettings(url=hub.url, client_id="ST 1"), lambda: SECRET)
        assert http.tokens.token() == "t0k"
        http.close()
    (request,) = hub.received
    scheme, _, encoded = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    # RFC 6749 §2.3.1: each part form-urlencoded, then Basic.
    assert base64.b64decode(encoded).decode() == "ST%201:s3cr3t%3Awith%2Fodd%20chars"
    assert b"secret" not in request.body and b"s3cr3t" not in request.body
    assert request.body == b"grant_type=client_credentials"


def test_the_current_hub_accepts_the_basic_credentials(connected, hub) -> None:
    connected.finish()
    connected.worker().run(until_idle=True, timeout=20)
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}


@pytest.mark.parametrize(
    "url",
    ["http://hub.example", "http://10.0.0.5:8000", "ftp://hub.example", "hub.example", "https://"],
)
def test_a_hub_url_in_clear_text_is_refused(url: str, store) -> None:
    with pytest.raises(StationError) as caught:
        require_secure_hub_url(url)
    assert (caught.value.code, caught.value.params["url"]) == (ErrorCode.SYNC_INSECURE_URL, url)
    with pytest.raises(StationError):
        save_settings(store, url=url)
    http = HubHttp(SyncSettings(url=url, client_id="ST-1"), lambda: SECRET)
    with pytest.raises(StationError):
        http.tokens.token()
    http.close()


@pytest.mark.parametrize(
    "url",
    ["https://hub.example", "http://127.0.0.1:8000", "http://127.8.9.10", "http://[::1]:80",
     "http://localhost:9000/hub"],
)  # fmt: skip
def test_https_and_loopback_hub_urls_are_accepted(url: str) -> None:
    require_secure_hub_url(url)


def test_sync_login_refuses_a_clear_text_hub_in_both_languages(
    station, capsys, monkeypatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    code = main(["--home", str(station.home), "sync", "login", "--url", "http://hub.example",
                 "--client-id", "ST-1", "--secret-file", str(station.secret_file)])  # fmt: skip
    out, err = capsys.readouterr()
    assert code != 0
    assert "https://" in err and "Lỗi" in err and "Error" in err
    assert not station.secret_file.exists()


def test_origins_compare_scheme_host_and_port() -> None:
    assert same_origin("https://hub.example/files/1", "https://HUB.example:443/")
    assert not same_origin("http://hub.example/files/1", "https://hub.example")
    assert not same_origin("https://hub.example:8443/files/1", "https://hub.example")
    assert not same_origin("https://evil.example/files/1", "https://hub.example")
    assert not same_origin("https://hub.example:x/files", "https://hub.example")


def test_an_upload_url_on_another_host_never_gets_the_token_or_the_file(station) -> None:
    station.finish()
    with scripted(_nothing_here) as elsewhere:

        def hub_pointing_away(method: str, path: str, _url: str) -> Answer:
            if path == "/oauth/token":
                body = json.dumps({"access_token": "t0k", "expires_in": 60}).encode()
                return Answer(200, {"Content-Type": "application/json"}, body)
            if method == "POST" and path == "/files/":
                return Answer(
                    201, {"Location": f"{elsewhere.url}/files/x", "Tus-Resumable": "1.0.0"}
                )
            return Answer(404, {"Content-Type": "application/json"}, b"{}")

        with scripted(hub_pointing_away) as hub:
            station.connect(hub.url, SECRET)
            recorder = Recorder()
            worker = station.worker()
            worker.subscribe(recorder)
            worker.run(once=True)
    assert elsewhere.received == []
    failed = recorder.of(WorkerEventKind.JOB_FAILED)
    assert failed and failed[0].error_code == "sync_foreign_upload_url"
    assert failed[0].error_params["url"].startswith(elsewhere.url)
    assert JobState.FAILED in {j.state for j in jobs_of(station.home)}


def test_a_stored_upload_url_on_another_host_is_not_resumed(connected, hub) -> None:
    jobs = connected.finish()
    with scripted(_nothing_here) as elsewhere:
        from sync.outbox import Outbox

        with Outbox.open(connected.home) as outbox:
            for job in jobs:
                outbox.record_upload_url(job.id, f"{elsewhere.url}/files/{job.id}")
        connected.worker().run(until_idle=True, timeout=20)
    assert elsewhere.received == []
    assert {j.state for j in jobs_of(connected.home)} == {JobState.DONE}
