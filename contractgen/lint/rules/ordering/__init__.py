"""Priorities, response and resolution targets and escalation timing, in the right order."""
