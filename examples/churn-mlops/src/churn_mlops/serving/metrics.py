"""Prediction metrics the scoring service exports; config/monitoring.yaml alerts on them."""

from prometheus_client import Gauge, Histogram

CHURN_SCORE_MEAN = Gauge("churn_score_mean", "Mean churn probability of the last scored batch")
BATCH_SIZE = Histogram("churn_batch_size", "Customers per scoring request")


def record(scores: list) -> None:
    BATCH_SIZE.observe(len(scores))
    if scores:
        CHURN_SCORE_MEAN.set(sum(scores) / len(scores))
