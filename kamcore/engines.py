"""General engines every course tool composes: weighted scores, bands, two-axis quadrants."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Side = Literal[">=", ">"]  # which side of a cut-off a value exactly on it falls: ">=" high, ">" low
WEIGHT_TOTAL = 100.0
_TOLERANCE = 1e-6


class WeightError(ValueError):
    """Weights that cannot be used: not positive, or not summing to 100."""


def check_weights(weights: Mapping[str, float]) -> None:
    """Raise WeightError unless every weight is positive and they sum to 100."""
    if not weights:
        raise WeightError("at least one weighted criterion is needed")
    for name, weight in weights.items():
        if not math.isfinite(weight) or weight <= 0:
            raise WeightError(f"weight of {name!r} must be a positive number, got {weight}")
    total = math.fsum(weights.values())
    if abs(total - WEIGHT_TOTAL) > _TOLERANCE:
        raise WeightError(f"weights must sum to 100, they sum to {total:g}")


def weighted_score(weights: Mapping[str, float], scores: Mapping[str, float]) -> float:
    """Σ weight × score / 100, for weights that sum to 100 and a score for every weight."""
    check_weights(weights)
    missing = set(weights) - set(scores)
    if missing:
        raise WeightError(f"no score for {sorted(missing)}")
    return math.fsum(weights[k] * scores[k] for k in weights) / WEIGHT_TOTAL


@dataclass(frozen=True)
class Band:
    id: str
    min: float | None  # None: the catch-all lowest band
    side: Side = ">="  # ">=": a value on the minimum is in the band; ">": it must be above it


def above(value: float, cut: float, side: Side = ">=") -> bool:
    """Whether a value is on the high side of a cut-off, with the cut-off's own side for a value on it."""
    return value >= cut if side == ">=" else value > cut


def band_of(value: float, bands: Sequence[Band]) -> str:
    """The first band, highest first, whose minimum the value passes."""
    for band in sorted(bands, key=lambda b: -math.inf if b.min is None else b.min, reverse=True):
        if band.min is None or above(value, band.min, band.side):
            return band.id
    raise ValueError(f"no band for {value}; the lowest band needs no minimum")


def quadrant_of(x: float, y: float, x_cut: float, y_cut: float, x_side: Side = ">=", y_side: Side = ">=") -> str:
    """'high_high', 'high_low', 'low_high' or 'low_low' (x first); a value on a cut-off goes by its side."""
    return f"{'high' if above(x, x_cut, x_side) else 'low'}_{'high' if above(y, y_cut, y_side) else 'low'}"


def competition_rank(value: float, values: Iterable[float]) -> int:
    """Competition ranking ("1224"): 1 + how many of `values` are strictly greater; ties share a rank."""
    return 1 + sum(other > value + 1e-9 for other in values)


def reweighted(weights: Mapping[str, float], key: str, shift: float) -> dict[str, float] | None:
    """Weights with `key` shifted by `shift` points and the others rescaled to keep 100.

    None when the shift is impossible (the weight would leave (0, 100), or there is no other weight).
    """
    new = weights[key] + shift
    rest = WEIGHT_TOTAL - weights[key]
    if len(weights) < 2 or not 0 < new < WEIGHT_TOTAL or rest <= 0:
        return None
    factor = (WEIGHT_TOTAL - new) / rest
    return {k: (new if k == key else w * factor) for k, w in weights.items()}


class FitError(WeightError):
    """Weights that cannot be fitted to the total around the kept ones; `reason` says why, for the UI:
    nothing_to_scale, kept_too_large, too_little_left, kept_not_whole or not_positive."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def scaled_to_fit(weights: Sequence[float], kept: Collection[int] = (), total: float = WEIGHT_TOTAL,
                  digits: int = 0) -> list[float]:
    """The weights with those at the `kept` indices unchanged and the others scaled in proportion so
    that all sum exactly to `total`, each rounded to `digits` decimals (whole numbers by default).

    Rounding is by largest remainder: each scaled weight is its exact share rounded down or up, the
    biggest remainders rounded up until the total is reached; a share below one unit still gets one
    unit, so every weight stays positive. Raises FitError when that is impossible.
    """
    kept = set(kept)
    if not kept <= set(range(len(weights))):
        raise ValueError(f"kept indices {sorted(kept)} outside 0..{len(weights) - 1}")
    if any(not math.isfinite(w) or w <= 0 for w in weights):
        raise FitError("not_positive", "every weight must be a positive number")
    others = [i for i in range(len(weights)) if i not in kept]
    if not others:
        raise FitError("nothing_to_scale", "every weight is kept, so none can be scaled")
    unit = Fraction(1, 10**digits)
    rest = (Fraction(total) - sum(Fraction(weights[i]) for i in kept)) / unit
    if rest <= 0:
        raise FitError("kept_too_large", f"the kept weights alone reach {total:g}")
    if abs(rest - round(rest)) > Fraction(1, 10**6):
        raise FitError("kept_not_whole", f"the kept weights must be multiples of {float(unit):g}")
    units = _largest_remainder([Fraction(weights[i]) for i in others], round(rest))
    scaled = list(weights)
    for i, n in zip(others, units, strict=True):
        scaled[i] = n if digits == 0 else round(float(n * unit), digits)
    return scaled


def _largest_remainder(weights: list[Fraction], units: int) -> list[int]:
    """`units` whole units shared in proportion to the weights, each at least one."""
    if units < len(weights):
        raise FitError("too_little_left", f"{units} units cannot give each of {len(weights)} weights one")
    whole = sum(weights)
    shares = [w * units / whole for w in weights]
    counts = [math.floor(s) for s in shares]
    # shares rounded down to nothing go first, then the largest remainders, then the earlier rows
    order = sorted(range(len(shares)), key=lambda i: (counts[i] > 0, counts[i] - shares[i], i))
    for i in order[:units - sum(counts)]:
        counts[i] += 1
    for empty in [i for i, n in enumerate(counts) if n == 0]:
        donor = max((i for i, n in enumerate(counts) if n > 1), key=lambda i: (counts[i] - shares[i], counts[i]))
        counts[donor] -= 1
        counts[empty] += 1
    return counts


def scaled_to_total(weights: Sequence[float], total: float = WEIGHT_TOTAL, digits: int = 0) -> list[float]:
    """Positive weights scaled in proportion to sum exactly to `total`, by largest remainder."""
    return scaled_to_fit(weights, (), total, digits)
