"""Sharing a project: packages, merging them, and the members of a team database."""
