"""Every action the access log records reads as words in both languages on the dashboard."""

from __future__ import annotations

import pytest

from hub import access_log
from hub.web.plain_tables import action_words
from hub.web.words import Lang


@pytest.mark.parametrize("action", access_log.ACTIONS)
def test_every_logged_action_is_worded_in_both_languages(action: str) -> None:
    vi, en = action_words(action, Lang.VI), action_words(action, Lang.EN)
    assert action not in (vi, en) and vi != en


def test_a_result_desks_look_up_is_one_of_them() -> None:
    assert access_log.READ_HANDOVER in access_log.ACTIONS
