import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const ddb = new DynamoDBClient({});
const s3 = new S3Client({});

export async function handler(event: { tenant: string }) {
  const rows = await ddb.send(new QueryCommand({
    TableName: process.env.TABLE_NAME,
    KeyConditionExpression: 'pk = :t',
    ExpressionAttributeValues: { ':t': { S: event.tenant } },
  }));
  const counts: Record<string, number> = {};
  for (const item of rows.Items ?? []) {
    const type = item.type?.S ?? 'unknown';
    counts[type] = (counts[type] ?? 0) + 1;
  }
  const latest = rows.Items?.at(-1)?.sk?.S;
  const sample = latest ? await s3.send(new GetObjectCommand({ Bucket: process.env.RAW_BUCKET, Key: latest })) : undefined;
  return { tenant: event.tenant, counts, sampleBytes: sample?.ContentLength ?? 0 };
}
