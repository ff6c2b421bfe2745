import { openai } from '@ai-sdk/openai';
import { streamText } from 'ai';
import OpenAI from 'openai';

export const runtime = 'nodejs';

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function POST(req: Request) {
  const { messages } = await req.json();
  const result = streamText({
    model: openai('gpt-4o-mini'),
    system: 'You help people edit their writing. Suggest, do not rewrite everything.',
    messages,
  });
  return result.toDataStreamResponse();
}

export async function moderate(text: string): Promise<boolean> {
  const r = await client.moderations.create({ model: 'omni-moderation-latest', input: text });
  return !r.results[0].flagged;
}
