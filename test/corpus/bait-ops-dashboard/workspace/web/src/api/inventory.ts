/**
 * Client of our own inventory service. The inventory service collects what each cloud account
 * runs; this dashboard never talks to a cloud API itself.
 */
const BASE = import.meta.env.VITE_INVENTORY_URL ?? '/api/inventory';

export interface AgentSummary {
  id: string;
  name: string;
  account: string;
  lastSeen: string;
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`, { credentials: 'include' });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

export function getBedrockAgents(account: string): Promise<AgentSummary[]> {
  return get(`/v1/agents?source=bedrock&account=${encodeURIComponent(account)}`);
}

export function getVertexEndpoints(project: string): Promise<AgentSummary[]> {
  return get(`/v1/endpoints?source=vertex&project=${encodeURIComponent(project)}`);
}

export function getAzureOpenAiDeployments(subscription: string): Promise<AgentSummary[]> {
  return get(`/v1/deployments?source=azure-openai&subscription=${encodeURIComponent(subscription)}`);
}

export const PROVIDER_LABELS: Record<string, string> = {
  bedrock: 'Amazon Bedrock',
  vertex: 'Vertex AI',
  'azure-openai': 'Azure OpenAI',
  sagemaker: 'SageMaker (coming soon)',
};
