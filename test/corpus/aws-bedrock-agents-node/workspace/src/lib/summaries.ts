import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { generateText } from 'ai';

const bedrock = createAmazonBedrock({
  region: 'us-east-1',
  credentialProvider: fromNodeProviderChain(),
});

export async function summarizeReviews(hotel: string, reviews: string[]): Promise<string> {
  const { text } = await generateText({
    model: bedrock('anthropic.claude-3-5-haiku-20241022-v1:0'),
    prompt: `Summarise guest reviews of ${hotel} in two sentences:\n${reviews.join('\n---\n')}`,
  });
  return text;
}
