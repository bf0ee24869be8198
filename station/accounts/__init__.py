"""Local accounts with roles (clerk, supervisor) and scrypt password hashes."""

from station.accounts.book import (
    MIN_PASSWORD_LENGTH,
    Account,
    AccountError,
    AccountProblem,
    Accounts,
    Role,
    log_in_supervisor,
)
from station.accounts.passwords import ScryptCost, hash_password, verify_password

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "Account",
    "AccountError",
    "AccountProblem",
    "Accounts",
    "Role",
    "ScryptCost",
    "hash_password",
    "log_in_supervisor",
    "verify_password",
]
