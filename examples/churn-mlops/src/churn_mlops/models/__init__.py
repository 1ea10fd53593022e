"""Model training and inference for churn prediction."""
