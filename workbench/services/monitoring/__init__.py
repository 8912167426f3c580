"""Monitoring data: meters, readings, plots, parcels, fuel, field workbooks, periods and accounting."""
