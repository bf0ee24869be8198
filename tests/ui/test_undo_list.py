from __future__ import annotations

from ui.pages.undo import UndoList, UndoStep


def _step(label: str) -> UndoStep:
    return UndoStep(label, lambda: None)


def test_the_next_label_is_told_after_every_change_and_pop_to_takes_the_newest_first() -> None:
    told: list[str] = []
    steps = UndoList(told.append)
    tag, turn, delete = _step("tag"), _step("turn"), _step("delete")
    for step in (tag, turn, delete):
        steps.push(step)
    assert told == ["tag", "turn", "delete"] and len(steps) == 3

    steps.discard(turn)  # its edit failed
    steps.discard(turn)  # told once only
    assert told[-1] == "delete" and len(told) == 4 and len(steps) == 2

    assert steps.pop_to(3) == []  # nothing listed since then
    assert steps.pop_to(0) == [delete, tag]
    assert told[-1] == "" and len(steps) == 0
    assert steps.pop() is None


def test_pop_takes_the_newest_and_clear_empties_the_list() -> None:
    told: list[str] = []
    steps = UndoList(told.append)
    tag, turn = _step("tag"), _step("turn")
    steps.push(tag)
    steps.push(turn)
    assert steps.pop() is turn
    assert told[-1] == "tag" and steps.next_label() == "tag"
    steps.clear()
    assert told[-1] == "" and len(steps) == 0
