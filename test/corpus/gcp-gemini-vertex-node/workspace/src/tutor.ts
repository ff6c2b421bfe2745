import { HarmBlockThreshold, HarmCategory, VertexAI } from '@google-cloud/vertexai';

const vertex = new VertexAI({
  project: process.env.GOOGLE_CLOUD_PROJECT!,
  location: process.env.VERTEX_AI_LOCATION ?? 'europe-west1',
});

const tutor = vertex.getGenerativeModel({
  model: 'gemini-1.5-pro-002',
  systemInstruction: 'You are a patient tutor for 12-15 year olds. Give hints, never the final answer.',
  safetySettings: [
    { category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_LOW_AND_ABOVE },
    { category: HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT, threshold: HarmBlockThreshold.BLOCK_LOW_AND_ABOVE },
  ],
  generationConfig: { temperature: 0.4, maxOutputTokens: 512 },
});

export async function hint(subject: string, question: string, attempt?: string): Promise<string> {
  const parts = [`Subject: ${subject}`, `Question: ${question}`];
  if (attempt) parts.push(`Student's attempt: ${attempt}`);
  const result = await tutor.generateContent({ contents: [{ role: 'user', parts: [{ text: parts.join('\n') }] }] });
  return result.response.candidates?.[0]?.content.parts[0]?.text ?? '';
}
