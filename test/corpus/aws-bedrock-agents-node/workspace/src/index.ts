import express from 'express';
import { askConcierge } from './lib/agent';
import { summarizeReviews } from './lib/summaries';
import { titleFor } from './lib/titles';

const app = express();
app.use(express.json({ limit: '256kb' }));

app.post('/concierge', async (req, res) => {
  const { sessionId, text } = req.body ?? {};
  if (typeof text !== 'string' || !text.trim()) return res.status(400).json({ error: 'text is required' });
  res.json(await askConcierge(sessionId, text));
});

app.post('/trips/title', async (req, res) => {
  res.json({ title: await titleFor(String(req.body?.itinerary ?? '')) });
});

app.post('/hotels/:id/summary', async (req, res) => {
  const reviews: string[] = Array.isArray(req.body?.reviews) ? req.body.reviews : [];
  res.json({ summary: await summarizeReviews(req.params.id, reviews) });
});

app.listen(Number(process.env.PORT ?? 8080));
