// The per-address limit on the login steps (LOGIN_RATE_LIMIT_PER_MINUTE, counted by
// @fastify/rate-limit). A request is counted when it arrives but refused by the step itself, which
// alone knows the account's back-off as well: whichever refuses, the answer's Retry-After is the
// time at which neither will, so a retry then is checked. (The plugin's route option refuses before
// the account is known, and its back-off answer ignored the address's count.)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** What the address's limit says of one request. */
export interface AddressLimit {
  /** Over the limit: the request is refused unchecked. */
  exceeded: boolean;
  /** Seconds until the address may send its next request (0: at once). */
  waitSeconds: number;
}

const FREE: AddressLimit = { exceeded: false, waitSeconds: 0 };

/** One route's counter: `count` is its onRequest hook, `of` tells its handler what it counted. */
export function addressLimit(app: FastifyInstance, max: number, windowMs: number) {
  const limiter = app.createRateLimit({ max, timeWindow: windowMs });
  const counted = new WeakMap<FastifyRequest, AddressLimit>();
  const of = (request: FastifyRequest) => counted.get(request) ?? FREE;
  return {
    count: async (request: FastifyRequest) => {
      const r = await limiter(request);
      if (r.isAllowed) return; // an allow-listed address
      // The request that takes the window's last place leaves the address waiting for its end too.
      counted.set(request, { exceeded: r.isExceeded, waitSeconds: r.isExceeded || r.remaining === 0 ? r.ttlInSeconds : 0 });
    },
    of,
    /** For a step without a back-off of its own: refused when over the limit, until the window ends. */
    refuseOver(request: FastifyRequest) {
      const address = of(request);
      if (address.exceeded) throw new AppError(429, 'rate_limited', { retryAfterSeconds: address.waitSeconds });
    },
  };
}
