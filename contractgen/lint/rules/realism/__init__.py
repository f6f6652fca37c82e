"""Targets against what the partner has shown it can do, and how fast they tighten."""
