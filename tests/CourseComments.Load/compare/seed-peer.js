// The comparison's peer: the seed's webhook handler on plain Node, as the seed's README describes it (verify the
// momento-signature, parse the event and its text, push the comment onto the course's list), storing through
// Momento's JavaScript SDK into the same Momento emulator as our dev server (MomentoLocalProvider).
// Usage: node seed-peer.js <listen-port> <emulator-host> <emulator-grpc-port> <cache> <signing-secret>
// Prints "listening <port>" once it serves.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const { CacheClient, Configurations, MomentoLocalProvider, CacheListPushFront } = require('@gomomento/sdk');

const [port, emulatorHost, emulatorPort, cache, secret] = process.argv.slice(2);
const key = Buffer.from(secret, 'utf8');
const maxBodyBytes = 64 * 1024;
const freshnessMs = 60_000;
const maxPerCourse = 100;

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

function signatureMatches(header, body) {
  if (typeof header !== 'string' || header.length !== 64) {
    return false;
  }
  const expected = crypto.createHmac('sha3-256', key).update(body).digest();
  const presented = Buffer.from(header, 'hex');
  return presented.length === expected.length && crypto.timingSafeEqual(presented, expected);
}

async function handle(client, req, res, body) {
  if (!signatureMatches(req.headers['momento-signature'], body)) {
    return answer(res, 403, '{"error":"signature"}');
  }
  let event;
  let message;
  try {
    event = JSON.parse(body.toString('utf8'));
    message = JSON.parse(event.text);
  } catch {
    return answer(res, 400, '{"error":"malformed"}');
  }
  if (Math.abs(Date.now() - event.publish_timestamp) > freshnessMs || !message.courseId || !message.comment) {
    return answer(res, 400, '{"error":"invalid"}');
  }
  const item = JSON.stringify({ userID: event.token_id, comment: message.comment });
  const pushed = await client.listPushFront(
    cache, String(message.courseId), item, { truncateBackToSize: maxPerCourse });
  if (!(pushed instanceof CacheListPushFront.Success)) {
    return answer(res, 503, '{"error":"store"}');
  }
  answer(res, 200, '{}');
}

async function main() {
  const client = await CacheClient.create({
    configuration: Configurations.Laptop.v1(),
    credentialProvider: new MomentoLocalProvider({ hostname: emulatorHost, port: Number(emulatorPort) }),
    defaultTtlSeconds: 24 * 3600,
  });
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/webhook') {
      return answer(res, 404, '{}');
    }
    const chunks = [];
    let size = 0;
    req.on('data', chunk => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        answer(res, 413, '{}');
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      handle(client, req, res, Buffer.concat(chunks)).catch(() => answer(res, 500, '{}'));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
