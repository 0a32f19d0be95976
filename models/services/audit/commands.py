"""Exporting the 操作记录 to an .xlsx, itself an entry of the log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.domain.errors import DomainError
from models.services.audit._export import write_entries
from models.services.audit.contracts import AuditExport, AuditFilter
from models.services.audit.queries import matching
from models.services.common.access import guarded
from models.store.unit_of_work import Database


@guarded("audit.export")
def export_entries(
    db: Database,
    *,
    user: str,
    path: Path,
    account: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str | None = None,
    person: str | None = None,
) -> AuditExport:
    """Every entry matching the filters, newest first, to `path` (.xlsx). ID numbers are
    masked already in the log. The export is logged (action `export`) naming the file, how many
    entries and which filters — never the entries' content; a file whose export could not be
    logged is removed again, so no unrecorded copy of the log is left behind."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise DomainError("audit_export_not_xlsx")
    found = AuditFilter(account, date_from, date_to, kind, person)
    try:
        count = write_entries(matching(db, found), path)
    except PermissionError as exc:
        raise DomainError("audit_export_unwritable", path=str(path), reason="没有权限") from exc
    except FileNotFoundError as exc:
        raise DomainError("audit_export_unwritable", path=str(path), reason="文件夹不存在") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DomainError("audit_export_unwritable", path=str(path), reason=reason) from exc
    try:
        with db.unit_of_work(user) as uow:
            uow.log(
                action="export",
                entity="change_log",
                entity_id="*",
                note=f"导出操作记录 {count} 条到 {path.name}",
                after={"file": path.name, "entries": count, "filters": found.described()},
            )
            uow.commit()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return AuditExport(str(path), count)
