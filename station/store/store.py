"""The local store: SQLite rows plus page files under one data directory."""

from __future__ import annotations

import getpass
import json
import socket
import sqlite3
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from station.codes.model import StoredCode
from station.errors import ErrorCode, StationError
from station.events import Event, EventKind, PageEvent
from station.model import (
    Dossier,
    DossierState,
    ImageFile,
    Page,
    PageIntegrity,
    Station,
    Transform,
    utc_now,
)
from station.store import activity, page_codes, results, rows
from station.store.database import Database
from station.store.dossier_files import DossierFile, files_of, mark_finished
from station.store.errors import from_os_error
from station.store.events import (
    BlankBackSkips,
    blank_back_skips,
    dossier_event,
    insert_events,
    page_events,
    read_events,
)
from station.store.files import ContentWriter, ensure_dir, remove_quietly, write_atomic
from station.store.handover import HandoverRecord, insert_handover, read_handover
from station.store.identity import StationIdentity, read_identity, write_identity
from station.store.layout import Layout, default_home
from station.store.migrations import Schema
from station.store.page_changes import PageChange, apply_changes
from station.store.parts import join_parts, separate_parts
from station.store.recovery import RecoveryReport, page_file_records, recover, verify_pages
from station.store.results_elsewhere import committed_elsewhere
from station.store.sessions import Session, start_session
from station.store.settings import read_settings, write_settings
from station.store.takeover import take_over
from station.upload_facts import ConfirmedUpload, UploadFailure

_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tif",
    "image/x-portable-anymap": ".pnm",
}

_T = TypeVar("_T")

_PAGE_QUERY = (
    "SELECT page.*, dossier.code AS dossier_code"
    " FROM page JOIN dossier ON dossier.id = page.dossier_id"
)


@dataclass(frozen=True)
class NewPage:
    """A page as it arrives from a scanner or an import, before it is stored. `data` is the
    encoded image, or a function that streams it into a file (large pages never sit in memory)."""

    data: bytes | ContentWriter
    media_type: str
    dpi: int
    source_device: str = ""
    paper_size: str = ""
    component_code: str | None = None
    dpi_source: str = "device"
    file_dpi: int | None = None
    side: str = ""  # see Page.side


