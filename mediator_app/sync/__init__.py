"""Sync with the central T.N.E API: HTTP client, sync engine, session secrets. No Qt."""
