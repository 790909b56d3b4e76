"""CLI: set-up and oversight — init, users, stock, check, audit, settings, gui."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from app import settings as settings_registry
from app.cli.context import CliContext, add_json, table
from app.domain.roles import Permission, Role
from app.errors import Rejected

if TYPE_CHECKING:
    from app.persistence.db import Database


def register(sub: argparse._SubParsersAction) -> None:
    p = add_json(sub.add_parser("init", help="create or migrate the database (never drops data)"))
    p.add_argument("--demo", action="store_true", help="load a demo warehouse and one user per role")
    p.add_argument("--demo-if-new", action="store_true",
                   help="load the demo only when this run created the database (what `make run` uses)")
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_cmd", required=True)
    p = user.add_parser("add", help="add a user (password from BWMS_NEW_PASSWORD or a prompt)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name", default="")
    p.set_defaults(func=cmd_user_add)
    p = add_json(user.add_parser("list", help="list users"))
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("set", help="change a user's role, activity or password")
    p.add_argument("name")
    p.add_argument("--role", choices=[r.value for r in Role])
    p.add_argument("--disable", action="store_true")
    p.add_argument("--enable", action="store_true")
    p.add_argument("--password", action="store_true", help="set a new password (BWMS_NEW_PASSWORD or prompt)")
    p.set_defaults(func=cmd_user_set)
    p = add_json(user.add_parser("reset-password", help="give a user a new password, printed once (administrator, "
                                 "audited; BWMS_NEW_PASSWORD sets it instead of a generated one)"))
    p.add_argument("name")
    p.set_defaults(func=cmd_user_reset_password)
    p = add_json(user.add_parser(
        "recover-admin", help="lost administrator password, embedded database only: run on the machine that "
        "holds the database file, as the operating-system user who can write it; sets a new password for the "
        "administrator NAME (default admin), enables it, and audits who did it"))
    p.add_argument("name", nargs="?", default="admin")
    p.set_defaults(func=cmd_user_recover_admin)

    p = add_json(sub.add_parser("stock", help="list stock rows"))
    p.add_argument("--sku", default="")
    p.add_argument("--location", default="")
    p.add_argument("--batch", default="")
    p.add_argument("--status", default="")
    p.add_argument("--owner", default="", metavar="CODE", help="only this owner's goods")
    p.set_defaults(func=cmd_stock)

    p = add_json(sub.add_parser("check", help="verify the warehouse invariants (exit 1 if any fails)"))
    p.set_defaults(func=cmd_check)

    aud = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_cmd", required=True)
    p = add_json(aud.add_parser("verify", help="verify the hash chain (exit 1 naming the first bad entry)"))
    p.set_defaults(func=cmd_audit_verify)
    p = add_json(aud.add_parser("list", help="the latest audit entries"))
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_audit_list)

    st = sub.add_parser("settings", help="shared business settings").add_subparsers(dest="settings_cmd",
                                                                                   required=True)
    p = add_json(st.add_parser("list"))
    p.set_defaults(func=cmd_settings_list)
    p = st.add_parser("set")
    p.add_argument("key", choices=sorted(settings_registry.REGISTRY))
    p.add_argument("value")
    p.set_defaults(func=cmd_settings_set)

    p = add_json(sub.add_parser("backup", help="back the database up while stations keep working "
                                "(supervisor or administrator); the key files are not in it"))
    p.add_argument("--to", metavar="DIR", default=None, help="folder for the backup (default: setting "
                   "backup_folder, else the data folder's backups/)")
    p.set_defaults(func=cmd_backup)
    p = add_json(sub.add_parser("restore", help="check a backup and replace the database with it (administrator; "
                                "only when no other station is connected)"))
    p.add_argument("file", metavar="FILE", help="the backup file (its .manifest.json beside it)")
    p.set_defaults(func=cmd_restore)
    keys = sub.add_parser("keys", help="the key files").add_subparsers(dest="keys_cmd", required=True)
    p = add_json(keys.add_parser("export", help="copy the key files for safe keeping (administrator, audited)"))
    p.add_argument("--to", metavar="DIR", required=True)
    p.set_defaults(func=cmd_keys_export)

    p = add_json(sub.add_parser("where", help="where the database, the data folder, the key file, backups and "
                                "logs are (no sign-in needed)"))
    p.set_defaults(func=cmd_where)

    p = sub.add_parser("gui", help="open the desktop application (the default)")
    p.set_defaults(func=cmd_gui)


def _new_password(prompt: str) -> str:
    password = os.environ.get("BWMS_NEW_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise Rejected("no password: set BWMS_NEW_PASSWORD or run in a terminal", code="no_password")
        password = getpass.getpass(prompt)
        if getpass.getpass("again: ") != password:
            raise Rejected("the two passwords differ", code="password_mismatch")
    return password


def cmd_init(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import auth
    from app.admin.backup import upgrade_safely
    from app.demo import warehouse as demo
    from app.persistence.uow import SYSTEM, UnitOfWork

    db = ctx.database(check_schema=False)
    upgrade = upgrade_safely(db)
    before, after = upgrade.before, upgrade.after
    report: dict = {"database": ctx.url.split("@")[-1], "migrated_from": before, "schema": after}
    if upgrade.backup:
        report["backup_before_migration"] = upgrade.backup
    with UnitOfWork(db, SYSTEM) as uow:
        new = not auth.has_users(uow)
        if new:
            password = os.environ.get("BWMS_PASSWORD")
            generated = password is None
            password = password or auth.generate_password()
            auth.create_user_unchecked(uow, "admin", Role.ADMIN.value, password, "Administrator")
            report["admin_created"] = True
            if generated:
                report["admin_password"] = password
        uow.commit()
    if args.demo or (args.demo_if_new and new):
        report["demo"] = demo.load_demo(db)
    lines = [f"database ready at schema {after}" + (f" (migrated from {before})" if before != after else "")]
    lines += [f"{name}: {value}" for name, value in where_rows(ctx, db)]
    if upgrade.backup:
        lines.append(f"backed up before migrating: {upgrade.backup}")
    users = [{"username": "admin", "role": Role.ADMIN.value,
              "password": report.get("admin_password") or "(from BWMS_PASSWORD)"}] if new else []
    if "demo" in report:
        report["demo"]["users"] = users + report["demo"].get("users", [])
        lines.append(demo.describe(report["demo"]))
    elif users:
        lines.append(demo.users_table(users))
    ctx.emit(report, "\n".join(lines))
    return 0


def where_rows(ctx: CliContext, db: Database) -> list[tuple[str, str]]:
    """Where this workstation keeps things: the database, the data folder, the key file, backups and logs."""
    from app.admin.keys import key_files
    from app.config import data_dir
    from app.persistence.uow import SYSTEM, UnitOfWork
    from app.private_files import mode_status, warn_if_loose

    rows = [("database", db.engine.url.render_as_string(hide_password=True)), ("data folder", str(data_dir()))]
    if db.engine.url.get_backend_name() == "sqlite":
        rows.insert(1, ("database file", str(db.engine.url.database)))
    with UnitOfWork(db, SYSTEM, write=False) as uow:
        keys = key_files(uow.session)
        folder = settings_registry.get(uow.session, "backup_folder")
    for name, path in keys.items():
        rows += [(f"key file ({name})", str(path)), (f"key file ({name}) status", mode_status(path))]
        warn_if_loose(path, name)
    rows += [("backups", folder or str(data_dir() / "backups")), ("logs", str(data_dir() / "logs"))]
    return rows


def cmd_where(ctx: CliContext, args: argparse.Namespace) -> int:
    rows = where_rows(ctx, ctx.db)
    width = max(len(name) for name, _ in rows)
    ctx.emit(dict(rows), "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows))
    return 0


def cmd_user_add(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import auth

    with ctx.uow() as uow:
        auth.require(uow, Permission.USER_ADMIN)
        password = _new_password(f"new password for {args.name}: ")
        auth.add_user(uow, args.name, args.role, password, args.full_name)
        uow.commit()
    print(f"user {args.name} added as {args.role}")
    return 0


def cmd_user_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import auth

    with ctx.uow(write=False) as uow:
        rows = [{"username": u.username, "role": u.role, "active": u.active, "full_name": u.full_name}
                for u in auth.list_users(uow)]
    ctx.emit(rows, table(rows, ["username", "role", "active", "full_name"]))
    return 0


def cmd_user_set(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import auth

    if args.disable and args.enable:
        raise Rejected("--disable and --enable together", code="usage")
    active = False if args.disable else True if args.enable else None
    with ctx.uow() as uow:
        password = _new_password(f"new password for {args.name}: ") if args.password else None
        auth.set_user(uow, args.name, role=args.role, active=active, password=password)
        uow.commit()
    print(f"user {args.name} changed")
    return 0


def cmd_user_reset_password(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import auth

    with ctx.uow() as uow:
        password = auth.reset_password(uow, args.name, os.environ.get("BWMS_NEW_PASSWORD"))
        uow.commit()
    ctx.emit({"username": args.name, "password": password},
             f"new password for {args.name}: {password} (shown once: give it to the user, who may change it)")
    return 0


def cmd_user_recover_admin(ctx: CliContext, args: argparse.Namespace) -> int:
    import getpass as os_user

    from app.admin import auth
    from app.persistence.uow import SYSTEM, UnitOfWork

    db = ctx.db
    path = db.engine.url.database if db.engine.url.get_backend_name() == "sqlite" else None
    if not path:
        raise Rejected("recover-admin works on the embedded (SQLite) database only, on the machine that holds its "
                       "file; on PostgreSQL another administrator runs `bwms user reset-password NAME`",
                       code="not_embedded")
    if not os.access(path, os.W_OK):
        raise Rejected(f"{path}: this operating-system user cannot write the database file; run recover-admin as "
                       "the user who owns it", code="not_the_owner")
    operator = f"{os_user.getuser()}@{ctx.station}"
    with UnitOfWork(db, SYSTEM) as uow:
        password = auth.recover_admin(uow, args.name, os.environ.get("BWMS_NEW_PASSWORD"), operator)
        uow.commit()
    ctx.emit({"username": args.name, "password": password, "database": path, "operator": operator},
             f"administrator {args.name} of {path} enabled with the new password {password} "
             f"(shown once; audited as done by {operator})")
    return 0


def cmd_stock(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import owner_by_code
    from app.stock.movements import StockFilter, stock_rows

    with ctx.uow(write=False) as uow:
        if args.owner:
            owner_by_code(uow.session, args.owner)  # an unknown owner is an error, not an empty list
        rows = stock_rows(uow, StockFilter(args.sku, args.location, args.batch, args.status, args.owner))
    ctx.emit(rows, table(rows, ["owner", "sku", "batch", "expiry", "location", "lpn", "status", "qty", "reserved"]))
    return 0


def cmd_check(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import checks

    with ctx.uow(write=False) as uow:
        results = checks.check_all(uow)
    ok = all(r.ok for r in results)
    text = "\n".join(f"{'ok  ' if r.ok else 'FAIL'} {r.name}" + "".join(f"\n       {p}" for p in r.problems[:20])
                     for r in results)
    ctx.emit({"ok": ok, "invariants": [r.to_json() for r in results]}, text)
    return 0 if ok else 1


def cmd_audit_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import audit, auth

    with ctx.uow(write=False) as uow:
        auth.require(uow, Permission.AUDIT)
        report = audit.verify(uow)
        written = audit.write_anchor(uow) if report.ok else None  # a sound head anchored: what follows must reach it
    data = {"ok": report.ok, "entries": report.entries, "first_bad_entry": report.first_bad_id,
            "reason": report.reason, "anchor": report.anchor, "anchor_entry": report.anchor_id,
            "anchor_written": str(written or "")}
    reached = f"; it reaches the anchor of entry {report.anchor_id} ({report.anchor})" if report.anchor else ""
    ctx.emit(data, f"audit chain intact under the audit key: {report.entries} entries{reached}" if report.ok
             else f"audit chain BROKEN at entry {report.first_bad_id}: {report.reason}")
    return 0 if report.ok else 1


def cmd_audit_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin import audit, auth

    with ctx.uow(write=False) as uow:
        auth.require(uow, Permission.AUDIT)
        rows = audit.latest(uow, args.limit)
    ctx.emit(rows, table(rows, ["id", "at", "username", "station", "action", "entity_key", "outcome"]))
    return 0


def cmd_settings_list(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.uow(write=False) as uow:
        rows = [{"key": k, "value": str(settings_registry.get(uow.session, k)), "help": d.help}
                for k, d in settings_registry.REGISTRY.items()]
    ctx.emit(rows, table(rows, ["key", "value", "help"]))
    return 0


def cmd_settings_set(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin.configuration import change_setting

    with ctx.uow() as uow:
        change_setting(uow, args.key, args.value)
        uow.commit()
    print(f"{args.key} = {args.value}")
    return 0


def cmd_backup(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin.backup import backup_database

    report = backup_database(ctx.db, ctx.actor, args.to)
    data = report.to_json()
    keys = "; ".join(f"{name}: {path}" for name, path in report.key_files_not_included.items())
    lines = [f"backup written: {report.file} ({report.size} bytes, {report.seconds:.1f} s)",
             f"manifest: {report.manifest}",
             f"schema {report.schema}, {sum(report.tables.values())} rows in {len(report.tables)} tables, "
             f"audit head {report.audit_head.get('id')}, sha256 {report.sha256}",
             f"NOT in the backup — the key files ({keys}): keep a copy apart (`bwms keys export --to DIR`); "
             "without the personal-data key no buyer record of this backup decrypts"]
    ctx.emit(data, "\n".join(lines))
    return 0


def cmd_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin.restore import restore_database

    report = restore_database(ctx.db, ctx.actor, args.file)
    text = (f"restored {report.file} into {report.database} (schema {report.schema}"
            + (f", migrated from {report.migrated_from}" if report.migrated_from else "")
            + f"; audit chain of {report.audit_entries} entries verified)\n"
            f"the replaced database is kept as {report.replaced_kept_as}")
    ctx.emit(report.to_json(), text)
    return 0


def cmd_keys_export(ctx: CliContext, args: argparse.Namespace) -> int:
    from app.admin.keys import export_keys

    with ctx.uow() as uow:
        result = export_keys(uow, args.to)
        uow.commit()
    lines = [f"{name} copied to {path}" for name, path in result.files.items()]
    lines += [f"{name}: no key file yet (nothing to copy)" for name in result.missing]
    lines.append("keep these apart from the database backups, somewhere safe: whoever holds them reads buyer data")
    ctx.emit(result.to_json(), "\n".join(lines))
    return 0


def cmd_gui(ctx: CliContext, args: argparse.Namespace) -> int:
    """The launcher comes from the caller (bwms_launcher.py passes it to app.cli.main): app never imports Qt."""
    if ctx.gui is None:
        raise Rejected("the desktop application is started by the installed `bwms` command (or `bwms-gui`)",
                       code="no_gui")
    return ctx.gui(ctx.url, ctx.station)
