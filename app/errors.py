"""Errors that `app` raises: each carries a stable code and parameters; the UI translates them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class BwmsError(Exception):
    """Base of every error the product reports to a person (exit code 1 in the CLI)."""

    code: str = "error"
    exit_code: int = 1

    def __init__(self, message: str, *, code: str | None = None, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.params = params

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **{k: _plain(v) for k, v in self.params.items()}}


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)


class Rejected(BwmsError):
    """A business rule refused the operation; nothing was changed."""

    code = "rejected"


class NotFound(Rejected):
    """A named record (declaration, SKU, location, user…) does not exist."""

    code = "not_found"


class PermissionDenied(BwmsError):
    """The caller's role may not do this (checked in the services, not only in the UI)."""

    code = "permission_denied"


class AuthenticationFailed(BwmsError):
    """Unknown user, wrong password or a disabled account."""

    code = "authentication_failed"


class DatabaseUnavailable(BwmsError):
    """The database URL cannot be reached or opened."""

    code = "database_unavailable"


class SchemaOutOfDate(BwmsError):
    """The database was made by an older (or newer) version; `bwms init` migrates it."""

    code = "schema_out_of_date"


@dataclass(frozen=True)
class RowError:
    """One problem in an input file, located by file, line and column."""

    file: str
    line: int
    column: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class FileRejected(BwmsError):
    """An input file had bad rows; the whole import was refused and nothing was written."""

    errors: list[RowError] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = str(self.errors[0]) if self.errors else "invalid file"
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        BwmsError.__init__(self, first + more, code="file_rejected")

    def to_json(self) -> dict[str, Any]:
        return {"errors": [e.to_json() for e in self.errors]}
