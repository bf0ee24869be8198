from __future__ import annotations

from typing import Any

import pytest
import yaml

from hub.app import create_app, served_routes
from hub.config import HubConfig
from tests.conftest import REPO

SPEC = REPO / "docs" / "hub-openapi.yaml"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_the_openapi_file_documents_exactly_the_routes_the_hub_serves(spec, tmp_path) -> None:
    app = create_app(HubConfig(data_dir=tmp_path / "hub"))
    documented = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in METHODS
    }
    assert documented == served_routes(app)


def test_the_openapi_file_is_3_1_with_resolvable_refs_and_responses(spec) -> None:
    assert spec["openapi"].startswith("3.1")
    for ref in _refs(spec):
        node: Any = spec
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        assert node, ref
    for item in spec["paths"].values():
        for method, operation in item.items():
            if method in METHODS:
                assert operation["responses"], method
