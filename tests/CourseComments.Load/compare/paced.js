// An open-loop load at a fixed rate, for latency: request i is due at start + i / rate and is sent then, whatever
// the earlier ones are doing (up to C connections). autocannon's own --rate (overallRate) does not pace evenly: it
// sends each connection's share of a second at once, so at 500 req/s over 32 connections even GET /api/health shows
// a p99 of 10-21 ms. Latency is timed from the send to the response's end, with process.hrtime (sub-millisecond);
// how late each send was against its due time (this process's own delay) is reported beside it.
'use strict';
const http = require('node:http');

const RequestTimeoutMs = 30_000;

/** Milliseconds from a process.hrtime.bigint() difference. */
const ms = nanoseconds => Number(nanoseconds) / 1e6;

function percentile(sorted, fraction) {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

/**
 * Sends source.request(i) (method, path, headers, body) to url at `rate` per second for `seconds`; records each
 * answer's status with source.answer(i, status). Resolves with { total, average, latency: { p50, p99, max },
 * lag: { p50, p99, max }, non2xx, errors } (latency and lag in ms).
 */
function drivePaced(url, source, { rate, connections }, seconds) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.round(rate * seconds)); // none at all would never finish
  const interval = BigInt(Math.round(1e9 / rate));
  const latencies = [];
  const lags = [];
  let sent = 0;
  let settled = 0;
  let non2xx = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  return new Promise(resolve => {
    const finish = () => {
      agent.destroy();
      const elapsed = ms(process.hrtime.bigint() - start) / 1000;
      const sortedLatency = latencies.sort((a, b) => a - b);
      const sortedLag = lags.sort((a, b) => a - b);
      resolve({
        total: sent,
        average: sent / elapsed,
        latency: summary(sortedLatency),
        lag: summary(sortedLag),
        non2xx,
        errors,
      });
    };
    const summary = sorted => ({
      p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0,
    });
    const send = (i, due) => {
      const { method, headers, body } = source.request(i);
      const at = process.hrtime.bigint();
      lags.push(ms(at - due));
      const request = http.request({
        agent, host: target.hostname, port: target.port, path: target.pathname, method, headers,
      }, response => {
        response.resume();
        response.on('end', () => {
          latencies.push(ms(process.hrtime.bigint() - at));
          if (response.statusCode < 200 || response.statusCode >= 300) {
            non2xx++;
          }
          source.answer(i, response.statusCode);
          if (++settled === total) {
            finish();
          }
        });
      });
      // An answer that never comes counts as an error rather than holding the run open.
      request.setTimeout(RequestTimeoutMs, () => request.destroy(new Error('no answer')));
      request.on('error', () => {
        errors++;
        if (++settled === total) {
          finish();
        }
      });
      request.end(body);
    };
    // Node's timers fire about every millisecond at best: each tick sends every request now due.
    const tick = () => {
      const now = process.hrtime.bigint();
      while (sent < total && start + BigInt(sent) * interval <= now) {
        send(sent, start + BigInt(sent) * interval);
        sent++;
      }
      if (sent < total) {
        setTimeout(tick, 1);
      }
    };
    tick();
  });
}

module.exports = { drivePaced };
