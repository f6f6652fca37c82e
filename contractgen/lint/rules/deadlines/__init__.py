"""Deadlines simulated on the deal's real calendar: clocks that cross, deadlines nobody works."""
