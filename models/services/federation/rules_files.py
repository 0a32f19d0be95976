"""Reading a rules file chosen by its shipped id or by a path, checked before anything records it."""

from __future__ import annotations

from pathlib import Path

from models.domain.errors import DomainError
from models.domain.rules_file import check_rules_file
from models.services.federation.contracts import SHIPPED_ORIGIN, RulesFile


def is_shipped_id(choice: str) -> bool:
    """mentougou-2019 names a shipped file; anything with .toml or a folder in it is a path."""
    return not choice.endswith(".toml") and "/" not in choice and "\\" not in choice


def read_rules_file(choice: str, *, shipped_dir: Path | None = None) -> RulesFile:
    """The file's text and title; a missing file or a wrong key is `rules_invalid` naming it."""
    if is_shipped_id(choice) and shipped_dir is not None:
        path, origin = shipped_dir / f"{choice}.toml", SHIPPED_ORIGIN
    else:
        path = Path(choice).expanduser()
        origin = str(path.resolve())
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DomainError(
            "rules_invalid", key=choice, detail=f"找不到或无法读取规则文件 {path}"
        ) from exc
    rules = check_rules_file(text, rules_id=path.stem)
    return RulesFile(rules_id=path.stem, title=rules.title, content=text, origin=origin)
