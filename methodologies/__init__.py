"""One package per CCER methodology: parameters as data files, equations as small pure functions."""
