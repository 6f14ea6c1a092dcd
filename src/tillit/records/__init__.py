"""Records: direct messages to the registry, hand-over to the records system, access requests."""
