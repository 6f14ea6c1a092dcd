"""Tillit: social media governance for public organisations."""

__version__ = "0.1.0"
