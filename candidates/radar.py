"""The comparison's radar chart: one SVG, laid out on the server, with the role's required levels
(a dashed outline) and up to five candidates overlaid on it.

The axes are numbered, not named: a shortlist is compared on a dozen or more requirements, and
names around a circle either overlap or shrink to illegible text on a phone. The numbers are
large and sit inside the drawing's box (so they are never clipped); the key beside the chart —
a real table, which is also the chart's accessible alternative — gives each number its
requirement's full name, the required level and every charted candidate's level. Each axis
number also carries the full name as its SVG ``<title>`` (a tooltip).

Plain SVG with presentation attributes and classes (no ``style=""``), so it needs no JavaScript,
passes the strict CSP and prints as it shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from candidates import selectors

MAX_SERIES = 5  # more lines than this on one chart cannot be told apart
MAX_LEVEL = 5
RADIUS = 150
LABEL_GAP = 22  # from the outer ring to the centre of an axis number
MARGIN = 40  # room for the axis numbers outside the rings (they are about 26 units wide)
SIZE = 2 * (RADIUS + MARGIN)
CENTRE = SIZE / 2


@dataclass(frozen=True)
class Axis:
    number: int
    name: str
    required: int
    x: float  # end of the spoke (the outer ring)
    y: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Series:
    index: int  # 1-based: the colour and dash class (.series-1 … .series-5)
    name: str
    rank: int
    fit: str
    points: str
    levels: list[int]
    marks: list[tuple[float, float]]


@dataclass(frozen=True)
class RadarChart:
    size: float
    centre: float
    rings: list[tuple[int, float, str]]  # (level, y of its label on the upward spoke, polygon)
    axes: list[Axis]
    required_points: str
    series: list[Series]
    charted: int
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > self.charted

    @property
    def rows(self) -> list[tuple[Axis, list[tuple[Series, int]]]]:
        """The key table: each axis with every charted candidate's level on it."""
        return [
            (axis, [(series, series.levels[position]) for series in self.series])
            for position, axis in enumerate(self.axes)
        ]


def _point(angle: float, radius: float) -> tuple[float, float]:
    return (
        round(CENTRE + radius * math.sin(angle), 1),
        round(CENTRE - radius * math.cos(angle), 1),
    )


def _polygon(levels: list[int], angles: list[float]) -> tuple[str, list[tuple[float, float]]]:
    points = [
        _point(angle, RADIUS * max(0, min(level, MAX_LEVEL)) / MAX_LEVEL)
        for angle, level in zip(angles, levels, strict=True)
    ]
    return " ".join(f"{x},{y}" for x, y in points), points


def radar_chart(comparison: selectors.Comparison) -> RadarChart:
    """The chart of ``comparison``: its requirements as axes (clockwise from the top, in the
    matrix's order), the required levels, and the first ``MAX_SERIES`` candidates of its
    ranking."""
    rows = comparison.matrix
    count = len(rows)
    angles = [2 * math.pi * index / count for index in range(count)] if count else []
    axes = []
    for number, (row, angle) in enumerate(zip(rows, angles, strict=True), start=1):
        x, y = _point(angle, RADIUS)
        label_x, label_y = _point(angle, RADIUS + LABEL_GAP)
        axes.append(
            Axis(
                number=number,
                name=row.requirement.competency_name,
                required=row.requirement.required_level,
                x=x,
                y=y,
                label_x=label_x,
                label_y=label_y,
            )
        )
    rings = [
        (level, round(CENTRE - RADIUS * level / MAX_LEVEL, 1), _polygon([level] * count, angles)[0])
        for level in range(1, MAX_LEVEL + 1)
    ]
    required_points, _ = _polygon([row.requirement.required_level for row in rows], angles)
    series = []
    for index, entry in enumerate(comparison.ranking[:MAX_SERIES]):
        levels = [row.cells[index].assessed_level for row in rows]
        points, marks = _polygon(levels, angles)
        series.append(
            Series(
                index=index + 1,
                name=entry.candidate.name,
                rank=entry.rank,
                fit=str(entry.result.fit),
                points=points,
                levels=levels,
                marks=marks,
            )
        )
    return RadarChart(
        size=SIZE,
        centre=CENTRE,
        rings=rings,
        axes=axes,
        required_points=required_points,
        series=series,
        charted=len(series),
        total=len(comparison.ranking),
    )
