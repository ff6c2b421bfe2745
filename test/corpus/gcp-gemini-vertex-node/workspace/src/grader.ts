import { GoogleGenAI } from '@google/genai';

// The genai SDK in Vertex mode: same Gemini models, billed and governed in the project.
const ai = new GoogleGenAI({
  vertexai: true,
  project: process.env.GOOGLE_CLOUD_PROJECT,
  location: 'europe-west1',
});

export interface Grade {
  score: number;
  feedback: string;
}

export async function grade(question: string, answer: string): Promise<Grade> {
  const res = await ai.models.generateContent({
    model: 'gemini-2.0-flash-001',
    contents: `Grade this answer from 0 to 10 and give one sentence of feedback as JSON {"score":n,"feedback":"..."}.\nQuestion: ${question}\nAnswer: ${answer}`,
    config: { responseMimeType: 'application/json' },
  });
  return JSON.parse(res.text ?? '{"score":0,"feedback":""}') as Grade;
}
