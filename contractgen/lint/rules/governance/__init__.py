"""Reporting, review cadence and notice for changing targets."""
