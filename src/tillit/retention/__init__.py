"""Retention: disposal decisions (gallringsbeslut), holds, and logged disposal runs (R21)."""
