// The SMS transports against real counterparts: the HTTP gateway against a local HTTP server that
// answers as a provider would (accepts, refuses, hangs), and the file transport on disk; then an SMS
// written with the work's transaction goes out through the outbox and is retried while the gateway
// is down.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { deliverDueSms } from '../jobs/outbox-worker.ts';
import { enqueueSms, fileSmsTransport, httpSmsGateway, smsTransport } from './sms.ts';

const message = { to: '090-0000-4321', text: 'My HER-SYS: 今日の健康状態を入力してください https://hersys.example.jp/my' };

/** A gateway on a local port: records each request and answers with what `answer` says. */
async function startGateway() {
  const received: { headers: IncomingMessage['headers']; body: unknown }[] = [];
  const gateway = { received, answer: 202 as number | 'hang', url: '' };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      if (gateway.answer === 'hang') return; // never answers: the client's timeout must end it
      res.writeHead(gateway.answer, { 'content-type': 'application/json' }).end('{"id":"m-1"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
  return { gateway, close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))) };
}

describe('HTTP SMS gateway', () => {
  let g: Awaited<ReturnType<typeof startGateway>>;
  before(async () => (g = await startGateway()));
  after(() => g.close());

  it('POSTs the number and text as JSON with the bearer token', async () => {
    g.gateway.answer = 202;
    await httpSmsGateway(g.gateway.url, 'secret-token').send(message);
    const [request] = g.gateway.received.slice(-1);
    assert.deepEqual(request.body, message);
    assert.equal(request.headers.authorization, 'Bearer secret-token');
    assert.equal(request.headers['content-type'], 'application/json');
  });

  it('sends no authorization header without a token', async () => {
    await httpSmsGateway(g.gateway.url, undefined).send(message);
    assert.equal(g.gateway.received.at(-1)!.headers.authorization, undefined);
  });

  it('fails on an answer other than 2xx, and on a gateway that does not answer in time', async () => {
    g.gateway.answer = 503;
    await assert.rejects(httpSmsGateway(g.gateway.url, 't').send(message), /SMS gateway answered 503/);
    g.gateway.answer = 'hang';
    const started = Date.now();
    await assert.rejects(httpSmsGateway(g.gateway.url, 't', 300).send(message), (e: Error) => e.name === 'TimeoutError');
    assert.ok(Date.now() - started < 5000, 'the timeout ends the wait');
  });

  it('is chosen by the configuration; without one, messages wait in the outbox', () => {
    assert.equal(smsTransport({ SMS_TRANSPORT: 'http', SMS_FILE: 'x', SMS_GATEWAY_URL: g.gateway.url }) !== null, true);
    assert.equal(smsTransport({ SMS_TRANSPORT: 'http', SMS_FILE: 'x' }), null, 'http without a URL');
    assert.equal(smsTransport({ SMS_FILE: 'x' }), null);
  });
});

describe('file SMS transport', () => {
  it('appends one JSON line per message to a file only its owner can read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-sms-'));
    try {
      const path = join(dir, 'nested', 'sms.jsonl');
      const transport = fileSmsTransport(path);
      await transport.send(message);
      await transport.send({ ...message, to: '080-1111-2222' });
      const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(
        lines.map((l) => l.to),
        ['090-0000-4321', '080-1111-2222'],
      );
      assert.equal(lines[0].text, message.text);
      assert.equal(statSync(path).mode & 0o777, 0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const engine of ENGINES) {
  describe(`SMS through the outbox and the HTTP gateway (${engine})`, () => {
    let t: TestDatabase;
    let g: Awaited<ReturnType<typeof startGateway>>;
    before(async () => {
      t = await freshDatabase(engine);
      g = await startGateway();
    });
    after(async () => {
      await g.close();
      await t.close();
    });

    it('keeps the SMS while the gateway refuses, delivers it once it accepts, and sends it once', async () => {
      const actor = await actorFor(t.db, 'shinjuku-h1');
      await t.db.asActor(actor, async (tx) => enqueueSms(tx, message));
      const gateway = httpSmsGateway(g.gateway.url, 't');
      g.gateway.answer = 503;
      assert.deepEqual(await deliverDueSms(t.db, gateway), { sent: 0, failed: 1 });
      const row = (await t.superuser(`SELECT attempts, last_error, next_attempt_at > now() AS later FROM outbox WHERE kind = 'sms'`)).rows[0];
      assert.equal(row.attempts, 1);
      assert.match(String(row.last_error), /503/);
      assert.equal(row.later, true, 'retried later, not at once');
      await t.superuser(`UPDATE outbox SET next_attempt_at = now() WHERE kind = 'sms'`);
      g.gateway.answer = 200;
      const before = g.gateway.received.length;
      assert.deepEqual(await deliverDueSms(t.db, gateway), { sent: 1, failed: 0 });
      assert.deepEqual(g.gateway.received.at(-1)!.body, message);
      assert.deepEqual(await deliverDueSms(t.db, gateway), { sent: 0, failed: 0 }, 'sent once');
      assert.equal(g.gateway.received.length, before + 1);
    });
  });
}
