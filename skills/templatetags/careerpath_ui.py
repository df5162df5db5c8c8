"""Small presentation helpers shared by every page: level bars, fit bars, level names."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from skills.models import MAX_LEVEL, ProficiencyLevel

register = template.Library()


@register.filter
def level_name(level: int | None) -> str:
    """“Advanced” for 4; “No evidence” for 0 or None."""
    if not level:
        return "No evidence"
    try:
        return ProficiencyLevel(int(level)).label
    except ValueError:
        return str(level)


@register.inclusion_tag("components/level_bar.html")
def level_bar(level: int | None, required: int | None = None, label: str = "") -> dict[str, Any]:
    """Five pips: filled up to ``level``; with ``required``, the missing pips show as a gap."""
    level = int(level or 0)
    pips = []
    for step in range(1, MAX_LEVEL + 1):
        if step <= level:
            state = "on" if required is None or step <= required else "extra"
        elif required is not None and step <= required:
            state = "gap"
        else:
            state = "off"
        pips.append(state)
    text = f"{label}level {level} of {MAX_LEVEL} ({level_name(level)})"
    if required is not None:
        text += f", required {required}"
    return {"pips": pips, "text": text.capitalize() if not label else text}


# The fit bar's colour bands (app.css: .fit-bar.high green, the default blue, .low orange);
# ``fit_legend`` explains them from the same numbers.
FIT_HIGH = 85
FIT_MID = 65


@register.inclusion_tag("components/fit_bar.html")
def fit_bar(fit: Decimal | float | None) -> dict[str, Any]:
    value = Decimal(fit or 0)
    if value >= FIT_HIGH:
        band = "high"
    elif value >= FIT_MID:
        band = "mid"
    else:
        band = "low"
    # The bar's width is a class (.fit-bar > .w-0 … .w-100 in app.css), not a style=""
    # attribute, which the Content-Security-Policy forbids: whole percent steps.
    percent = min(100, max(0, int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))))
    return {"fit": value, "band": band, "percent": percent}


@register.inclusion_tag("components/fit_legend.html")
def fit_legend() -> dict[str, Any]:
    """What the fit bar's colours mean, next to the bars."""
    return {
        "bands": [
            ("high", "green", f"{FIT_HIGH}% or more: a strong match"),
            ("mid", "blue", f"{FIT_MID}% to under {FIT_HIGH}%: a partial match, a few gaps"),
            ("low", "orange", f"under {FIT_MID}%: large gaps"),
        ]
    }


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None
