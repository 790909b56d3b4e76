"""The role check for the data-keeping commands, made against the user's row in the database (not the session)."""

from __future__ import annotations

from sqlalchemy import select

from app.admin import audit
from app.admin.auth import AccessDenied
from app.domain.roles import Permission, may
from app.persistence.models import User
from app.persistence.uow import UnitOfWork


def require_in_db(uow: UnitOfWork, permission: Permission) -> None:
    """Refuse unless the acting user, as the database has it now (active, role), holds `permission`; audited."""
    actor = uow.actor
    query = select(User.role, User.active).where(
        User.id == actor.user_id if actor.user_id is not None else User.username == actor.username)
    row = uow.session.execute(query).first()
    role = row.role if row is not None and row.active else ""
    if not role or not may(role, permission):
        db = uow.db
        uow.after_rollback.append(lambda: audit.record_refusal(
            db, actor, "permission_denied", f"{role or 'no active user'} lacks {permission}",
            permission=str(permission)))
        raise AccessDenied(f"{actor.username} ({role or 'not an active user'}) may not "
                           f"{permission.value.replace('_', ' ')}", permission=str(permission), role=role)
