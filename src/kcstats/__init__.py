"""kcstats: validate and merge Vietnam's provincial khuyến công report workbooks."""

__version__ = "0.1.0"
