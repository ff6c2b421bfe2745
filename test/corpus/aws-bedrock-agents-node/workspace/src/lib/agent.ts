import {
  BedrockAgentRuntimeClient,
  InvokeAgentCommand,
  type InvokeAgentCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { randomUUID } from 'node:crypto';

const client = new BedrockAgentRuntimeClient({ region: process.env.AWS_REGION ?? 'us-east-1' });

const agentId = process.env.BEDROCK_AGENT_ID!;
const agentAliasId = process.env.BEDROCK_AGENT_ALIAS_ID ?? 'TSTALIASID';

export async function askConcierge(sessionId: string | undefined, text: string): Promise<{ sessionId: string; answer: string }> {
  const id = sessionId ?? randomUUID();
  const out: InvokeAgentCommandOutput = await client.send(
    new InvokeAgentCommand({ agentId, agentAliasId, sessionId: id, inputText: text, enableTrace: false }),
  );
  const decoder = new TextDecoder();
  let answer = '';
  for await (const event of out.completion ?? []) {
    if (event.chunk?.bytes) answer += decoder.decode(event.chunk.bytes);
  }
  return { sessionId: id, answer };
}
