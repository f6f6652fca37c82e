"""The service levels measured: how many, on what scale, measured how."""
