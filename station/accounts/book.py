"""Local accounts and their roles, kept in the station's database (the `clerk` table).

The book works on the store's database (`Accounts(store.database)`); `Accounts.open(path)` opens
one of its own for a caller that has no store open.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from station.accounts.passwords import DEFAULT_COST, hash_password, needs_rehash, verify_password
from station.model import utc_now
from station.store.database import Database

MIN_PASSWORD_LENGTH = 8
_USER_NAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


class AccountProblem(StrEnum):
    INVALID_USER_NAME = "invalid_user_name"
    EMPTY_FULL_NAME = "empty_full_name"
    PASSWORD_TOO_SHORT = "password_too_short"
    ACCOUNT_EXISTS = "account_exists"
    UNKNOWN_ACCOUNT = "unknown_account"
    WRONG_PASSWORD = "wrong_password"
    ACCOUNT_DISABLED = "account_disabled"
    ROLE_REFUSED = "role_refused"  # the right password, but not the role the screen needs
    NO_SUPERVISOR = "no_supervisor"  # nobody can log in as a supervisor yet


_ROLES = {role.value for role in Role}


class AccountError(Exception):
    """A refused account operation; `ui/` words it from `code` and `params`."""

    def __init__(self, code: AccountProblem, /, **params: Any) -> None:
        super().__init__(f"{code.value}: {params}" if params else code.value)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Account:
    user: str
    full_name: str
    role: Role
    disabled_at: datetime | None
    created_at: datetime | None
    has_password: bool

    @property
    def active(self) -> bool:
        return self.disabled_at is None


class Accounts:
    def __init__(self, database: Database, owned: bool = False) -> None:
        self._database = database
        self._owned = owned  # closed with the book only when it opened the database

    @classmethod
    def open(cls, database: Path) -> Accounts:
        return cls(Database.open(database), owned=True)

    def close(self) -> None:
        if self._owned:
            self._database.close()

    def __enter__(self) -> Accounts:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # reading ---------------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        return [_account(row) for row in self._query("SELECT * FROM clerk ORDER BY id")]

    def account(self, user: str) -> Account:
        return _account(self._row(user))

    def display_name(self, user: str) -> str:
        """The account's full name; the user id itself when there is no such account."""
        return self.names().get(user, user)

    def names(self) -> dict[str, str]:
        """User → full name, for showing figures by clerk."""
        return {row["id"]: row["full_name"] for row in self._query("SELECT * FROM clerk")}

    def supervisors(self) -> int:
        """Active supervisor accounts with a password: none means nobody can log in yet."""
        found = self._query(
            "SELECT count(*) FROM clerk WHERE role = ? AND disabled_at IS NULL"
            " AND password_hash != ''",
            (Role.SUPERVISOR.value,),
        )
        return int(found[0][0])

    # changing --------------------------------------------------------------------------------
    def add(self, user: str, full_name: str, role: Role, password: str) -> Account:
        _check_user_name(user)
        full_name = full_name.strip()
        if not full_name:
            raise AccountError(AccountProblem.EMPTY_FULL_NAME)
        _check_password(password)
        stored = hash_password(password)  # slow on purpose: outside the write lock
        now = utc_now().isoformat()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM clerk WHERE id = ?", (user,)).fetchone():
                raise AccountError(AccountProblem.ACCOUNT_EXISTS, user=user)
            conn.execute(
                "INSERT INTO clerk (id, full_name, role, password_hash, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (user, full_name, Role(role).value, stored, now, now),
            )
        return self.account(user)

    def set_password(self, user: str, password: str) -> None:
        self._row(user)
        _check_password(password)
        self._update(user, "password_hash = ?", hash_password(password))

    def disable(self, user: str) -> Account:
        if self.account(user).active:
            self._update(user, "disabled_at = ?", utc_now().isoformat())
        return self.account(user)

    def enable(self, user: str) -> Account:
        self._row(user)
        self._update(user, "disabled_at = ?", None)
        return self.account(user)

    # logging in ------------------------------------------------------------------------------
    def authenticate(self, user: str, password: str, role: Role | None = None) -> Account:
        """The account, if the password is right, it is active and (when asked) has `role`.

        The password is checked before anything else is told, so a stranger learns nothing
        about an account from the refusal; an unknown user costs the same scrypt work.
        """
        found = self._query("SELECT * FROM clerk WHERE id = ?", (user,))
        stored = found[0]["password_hash"] if found else ""
        right = verify_password(password, stored)  # runs for an unknown user too
        if not found or not right:
            problem = AccountProblem.WRONG_PASSWORD if found else AccountProblem.UNKNOWN_ACCOUNT
            raise AccountError(problem, user=user)
        account = _account(found[0])
        if not account.active:
            raise AccountError(AccountProblem.ACCOUNT_DISABLED, user=user)
        if role is not None and account.role is not role:
            raise AccountError(AccountProblem.ROLE_REFUSED, user=user, role=account.role.value)
        if needs_rehash(stored, DEFAULT_COST):  # the cost was raised since it was set
            self._update(user, "password_hash = ?", hash_password(password))
        return account

    # plumbing --------------------------------------------------------------------------------
    def _row(self, user: str) -> sqlite3.Row:
        found = self._query("SELECT * FROM clerk WHERE id = ?", (user,))
        if not found:
            raise AccountError(AccountProblem.UNKNOWN_ACCOUNT, user=user)
        return found[0]

    def _update(self, user: str, assignment: str, value: str | None) -> None:
        with self._write() as conn:
            conn.execute(
                f"UPDATE clerk SET {assignment}, updated_at = ? WHERE id = ?",
                (value, utc_now().isoformat(), user),
            )

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        return self._database.query(sql, params)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._database.transaction() as conn:
            yield conn


def log_in_supervisor(database: Path | Database, user: str, password: str) -> Account:
    """The supervisor's account, or why not; says so when the station has no supervisor yet.
    `database`: the store's database, or the path of one to open for this login only."""
    book = Accounts(database) if isinstance(database, Database) else Accounts.open(database)
    with book as accounts:
        try:
            return accounts.authenticate(user, password, Role.SUPERVISOR)
        except AccountError as error:
            if error.code is AccountProblem.UNKNOWN_ACCOUNT and not accounts.supervisors():
                raise AccountError(AccountProblem.NO_SUPERVISOR) from error
            raise


def _check_user_name(user: str) -> None:
    if not _USER_NAME.fullmatch(user):
        raise AccountError(AccountProblem.INVALID_USER_NAME, user=user)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(AccountProblem.PASSWORD_TOO_SHORT, minimum=MIN_PASSWORD_LENGTH)


def _account(row: sqlite3.Row) -> Account:
    return Account(
        user=row["id"],
        full_name=row["full_name"],
        role=Role(row["role"]) if row["role"] in _ROLES else Role.CLERK,
        disabled_at=_time(row["disabled_at"]),
        created_at=_time(row["created_at"]),
        has_password=bool(row["password_hash"]),
    )


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
