"""The demo projects."""
