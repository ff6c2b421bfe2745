from google import genai
from google.cloud import aiplatform

PROJECT = os.environ["GOOGLE_CLOUD_PROJECT"]
LOCATION = os.environ.get("VERTEX_AI_LOCATION", "us-central1")

aiplatform.init(project=PROJECT, location=LOCATION)
client = genai.Client(vertexai=True, project=PROJECT, location=LOCATION)
predict_url = f"https://{LOCATION}-aiplatform.googleapis.com/v1/projects/{PROJECT}"
