"""Rewards that pay for exceptional performance, not for meeting the target."""
