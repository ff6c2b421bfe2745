"""Transcribe recorded support calls with Speech-to-Text, then store the text beside the audio."""
from __future__ import annotations

import sys

from google.cloud import speech_v2, storage
from google.cloud.speech_v2.types import cloud_speech

PROJECT = "shopco-prod"
RECOGNIZER = f"projects/{PROJECT}/locations/global/recognizers/_"


def transcribe(gcs_uri: str) -> str:
    client = speech_v2.SpeechClient()
    config = cloud_speech.RecognitionConfig(
        auto_decoding_config=cloud_speech.AutoDetectDecodingConfig(),
        language_codes=["en-US"],
        model="long",
    )
    request = cloud_speech.RecognizeRequest(recognizer=RECOGNIZER, config=config, uri=gcs_uri)
    response = client.recognize(request=request)
    return " ".join(r.alternatives[0].transcript for r in response.results if r.alternatives)


def main(bucket: str, prefix: str) -> None:
    gcs = storage.Client()
    for blob in gcs.list_blobs(bucket, prefix=prefix):
        if not blob.name.endswith(".flac"):
            continue
        text = transcribe(f"gs://{bucket}/{blob.name}")
        gcs.bucket(bucket).blob(blob.name[:-5] + ".txt").upload_from_string(text)
        print(blob.name, len(text), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
