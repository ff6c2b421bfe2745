#!/usr/bin/env bash
# One-off provisioning for a new environment; ARM does the rest.
set -euo pipefail

RG="${RG:-rg-docpipe}"
LOCATION="${LOCATION:-westeurope}"

az group create -n "$RG" -l "$LOCATION" -o none
az deployment group create -g "$RG" --template-file deploy/azuredeploy.json -o none

# The workspace needs the labelled data asset before the first training run.
az ml data create -g "$RG" -w docpipe-mlw \
  --name labelled-documents --version 3 --type uri_folder --path ./data/labelled

az ml job create -g "$RG" -w docpipe-mlw -f jobs/train-classifier.yml --stream

ENDPOINT=$(az cognitiveservices account show -g "$RG" -n docpipe-di --query properties.endpoint -o tsv)
export DOCUMENTINTELLIGENCE_ENDPOINT="$ENDPOINT"
python -m docpipe.smoke
