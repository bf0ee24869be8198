"""Live tokens per holder are bounded: issuing one drops the holder's oldest beyond the bound."""

from __future__ import annotations

from hub.db import Session

# token table -> the column naming its holder (a station's client id, a person's username)
HOLDERS = {"tokens": "client_id", "account_tokens": "username"}


def keep_newest(session: Session, table: str, holder: str, new_hash: str, keep: int) -> None:
    """The new token and the keep - 1 newest others stay (same-second ties: any of them)."""
    column = HOLDERS[table]  # never text from a request: the SQL names come from this table
    rows = session.query(
        f"SELECT token_hash FROM {table} WHERE {column} = ? AND token_hash <> ?"
        " ORDER BY expires_at DESC",
        (holder, new_hash),
    )
    for row in rows[max(0, keep - 1) :]:
        session.execute(f"DELETE FROM {table} WHERE token_hash = ?", (row["token_hash"],))
