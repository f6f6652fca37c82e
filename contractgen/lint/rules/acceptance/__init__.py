"""Acceptance that can finish: tests, a fix and a retest inside the window."""
