"""Business hours and round-the-clock promises against the support package."""
