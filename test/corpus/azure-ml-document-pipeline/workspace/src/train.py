"""Train the document classifier (runs on the compute cluster; plain scikit-learn)."""
import argparse
import pathlib

import joblib
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--out", default="outputs/model")
    a = p.parse_args()
    frame = pd.concat(pd.read_json(f, lines=True) for f in pathlib.Path(a.data).glob("*.jsonl"))
    model = make_pipeline(TfidfVectorizer(min_df=2), LogisticRegression(max_iter=100 * a.epochs))
    model.fit(frame["text"], frame["label"])
    pathlib.Path(a.out).mkdir(parents=True, exist_ok=True)
    joblib.dump(model, pathlib.Path(a.out) / "model.joblib")


if __name__ == "__main__":
    main()
