import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import OpenAI from "openai";

// Not a finding: new AzureOpenAI({ deployment: "gpt-4o" }) in a comment.
const region = process.env.AWS_REGION ?? "us-east-1";
const bedrock = new BedrockRuntimeClient({ region });
const endpoint = `https://bedrock-runtime.${region}.amazonaws.com`;

export async function ask(prompt: string): Promise<string> {
  const { createAzure } = await import("@ai-sdk/azure");
  const azure = createAzure({ resourceName: process.env.AZURE_OPENAI_RESOURCE });
  void azure;
  const out = await bedrock.send(new ConverseCommand({ modelId: process.env.BEDROCK_MODEL_ID, messages: [{ role: "user", content: [{ text: prompt }] }] }));
  return out.output?.message?.content?.[0]?.text ?? "";
}

// The portable path: any OpenAI-compatible endpoint from configuration.
export const gateway = new OpenAI({ baseURL: process.env.MODEL_BASE_URL });
export { endpoint };
