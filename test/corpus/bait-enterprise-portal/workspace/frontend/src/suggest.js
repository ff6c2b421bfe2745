import { GoogleGenerativeAI } from '@google/generative-ai';

// Prototype: query suggestions with a Gemini API key from the developer console.
const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
const model = genAI.getGenerativeModel({ model: 'gemini-1.5-flash' });

export async function suggest(prefix) {
  const r = await model.generateContent(`Suggest three intranet search queries starting with "${prefix}". One per line.`);
  return r.response.text().split('\n').filter(Boolean).slice(0, 3);
}
