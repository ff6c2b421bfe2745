import Fastify from 'fastify';
import { z } from 'zod';
import { chat, describeClip } from './ai/model.js';
import { transcribe } from './ai/speech.js';
import { tagFrame } from './ai/vision.js';

const app = Fastify({ logger: true });

const Clip = z.object({ audioPath: z.string(), keyframeUrl: z.string().url() });

app.get('/healthz', async () => ({ ok: true }));

app.post('/clips/describe', async (req) => {
  const clip = Clip.parse(req.body);
  const [transcript, tags] = await Promise.all([transcribe(clip.audioPath), tagFrame(clip.keyframeUrl)]);
  return { description: await describeClip(transcript, tags), tags };
});

app.post('/ask', async (req, reply) => {
  const { question } = z.object({ question: z.string().min(1) }).parse(req.body);
  const result = chat(question);
  reply.header('content-type', 'text/plain; charset=utf-8');
  return reply.send(result.textStream);
});

await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT ?? 3000) });
