#!/usr/bin/env node
// Lists the text models the account may call in the region, to pick a fallback for titles.ts.
const { BedrockClient, ListFoundationModelsCommand } = require('@aws-sdk/client-bedrock');

const region = process.argv[2] || process.env.AWS_REGION || 'us-east-1';
const client = new BedrockClient({ region });

async function main() {
  const out = await client.send(new ListFoundationModelsCommand({ byOutputModality: 'TEXT', byInferenceType: 'ON_DEMAND' }));
  const rows = (out.modelSummaries || [])
    .filter((m) => m.modelLifecycle && m.modelLifecycle.status === 'ACTIVE')
    .map((m) => `${m.providerName.padEnd(12)} ${m.modelId}`)
    .sort();
  console.log(rows.join('\n'));
  console.log(`${rows.length} active text models in ${region}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
