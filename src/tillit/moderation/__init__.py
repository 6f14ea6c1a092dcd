"""Moderation: the comment policy, detectors that explain themselves, proposals and decisions."""
