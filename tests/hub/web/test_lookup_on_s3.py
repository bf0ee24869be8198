"""The dossier lookup and `sohoa-hub ls` read through the file store, so a hub keeping its
dossiers in an S3 bucket (the double of tests/hub/s3_double.py) shows what the disk would:
each file's signature state, and the file itself when opened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.common.by import By

from hub import dossiers
from hub.cli_common import database
from hub.context import Hub
from hub.object_store import S3Files
from tests.helpers.hub import running_hub
from tests.hub.s3_double import NoSuchKey, S3Double
from tests.hub.web.browser import chromium, downloaded, follow, log_in
from tests.hub.web.conftest import GENEROUS
from tests.hub.web.province import SIGNED_DOSSIER, Province, set_up

BUCKET = "sohoa-hub"
SIGNED = "k-signed-1.pdf"  # province.py's signed file of SIGNED_DOSSIER, at station 2


@pytest.fixture(scope="module")
def in_bucket(tmp_path_factory, signing_ca) -> Iterator[tuple[Province, S3Files]]:
    with running_hub(tmp_path_factory.mktemp("hub") / "hub", **GENEROUS) as hub:
        bucket = S3Files(S3Double(), BUCKET, (NoSuchKey,), prefix="dossiers")
        hub.use_files(bucket)
        yield set_up(hub, signing_ca), bucket


def test_a_lookup_on_a_bucket_shows_each_file_s_signature_and_opens_it(in_bucket, tmp_path) -> None:
    province, bucket = in_bucket
    assert not [p for p in province.hub.config.dossiers_dir.rglob("*") if p.is_file()]
    with chromium(downloads=tmp_path) as driver:
        log_in(driver, province.hub.url, "donvi", province.unit_supervisor.password)
        driver.get(province.hub.url + "/dossier")
        driver.find_element(By.ID, "code").send_keys(SIGNED_DOSSIER)
        follow(driver, driver.find_element(By.ID, "look-up"))
        rows = driver.find_elements(By.CSS_SELECTOR, "#components tbody tr")
        states = [row.find_element(By.CSS_SELECTOR, "td[class^=sig-]").text for row in rows]
        assert states == ["Đã ký, hợp lệ khi nhận", "Chưa ký"]  # TP1 signed, TP2 a plain scan
        driver.find_element(By.CSS_SELECTOR, f'form.open-file button[data-file="{SIGNED}"]').click()
        opened = downloaded(tmp_path, SIGNED)
    assert opened == bucket.read(f"station-2/{SIGNED_DOSSIER}", SIGNED)
    assert b"/ByteRange" in opened


def test_the_received_files_name_their_keys_in_the_bucket(in_bucket) -> None:
    province, bucket = in_bucket
    hub = Hub(province.hub.config, database(province.hub.data_dir, None))
    hub.files = bucket  # as `sohoa-hub ls` would list a hub on the bucket
    files = dossiers.received_files(hub, None)
    assert {f["dossier_code"] for f in files} >= {SIGNED_DOSSIER}
    for entry in files:
        folder, name = entry["key"].rsplit("/", 1)
        assert len(bucket.read(folder, name)) == entry["bytes"]
        assert entry["path"] is None  # no file on this machine's disk
