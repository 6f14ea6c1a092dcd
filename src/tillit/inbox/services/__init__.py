"""Services of the inbox: connections, ingest, polling and the action outbox."""
