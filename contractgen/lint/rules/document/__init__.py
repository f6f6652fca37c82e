"""Checks on the assembled exhibit Markdown rather than on the spec."""
