"""HTTP service that returns churn probabilities."""

import os

import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

from churn_mlops.models.inference import ChurnModel
from churn_mlops.serving.metrics import record

app = FastAPI(title="churn-scoring")
model = ChurnModel(os.environ.get("MODEL_PATH", "/models/churn.pkl"))


class Customer(BaseModel):
    customer_id: str
    tenure_months: int
    monthly_charges: float
    support_tickets: int


@app.post("/score")
def score(customers: list[Customer]) -> dict:
    frame = pd.DataFrame([c.model_dump() for c in customers])
    scores = model.predict(frame)
    record(scores)
    return {"scores": dict(zip(frame["customer_id"], scores))}
