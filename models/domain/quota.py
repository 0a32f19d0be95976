"""Quota arithmetic: who counts for what (one int of bits per person), and the fewest swaps.

A person's measures are bits, so counting a slate is one pass of integer operations and a what-if
re-check stays cheap. A swap takes one person out of the slate and brings one reserve in, so the
total stays fixed and every quota becomes a lower bound on a bit count. The swap search is exact:
iterative deepening over the multisets of people types swapped, where the order of swaps is free,
so each step may (1) bring in a type that covers a bit still short and that no other available
reserve type strictly contains, and (2) take out a type no other available member type is a strict
subset of. Any solution can be reordered to obey both, so nothing is lost, and states reached twice
(the same multisets) are not searched again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from models.domain.rules import CATEGORY_KEYS, SlateRules
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DelegateType, DisabilityCategory

# What a person can count for; one bit each, so a person is a single int in the hot loop.
MEASURES = (
    "disabled_or_relative",
    "model_or_frontline",
    "rural_disabled_or_relative",
    "org_representative",
    "volunteer",
    *(f"category.{key}" for key in CATEGORY_KEYS),
)
BIT = {name: 1 << index for index, name in enumerate(MEASURES)}
_DR, _MF, _RURAL, _ORG, _VOL = (BIT[name] for name in MEASURES[:5])


@dataclass(frozen=True, slots=True)
class SlateCounts:
    """The numerators of every quota: per measure, how many and which rows; `total` counted."""

    total: int
    counts: dict[str, int]
    rows: dict[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Profile:
    own: dict[DisabilityCategory, int]
    relative: dict[DisabilityCategory, int]
    invited_count: bool


@lru_cache(maxsize=16)
def profile_of(slates: SlateRules) -> Profile:
    own: dict[DisabilityCategory, int] = {}
    relative: dict[DisabilityCategory, int] = {}
    for category in slates.categories:
        bit = BIT[f"category.{category.key}"]
        for disability in category.disabilities:
            own[disability] = own.get(disability, 0) | bit
            if category.relatives_count:
                relative[disability] = relative.get(disability, 0) | bit
    return Profile(own, relative, slates.invited_delegates_count)


def mask_of(person: SlateRecord, profile: Profile) -> int:
    """The measures one person counts for: each at most once, however many reasons apply."""
    own = profile.own
    mask = 0
    category = person.category
    if category is not None:
        mask = _DR | own.get(category, 0)
        if category is DisabilityCategory.MULTIPLE:
            for component in person.multi_components:
                mask |= own.get(component, 0)
    if person.is_relative or person.relative_categories:
        mask |= _DR
        for category in person.relative_categories:
            mask |= profile.relative.get(category, 0)
    if person.is_role_model or person.is_frontline:
        mask |= _MF
    if person.is_rural and mask & _DR:
        mask |= _RURAL
    if person.is_org_representative:
        mask |= _ORG
    if person.is_volunteer:
        mask |= _VOL
    return mask


def counted(people: Sequence[SlateRecord], profile: Profile) -> list[SlateRecord]:
    if profile.invited_count:
        return list(people)
    return [person for person in people if person.delegate_type is not DelegateType.INVITED]


def counts(people: Sequence[SlateRecord], slates: SlateRules) -> SlateCounts:
    """Per measure, the people who count: the cheap part of a what-if re-check."""
    profile = profile_of(slates)
    rows: list[list[int]] = [[] for _ in MEASURES]
    counted_people = counted(people, profile)
    for person in counted_people:
        mask = mask_of(person, profile)
        index = 0
        while mask:
            if mask & 1:
                rows[index].append(person.row)
            mask >>= 1
            index += 1
    return SlateCounts(
        total=len(counted_people),
        counts={name: len(found) for name, found in zip(MEASURES, rows, strict=True)},
        rows={name: tuple(found) for name, found in zip(MEASURES, rows, strict=True)},
    )


# Bits a (slate or reserve) type holds, and how many people of that type there are.
_Types = tuple[tuple[int, int], ...]


def fewest_swaps(
    members: Sequence[int],
    reserves: Sequence[int],
    needs: Mapping[int, int],
    max_swaps: int,
) -> list[tuple[int, int]] | None:
    """Pairs (member index out, reserve index in), fewest first; None if more than max_swaps.

    `needs` maps a single bit to the smallest count of members holding it. Only the bits named in
    `needs` matter, so people are grouped by those bits; within a group, the caller's order is
    the preference (the first of a group is swapped first).
    """
    if not needs:
        return []
    bits = tuple(needs)
    relevant = 0
    for bit in bits:
        relevant |= bit
    out_groups = _groups(members, relevant)
    in_groups = {mask: rows for mask, rows in _groups(reserves, relevant).items() if mask}
    out_types: _Types = tuple((mask, len(rows)) for mask, rows in out_groups.items())
    in_types: _Types = tuple((mask, len(rows)) for mask, rows in in_groups.items())
    deficit = tuple(needs[bit] - sum(1 for m in members if m & bit) for bit in bits)
    start = max((0, *deficit))
    for depth in range(start, max_swaps + 1):
        seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
        plan = _search(
            depth,
            deficit,
            bits,
            in_types,
            out_types,
            (0,) * len(in_types),
            (0,) * len(out_types),
            seen,
        )
        if plan is not None:
            taken_out = {mask: 0 for mask in out_groups}
            taken_in = {mask: 0 for mask in in_groups}
            pairs = []
            for in_type, out_type in plan:
                in_mask, out_mask = in_types[in_type][0], out_types[out_type][0]
                pairs.append(
                    (
                        out_groups[out_mask][taken_out[out_mask]],
                        in_groups[in_mask][taken_in[in_mask]],
                    )
                )
                taken_out[out_mask] += 1
                taken_in[in_mask] += 1
            return pairs
    return None


def _groups(masks: Sequence[int], relevant: int) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for index, mask in enumerate(masks):
        groups.setdefault(mask & relevant, []).append(index)
    return groups


def _search(
    left: int,
    deficit: tuple[int, ...],
    bits: tuple[int, ...],
    in_types: _Types,
    out_types: _Types,
    used_in: tuple[int, ...],
    used_out: tuple[int, ...],
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]],
) -> list[tuple[int, int]] | None:
    if all(short <= 0 for short in deficit):
        return []
    # One swap lifts each count by at most one.
    if left == 0 or max(deficit) > left or (used_in, used_out) in seen:
        return None
    seen.add((used_in, used_out))
    short = 0
    for bit, gap in zip(bits, deficit, strict=True):
        if gap > 0:
            short |= bit
    open_in = [i for i, (mask, n) in enumerate(in_types) if used_in[i] < n]
    open_out = [i for i, (mask, n) in enumerate(out_types) if used_out[i] < n]
    ins = [
        i
        for i in open_in
        if in_types[i][0] & short
        and not any(_strict_subset(in_types[i][0], in_types[j][0]) for j in open_in)
    ]
    outs = [
        i
        for i in open_out
        if not any(_strict_subset(out_types[j][0], out_types[i][0]) for j in open_out)
    ]
    ins.sort(key=lambda i: -(in_types[i][0] & short).bit_count())
    outs.sort(key=lambda i: out_types[i][0].bit_count())
    for i in ins:
        for o in outs:
            gained, lost = in_types[i][0], out_types[o][0]
            after = tuple(
                gap - bool(gained & bit) + bool(lost & bit)
                for bit, gap in zip(bits, deficit, strict=True)
            )
            rest = _search(
                left - 1,
                after,
                bits,
                in_types,
                out_types,
                _bump(used_in, i),
                _bump(used_out, o),
                seen,
            )
            if rest is not None:
                return [(i, o), *rest]
    return None


def _strict_subset(small: int, big: int) -> bool:
    return small != big and small & big == small


def _bump(used: tuple[int, ...], index: int) -> tuple[int, ...]:
    return (*used[:index], used[index] + 1, *used[index + 1 :])
