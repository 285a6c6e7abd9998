// Drives the Momento emulator with Momento's JavaScript SDK (@gomomento/sdk, MomentoLocalProvider): a client that
// is not ours, so the emulator's wire protocol is checked against Momento's own encoding and expectations.
// Usage: node wire-test.js <host> <grpc-port> <cache>. Prints one "PASS <check>" or "FAIL <check>: <why>" line per
// check and exits 1 when any failed.
'use strict';
const {
  CacheClient, TopicClient, Configurations, TopicConfigurations, MomentoLocalProvider,
  CacheGet, CacheSet, CacheSetIfAbsent, CacheDelete, CacheListPushFront, CacheListFetch,
  TopicPublish, TopicSubscribe, MomentoErrorCode,
} = require('@gomomento/sdk');

const [host, port, cache] = process.argv.slice(2);
const credentialProvider = new MomentoLocalProvider({ hostname: host, port: Number(port) });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
let failures = 0;

async function check(name, body) {
  try {
    await body();
    console.log(`PASS ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error && error.message ? error.message : error}`);
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function expectType(response, type, what) {
  expect(response instanceof type, `${what}: got ${response.toString()}`);
  return response;
}

async function main() {
  const cacheClient = await CacheClient.create({
    configuration: Configurations.Laptop.v1(),
    credentialProvider,
    defaultTtlSeconds: 60,
  });
  const topicClient = new TopicClient({ configuration: TopicConfigurations.Default.latest(), credentialProvider });

  await check('set-get-miss', async () => {
    expectType(await cacheClient.set(cache, 'js-key', 'js value ✓'), CacheSet.Success, 'set');
    const hit = expectType(await cacheClient.get(cache, 'js-key'), CacheGet.Hit, 'get');
    expect(hit.valueString() === 'js value ✓', `value was ${hit.valueString()}`);
    expectType(await cacheClient.get(cache, 'js-missing'), CacheGet.Miss, 'get of a missing key');
  });

  await check('set-if-absent-once', async () => {
    expectType(await cacheClient.setIfAbsent(cache, 'js-claim', 'first'), CacheSetIfAbsent.Stored, 'first claim');
    expectType(await cacheClient.setIfAbsent(cache, 'js-claim', 'second'), CacheSetIfAbsent.NotStored, 'second claim');
    const hit = expectType(await cacheClient.get(cache, 'js-claim'), CacheGet.Hit, 'get');
    expect(hit.valueString() === 'first', `value was ${hit.valueString()}`);
  });

  await check('delete', async () => {
    await cacheClient.set(cache, 'js-gone', 'x');
    expectType(await cacheClient.delete(cache, 'js-gone'), CacheDelete.Success, 'delete');
    expectType(await cacheClient.get(cache, 'js-gone'), CacheGet.Miss, 'get after delete');
  });

  await check('list-push-truncate-fetch', async () => {
    for (let i = 1; i <= 5; i++) {
      const pushed = expectType(
        await cacheClient.listPushFront(cache, 'js-list', `c${i}`, { truncateBackToSize: 3 }),
        CacheListPushFront.Success, 'push');
      expect(pushed.listLength() === Math.min(i, 3), `length ${pushed.listLength()} after push ${i}`);
    }
    const all = expectType(await cacheClient.listFetch(cache, 'js-list'), CacheListFetch.Hit, 'fetch');
    expect(JSON.stringify(all.valueListString()) === JSON.stringify(['c5', 'c4', 'c3']),
        `list was ${all.valueListString()}`);
    const slice = expectType(
      await cacheClient.listFetch(cache, 'js-list', { startIndex: 1, endIndex: 3 }), CacheListFetch.Hit, 'fetch slice');
    expect(JSON.stringify(slice.valueListString()) === JSON.stringify(['c4', 'c3']),
        `slice was ${slice.valueListString()}`);
    expectType(await cacheClient.listFetch(cache, 'js-no-list'), CacheListFetch.Miss, 'fetch of a missing list');
  });

  await check('ttl-expiry', async () => {
    await cacheClient.set(cache, 'js-ttl', 'brief', { ttl: 1 });
    expectType(await cacheClient.get(cache, 'js-ttl'), CacheGet.Hit, 'get before expiry');
    await sleep(1300);
    expectType(await cacheClient.get(cache, 'js-ttl'), CacheGet.Miss, 'get after expiry');
  });

  await check('unknown-cache', async () => {
    const error = expectType(await cacheClient.get('js-no-such-cache', 'k'), CacheGet.Error,
        'get from an unknown cache');
    expect(error.errorCode() === MomentoErrorCode.NOT_FOUND_ERROR, `error code ${error.errorCode()}`);
  });

  await check('publish-subscribe', async () => {
    const items = [];
    const subscription = expectType(await topicClient.subscribe(cache, 'js-topic', {
      onItem: item => items.push(item),
      onError: () => {},
    }), TopicSubscribe.Subscription, 'subscribe');
    for (const text of ['one', 'two', 'three']) {
      expectType(await topicClient.publish(cache, 'js-topic', text), TopicPublish.Success, 'publish');
    }
    for (let waited = 0; items.length < 3 && waited < 10000; waited += 50) {
      await sleep(50);
    }
    subscription.unsubscribe();
    expect(items.length === 3, `received ${items.length} items`);
    expect(JSON.stringify(items.map(i => i.valueString())) === JSON.stringify(['one', 'two', 'three']),
      `values ${items.map(i => i.valueString())}`);
    const numbers = items.map(i => i.sequenceNumber());
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]), `sequence numbers ${numbers} do not increase`);
  });

  cacheClient.close();
  topicClient.close && topicClient.close();
}

main()
  .catch(error => {
    failures++;
    console.log(`FAIL setup: ${error && error.stack ? error.stack : error}`);
  })
  .finally(() => process.exit(failures === 0 ? 0 : 1));
