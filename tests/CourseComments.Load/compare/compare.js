// Drives two webhook servers with the same load (autocannon: C connections for D seconds, every request a new,
// freshly signed event), one after the other, then reads every course list back from the Momento emulator through
// Momento's JavaScript SDK and checks each answered event is stored exactly once. Prints one line per target and the
// throughput ratio of the first to the second.
// With --rate the load is paced evenly instead (paced.js), latency is printed to 0.01 ms, and --floor URL (our
// GET /api/health) is paced alike first: the same client and HTTP stack against an endpoint that does nothing.
// Usage: node compare.js --secret S --emulator host:port --cache C --target name=url [--target name=url]
//        [--connections 32] [--duration 8] [--warmup 20] [--rate R] [--rounds 1] [--floor url]
'use strict';
const crypto = require('node:crypto');
const autocannon = require('autocannon');
const { CacheClient, Configurations, MomentoLocalProvider, CacheListFetch } = require('@gomomento/sdk');
const { drivePaced } = require('./paced');

const PerCourse = 100;
const EventBytes = 400;
const Users = 97;
const FloorSeconds = 10;

function parseArgs(argv) {
  const options = { targets: [], connections: 32, duration: 8, warmup: 20, rate: 0, rounds: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i].replace(/^--/, ''), argv[i + 1]];
    if (name === 'target') {
      const at = value.indexOf('=');
      options.targets.push({ name: value.slice(0, at), url: value.slice(at + 1) });
    } else if (['connections', 'duration', 'warmup', 'rate', 'rounds'].includes(name)) {
      options[name] = Number(value);
    } else {
      options[name] = value;
    }
  }
  return options;
}

/** The events of one run against one target: event i goes to course prefix-floor(i/100), so no list is truncated. */
class EventSource {
  constructor(prefix, secret) {
    this.prefix = prefix;
    this.key = Buffer.from(secret, 'utf8');
    this.next = 0;
    this.answered = new Map();
  }

  comment(i) {
    return `${this.prefix} event ${i}`;
  }

  body(i) {
    const now = Date.now();
    const courseId = `${this.prefix}-${Math.floor(i / PerCourse)}`;
    const event = {
      cache: 'course-comments', topic: 'comment', event_timestamp: now, publish_timestamp: now,
      topic_sequence_number: i, token_id: `load-user-${i % Users}`, text: '',
    };
    const comment = this.comment(i) + ' ';
    event.text = JSON.stringify({ courseId, comment });
    const padding = Math.max(1, EventBytes - JSON.stringify(event).length);
    event.text = JSON.stringify({ courseId, comment: comment + 'x'.repeat(padding) });
    return Buffer.from(JSON.stringify(event), 'utf8');
  }

  /** Event i as a signed POST, signed as it is built. */
  request(i) {
    this.next = Math.max(this.next, i + 1);
    const body = this.body(i);
    const signature = crypto.createHmac('sha3-256', this.key).update(body).digest('hex');
    return { method: 'POST', body, headers: { 'content-type': 'application/json', 'momento-signature': signature } };
  }

  answer(i, status) {
    this.answered.set(i, status);
  }

  /** autocannon's request list: each request is a new event. */
  requests() {
    return [{
      method: 'POST',
      setupRequest: (request, context) => {
        context.event = this.next;
        return { ...request, ...this.request(this.next) };
      },
      onResponse: (status, _body, context) => this.answer(context.event, status),
    }];
  }
}

/** Paced GETs of one URL: the floor the client and HTTP stack set, nothing read back. */
const FloorSource = { request: () => ({ method: 'GET', headers: {} }), answer: () => {} };

/** Unpaced load from autocannon (as fast as the connections go), in paced.js's result shape. */
function drive(url, source, options, seconds) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url,
      connections: options.connections,
      duration: seconds,
      requests: source.requests(),
    }, (error, r) => (error ? reject(error) : resolve({
      total: r.requests.total,
      average: r.requests.average,
      latency: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    })));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/** The measured load: paced at --rate when given, else unpaced. The warm-up is always unpaced (it is for the JIT). */
const measure = (url, source, options) => (options.rate > 0
  ? drivePaced(url, source, options, options.duration)
  : drive(url, source, options, options.duration));

