"""`sohoa signing ...` and `sohoa verify`: the clerk's digital signature on digitized files.

Neither a token's PIN nor a PKCS#12 password is ever stored: `setup` checks them once, and
`sohoa dossier finish` asks again (a hidden prompt on a terminal, else one line of stdin).
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import click

from app.context import AppContext
from app.finishing import open_signer
from station.pades.sign import embeddable_font
from station.pades.verify import verify_pdf
from station.store import Store
from station.workflow.signing import (
    PKCS11,
    PKCS12,
    SigningSetup,
    clear_setup,
    load_setup,
    save_setup,
)
from ui.cli.output import print_json, read_secret


@click.group("signing")
def signing_group() -> None:
    """Digital signature set-up (chữ ký số)."""


@signing_group.command("setup")
@click.option(
    "--pkcs12",
    "pkcs12",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Certificate file (.p12/.pfx); its password is read from stdin.",
)
@click.option("--pkcs11", "module", type=click.Path(dir_okay=False, path_type=Path),
              help="The token's PKCS#11 library; the PIN is read from stdin.")  # fmt: skip
@click.option("--token", "token_label", default="", help="Token label (with --pkcs11).")
@click.option("--key-label", default="", help="Key label on the token (default: its only key).")
@click.option("--stamp-text", default=None, help="Text of the visible stamp.")
@click.option("--stamp-font", default=None, type=click.Path(dir_okay=False, exists=True),
              help="Font of the stamp (default: the bundled DejaVu Sans).")  # fmt: skip
@click.option("--tsa", "timestamp_url", default=None, help="RFC 3161 timestamp server (B-T).")
@click.option("--trust", "trust_roots", multiple=True, type=click.Path(dir_okay=False),
              help="Trusted root certificate for verify (repeatable).")  # fmt: skip
@click.option("--clerk-name", default="", help="The clerk's full name, checked against the "
              "certificate (default: the OS user's account).")  # fmt: skip
@click.option("--off", is_flag=True, help="Stop signing (files are no longer signed).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def setup_command(
    app: AppContext,
    pkcs12: Path | None,
    module: Path | None,
    token_label: str,
    key_label: str,
    stamp_text: str | None,
    stamp_font: str | None,
    timestamp_url: str | None,
    trust_roots: tuple[str, ...],
    clerk_name: str,
    off: bool,
    as_json: bool,
) -> None:
    """Set up signing with a PKCS#12 file or a PKCS#11 token (thiết lập ký số)."""
    if off:
        clear_setup(app.store)
        _report(app, {"ok": True, "configured": False}, as_json)
        return
    setup = _setup_from(app.store, pkcs12, module, token_label, key_label)
    if stamp_text is not None:
        setup = replace(setup, stamp_text=stamp_text.strip() or setup.stamp_text)
    if timestamp_url is not None:
        setup = replace(setup, timestamp_url=timestamp_url.strip())
    if stamp_font is not None:
        setup = replace(setup, stamp_font=embeddable_font(str(Path(stamp_font).resolve())))
    if trust_roots:
        setup = replace(
            setup, trust_roots=os.pathsep.join(str(Path(p).resolve()) for p in trust_roots)
        )
    with open_signer(setup, read_secret("PIN / mật khẩu (password)"), clerk_name) as opened:
        warnings, signer = opened.warnings, opened.subject
    save_setup(app.store, setup)
    _report(app, {"ok": True, **_status(setup), "signer": signer, "warnings": warnings}, as_json)


def _setup_from(
    store: Store, pkcs12: Path | None, module: Path | None, token_label: str, key_label: str
) -> SigningSetup:
    current = load_setup(store)
    if (pkcs12 is None) == (module is None):
        raise click.UsageError("give --pkcs12 FILE or --pkcs11 MODULE --token LABEL")
    if pkcs12 is not None:
        return replace(current, method=PKCS12, pkcs12_path=str(pkcs12.resolve()), module="",
                       token_label="", key_label="")  # fmt: skip
    if not token_label:
        raise click.UsageError("--pkcs11 needs --token LABEL")
    return replace(current, method=PKCS11, pkcs12_path="", module=str(module),
                   token_label=token_label, key_label=key_label)  # fmt: skip


def _status(setup: SigningSetup) -> dict[str, Any]:
    values = asdict(setup)
    values["trust_roots"] = [str(p) for p in setup.roots()]
    return {"configured": setup.configured, **values}


def _report(app: AppContext, payload: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(payload)
        return
    if not payload.get("configured"):
        click.echo("Không ký số / Signing is off.")
        return
    click.echo(
        f"Ký số / Signing: {payload['method']}  người ký / signer: {payload.get('signer', '')}"
    )
    for warning in payload.get("warnings", []):
        click.echo(f"  Cảnh báo / Warning: {warning}")


@signing_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def status_command(app: AppContext, as_json: bool) -> None:
    """Show the signing set-up (trạng thái ký số); never a PIN or password."""
    setup = load_setup(app.store)
    payload = {"ok": True, **_status(setup)}
    if as_json:
        print_json(payload)
        return
    if not setup.configured:
        click.echo("Chưa thiết lập ký số / Signing is not set up: sohoa signing setup")
        return
    where = setup.pkcs12_path or f"{setup.module} [{setup.token_label}]"
    click.echo(f"Ký số / Signing: {setup.method} {where}")
    click.echo(f"  Dấu / Stamp: {setup.stamp_text}")
    click.echo(f"  Dấu thời gian / Timestamp: {setup.timestamp_url or '-'}")


@click.command("verify")
@click.argument("pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--trust", "trust_roots", multiple=True, type=click.Path(dir_okay=False),
              help="Trusted root certificate (default: those set up for signing).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def verify_command(app: AppContext, pdf: Path, trust_roots: tuple[str, ...], as_json: bool) -> None:
    """Check a signed PDF (kiểm tra chữ ký số): validity, signer, time, changes, PDF/A."""
    roots = [Path(p) for p in trust_roots] or load_setup(app.store).roots()
    result = verify_pdf(pdf, roots)
    payload = {"ok": True, "file": str(pdf), **asdict(result)}
    if as_json:
        print_json(payload)
    else:
        _print_verification(payload)
    good = result.signed and result.intact and not result.modified_after_signing
    if not good:
        sys.exit(3)


def _print_verification(payload: dict[str, Any]) -> None:
    if not payload["signed"]:
        click.echo("Chưa ký số / Not signed.")
        return
    state = "hợp lệ / valid" if payload["intact"] else "KHÔNG hợp lệ / INVALID"
    click.echo(f"Chữ ký / Signature: {state}; người ký / signer: {payload['signer']}")
    click.echo(f"  Thời điểm ký / Signed at: {payload['signing_time']}")
    click.echo(f"  Tin cậy / Trusted: {payload['trusted']}; dấu thời gian / timestamp: "
               f"{payload['timestamped']}")  # fmt: skip
    if payload["modified_after_signing"]:
        click.echo("  Tệp đã bị sửa sau khi ký / The file changed after signing.")
    click.echo(f"  PDF/A: {payload['pdfa_valid'] if payload['pdfa_claimed'] else '-'}")
