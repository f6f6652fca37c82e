"""Incentives that agree with obligations: no reward for skipping a duty."""
