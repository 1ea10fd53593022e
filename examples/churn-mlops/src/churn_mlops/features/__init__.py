"""Feature engineering shared by training and serving."""

import pandas as pd

FEATURES = ["tenure_months", "monthly_charges", "support_tickets", "charges_per_month_of_tenure"]


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["charges_per_month_of_tenure"] = out["monthly_charges"] / out["tenure_months"].clip(lower=1)
    return out[FEATURES]
