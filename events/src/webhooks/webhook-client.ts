import { lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ipLiteralOf, isPublicAddress } from './address-policy';

/** A delivery the hub would not make: the receiver's address is not public. Recorded as `refused: <message>`. */
export class AddressRefused extends Error {
  override name = 'AddressRefused';
}

export interface WebhookClientOptions {
  /** Whether receivers may be on private, loopback or other internal addresses (`WEBHOOK_ALLOW_PRIVATE_ADDRESSES`). */
  allowPrivateAddresses: boolean;
  /** How names are resolved; `dns.lookup` (the system's resolver, as every other connection of the process). */
  lookup?: LookupFunction;
}

export interface WebhookAnswer {
  status: number;
  /** The start of the answer's body (up to 200 bytes), for the attempt's error text. */
  body: string;
}

export interface WebhookClient {
  /** POSTs once; redirects are not followed (a 3xx is the answer). Rejects when no answer came (refused, timeout …). */
  post(url: string, request: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<WebhookAnswer>;
  /** Closes the kept-alive connections. */
  close(): void;
}

const BODY_START = 200;
/** Idle kept-alive connections close after this, before a receiver's own (commonly 5 s) closes them under a request. */
const IDLE_SOCKET_MS = 4000;

/**
 * The dispatcher's HTTP client. Unless private addresses are allowed, it connects only to public ones: a URL's IP
 * literal is checked before anything is sent, and a name is resolved by the connection's own `lookup`, which refuses
 * it if any address it resolves to is not public. The socket then connects to exactly the address that was checked,
 * with no second resolution, so a name that answers a public address to a check and a private one to the connection
 * (DNS rebinding) gains nothing. Its own agents: a kept-alive connection was made (and checked) by this client only.
 */
export function createWebhookClient(options: WebhookClientOptions): WebhookClient {
  const { allowPrivateAddresses } = options;
  const resolve = options.lookup ?? (dnsLookup as LookupFunction);
  const lookup: LookupFunction = (hostname, lookupOptions, callback) =>
    resolve(hostname, lookupOptions, (err, address, family) => {
      if (err || allowPrivateAddresses) return callback(err, address, family);
      // One address for a plain connect, all of them when Node tries several (autoSelectFamily, the default).
      const all = typeof address === 'string' ? [address] : address.map((a) => a.address);
      const refused = all.find((a) => !isPublicAddress(a));
      if (refused) return callback(new AddressRefused(`${hostname} resolves to ${refused}, which is not a public address`), address, family);
      callback(null, address, family);
    });
  const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS, lookup };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  return {
    async post(url, { headers, body, timeoutMs }) {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`unsupported protocol ${target.protocol}`);
      // A literal address is never looked up, so it is checked here.
      const ip = ipLiteralOf(target.hostname);
      if (ip && !allowPrivateAddresses && !isPublicAddress(ip)) throw new AddressRefused(`${ip} is not a public address`);
      const send = target.protocol === 'https:' ? https.request : http.request;
      return new Promise<WebhookAnswer>((resolve, reject) => {
        const req = send(
          target,
          {
            method: 'POST',
            agent: agents[target.protocol as 'http:' | 'https:'],
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            signal: AbortSignal.timeout(timeoutMs),
          },
          (res) => {
            // The status is the answer; of the body only its start is kept, and a longer one is not read to its end.
            const chunks: Buffer[] = [];
            let size = 0;
            const done = () => {
              resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8', 0, Math.min(size, BODY_START)) });
              if (!res.complete) res.destroy();
            };
            res.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              size += chunk.length;
              if (size >= BODY_START) done();
            });
            res.on('end', done);
            // Cut off (the timeout, the receiver gone): the status came, which is what counts.
            res.on('error', done);
            res.on('close', done);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
