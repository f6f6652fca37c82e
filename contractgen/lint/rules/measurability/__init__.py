"""Measurability: every figure can be computed from the reports when they are due."""
