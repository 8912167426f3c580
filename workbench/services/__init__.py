"""One function per user action, one transaction each, each returning a ``Change``."""
