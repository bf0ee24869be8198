"""People's accounts on the hub: supervisors and administrators, with scrypt password hashes."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from hub import clock
from hub.db import Database
from hub.principal import ACCOUNT_ROLES, Role
from hub.secrets_hash import (
    burn_verification,
    hash_secret,
    new_secret,
    new_token,
    token_digest,
    verify_secret,
)
from hub.stations import UNIT_CODE
from hub.token_limit import keep_newest

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
PASSWORD_MIN = 12
PASSWORD_MAX = 1024


class AccountExists(Exception):
    pass


class UnknownAccount(Exception):
    pass


@dataclass(frozen=True)
class Account:
    username: str
    role: Role
    unit_code: str = ""
    disabled: bool = False


def check_new(username: str, role: Role, unit_code: str) -> None:
    """Raises ValueError for an account that cannot be stored as given."""
    if role not in ACCOUNT_ROLES:
        raise ValueError("role: " + "|".join(ACCOUNT_ROLES))
    if not USERNAME.fullmatch(username):
        raise ValueError("username: 1-64 of A-Z a-z 0-9 . _ @ -")
    if role is Role.UNIT_SUPERVISOR and not UNIT_CODE.fullmatch(unit_code):
        raise ValueError("a unit supervisor needs --unit (mã đơn vị)")
    if role is not Role.UNIT_SUPERVISOR and unit_code:
        raise ValueError("only a unit supervisor has a unit")


def check_password(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ValueError(f"a password is {PASSWORD_MIN}-{PASSWORD_MAX} characters")


def add_account(
    db: Database, username: str, role: Role, unit_code: str = "", password: str | None = None
) -> str:
    """Returns the password (a fresh random one unless given); only its hash is kept."""
    check_new(username, role, unit_code)
    password = password or new_secret()
    check_password(password)
    with db.transaction(write=True) as session:
        if session.one("SELECT username FROM hub_accounts WHERE username = ?", (username,)):
            raise AccountExists(username)
        session.execute(
            "INSERT INTO hub_accounts (username, role, unit_code, password_hash, disabled,"
            " created_at) VALUES (?, ?, ?, ?, 0, ?)",
            (username, role.value, unit_code, hash_secret(password), clock.now_text()),
        )
    return password


def list_accounts(db: Database) -> list[Account]:
    with db.transaction() as session:
        rows = session.query(
            "SELECT username, role, unit_code, disabled FROM hub_accounts ORDER BY username"
        )
    return [
        Account(row["username"], Role(row["role"]), row["unit_code"], bool(row["disabled"]))
        for row in rows
    ]


def set_disabled(db: Database, username: str, disabled: bool = True) -> None:
    with db.transaction(write=True) as session:
        changed = session.execute(
            "UPDATE hub_accounts SET disabled = ? WHERE username = ?", (int(disabled), username)
        )
        if not changed:
            raise UnknownAccount(username)
        session.execute("DELETE FROM account_tokens WHERE username = ?", (username,))


def set_password(db: Database, username: str, password: str | None = None) -> str:
    """Returns the new password; the account's tokens stop working."""
    password = password or new_secret()
    check_password(password)
    with db.transaction(write=True) as session:
        changed = session.execute(
            "UPDATE hub_accounts SET password_hash = ? WHERE username = ?",
            (hash_secret(password), username),
        )
        if not changed:
            raise UnknownAccount(username)
        session.execute("DELETE FROM account_tokens WHERE username = ?", (username,))
    return password


def log_in(
    db: Database, username: str, password: str, ttl: int, max_tokens: int
) -> tuple[str, int] | None:
    """(token, lifetime) for an enabled account and its password, else None."""
    with db.transaction() as session:
        row = session.one(
            "SELECT password_hash, disabled FROM hub_accounts WHERE username = ?", (username,)
        )
    if row is None or len(password) > PASSWORD_MAX:
        burn_verification(password[:PASSWORD_MAX])  # an unknown name costs as much as a known
        return None
    if not verify_secret(password, row["password_hash"]) or row["disabled"]:
        return None
    token = new_token()
    now = int(time.time())
    with db.transaction(write=True) as session:
        session.execute("DELETE FROM account_tokens WHERE expires_at <= ?", (now,))
        session.execute(
            "INSERT INTO account_tokens (token_hash, username, expires_at) VALUES (?, ?, ?)",
            (token_digest(token), username, now + ttl),
        )
        keep_newest(session, "account_tokens", username, token_digest(token), max_tokens)
    return token, ttl


def account_for_token(db: Database, token: str) -> Account | None:
    with db.transaction() as session:
        row = session.one(
            "SELECT a.username, a.role, a.unit_code, a.disabled FROM account_tokens t"
            " JOIN hub_accounts a ON a.username = t.username"
            " WHERE t.token_hash = ? AND t.expires_at > ?",
            (token_digest(token), int(time.time())),
        )
    if row is None or row["disabled"]:
        return None
    return Account(row["username"], Role(row["role"]), row["unit_code"])


def revoke_token(db: Database, token: str) -> None:
    with db.transaction(write=True) as session:
        session.execute("DELETE FROM account_tokens WHERE token_hash = ?", (token_digest(token),))
