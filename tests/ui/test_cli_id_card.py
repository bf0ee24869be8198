"""The virtual scanner's CCCD, scanned with `sohoa scan` and read with `sohoa codes`: the card's
fields come out of `sohoa codes` only; the scan's JSON and the station's files never hold them."""

from __future__ import annotations

import json
import unicodedata

from station.store import Store
from ui.cli.main import main

NAME, NUMBER = "ĐỖ HỮU NHUNG", "082069221207"  # the virtual card of seed 3
ADDRESS = "Số 11 đường Nguyễn Du, xã Vĩnh Linh, Quảng Trị"


def test_a_scanned_card_is_read_by_sohoa_codes_and_its_text_stays_out_of_the_station(
    capsys, home, tmp_path
) -> None:
    code = main(
        ["scan", "--device", "virtual", "--dpi", "300", "--option", "content=card",
         "--option", "seed=3", "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert ADDRESS not in out and NUMBER not in out and NAME not in out
    dossier = json.loads(out.splitlines()[-1])["dossier"]
    with Store.open(home) as store:
        (page,) = store.pages(dossier)
        card = tmp_path / "card.png"
        card.write_bytes(store.read_image(page.original))
    for path in home.rglob("*"):
        if path.is_file():
            assert ADDRESS.encode() not in path.read_bytes(), path

    assert main(["codes", str(card), "--json"]) == 0
    (line,) = [json.loads(text) for text in capsys.readouterr().out.splitlines()]
    assert line["kind"] == "id_card"
    fields = line["fields"]
    assert fields["name"] == NAME and unicodedata.is_normalized("NFC", fields["name"])
    assert fields["id_number"] == NUMBER and fields["address"] == ADDRESS
    assert fields["birth_date"] == "1969-10-12" and fields["sex"] == "Nam"