class Store:
    def __init__(self, layout: Layout, database: Database, session: Session) -> None:
        self.layout = layout
        self.database = database  # shared with the accounts, the upload queue and its facts
        self._session = session
        self.recovery = RecoveryReport()

    @classmethod
    def open(cls, home: Path | None = None, schemas: Sequence[Schema] = ()) -> Store:
        """`schemas`: the tables other packages keep in the station's database, brought up to
        date with the store's own (sync's upload queue)."""
        layout = Layout(home or default_home())
        ensure_dir(layout.home)
        _probe_writable(layout.home)
        database = Database.open(layout.database, schemas)
        try:
            session = start_session(layout.sessions)
        except BaseException:
            database.close()
            raise
        store = cls(layout, database, session)
        try:
            store._ensure_station()
            store.recovery = database.read(lambda conn: recover(layout, conn, session))
        except BaseException:
            store.close()
            raise
        return store

    @property
    def session_id(self) -> str:
        """This writer's id, which temp files carry so recovery knows whose they are."""
        return self._session.id

    def close(self) -> None:
        self.database.close()
        self._session.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self.database.transaction() as conn:
            yield conn

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.database.query(sql, params)

    # station ---------------------------------------------------------------
    def _ensure_station(self) -> None:
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM station").fetchone() is None:
                conn.execute(
                    "INSERT INTO station (id, name) VALUES (?, ?)",
                    (uuid.uuid4().hex, socket.gethostname()),
                )

    def station(self) -> Station:
        return rows.station_from_row(self._query("SELECT * FROM station LIMIT 1")[0])

    def identity(self) -> StationIdentity:
        """The station's name, agency code and level, and whether a person ever set them."""
        return self._read(read_identity)

    def set_identity(self, identity: StationIdentity) -> Station:
        """Validate and keep the station's identity (StationError STATION_NAME_EMPTY,
        AGENCY_CODE_INVALID or STATION_LEVEL_INVALID otherwise)."""
        checked = identity.checked()
        with self._transaction() as conn:
            write_identity(conn, checked, utc_now())
        return self.station()

    @property
    def clerk_id(self) -> str:
        """The clerk signed in at the station; '' when nobody is (the command line)."""
        return self._session.clerk_id

    def sign_in(self, clerk_id: str) -> None:
        """From now on, what this session stores and records is the clerk's (who checked the
        password is the caller's business: station.accounts)."""
        self._session.clerk_id = clerk_id

    def sign_out(self) -> None:
        self._session.clerk_id = ""

    def require_sign_in(self) -> None:
        """Work recorded from now on must carry a signed-in clerk, never the OS user: a
        station with accounts counts each clerk's pages (CLERK_NOT_SIGNED_IN otherwise)."""
        self._session.sign_in_required = True

    def default_clerk_id(self) -> str:
        """The clerk signed in, or else the OS user (a station nobody has set accounts up on)."""
        if self._session.clerk_id:
            return self._session.clerk_id
        if self._session.sign_in_required:
            raise StationError(ErrorCode.CLERK_NOT_SIGNED_IN)
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no login name (service account, container without passwd)
            return "clerk"

    # settings --------------------------------------------------------------
    def settings(self, prefix: str = "") -> dict[str, str]:
        """Stored settings whose key starts with `prefix`."""
        return self._read(read_settings, prefix)

    def save_settings(self, values: Mapping[str, str | None]) -> None:
        """Write all the values in one transaction; None removes a key."""
        with self._transaction() as conn:
            write_settings(conn, values)

    # dossiers --------------------------------------------------------------
    def create_dossier(self, dossier: Dossier) -> Dossier:
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM dossier WHERE code = ?", (dossier.code,)).fetchone():
                raise StationError(ErrorCode.DOSSIER_EXISTS, code=dossier.code)
            conn.execute(
                "INSERT INTO dossier (code, procedure_code, applicant_name, applicant_id_number,"
                " received_at, state, station_id, clerk_id, created_at, updated_at, cases,"
                " catalog_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier.code,
                    dossier.procedure_code,
                    dossier.applicant_name,
                    dossier.applicant_id_number,
                    rows.to_text(dossier.received_at),
                    dossier.state.value,
                    dossier.station_id,
                    dossier.clerk_id,
                    rows.to_text(dossier.created_at),
                    rows.to_text(dossier.updated_at),
                    json.dumps(list(dossier.cases)),
                    dossier.catalog_version,
                ),
            )
            opened = dossier_event(
                conn, EventKind.DOSSIER_OPENED, dossier.code, utc_now(), clerk_id=self.clerk_id
            )
            insert_events(conn, [opened])
        return dossier

    def take_over_dossier(
        self, holder_code: str, dossier: Dossier, components: Collection[str]
    ) -> Dossier:
        """An open dossier with no procedure yet becomes `dossier`, keeping its pages (tags
        outside `components`, the procedure's, are dropped) and the time it was received."""
        with self._transaction() as conn:
            take_over(conn, holder_code, dossier, components, utc_now())
        return self.dossier(dossier.code)

    def set_cases(self, code: str, cases: tuple[str, ...]) -> Dossier:
        """Change the chosen cases of an open dossier (validated by the caller)."""
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE dossier SET cases = ?, updated_at = ? WHERE code = ? AND state = ?",
                (json.dumps(list(cases)), rows.to_text(utc_now()), code, DossierState.OPEN.value),
            )
        if changed.rowcount == 0:
            self._open_dossier_id(code)  # raises: not found, or closed
        return self.dossier(code)

    def set_applicant(self, code: str, name: str, id_number: str) -> Dossier:
        """Change the applicant of an open dossier (normalized by the caller)."""
        with self._transaction() as conn:
            changed = conn.execute(
                "UPDATE dossier SET applicant_name = ?, applicant_id_number = ?, updated_at = ?"
                " WHERE code = ? AND state = ?",
                (name, id_number, rows.to_text(utc_now()), code, DossierState.OPEN.value),
            )
        if changed.rowcount == 0:
            self._open_dossier_id(code)  # raises: not found, or closed
        return self.dossier(code)

    def dossier(self, code: str) -> Dossier:
        found = self._query("SELECT * FROM dossier WHERE code = ?", (code,))
        if not found:
            raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=code)
        return rows.dossier_from_row(found[0])

    def dossiers(self, state: DossierState | None = None) -> list[Dossier]:
        if state is None:
            found = self._query("SELECT * FROM dossier ORDER BY received_at DESC, id DESC")
        else:
            found = self._query(
                "SELECT * FROM dossier WHERE state = ? ORDER BY received_at DESC, id DESC",
                (state.value,),
            )
        return [rows.dossier_from_row(row) for row in found]

    # pages -----------------------------------------------------------------
    def add_page(self, dossier_code: str, new: NewPage, parts: Sequence[str] = ()) -> Page:
        """Store a page durably; the returned Page exists on disk and in the database. `parts`:
        the stored pages it was stitched from, which it replaces in the same transaction."""
        if isinstance(new.data, bytes | bytearray) and not new.data:
            raise StationError(ErrorCode.EMPTY_PAGE)
        place = self._read(results.page_target, dossier_code, new.component_code)
        page_id = uuid.uuid4().hex
        directory = self.layout.pages / str(place.dossier_id)
        ensure_dir(directory)
        target = directory / f"{page_id}.orig{_EXTENSIONS.get(new.media_type, '.bin')}"
        sha256, size = write_atomic(target, new.data, self._session.id)
        if size == 0:
            remove_quietly(target)
            raise StationError(ErrorCode.EMPTY_PAGE)
        original = ImageFile(self.layout.relative(target), sha256, size, new.media_type)
        try:
            return self._insert_page(place, dossier_code, page_id, original, new, parts)
        except BaseException:
            remove_quietly(target)  # the row never committed, so the file must not linger
            raise

    def _open_dossier_id(self, dossier_code: str) -> int:
        found = self._query("SELECT id, state FROM dossier WHERE code = ?", (dossier_code,))
        if not found:
            raise StationError(ErrorCode.DOSSIER_NOT_FOUND, code=dossier_code)
        if found[0]["state"] != DossierState.OPEN.value:
            raise StationError(ErrorCode.DOSSIER_CLOSED, code=dossier_code)
        return int(found[0]["id"])

    def _insert_page(
        self,
        place: results.PageTarget,
        dossier_code: str,
        page_id: str,
        original: ImageFile,
        new: NewPage,
        parts: Sequence[str] = (),
    ) -> Page:
        now, dossier_id = utc_now(), place.dossier_id
        with self._transaction() as conn:
            if place.result:  # the intake may have closed since it was read
                results.page_target(conn, dossier_code, new.component_code)
            order = conn.execute(
                "SELECT coalesce(max(ord), 0) + 1 FROM page"
                " WHERE dossier_id = ? AND deleted_at IS NULL",
                (dossier_id,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO page (id, dossier_id, component_code, ord, source_device, dpi,"
                " paper_size, original_path, original_sha256, original_size, original_media_type,"
                " created_at, updated_at, dpi_source, file_dpi, result, clerk_id, side,"
                " session_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page_id,
                    dossier_id,
                    new.component_code,
                    order,
                    new.source_device,
                    new.dpi,
                    new.paper_size,
                    original.path,
                    original.sha256,
                    original.size,
                    original.media_type,
                    rows.to_text(now),
                    rows.to_text(now),
                    new.dpi_source,
                    new.file_dpi,
                    int(place.result),
                    self.clerk_id,
                    new.side,
                    self._session.id,
                ),
            )
            stored = dossier_event(
                conn,
                EventKind.PAGE_STORED,
                dossier_code,
                now,
                page_id=page_id,
                paper_size=new.paper_size,
                clerk_id=self.clerk_id,
            )
            insert_events(conn, [stored])
            if parts:
                join_parts(conn, dossier_id, page_id, parts, now)
                order = conn.execute("SELECT ord FROM page WHERE id = ?", (page_id,)).fetchone()[0]
        return Page(
            id=page_id,
            dossier_code=dossier_code,
            order=order,
            original=original,
            dpi=new.dpi,
            component_code=new.component_code,
            source_device=new.source_device,
            paper_size=new.paper_size,
            created_at=now,
            updated_at=now,
            dpi_source=new.dpi_source,
            file_dpi=new.file_dpi,
            result=place.result,
            side=new.side,
        )

    def pages(self, dossier_code: str) -> list[Page]:
        """The dossier's live pages in order; deleted ones are left out."""
        found = self._query(
            f"{_PAGE_QUERY} WHERE dossier.code = ? AND page.deleted_at IS NULL ORDER BY page.ord",
            (dossier_code,),
        )
        return [rows.page_from_row(row) for row in found]

    def deleted_pages(self, dossier_code: str) -> list[Page]:
        """Soft-deleted pages, most recently deleted first (their files are still on disk)."""
        found = self._query(
            f"{_PAGE_QUERY} WHERE dossier.code = ? AND page.deleted_at IS NOT NULL"
            " AND page.part_of IS NULL ORDER BY page.deleted_at DESC, page.ord",
            (dossier_code,),
        )
        return [rows.page_from_row(row) for row in found]

    def blank_back_skips(self, dossier_code: str) -> BlankBackSkips:
        """The dossier's back sides skipped as blank, from its events (kept across restarts)."""
        return self._read(blank_back_skips, dossier_code)

    def change_pages(self, changes: Sequence[PageChange], events: Sequence[PageEvent] = ()) -> None:
        """Apply the edits all together or not at all; live pages stay numbered 1..n. The
        events (a delete, a rescan…) are recorded in the same transaction."""
        now = utc_now()
        with self._transaction() as conn:
            apply_changes(conn, changes, now)
            insert_events(conn, page_events(conn, events, now, self.clerk_id))

    def parts_of(self, page_id: str) -> list[Page]:
        """The stored parts a page was stitched from, in the order they were scanned."""
        found = self._query(
            f"{_PAGE_QUERY} WHERE page.part_of = ? ORDER BY page.created_at, page.id", (page_id,)
        )
        return [rows.page_from_row(row) for row in found]

    def separate_parts(self, page_id: str) -> list[Page]:
        """Undo a stitch: the parts are pages again where the stitched page was, which goes."""
        parts = self.parts_of(page_id)
        now = utc_now()
        with self._transaction() as conn:
            insert_events(
                conn, page_events(conn, [PageEvent(EventKind.PAGE_DELETED, page_id)], now)
            )
            path = separate_parts(conn, page_id, now)
        remove_quietly(self.layout.absolute(path))
        return [page for part in parts if (page := self.page(part.id)) is not None]

    def count_pages(self, since: datetime, until: datetime, clerk_id: str | None = None) -> int:
        """Live pages stored in [since, until), of one clerk's dossiers when `clerk_id` is set."""
        # The store writes every created_at in UTC, so the text compares (and uses the index).
        sql = (
            "SELECT count(*) FROM page JOIN dossier ON dossier.id = page.dossier_id"
            " WHERE page.created_at >= ? AND page.created_at < ? AND page.deleted_at IS NULL"
        )
        params: tuple[str, ...] = (
            rows.to_text(since.astimezone(UTC)),
            rows.to_text(until.astimezone(UTC)),
        )
        if clerk_id is not None:
            sql += " AND dossier.clerk_id = ?"
            params += (clerk_id,)
        return int(self._query(sql, params)[0][0])

    def set_page_codes(self, page_id: str, codes: Sequence[StoredCode]) -> None:
        """Keep the codes read on a page, replacing an earlier reading."""
        with self._transaction() as conn:
            page_codes.replace_codes(conn, page_id, codes)

    def page_codes(self, page_id: str) -> list[StoredCode]:
        found = self._query("SELECT * FROM page_code WHERE page_id = ? ORDER BY n", (page_id,))
        return [page_codes.code_from_row(row) for row in found]

    def page(self, page_id: str) -> Page | None:
        found = self._query(f"{_PAGE_QUERY} WHERE page.id = ?", (page_id,))
        return rows.page_from_row(found[0]) if found else None

    def pages_stored_by(self, session_ids: Sequence[str]) -> list[Page]:
        """Live pages of open dossiers that these writer sessions stored, oldest first: with
        the sessions recovery found dead, what an interrupted scan or import left."""
        if not session_ids:
            return []
        marks = ", ".join("?" * len(session_ids))
        found = self._query(
            f"{_PAGE_QUERY} WHERE page.session_id IN ({marks}) AND page.deleted_at IS NULL"
            " AND dossier.state = ? ORDER BY page.created_at, page.ord",
            (*session_ids, DossierState.OPEN.value),
        )
        return [rows.page_from_row(row) for row in found]

    def all_pages(self) -> list[Page]:
        found = self._query(f"{_PAGE_QUERY} ORDER BY dossier.id, page.ord")
        return [rows.page_from_row(row) for row in found]

    def set_transforms(self, page_id: str, transforms: tuple[Transform, ...]) -> Page:
        """Record the edits to replay on a page's original (the original never changes)."""
        with self._transaction() as conn:
            updated = conn.execute(
                "UPDATE page SET transforms = ?, updated_at = ? WHERE id = ?",
                (rows.transforms_to_json(transforms), rows.to_text(utc_now()), page_id),
            ).rowcount
        page = self.page(page_id)
        if not updated or page is None:
            raise StationError(ErrorCode.PAGE_NOT_FOUND, page=page_id)
        return page

    # finished dossiers -----------------------------------------------------
    def mark_finished(
        self,
        dossier_code: str,
        files: Sequence[DossierFile],
        finished_at: datetime,
        override_reason: str = "",
    ) -> Dossier:
        """Record the dossier's component files and close it, in one transaction."""
        with self._transaction() as conn:
            mark_finished(conn, dossier_code, files, finished_at, override_reason)
            pages = conn.execute(
                "SELECT count(*) FROM page JOIN dossier ON dossier.id = page.dossier_id"
                " WHERE dossier.code = ? AND page.deleted_at IS NULL",
                (dossier_code,),
            ).fetchone()[0]
            finished = dossier_event(
                conn,
                EventKind.DOSSIER_FINISHED,
                dossier_code,
                finished_at,
                pages=pages,
                reason=override_reason,
                clerk_id=self.clerk_id,
            )
            insert_events(conn, [finished])
        return self.dossier(dossier_code)

    def dossier_files(self, dossier_code: str) -> list[DossierFile]:
        return self._read(files_of, dossier_code)

    # results ---------------------------------------------------------------
    def open_result_intake(self, dossier_code: str, components: Sequence[str]) -> Dossier:
        """Let a finished dossier take pages for these result components (validated by the
        caller against the catalog); an empty list closes it again."""
        with self._transaction() as conn:
            results.open_intake(conn, dossier_code, components)
        return self.dossier(dossier_code)

    def record_result(
        self,
        dossier_code: str,
        files: Sequence[DossierFile],
        page_ids: Sequence[str],
        finished_at: datetime,
    ) -> Dossier:
        """Record result files and file their pages, in one transaction."""
        with self._transaction() as conn:
            results.record_result(conn, dossier_code, files, page_ids, finished_at)
        return self.dossier(dossier_code)

    def create_handover(self, dossier: Dossier, record: HandoverRecord) -> Dossier:
        """A dossier received at another station, taken in to hand its result over."""
        with self._transaction() as conn:
            insert_handover(conn, dossier, record, utc_now())
        return self.dossier(dossier.code)

    def handover(self, dossier_code: str) -> HandoverRecord | None:
        """What the hub said of a dossier taken in for its result; None for one received here."""
        return self._read(read_handover, dossier_code)

    def results_elsewhere(self, dossier_code: str) -> dict[str, datetime]:
        """Result components of this station's dossier another desk of the unit committed to
        the hub, with when (as the hub told it)."""
        return self._read(committed_elsewhere, dossier_code)

    def result_candidates(self) -> list[results.ResultCandidate]:
        """Dossiers past reception with their files' components, oldest receipt first."""
        return self._read(results.result_candidates)

    # events and figures ----------------------------------------------------
    def record_events(self, events: Sequence[Event]) -> None:
        """Record events that come with no change to the store itself (or replayed ones)."""
        with self._transaction() as conn:
            insert_events(conn, events)

    def events(
        self, since: datetime, until: datetime, kinds: Sequence[EventKind] = ()
    ) -> list[Event]:
        """Events in [since, until), oldest first."""
        return self._read(read_events, since, until, kinds)

    def received_dossiers(self, since: datetime, until: datetime) -> list[activity.ReceivedRow]:
        """Dossiers received in [since, until) with the components their files are for."""
        return self._read(activity.received_rows, since, until)

    def confirmed_uploads(self, since: datetime, until: datetime) -> list[ConfirmedUpload]:
        return self._read(activity.confirmed_uploads, since, until)

    def upload_failures(self, since: datetime, until: datetime) -> list[UploadFailure]:
        return self._read(activity.upload_failures, since, until)

    def _read(self, query: Callable[..., _T], *args: Any) -> _T:
        return self.database.read(query, *args)

    def read_image(self, image: ImageFile) -> bytes:
        path = self.layout.absolute(image.path)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise from_os_error(exc, path) from exc

    def verify_all_pages(self) -> dict[str, PageIntegrity]:
        """Hash every page file against its row; flag bad pages, clear repaired ones."""

        def verify(conn: sqlite3.Connection) -> dict[str, PageIntegrity]:
            flagged, _cleared = verify_pages(self.layout, conn, page_file_records(conn), True)
            return flagged

        return self._read(verify)

    def database_problems(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; an empty list means clean."""
        found = self._query("PRAGMA integrity_check")
        problems = [row[0] for row in found if row[0] != "ok"]
        for row in self._query("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {row[0]} row {row[1]} -> {row[2]}")
        return problems


def _probe_writable(home: Path) -> None:
    """Fail early and clearly instead of on the first page a clerk scans."""
    probe = home / f".probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        raise from_os_error(exc, home) from exc
    finally:
        remove_quietly(probe)
