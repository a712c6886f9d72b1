"""Printable handouts: trainee handouts, trainer guides and programmes as PDF."""

from __future__ import annotations

from .build import HandoutResult, build_handouts

__all__ = ["HandoutResult", "build_handouts"]
