"""Data quality checks that run on every load, before anything trains on the data."""

import pandas as pd

REQUIRED_COLUMNS = {"customer_id", "tenure_months", "monthly_charges", "support_tickets", "churned"}


def validate_customers(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    missing = REQUIRED_COLUMNS - set(frame.columns)
    if missing:
        raise ValueError(f"{source}: missing columns {sorted(missing)}")
    if frame["customer_id"].duplicated().any():
        raise ValueError(f"{source}: duplicate customer_id values")
    if (frame["monthly_charges"] < 0).any():
        raise ValueError(f"{source}: negative monthly_charges")
    return frame
