"""SQLite workspace files: models, sessions, migrations and backups."""
