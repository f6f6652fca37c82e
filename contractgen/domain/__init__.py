"""The domain layer: a deal's facts with their key paths and positions, periods, wording, calendar and clocks."""
