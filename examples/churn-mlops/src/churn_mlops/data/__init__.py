"""Load raw billing and support data and check it before anything trains on it."""

import pandas as pd

from churn_mlops.data.validation import validate_customers


def load_customers(path: str) -> pd.DataFrame:
    return validate_customers(pd.read_csv(path), path)
