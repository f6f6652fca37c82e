"""contractgen: SLA exhibits for channel-partner contracts, generated from a validated deal spec."""

__version__ = "0.1.0"
