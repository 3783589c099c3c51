// Reads the product catalogue with axios through a keep-alive agent. axios does
// not retry by itself: the rule says so and how to guard it (axios-retry, or an
// interceptor); the codemod lists it and leaves it to you.
import https from 'node:https';
import axios from 'axios';

const agent = new https.Agent({ keepAlive: true, timeout: 4000 });

export const catalog = axios.create({ baseURL: 'https://catalog.example/api', httpsAgent: agent });

export async function product(id) {
  const { data } = await catalog.get(`/products/${encodeURIComponent(id)}`);
  return data;
}
