import createImageAnalysisClient, { isUnexpected } from '@azure-rest/ai-vision-image-analysis';
import { AzureKeyCredential } from '@azure/core-auth';

const endpoint = process.env.VISION_ENDPOINT ?? 'https://media-vision.cognitiveservices.azure.com/';
const client = createImageAnalysisClient(endpoint, new AzureKeyCredential(process.env.VISION_KEY ?? ''));

export async function tagFrame(imageUrl: string): Promise<string[]> {
  const result = await client.path('/imageanalysis:analyze').post({
    body: { url: imageUrl },
    queryParameters: { features: ['Tags', 'Caption'] },
    contentType: 'application/json',
  });
  if (isUnexpected(result)) throw new Error(result.body.error.message);
  return (result.body.tagsResult?.values ?? []).filter((t) => t.confidence > 0.7).map((t) => t.name);
}
