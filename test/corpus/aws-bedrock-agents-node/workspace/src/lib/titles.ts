import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

const runtime = new BedrockRuntimeClient({});

const MODEL = 'us.amazon.nova-lite-v1:0';

/** A short title for an itinerary, shown in the app's trip list. */
export async function titleFor(itinerary: string): Promise<string> {
  const res = await runtime.send(
    new ConverseCommand({
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: `Give a title of at most six words for this trip:\n${itinerary}` }] }],
      inferenceConfig: { maxTokens: 30, temperature: 0.5 },
    }),
  );
  return res.output?.message?.content?.[0]?.text?.trim() ?? 'Your trip';
}
