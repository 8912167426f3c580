"""The vocabulary and rules of CCER and BRI projects. Standard library only."""
