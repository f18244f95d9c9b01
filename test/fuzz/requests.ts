// Requests for every operation of the served OpenAPI document: path ids, query string, headers
// and body generated from the operation's schemas, then (often) made wrong on purpose.
import fc from 'fast-check';
import { hostileValue, mutate, rawBody, toJson, type Json } from './hostile.ts';
import { arbitraryOf, text, type JsonSchema, type ValueSources } from './schema-arbitrary.ts';
import type { Ids } from './world.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** e.g. "POST /api/cases/{id}/tests" */
  name: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  /** Called by another server with a bearer token (the 処理番号 redemption), not with a session. */
  bearer: boolean;
}

export interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** What was generated and what was made wrong, without the values themselves. */
  labels: string[];
}

export function operationsOf(doc: any): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
      bearer: JSON.stringify(op.security ?? []).includes('bearer') || path.endsWith('/redeem'),
    })),
  );
}

/** Percent-encodes a value; one that cannot be UTF-8 (a lone surrogate) goes as the bytes of one. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestsFor(op: Operation, ids: Ids, sources: ValueSources, redeemToken: string): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');

  const path = fc.tuple(...pathParams.map((p) => ids.forParam(op.path, p.name))).map((values) => {
    let url = op.path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, values[i]!.value)));
    return { url, labels: values.map((v, i) => `${pathParams[i]!.name}: ${v.label}`) };
  });

  // As a search form sends it: the required parameters and a few others.
  const validQuery = arbitraryOf(
    { type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])), required: queryParams.filter((p) => p.required).map((p) => p.name) },
    sources,
  ).map((q) => Object.fromEntries(Object.entries(q as object).map(([k, v]) => [k, String(v)]))) as fc.Arbitrary<Record<string, string | string[]>>;
  const query = fc.oneof(
    { weight: 6, arbitrary: validQuery.map((q) => ({ q, label: 'query: valid' })) },
    {
      weight: queryParams.length ? 3 : 1,
      arbitrary: fc
        .tuple(validQuery, fc.constantFrom(...queryParams.map((p) => p.name), 'extra'), hostileValue(ids.anyUuid), fc.boolean())
        .map(([q, name, bad, repeat]) => {
          const value = typeof bad.value === 'string' ? bad.value : JSON.stringify(bad.value);
          const changed = { ...q, [name]: repeat ? [q[name] as string ?? 'a', value] : value };
          return { q: changed, label: `query: ${bad.label} in ${name}${repeat ? ' (repeated)' : ''}` };
        }),
    },
  ).map(({ q, label }) => {
    const pairs = Object.entries(q).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(k)}=${encode(x)}`));
    return { search: pairs.length ? `?${pairs.join('&')}` : '', label };
  });

  const body: fc.Arbitrary<{ payload?: string; contentType?: string; label: string }> = op.body
    ? (() => {
        const valid = arbitraryOf(op.body, sources) as fc.Arbitrary<Json>;
        return fc.oneof(
          { weight: 5, arbitrary: valid.map((v) => ({ payload: toJson(v), contentType: 'application/json', label: 'body: valid' })) },
          {
            weight: 5,
            arbitrary: valid.chain((v) => mutate(v, ids.anyUuid)).map((m) => ({ payload: toJson(m.value), contentType: 'application/json', label: `body: ${m.label}` })),
          },
          { weight: 1, arbitrary: rawBody(valid).map((r) => ({ payload: r.payload, contentType: r.contentType, label: `body: ${r.label}` })) },
        );
      })()
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant({ label: 'no body' }) },
        { weight: 1, arbitrary: rawBody(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).map((r) => ({ ...r, label: `unexpected body: ${r.label}` })) },
      );

  const headers = fc.record({
    purpose: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: text(1, 30).map((s) => encode(s)) },
      { weight: 1, arbitrary: fc.constantFrom('%00', 'a%00b', '%E3%81', '%ED%A0%80', '%', 'x'.repeat(2000)) },
    ),
    csrf: SAFE.has(op.method) ? fc.constant(undefined) : fc.oneof({ weight: 20, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('', 'forged') }),
    bearer: op.bearer
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(`Bearer ${redeemToken}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', `Bearer ${redeemToken}x`, `bearer ${redeemToken}`, 'Basic eDp5') })
      : fc.constant(undefined),
  });

  return fc.tuple(path, query, body, headers).map(([p, q, b, h]) => {
    const out: Record<string, string> = {};
    if (b.contentType) out['content-type'] = b.contentType;
    if (h.purpose !== undefined) out['x-hersys-purpose'] = h.purpose;
    if (h.csrf !== undefined) out['x-csrf-token'] = h.csrf;
    if (h.bearer !== undefined) out.authorization = h.bearer;
    const labels = [...p.labels, q.label, b.label];
    if (h.purpose !== undefined) labels.push('purpose header');
    if (h.csrf !== undefined) labels.push(`csrf: ${h.csrf || 'empty'}`);
    if (h.bearer !== undefined && h.bearer !== `Bearer ${redeemToken}`) labels.push('bad bearer token');
    return { method: op.method, url: p.url + q.search, headers: out, ...(b.payload !== undefined ? { payload: b.payload } : {}), labels };
  });
}
