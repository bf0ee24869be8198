"""Who works at the station: setting the station up the first time (its identity and the first
account), signing a clerk in and out, and how the sign-in asks (a password, or picking one's
name from a list: clerks only, a supervisor always gives a password). Only a supervisor changes
what the station is and how people sign in to it. The clerk signed in is the store session's
(`Store.sign_in`): every page, dossier and event written from then on carries that clerk, not
the OS user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from station.accounts import Account, AccountError, AccountProblem, Accounts, Role
from station.store import Store
from station.store.identity import StationIdentity

SIGN_IN_SETTING = "people.sign_in"


class SignInMode(StrEnum):
    PASSWORD = "password"  # the user name and the account's password
    PICK = "pick"  # the clerk picks their name from the station's list (no password)


@dataclass(frozen=True)
class NewAccount:
    user: str
    full_name: str
    password: str
    role: Role = Role.SUPERVISOR  # the first person can add the others (`sohoa accounts`)


@dataclass(frozen=True)
class StationState:
    """What the window needs to know before anyone works: set up yet, and how to sign in."""

    identity: StationIdentity
    has_accounts: bool
    mode: SignInMode

    @property
    def needs_first_run(self) -> bool:
        """Never set up by a person, or nobody could sign in."""
        return self.identity.updated_at is None or not self.has_accounts


def station_state(store: Store) -> StationState:
    return StationState(store.identity(), bool(active_accounts(store)), sign_in_mode(store))


def sign_in_mode(store: Store) -> SignInMode:
    value = store.settings(SIGN_IN_SETTING).get(SIGN_IN_SETTING, SignInMode.PASSWORD.value)
    try:
        return SignInMode(value)
    except ValueError:
        return SignInMode.PASSWORD


def set_sign_in_mode(store: Store, mode: SignInMode) -> None:
    store.save_settings({SIGN_IN_SETTING: SignInMode(mode).value})


def set_up_station(
    store: Store, identity: StationIdentity, account: NewAccount | None = None
) -> StationIdentity:
    """The identity checked first, then the first account made (its checks may refuse it),
    then the identity written: a refusal leaves the station as it was."""
    checked = identity.checked()
    if account is not None:
        Accounts(store.database).add(
            account.user.strip(), account.full_name, account.role, account.password
        )
    store.set_identity(checked)
    return store.identity()


def active_accounts(store: Store) -> list[Account]:
    """Who may sign in here, by name."""
    found = [a for a in Accounts(store.database).accounts() if a.active and a.has_password]
    return sorted(found, key=lambda a: (a.full_name.casefold(), a.user))


def pickable_accounts(store: Store) -> list[Account]:
    """The list a clerk picks their name from where no password is asked: clerks only, since a
    supervisor's sign-in may change the station's identity and how everyone signs in."""
    return [a for a in active_accounts(store) if a.role is Role.CLERK]


def may_change_station(store: Store, account: Account | None) -> bool:
    """The station's identity and its sign-in mode are a supervisor's to change; a station
    without accounts has nobody to ask yet (the first run makes the first, a supervisor)."""
    if account is not None:
        return account.role is Role.SUPERVISOR
    return not active_accounts(store)


def sign_in(store: Store, user: str, password: str) -> Account:
    """AccountError (unknown, wrong password, disabled) or the account, now signed in."""
    account = Accounts(store.database).authenticate(user.strip(), password)
    store.sign_in(account.user)
    return account


def sign_in_picked(store: Store, user: str) -> Account:
    """Only where the station is set to let clerks pick themselves, and only a clerk."""
    if sign_in_mode(store) is not SignInMode.PICK:
        raise AccountError(AccountProblem.WRONG_PASSWORD, user=user)
    for account in pickable_accounts(store):
        if account.user == user:
            store.sign_in(account.user)
            return account
    raise AccountError(AccountProblem.UNKNOWN_ACCOUNT, user=user)


def attribute_command_line_work(store: Store, user: str, password: Callable[[], str]) -> None:
    """The command line has no sign-in screen. Given `user`, that account is signed in (its
    password checked, AccountError otherwise); without one, a station with accounts refuses
    work that would carry a clerk (CLERK_NOT_SIGNED_IN) rather than record the OS user, whom
    no supervisor's figures know."""
    if user:
        sign_in(store, user, password())
    elif active_accounts(store):
        store.require_sign_in()


def sign_out(store: Store) -> None:
    store.sign_out()
