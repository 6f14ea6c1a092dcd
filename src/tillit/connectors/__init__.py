"""Platform connectors: fetch from and act on platforms, returning plain dataclasses."""
