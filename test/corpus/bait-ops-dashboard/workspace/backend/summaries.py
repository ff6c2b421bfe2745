"""Weekly incident digest, drafted with the Gemini Developer API (API key, no cloud project)."""
import os

import google.generativeai as genai

genai.configure(api_key=os.environ["GEMINI_API_KEY"])
model = genai.GenerativeModel("gemini-1.5-flash")


def digest(incidents: list[str]) -> str:
    prompt = "Write a short weekly digest of these incidents for the engineering newsletter:\n" + "\n".join(incidents)
    return model.generate_content(prompt).text
