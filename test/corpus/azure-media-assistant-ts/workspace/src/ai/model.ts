import { createAzure } from '@ai-sdk/azure';
import { generateText, streamText } from 'ai';

const azure = createAzure({
  resourceName: process.env.AZURE_RESOURCE_NAME,
  apiKey: process.env.AZURE_API_KEY,
});

const deployment = process.env.CHAT_DEPLOYMENT ?? 'gpt-4o-mini';

export async function describeClip(transcript: string, tags: string[]): Promise<string> {
  const { text } = await generateText({
    model: azure(deployment),
    system: 'You write one-paragraph descriptions of video clips for a media archive.',
    prompt: `Transcript:\n${transcript}\n\nVisual tags: ${tags.join(', ')}`,
    maxTokens: 300,
  });
  return text;
}

export function chat(question: string) {
  return streamText({
    model: azure(deployment),
    system: 'Answer questions about the archive. Be brief.',
    prompt: question,
  });
}
