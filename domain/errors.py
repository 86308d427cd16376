"""The domain's exceptions: every rule the model refuses to break, with a message saying which."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error raised by the domain model."""


class InvalidValue(DomainError, ValueError):
    """A value object, entity or aggregate was given a value outside its rules."""


class CurrencyMismatch(DomainError):
    """Two amounts in different currencies were combined or compared."""

    def __init__(self, left: str, right: str) -> None:
        super().__init__(f"cannot combine {left} with {right}: convert to one currency first")
        self.left = left
        self.right = right


class IllegalTransition(DomainError):
    """An order was asked to change status in a way its lifecycle does not allow."""

    def __init__(self, order_id: str, action: str, status: str, reason: str) -> None:
        super().__init__(f"order {order_id} cannot {action} while {status}: {reason}")
        self.order_id = order_id
        self.action = action
        self.status = status


class CalibrationFailed(DomainError):
    """The freight model cannot be fitted from the given history."""


class SourceRejected(DomainError):
    """An ingestion source cannot be loaded; the message names file, line, column and value,
    which are also kept as attributes where known (None where not)."""

    def __init__(
        self,
        message: str,
        *,
        file_name: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file_name = file_name
        self.line = line
        self.column = column
        self.value = value

    def told_with(self, more: str) -> SourceRejected:
        """The same rejection (its parts too) with `more` said after its message."""
        return SourceRejected(
            f"{self} {more}",
            file_name=self.file_name,
            line=self.line,
            column=self.column,
            value=self.value,
        )


class OutOfMemory(DomainError):
    """Work needed more memory than it may use; the message says which limit and what to change."""


class Cancelled(DomainError):
    """Work was stopped on request (a user, a newer request of the same kind, a time limit)."""


class RunCancelled(Cancelled):
    """An ingestion run was cancelled by its user before it could publish."""


class QueryCancelled(Cancelled):
    """A query was stopped before it finished; its caller shows "cancelled", not an error."""


class WarehouseNotPublished(DomainError):
    """No warehouse snapshot has been published yet where the application looks for one."""


class IngestionBusy(DomainError):
    """Another ingestion holds the data directory; only one may build and publish at a time."""


class DataDirUnwritable(DomainError):
    """The data directory cannot be written (a read-only mount, no permission): says where."""


class DiskFull(DomainError):
    """A write found no room (disk full, quota used up, file size limit); the message says where."""


class SqlRefused(DomainError):
    """A statement the read-only SQL console does not run (a write, a setting, a file copy)."""


class SqlFailed(DomainError):
    """DuckDB refused a statement: the message is its own, `line`/`column` where (0: unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        where = f" (line {line}, column {column})" if line else ""
        super().__init__(message + where)
        self.reason = message
        self.line = line
        self.column = column
