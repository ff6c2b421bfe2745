"""Submit the training job and register the model in the Azure Machine Learning workspace."""
from __future__ import annotations

import argparse

from azure.ai.ml import MLClient, command, Input
from azure.ai.ml.entities import Model
from azure.identity import DefaultAzureCredential


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--subscription", required=True)
    p.add_argument("--resource-group", default="rg-docpipe")
    p.add_argument("--workspace", default="docpipe-mlw")
    p.add_argument("--epochs", type=int, default=8)
    args = p.parse_args()

    ml = MLClient(DefaultAzureCredential(), args.subscription, args.resource_group, args.workspace)
    job = command(
        code="./src",
        command="python train.py --data ${{inputs.labelled}} --epochs " + str(args.epochs),
        inputs={"labelled": Input(type="uri_folder", path="azureml:labelled-documents:3")},
        environment="azureml:AzureML-sklearn-1.5@latest",
        compute="cpu-cluster",
        experiment_name="document-classifier",
    )
    submitted = ml.jobs.create_or_update(job)
    ml.jobs.stream(submitted.name)
    model = Model(path=f"azureml://jobs/{submitted.name}/outputs/model", name="document-classifier", type="mlflow_model")
    registered = ml.models.create_or_update(model)
    print(f"registered {registered.name}:{registered.version}")


if __name__ == "__main__":
    main()
