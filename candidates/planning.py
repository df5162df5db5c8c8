"""Choosing learning resources for a development plan: an exact weighted set cover.

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

from collections.abc import Sequence
from dataclasses import dataclass


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
