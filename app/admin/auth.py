"""Users, passwords (Argon2id, memory-hard) and the role check every service calls."""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, case, select

from app.admin import audit
from app.domain.roles import Permission, Role, may
from app.errors import AuthenticationFailed, NotFound, PermissionDenied, Rejected
from app.persistence.db import Database
from app.persistence.hot import Prepared
from app.persistence.models import User
from app.persistence.uow import Actor, Area, UnitOfWork

# Argon2id at OWASP's recommended setting (Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1). The
# library's default (RFC 9106's low-memory profile: 64 MiB, t = 3, p = 4) cost every `bwms` command — each one
# signs in — about a third of a second on the workstations' two cores; this one costs about 25 ms and still
# makes each guess cost an attacker 19 MiB of memory. A hash made with other parameters (the old default) still
# verifies — the parameters are in the hash — and is made again with these at the user's next sign-in.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user is unknown (the same work as for a known one); made on first use,
    not when the module is imported (every command imports it, most never need it)."""
    return _HASHER.hash("timing-equaliser")
MIN_PASSWORD = 8


class AccessDenied(PermissionDenied):
    """Raised by `require`; the service's transaction is rolled back, so the refusal is audited apart."""


_LIVE_ROLE = Prepared(select(User.role, User.active).where(User.id == bindparam("user_id")))
# The same as a column of a station's one read (its parameter from `live_role_param`): "" when the account is
# disabled, NULL when there is no such user (or no user: the system); `known_role` hands it to `require`.
LIVE_ROLE = (select(case((User.active.is_(True), User.role), else_="")).where(User.id == bindparam("live_user"))
             .scalar_subquery().label("live_role"))


def live_role_param(uow: UnitOfWork) -> dict[str, int | None]:
    """The parameter `LIVE_ROLE` reads (the acting user's id)."""
    return {"live_user": uow.actor.user_id}


def known_role(uow: UnitOfWork, role: str | None) -> None:
    """The acting user's live role as a station's one read found it (`LIVE_ROLE`, read in this unit of work), so
    the `require` that follows reads nothing: a scan's role check costs no statement of its own."""
    if uow.actor.user_id is not None and uow.live_role is None:
        uow.live_role = role or ""


def live_role(uow: UnitOfWork) -> str:
    """The acting user's role as the database has it now, "" when the account is disabled or gone: roles and the
    enabled flag are checked on every use case, not taken from the sign-in (an administrator's change holds at
    once in every open session). One small read, once per unit of work. The system itself (no user id: `bwms
    init`, the demo) is not a sign-in and keeps its role."""
    actor = uow.actor
    if actor.user_id is None:
        return actor.role
    if uow.live_role is None:
        row = _LIVE_ROLE.first(uow.conn, {"user_id": actor.user_id})
        uow.live_role = row.role if row is not None and row.active else ""
    return uow.live_role


def require(uow: UnitOfWork, permission: Permission) -> None:
    """Refuse unless the acting user's role, as the database has it now, holds `permission`; the refusal is
    audited and says why (the account disabled, the role changed since signing in, or the role lacks it)."""
    role = live_role(uow)
    if role and may(role, permission):
        return
    db, actor = uow.db, uow.actor
    doing = permission.value.replace("_", " ")
    if not role:
        why, reason = "account_disabled", (f"{actor.username}: the account has been disabled since signing in "
                                           f"(it may not {doing} any more)")
    elif role != actor.role:
        why, reason = "role_changed", (f"{actor.username} is now {role} (signed in as {actor.role}) and may not "
                                       f"{doing}")
    else:
        why, reason = "role", f"{actor.username} ({role}) may not {doing}"
    uow.after_rollback.append(lambda: audit.record_refusal(
        db, actor, "permission_denied", f"{role or 'disabled account'} lacks {permission}",
        permission=str(permission), why=why))
    raise AccessDenied(reason, permission=str(permission), role=role, reason=why)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def login(db: Database, username: str, password: str, station: str = "") -> Actor:
    """Check the password; returns who is acting. Failures are audited and say nothing about which part failed."""
    with UnitOfWork(db, write=False) as uow:
        user = uow.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
        found = (user.id, user.username, user.role, user.password_hash) if user and user.active else None
    stored = found[3] if found else _dummy_hash()
    try:
        ok = _HASHER.verify(stored, password) and found is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or found is None:
        audit.record_refusal(db, Actor(None, username or "?", "", station), "login", "bad credentials")
        raise AuthenticationFailed("unknown user or wrong password", username=username)
    user_id, name, role, stored_hash = found
    actor = Actor(user_id, name, role, station)
    with UnitOfWork(db, actor) as uow:
        if _HASHER.check_needs_rehash(stored_hash):
            uow.session.get(User, user_id).password_hash = _HASHER.hash(password)
        audit.record(uow, "login", "user", name)
        uow.commit()
    return actor


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Rejected(f"password must have at least {MIN_PASSWORD} characters", code="weak_password")


