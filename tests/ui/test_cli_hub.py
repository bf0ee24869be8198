"""`sohoa hub ...`, the station command's alias of `sohoa-hub ...` (when the hub is installed;
tests/test_counter_install.py covers a PC without it)."""

from __future__ import annotations

import json

import pytest

from hub.cli import hub_group
from ui.cli.main import main


def test_sohoa_hub_runs_the_hubs_own_commands(capsys, home, tmp_path) -> None:
    data = str(tmp_path / "hub")
    assert main(["hub", "add-station", "--data", data, "--client-id", "ST-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["client_id"] == "ST-01"
    assert main(["hub", "stations", "--data", data, "--json"]) == 0
    [station] = json.loads(capsys.readouterr().out)
    assert station["station_id"] == "ST-01"


@pytest.mark.parametrize("name", sorted(hub_group.commands))
def test_every_hub_command_has_help_under_both_names(capsys, home, name: str) -> None:
    assert main(["hub", name, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"Usage: sohoa hub {name}")
    with pytest.raises(SystemExit) as done:
        hub_group([name, "--help"], prog_name="sohoa-hub")
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"Usage: sohoa-hub {name}")
