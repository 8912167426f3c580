"""Helpers every capability uses: who acts, the change record, field parsing, reading tables, output files
and working calendars."""
