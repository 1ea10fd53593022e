"""Score customers with a trained model."""

import pickle

import pandas as pd

from churn_mlops.features import build_features


class ChurnModel:
    def __init__(self, model_path: str) -> None:
        with open(model_path, "rb") as handle:
            self.model = pickle.load(handle)

    def predict(self, frame: pd.DataFrame) -> list:
        return self.model.predict_proba(build_features(frame))[:, 1].tolist()
