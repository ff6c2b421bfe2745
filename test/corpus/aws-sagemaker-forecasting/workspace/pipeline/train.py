"""Train the demand forecast on SageMaker and produce a model artifact in S3."""
from __future__ import annotations

import argparse

import sagemaker
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--role", required=True)
    p.add_argument("--bucket", default="forecast-artifacts-prod")
    p.add_argument("--version", required=True)
    a = p.parse_args()

    session = sagemaker.Session()
    image = sagemaker.image_uris.retrieve("xgboost", session.boto_region_name, version="1.7-1")
    est = Estimator(
        image_uri=image,
        role=a.role,
        instance_count=1,
        instance_type="ml.m5.xlarge",
        output_path=f"s3://{a.bucket}/models/{a.version}",
        sagemaker_session=session,
        hyperparameters={"objective": "reg:squarederror", "num_round": 300, "max_depth": 6},
    )
    est.fit(
        {
            "train": TrainingInput(f"s3://{a.bucket}/features/train/", content_type="text/csv"),
            "validation": TrainingInput(f"s3://{a.bucket}/features/validation/", content_type="text/csv"),
        }
    )
    print(est.model_data)


if __name__ == "__main__":
    main()
