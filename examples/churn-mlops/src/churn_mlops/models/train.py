"""Train the churn classifier and save it with its metrics."""

import json
import pickle
import sys

from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from churn_mlops.data import load_customers
from churn_mlops.features import build_features


def main(data_path: str, model_path: str) -> None:
    frame = load_customers(data_path)
    x_train, x_test, y_train, y_test = train_test_split(
        build_features(frame), frame["churned"], test_size=0.2, random_state=7, stratify=frame["churned"]
    )
    model = GradientBoostingClassifier(random_state=7).fit(x_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    with open(model_path, "wb") as handle:
        pickle.dump(model, handle)
    print(json.dumps({"auc": round(auc, 4)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
