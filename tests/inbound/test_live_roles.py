"""Issue 16, finding 3: roles and the enabled flag hold at once in sessions already open.

A supervisor signs in; an administrator, in another session, demotes or disables the account: the supervisor's
next action (the customs release of an entry) is refused, saying why, and the refusal is audited. Enabled again
as a supervisor, the same open session may release.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.admin.auth import AccessDenied, add_user, login, set_user
from app.inbound.release import release
from app.persistence.models import AuditEntry, InboundDeclaration
from app.persistence.uow import UnitOfWork
from tests.conftest import actor
from tests.inbound.conftest import DECLARATION
from tests.inbound.test_release_putaway import tallied

__all__ = ["tallied"]

PASSWORD = "sam-the-supervisor"


def _admin(db, service, *args, **kwargs) -> None:
    with UnitOfWork(db, actor("admin")) as uow:
        service(uow, *args, **kwargs)
        uow.commit()


def _release_as(db, session_actor) -> None:
    with UnitOfWork(db, session_actor) as uow:
        release(uow, DECLARATION)
        uow.commit()


def test_a_demoted_or_disabled_supervisor_is_refused_in_the_session_already_open(tallied):
    db = tallied
    _admin(db, add_user, "sam", "supervisor", PASSWORD)
    sam = login(db, "sam", PASSWORD, station="dock-pc")  # the session opens as a supervisor
    assert sam.role == "supervisor"

    _admin(db, set_user, "sam", role="clerk")
    with pytest.raises(AccessDenied) as demoted:
        _release_as(db, sam)
    assert demoted.value.message == "sam is now clerk (signed in as supervisor) and may not release entry"
    assert demoted.value.params["reason"] == "role_changed"

    _admin(db, set_user, "sam", role="supervisor", active=False)
    with pytest.raises(AccessDenied) as disabled:
        _release_as(db, sam)
    assert disabled.value.message == ("sam: the account has been disabled since signing in (it may not release "
                                      "entry any more)")
    assert disabled.value.params["reason"] == "account_disabled"

    with UnitOfWork(db, actor("admin"), write=False) as uow:
        assert uow.session.execute(select(InboundDeclaration.status)).scalar_one() == "tallied"
        refusals = uow.session.execute(select(AuditEntry.action, AuditEntry.outcome, AuditEntry.username).where(
            AuditEntry.username == "sam").order_by(AuditEntry.id)).all()
    assert [tuple(r) for r in refusals] == [("login", "ok", "sam"), ("permission_denied", "refused", "sam"),
                                            ("permission_denied", "refused", "sam")]

    _admin(db, set_user, "sam", active=True)  # enabled again: the open session works as the database says
    _release_as(db, sam)
    with UnitOfWork(db, actor("admin"), write=False) as uow:
        assert uow.session.execute(select(InboundDeclaration.status)).scalar_one() == "released"
