"""The project's history: the hash-chained audit log and undo / redo of edits."""