async function readBack(client, cache, source) {
  const sent = source.next;
  const found = new Map();
  let unexpected = 0;
  for (let course = 0; course * PerCourse < sent; course++) {
    const response = await client.listFetch(cache, `${source.prefix}-${course}`);
    if (response instanceof CacheListFetch.Miss) {
      continue;
    }
    if (!(response instanceof CacheListFetch.Hit)) {
      throw new Error(`Reading ${source.prefix}-${course} back failed: ${response.toString()}`);
    }
    for (const item of response.valueListString()) {
      const match = /event (\d+) /.exec(JSON.parse(item).comment);
      if (!match) {
        unexpected++;
        continue;
      }
      const i = Number(match[1]);
      found.set(i, (found.get(i) || 0) + 1);
    }
  }
  let acknowledged = 0;
  let refused = 0;
  let missing = 0;
  for (const [i, status] of source.answered) {
    if (status >= 200 && status < 300) {
      acknowledged++;
      missing += found.has(i) ? 0 : 1;
    } else {
      refused++;
    }
  }
  const duplicates = [...found.values()].filter(n => n > 1).length;
  const unanswered = [...found.keys()].filter(i => !source.answered.has(i)).length;
  const storedRefused = [...found.keys()].filter(i => source.answered.has(i) && source.answered.get(i) >= 300).length;
  const ok = missing === 0 && duplicates === 0 && unexpected === 0 && storedRefused === 0 && refused === 0;
  return { sent, acknowledged, refused, stored: found.size, missing, duplicates, unexpected, unanswered, ok };
}

function row(name, r, digits) {
  const l = r.latency;
  const lag = r.lag ? `  (sent late: p99 ${r.lag.p99.toFixed(2)}, max ${r.lag.max.toFixed(2)} ms)` : '';
  return `${name.padEnd(8)} ${String(r.total).padStart(8)} ${r.average.toFixed(0).padStart(8)} `
    + `${l.p50.toFixed(digits).padStart(6)} ${l.p99.toFixed(digits).padStart(6)} ${l.max.toFixed(digits).padStart(7)} `
    + `${String(r.non2xx + r.errors).padStart(7)}${lag}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const [host, port] = options.emulator.split(':');
  const client = await CacheClient.create({
    configuration: Configurations.Laptop.v1(),
    credentialProvider: new MomentoLocalProvider({ hostname: host, port: Number(port) }),
    defaultTtlSeconds: 3600,
  });
  // Every publisher has a profile in production (the token endpoint writes it), so the load's users get one too:
  // ProfileStore's key and item (profile:<token id>, {"displayName": ...}).
  for (let user = 0; user < Users; user++) {
    await client.set(options.cache, `profile:load-user-${user}`, JSON.stringify({ displayName: `Load User ${user}` }),
      { ttl: 3600 });
  }
  const run = crypto.randomBytes(3).toString('hex');
  const mode = options.rate > 0 ? `${options.rate} req/s paced evenly` : 'unpaced';
  console.log(`compare run ${run}: ${options.connections} connections, ${options.duration} s per target, ${mode}, `
    + `${options.warmup} s warm-up each, ~${EventBytes}-byte events, ${options.rounds} round(s)`);
  const totals = new Map(options.targets.map(t => [t.name, []]));
  let allOk = true;
  for (const target of options.targets) {
    if (options.warmup > 0) {
      const warm = new EventSource(`cmp-${run}-${target.name}-warm`, options.secret);
      await drive(target.url, warm, options, options.warmup);
    }
  }
  const digits = options.rate > 0 ? 2 : 0;
  console.log(`${'target'.padEnd(8)} ${'requests'.padStart(8)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} `
    + `${'p99'.padStart(6)} ${'max ms'.padStart(7)} ${'non-2xx'.padStart(7)}  read-back`);
  if (options.rate > 0 && options.floor) {
    // A floor needs seconds, not a whole soak's duration.
    const floor = await drivePaced(options.floor, FloorSource, options, Math.min(options.duration, FloorSeconds));
    allOk = allOk && floor.errors === 0 && floor.non2xx === 0;
    console.log(`${row('floor', floor, digits)}  GET ${new URL(options.floor).pathname}, nothing stored`);
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const target of options.targets) {
      const source = new EventSource(`cmp-${run}-${target.name}-${round}`, options.secret);
      const result = await measure(target.url, source, options);
      const check = await readBack(client, options.cache, source);
      allOk = allOk && check.ok && result.errors === 0;
      totals.get(target.name).push(result.average);
      console.log(`${row(target.name, result, digits)}  ${check.ok ? 'OK' : 'FAILED'}: `
        + `${check.acknowledged} answered 2xx, ${check.stored} stored, ${check.missing} missing, `
        + `${check.duplicates} duplicates, `
        + `${check.refused} refused, ${check.unanswered} in flight at the stop (stored, unanswered)`);
    }
  }
  if (options.targets.length === 2 && options.rate === 0) {
    const [a, b] = options.targets.map(t => totals.get(t.name).reduce((x, y) => x + y, 0));
    console.log(`throughput ratio ${options.targets[0].name}/${options.targets[1].name}: ${(a / b).toFixed(2)}`);
  }
  client.close();
  process.exitCode = allOk ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