def add_user(uow: UnitOfWork, username: str, role: str, password: str, full_name: str = "") -> User:
    require(uow, Permission.USER_ADMIN)
    return create_user_unchecked(uow, username, role, password, full_name)


def create_user_unchecked(uow: UnitOfWork, username: str, role: str, password: str,
                          full_name: str = "") -> User:
    """Create a user without a role check: only for `bwms init` (the first admin) and the demo."""
    if role not in {r.value for r in Role}:
        raise Rejected(f"unknown role {role!r}: one of {', '.join(r.value for r in Role)}", code="bad_role")
    if not username or len(username) > 40 or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise Rejected(f"invalid user name {username!r}", code="bad_username")
    _check_password(password)
    if uow.session.execute(select(User.id).where(User.username == username)).first():
        raise Rejected(f"user {username!r} already exists", code="duplicate_user")
    user = User(username=username, role=role, password_hash=hash_password(password), full_name=full_name)
    uow.session.add(user)
    uow.session.flush()
    audit.record(uow, "user_add", "user", username, role=role)
    uow.changes.touch(Area.USERS)
    return user


def set_user(uow: UnitOfWork, username: str, *, role: str | None = None, active: bool | None = None,
             password: str | None = None) -> User:
    """Change a user's role, activity or password (admin only; users may change their own password)."""
    own_password_only = role is None and active is None and username == uow.actor.username
    if not own_password_only:
        require(uow, Permission.USER_ADMIN)
    user = uow.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFound(f"no user {username!r}", username=username)
    changed: dict[str, object] = {}
    if role is not None and role != user.role:
        if role not in {r.value for r in Role}:
            raise Rejected(f"unknown role {role!r}", code="bad_role")
        changed["role"] = [user.role, role]
        user.role = role
    if active is not None and active != user.active:
        changed["active"] = [user.active, active]
        user.active = active
    if password is not None:
        _check_password(password)
        user.password_hash = hash_password(password)
        changed["password"] = "changed"
    audit.record(uow, "user_change", "user", username, **changed)
    uow.changes.touch(Area.USERS)
    return user


def reset_password(uow: UnitOfWork, username: str, password: str | None = None) -> str:
    """An administrator gives `username` a new password (generated unless given); audited. Returns it."""
    require(uow, Permission.USER_ADMIN)
    return _reset(uow, username, password, "password_reset")


def recover_admin(uow: UnitOfWork, username: str, password: str | None, operator: str) -> str:
    """For the embedded database only, run where its file lives: a new password for an administrator account
    (enabled again), when no administrator can sign in. Whoever can write the database file could do as much
    by other means; this way it is audited, naming the operating-system user who did it."""
    user = uow.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None or user.role != Role.ADMIN.value:
        raise NotFound(f"no administrator {username!r}", username=username)
    user.active = True
    return _reset(uow, username, password, "password_recovery", operator=operator)


def _reset(uow: UnitOfWork, username: str, password: str | None, action: str, **detail: object) -> str:
    user = uow.session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFound(f"no user {username!r}", username=username)
    new = password or generate_password()
    _check_password(new)
    user.password_hash = hash_password(new)
    audit.record(uow, action, "user", username, **detail)
    uow.changes.touch(Area.USERS)
    return new


def list_users(uow: UnitOfWork) -> list[User]:
    require(uow, Permission.VIEW)
    return list(uow.session.execute(select(User).order_by(User.username)).scalars())


def has_users(uow: UnitOfWork) -> bool:
    return uow.session.execute(select(User.id).limit(1)).first() is not None
