#!/bin/sh
# Local run against the dev account (credentials from the default profile).
set -e
export AWS_PROFILE=acme-dev
aws sts get-caller-identity >/dev/null
aws textract analyze-document --document '{"S3Object":{"Bucket":"acme-intake-uploads","Name":"samples/form-1.png"}}' --feature-types FORMS > /tmp/form-1.json
./gradlew bootRun --args='--spring.profiles.active=local'
