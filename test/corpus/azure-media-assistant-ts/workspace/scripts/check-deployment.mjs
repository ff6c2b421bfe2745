// Release check: the chat deployment answers and the content filter is on.
import { AzureOpenAI } from 'openai';

const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: '2024-10-21',
  deployment: process.env.CHAT_DEPLOYMENT ?? 'gpt-4o-mini',
});

const res = await client.chat.completions.create({
  model: '',
  messages: [{ role: 'user', content: 'Reply with the single word: ready' }],
  max_tokens: 5,
});

const filtered = res.prompt_filter_results?.length > 0;
console.log(`answer: ${res.choices[0].message.content?.trim()} | prompt filter results present: ${filtered}`);
if (!filtered) {
  console.error('content filter results missing: check the deployment before release');
  process.exit(1);
}
