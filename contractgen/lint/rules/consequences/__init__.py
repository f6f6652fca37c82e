"""Consequences: every target has a remedy, and no bad run is punished twice."""
