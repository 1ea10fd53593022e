"""Load raw billing and support data and check it before anything trains on it."""

import pandas as pd

REQUIRED_COLUMNS = {"customer_id", "tenure_months", "monthly_charges", "support_tickets", "churned"}


def load_customers(path: str) -> pd.DataFrame:
    frame = pd.read_csv(path)
    missing = REQUIRED_COLUMNS - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    if frame["customer_id"].duplicated().any():
        raise ValueError(f"{path}: duplicate customer_id values")
    return frame
