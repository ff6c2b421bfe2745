import OpenAI from 'openai';

// Earlier version of the helper, kept for reference until the migration is signed off:
// import { AzureOpenAI } from 'openai';
// const client = new AzureOpenAI({
//   endpoint: 'https://ops-dash.openai.azure.com/',
//   apiVersion: '2024-10-21',
//   deployment: 'gpt-4o',
// });

/*
 * const bedrock = new BedrockRuntimeClient({ region: 'us-east-1' });
 * modelId: 'anthropic.claude-3-haiku-20240307-v1:0'
 */

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, dangerouslyAllowBrowser: false });

export async function explainAlert(alert: string): Promise<string> {
  const r = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Explain the monitoring alert to an on-call engineer in two sentences.' },
      { role: 'user', content: alert },
    ],
  });
  return r.choices[0].message.content ?? '';
}
