"""Every package a counter-PC install pulls in carries a licence that lets the MIT-licensed
station be bundled with it (PyInstaller one-folder build): permissive, or weak copyleft used
as an unmodified, replaceable library. A strong-copyleft-only or unknown licence fails."""

from __future__ import annotations

import importlib.metadata as metadata
import re

import pytest
from packaging.requirements import Requirement

PERMISSIVE = (
    "MIT",
    "MIT-0",
    "MIT-CMU",
    "BSD",
    "0BSD",
    "Apache",
    "PSF",
    "Python Software Foundation",
    "ISC",
    "Zlib",
    "CC0",
    "Unlicense",
    "HPND",
)
# Allowed as dynamically loaded, unmodified libraries; the bundle carries their licence texts.
WEAK_COPYLEFT = ("LGPL", "Lesser General Public", "MPL", "Mozilla Public")


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence_text(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression") or ""
    classifiers = [c for c in (meta.get_all("Classifier") or []) if c.startswith("License ::")]
    short = (meta.get("License") or "").splitlines()[0] if meta.get("License") else ""
    return " | ".join(part for part in (expression, short[:120], *classifiers) if part)


def runtime_licences(root: str = "sohoa-station") -> dict[str, str]:
    """Licence text of every distribution the base install (no extras) requires, transitively."""
    found: dict[str, str] = {}

    def walk(name: str, extras: tuple[str, ...]) -> None:
        key = _key(name)
        if key in found:
            return
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return  # an optional platform dependency (pytwain on Windows) or not for this Python
        found[key] = _licence_text(dist)
        for line in dist.requires or []:
            requirement = Requirement(line)
            wanted = extras or ("",)
            marker = requirement.marker
            if marker and not any(marker.evaluate({"extra": extra}) for extra in wanted):
                continue
            walk(requirement.name, tuple(requirement.extras))

    walk(root, ())
    return found


def allows_bundling(licence: str) -> bool:
    """True when some alternative of the licence is permissive or weak copyleft."""
    alternatives = re.split(r"\bOR\b|\|", licence)
    return any(
        any(word in alternative for word in PERMISSIVE + WEAK_COPYLEFT)
        and not re.search(r"(?<!L)GPL(?!.*(LGPL|Lesser))", alternative)
        for alternative in alternatives
    )


def test_every_runtime_dependency_allows_bundling_with_an_mit_application() -> None:
    licences = runtime_licences()
    assert "pyside6" in licences and "numpy" in licences  # the walk found the real tree
    refused = {name: text or "(none declared)" for name, text in licences.items()}
    refused = {name: text for name, text in refused.items() if not allows_bundling(text)}
    assert refused == {}


@pytest.mark.parametrize(
    ("licence", "allowed"),
    [
        ("MIT", True),
        ("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", True),
        ("MPL-2.0", True),
        ("License :: OSI Approved :: GNU General Public License (GPL)", False),
        ("GPL-3.0-or-later", False),
        ("Proprietary", False),
        ("", False),
    ],
)
def test_licence_rule_tells_bundlable_from_strong_copyleft(licence: str, allowed: bool) -> None:
    assert allows_bundling(licence) is allowed
