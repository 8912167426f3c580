"""Documents: contexts, completeness, rendering, the PDD editor, evidence and archived documents."""
