import { serve } from '@hono/node-server';
import { Firestore } from '@google-cloud/firestore';
import { Hono } from 'hono';
import { grade } from './grader.js';
import { hint } from './tutor.js';

const db = new Firestore();
const app = new Hono();

app.post('/hint', async (c) => {
  const { subject, question, attempt } = await c.req.json();
  const text = await hint(subject, question, attempt);
  await db.collection('hints').add({ subject, question, createdAt: Date.now() });
  return c.json({ hint: text });
});

app.post('/grade', async (c) => {
  const { question, answer } = await c.req.json();
  return c.json(await grade(question, answer));
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 8080) });
