"""Pure-Python moderation detectors (no Django): findings, scores and language for a text."""

from .base import CATEGORIES, RULES, Analysis, Finding
from .pipeline import analyse, analyse_many

__all__ = ["CATEGORIES", "RULES", "Analysis", "Finding", "analyse", "analyse_many"]
