// Offline prompt evaluation on a laptop: uses the Gemini Developer API with a personal key,
// never deployed (the service itself runs on Vertex AI).
import { GoogleGenAI } from '@google/genai';
import { readFileSync } from 'node:fs';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

const cases: { question: string; expect: string }[] = JSON.parse(readFileSync('scripts/cases.json', 'utf8'));

let passed = 0;
for (const c of cases) {
  const res = await ai.models.generateContent({ model: 'gemini-2.0-flash', contents: `Give a hint, not the answer: ${c.question}` });
  const text = res.text ?? '';
  const ok = !text.includes(c.expect);
  passed += ok ? 1 : 0;
  console.log(`${ok ? 'PASS' : 'LEAK'}  ${c.question.slice(0, 60)}`);
}
console.log(`${passed}/${cases.length} hints did not leak the answer`);
