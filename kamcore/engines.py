"""General engines every course tool composes: weighted scores, bands, two-axis quadrants."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


def scaled_to_total(weights: Sequence[float], total: float = WEIGHT_TOTAL, digits: int = 2) -> list[float]:
    """Positive weights rescaled to sum exactly to `total`, rounded, the rounding residue on the largest."""
    current = math.fsum(weights)
    if current <= 0 or any(w <= 0 for w in weights):
        raise WeightError("weights must be positive to be rescaled")
    scaled = [round(w * total / current, digits) for w in weights]
    largest = max(range(len(scaled)), key=scaled.__getitem__)
    scaled[largest] = round(scaled[largest] + total - math.fsum(scaled), digits)
    return scaled
