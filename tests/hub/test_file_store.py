"""One contract for the hub's file stores: the local disk it uses, and the S3-compatible store
over a double that behaves like S3 (tests/hub/s3_double.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.file_store import FileStore, LocalDiskFiles, MissingFile, entity_tag
from hub.object_store import S3Files
from tests.hub.s3_double import NoSuchKey, PutFailed, S3Double

FOLDER = "ST-01/000.00.14.H05-250101-0001"


class Faults:
    """Makes the store's next publication fail after `n` files are written."""

    def __init__(self, store: FileStore, double: S3Double | None) -> None:
        self.store, self.double = store, double

    def fail_publication(self, files: dict[str, Path]) -> dict[str, Path]:
        if self.double is not None:
            self.double.fail_put(after=1)
            return files
        # on disk: a source that vanished half-way through the copy
        return {**files, "zz-missing.pdf": Path("/nonexistent/zz.pdf")}


@pytest.fixture(params=["local-disk", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[FileStore, Faults]]:
    if request.param == "local-disk":
        disk = LocalDiskFiles(tmp_path / "dossiers")
        yield disk, Faults(disk, None)
    else:
        double = S3Double()
        bucket = S3Files(double, "sohoa-hub", (NoSuchKey,), prefix="dossiers")
        yield bucket, Faults(bucket, double)


def _sources(tmp_path: Path, **contents: bytes) -> dict[str, Path]:
    found = {}
    for name, data in contents.items():
        path = tmp_path / f"src-{name}-{uuid.uuid4().hex}"  # a new file: the disk hard-links it
        path.write_bytes(data)
        found[f"{name}.pdf"] = path
    return found


def test_put_get_exists_delete_and_list(store: tuple[FileStore, Faults]) -> None:
    files, _ = store
    assert files.put("a/b/1.pdf", b"one") == entity_tag(b"one")
    assert files.put("a/b/2.pdf", b"two") != entity_tag(b"one")
    files.put("a/c/3.pdf", b"three")
    files.put("a/b/1.pdf", b"ONE")  # a whole new object in its place
    assert files.get("a/b/1.pdf") == b"ONE"
    assert files.exists("a/b/2.pdf") and not files.exists("a/b/9.pdf")
    assert files.list("a/b/") == ["a/b/1.pdf", "a/b/2.pdf"]
    assert files.list("a/") == ["a/b/1.pdf", "a/b/2.pdf", "a/c/3.pdf"]
    files.delete("a/b/2.pdf")
    files.delete("a/b/2.pdf")  # already gone: fine
    assert files.list("a/b/") == ["a/b/1.pdf"]
    with pytest.raises(MissingFile):
        files.get("a/b/2.pdf")


def test_keys_that_climb_out_are_refused(store: tuple[FileStore, Faults]) -> None:
    files, _ = store
    for key in ("../x", "a//b", "", "a/./b"):
        with pytest.raises(ValueError):
            files.put(key, b"x")


def test_a_publication_is_read_whole_and_a_later_one_replaces_it(
    store: tuple[FileStore, Faults], tmp_path: Path
) -> None:
    files, _ = store
    files.publish(FOLDER, _sources(tmp_path, a=b"A1", b=b"B1"), b'{"v": 1}')
    assert files.names(FOLDER) == ["a.pdf", "b.pdf", "manifest.json"]
    assert files.read(FOLDER, "manifest.json") == b'{"v": 1}'
    files.publish(FOLDER, _sources(tmp_path, a=b"A2", c=b"C2"), b'{"v": 2}')
    assert files.names(FOLDER) == ["a.pdf", "c.pdf", "manifest.json"]
    assert files.read(FOLDER, "a.pdf") == b"A2"
    with pytest.raises(MissingFile):
        files.read(FOLDER, "b.pdf")


def test_a_publication_that_fails_half_way_leaves_the_previous_one_whole(
    store: tuple[FileStore, Faults], tmp_path: Path
) -> None:
    files, faults = store
    files.publish(FOLDER, _sources(tmp_path, a=b"A1", b=b"B1"), b'{"v": 1}')
    broken = faults.fail_publication(_sources(tmp_path, a=b"A2", b=b"B2", c=b"C2"))
    with pytest.raises((PutFailed, OSError)):
        files.publish(FOLDER, broken, b'{"v": 2}')
    assert files.names(FOLDER) == ["a.pdf", "b.pdf", "manifest.json"]
    assert [files.read(FOLDER, n) for n in files.names(FOLDER)] == [b"A1", b"B1", b'{"v": 1}']


def test_an_addendum_joins_the_current_publication_without_replacing_a_file(
    store: tuple[FileStore, Faults], tmp_path: Path
) -> None:
    files, _ = store
    with pytest.raises(MissingFile):
        files.read(FOLDER, "a.pdf")
    assert files.names(FOLDER) == []
    files.publish(FOLDER, _sources(tmp_path, a=b"A1"), b"{}")
    files.add(FOLDER, "kq.pdf", b"KQ")
    files.add(FOLDER, "a.pdf", b"not this")
    files.add(FOLDER, "kq2.pdf", _sources(tmp_path, kq2=b"KQ2")["kq2.pdf"])
    assert files.names(FOLDER) == ["a.pdf", "kq.pdf", "kq2.pdf", "manifest.json"]
    assert files.read(FOLDER, "a.pdf") == b"A1"
    assert files.read(FOLDER, "kq2.pdf") == b"KQ2"


def test_the_s3_store_never_renames_and_switches_with_one_put(tmp_path: Path) -> None:
    double = S3Double()
    bucket = S3Files(double, "b", (NoSuchKey,))
    assert not hasattr(double, "copy_object") and not hasattr(double, "rename")
    bucket.publish(FOLDER, _sources(tmp_path, a=b"A1"), b"{}")
    before = dict(double.objects)
    bucket.publish(FOLDER, _sources(tmp_path, a=b"A2"), b"{}")
    changed = [key for key in double.objects if double.objects[key] != before.get(key)]
    pointer = [key for _, key in changed if key.endswith("@current")]
    assert pointer == [f"{FOLDER}/@current"]
    untouched = [key for key in before if not key[1].endswith("@current")]
    assert all(before[key] == double.objects[key] for key in untouched)  # the old version stays


def test_a_staging_never_published_is_unseen_and_discarded(
    store: tuple[FileStore, Faults], tmp_path: Path
) -> None:
    files, _ = store
    files.publish(FOLDER, _sources(tmp_path, a=b"A1"), b"{}")
    before = files.list("ST-01/")
    staged = files.stage(FOLDER, _sources(tmp_path, a=b"A2", b=b"B2"))
    assert files.names(FOLDER) == ["a.pdf", "manifest.json"]
    assert files.read(FOLDER, "a.pdf") == b"A1"
    files.discard(staged)
    assert files.list("ST-01/") == before
