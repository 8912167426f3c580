"""Choosing and checking a methodology: parameters, declarations, applicability, estimates."""
