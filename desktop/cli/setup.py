"""`yishi setup`: the federation's profile and the rules file in force, first run or later."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from desktop.cli.output import print_json, say
from desktop.paths import resource_path
from models.domain.errors import DomainError
from models.services.federation.commands import set_up
from models.services.federation.contracts import (
    PROFILE_FIELDS,
    Profile,
    ProfileDraft,
    RulesFile,
    RulesInForce,
)
from models.services.federation.queries import profile, rules_in_force
from models.services.federation.rules_files import read_rules_file
from models.store.unit_of_work import Database

# The option that sets each field of the profile.
_OPTIONS = {
    "full_name": "name",
    "short_name": "short",
    "district": "district",
    "address": "address",
    "postcode": "postcode",
    "telephone": "telephone",
}


def _draft(current: Profile | None, args: argparse.Namespace) -> ProfileDraft | None:
    """The profile with the given options changed; None when no option touches it."""
    given = {f: getattr(args, o) for f, o in _OPTIONS.items() if getattr(args, o) is not None}
    if current is None:
        missing = [f"--{_OPTIONS[f]}" for f in ("full_name", "short_name") if not given.get(f)]
        if missing:
            raise DomainError("profile_names_required", missing="、".join(missing))
        return ProfileDraft(**given)
    return replace(current.draft(), **given) if given else None


def run_setup(db: Database, user: str, args: argparse.Namespace) -> int:
    draft = _draft(profile(db), args)
    rules: RulesFile | None = None
    if args.rules:
        rules = read_rules_file(args.rules, shipped_dir=resource_path("rules"))
    set_up(db, user=user, draft=draft, rules=rules)
    saved, in_force = profile(db), rules_in_force(db)
    if args.json:
        print_json({"profile": _profile_json(saved), "rules": _rules_json(in_force)})
        return 0
    if saved is not None:
        say(f"本会信息{'已保存' if draft is not None else ''}：")
        for name, label, _limit in PROFILE_FIELDS:
            say(f"  {label}：{getattr(saved, name) or '—'}")
    if in_force is not None:
        origin = "程序自带" if in_force.is_shipped else in_force.origin
        changed = "（已更换）" if rules is not None else ""
        say(f"现行规则文件{changed}：{in_force.rules_id}《{in_force.title}》，来源：{origin}")
    return 0


def _profile_json(found: Profile | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {name: getattr(found, name) for name, _label, _limit in PROFILE_FIELDS}


def _rules_json(found: RulesInForce | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "id": found.rules_id,
        "title": found.title,
        "source": found.source,
        "origin": found.origin,
        "recorded_by": found.recorded_by,
        "recorded_at": found.recorded_at,
    }
