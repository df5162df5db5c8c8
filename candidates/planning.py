"""Choosing learning resources for a development plan: an exact weighted set cover, level-aware.

Levels (``level_plan``): a resource develops a competency *up to a level* (``raises_to``), and
what a learner reaches in a competency is the highest level any of their resources takes it to
(or where they already are). For each gap the *target* is the required level, capped at the
highest level any resource reaches; the part above that ("4 → 5") no resource covers and is
reported as a shortfall. A plan reaches every target exactly when, for each gap, at least one
chosen resource has ``raises_to >= target``; so a resource *covers* a gap only when it reaches
that gap's target, and the level problem is the plain set cover below — still exact. A resource
that helps a gap only part of the way is never needed: some other chosen resource must reach
the target anyway.

Given the candidate's gap competencies and the resources that develop at least one of them, pick
the set of resources that together develop every gap competency any resource covers, with the
smallest total duration in weeks.

Algorithm: dynamic programming over "which gap competencies are covered so far". Each resource
is considered once (like a 0/1 knapsack); a state is the set of covered competencies (a bit
mask) and keeps the cheapest way found to reach it. The states are only the distinct unions of
resource coverages that actually occur, so for the sizes in practice (a role has at most a few
dozen requirements and a handful of resources touch each gap) the table stays small; in the
worst case it is bounded by 2^(number of gap competencies). The answer is exact, and ties are
broken deterministically: fewer resources, then the alphabetically first list of keys.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    competency: int  # competency id
    current: int  # the assessed level (0 = not assessed / no evidence)
    required: int


@dataclass(frozen=True)
class LevelOption:
    key: str  # a stable identifier (the resource slug)
    weeks: int
    raises: Mapping[int, int]  # competency id → the level this resource takes it to


@dataclass(frozen=True)
class LevelPlan:
    chosen: list[LevelOption]
    reached: dict[int, int]  # gap competency id → the level the plan takes it to
    covers: dict[str, frozenset[int]]  # chosen key → the gaps it brings to their target

    @property
    def total_weeks(self) -> int:
        return sum(option.weeks for option in self.chosen)


@dataclass(frozen=True)
class PlanOption:
    key: str  # a stable identifier (the resource slug)
    weeks: int
    covers: frozenset[int]  # gap competency ids this option develops


def cheapest_cover(options: Sequence[PlanOption]) -> list[PlanOption]:
    useful = sorted((o for o in options if o.covers), key=lambda o: o.key)
    if not useful:
        return []
    universe = sorted(frozenset().union(*(o.covers for o in useful)))
    bit = {competency: 1 << index for index, competency in enumerate(universe)}
    masks = [sum(bit[c] for c in option.covers) for option in useful]
    full = (1 << len(universe)) - 1

    # state mask → (total weeks, number of options, sorted keys, chosen indices)
    best: dict[int, tuple[int, int, tuple[str, ...], tuple[int, ...]]] = {0: (0, 0, (), ())}
    for index, (option, mask) in enumerate(zip(useful, masks, strict=True)):
        for state, (weeks, count, keys, chosen) in list(best.items()):
            new_state = state | mask
            if new_state == state:
                continue  # adds nothing this state lacks
            candidate = (
                weeks + option.weeks,
                count + 1,
                tuple(sorted((*keys, option.key))),
                (*chosen, index),
            )
            current = best.get(new_state)
            if current is None or candidate[:3] < current[:3]:
                best[new_state] = candidate
    return [useful[i] for i in best[full][3]]


def level_plan(gaps: Sequence[Gap], options: Sequence[LevelOption]) -> LevelPlan:
    """The fewest total weeks of resources that take every gap as far toward its required
    level as any resource can (see the module docstring); ties as in ``cheapest_cover``."""
    targets: dict[int, int] = {}
    for gap in gaps:
        best = max((o.raises.get(gap.competency, 0) for o in options), default=0)
        target = min(gap.required, best)
        if target > gap.current:
            targets[gap.competency] = target
    by_key = {option.key: option for option in options}
    set_options = [
        PlanOption(
            key=option.key,
            weeks=option.weeks,
            covers=frozenset(c for c, t in targets.items() if option.raises.get(c, 0) >= t),
        )
        for option in options
    ]
    chosen = cheapest_cover(set_options)
    reached = {gap.competency: gap.current for gap in gaps}
    for option in chosen:
        for competency in option.covers:
            reached[competency] = max(reached[competency], targets[competency])
    return LevelPlan(
        chosen=[by_key[option.key] for option in chosen],
        reached=reached,
        covers={option.key: option.covers for option in chosen},
    )
