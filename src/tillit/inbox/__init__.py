"""The unified inbox: connections to platforms, ingest, items and the action outbox."""
