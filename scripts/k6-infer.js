// k6 load test for POST /infer (the performance guide's script, with settings from the environment).
//
//   k6 run scripts/k6-infer.js
//   k6 run -e URL=http://127.0.0.1:8000/infer -e ROWS=8 -e VUS=16 -e DURATION=10s scripts/k6-infer.js
import http from 'k6/http';
import { check } from 'k6';

const rows = parseInt(__ENV.ROWS || '1');
const width = parseInt(__ENV.WIDTH || '100');

export const options = {
  vus: parseInt(__ENV.VUS || '10'),
  duration: __ENV.DURATION || '30s',
  thresholds: { checks: ['rate==1.0'] },
};

const url = __ENV.URL || 'http://localhost:8000/infer';
const body = { inputs: Array.from({ length: rows }, () => Array(width).fill(0).map(() => Math.random() * 2 - 1)) };
if (__ENV.MODEL) body.model = __ENV.MODEL;
const payload = JSON.stringify(body);

const params = {
  headers: {
    'Content-Type': 'application/json',
  },
};

export default function () {
  const res = http.post(url, payload, params);
  check(res, {
    'is status 200': (r) => r.status === 200,
    'has one output row per input row': (r) => r.status === 200 && r.json().length === rows,
  });
}
