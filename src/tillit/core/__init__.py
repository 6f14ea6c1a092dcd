"""Shared building blocks: model mixins, the periodic scheduler, small utilities."""
