// What a careless or hostile client sends instead of a valid value: wrong types, missing and extra
// fields, 1 MB strings, NUL and lone surrogates, impossible dates, bad and upper-case ids, huge
// numbers, deep nesting; and bodies that are not JSON at all or say they are something else.
// Each variant carries a label so a failure names what was sent without repeating the data.
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Labelled<T> {
  value: T;
  label: string;
}

const labelled = <T>(label: string, arb: fc.Arbitrary<T>) => arb.map((value) => ({ value, label }));

/** Just under the 1 MiB body limit once quoted, and over it. */
const ONE_MB = 1_000_000;

// JSON.stringify overflows the stack long before JSON.parse does, so deep nesting travels as a
// marker in the value and becomes text only in toJson().
const DEEP = /"\\u0001deep:(\d+):([ao])\\u0001"/g;
const deep = (depth: number, asObject: boolean) => `\u0001deep:${depth}:${asObject ? 'o' : 'a'}\u0001`;

/** The request body's text. */
export function toJson(value: Json): string {
  return (JSON.stringify(value) ?? '').replace(DEEP, (_m, depth: string, kind: string) =>
    kind === 'o' ? '{"a":'.repeat(Number(depth)) + '1' + '}'.repeat(Number(depth)) : '['.repeat(Number(depth)) + ']'.repeat(Number(depth)),
  );
}

export function hostileValue(realIds: fc.Arbitrary<string>): fc.Arbitrary<Labelled<Json>> {
  return fc.oneof(
    labelled('wrong type', fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant<Json>([]), fc.constant<Json>({}), fc.string({ maxLength: 5 }))),
    labelled('NUL', fc.constantFrom('a\u0000b', '\u0000', '山田\u0000')),
    labelled('lone surrogate', fc.constantFrom('\uD800', 'a\uDC00b', '\uDBFF\uDBFF')),
    labelled('invalid date', fc.constantFrom('2022-02-30', '2021-02-29', '2022-13-01', '2022-00-10', '2022-04-31', '0000-01-01', '9999-12-31', '2022-2-3', '２０２２-０１-０１', '2022-01-01T00:00:00Z', '1899-12-31', '2099-01-01', '20220101')),
    labelled('huge number', fc.constantFrom(1e308, -1e308, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 2, 2 ** 63, 1e21, 0.5, -0, 1e-300, -1)),
    labelled('bad id', fc.constantFrom('not-a-uuid', '', ' ', "'; DROP TABLE cases; --", '../../etc/passwd', '%00', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{}')),
    labelled('upper-case id', realIds.map((id) => id.toUpperCase())),
    labelled('odd text', fc.constantFrom('\u202Eevil', '😷👨‍👩‍👧', ' \r\n\t ', '\u200B', 'ｶﾀｶﾅ', 'Robert"); --', '<script>alert(1)</script>', '\\', '%E3%81')),
    labelled('10 kB string', fc.constant('あ'.repeat(10_000))),
    labelled('1 MB string', fc.constantFrom('a'.repeat(ONE_MB), 'a'.repeat(ONE_MB + 100_000))),
    labelled('deep nesting', fc.tuple(fc.constantFrom(100, 1_000, 100_000), fc.boolean()).map(([d, o]) => deep(d, o))),
  );
}

type Path = (string | number)[];

/** Every node of a JSON value with its path, the root included. */
function nodesOf(value: Json, path: Path = [], out: { path: Path; value: Json }[] = []) {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodesOf(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
}

function setAt(root: Json, path: Path, replace: (parent: any, key: string | number) => void): Json {
  if (!path.length) {
    const box: any = { root };
    replace(box, 'root');
    return box.root;
  }
  const copy = structuredClone(root);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  replace(parent, path.at(-1)!);
  return copy;
}

const where = (path: Path) => (path.length ? path.join('.') : '(root)');

/** A valid value with one thing made wrong: a node replaced, a field removed, a field added. */
export function mutate(value: Json, realIds: fc.Arbitrary<string>): fc.Arbitrary<Labelled<Json>> {
  const nodes = nodesOf(value);
  const fields = nodes.filter((n) => n.path.length && typeof n.path.at(-1) === 'string');
  const objects = nodes.filter((n) => n.value && typeof n.value === 'object' && !Array.isArray(n.value));
  const options: fc.Arbitrary<Labelled<Json>>[] = [
    fc.tuple(fc.constantFrom(...nodes), hostileValue(realIds)).map(([node, bad]) => ({
      value: setAt(value, node.path, (p, k) => (p[k] = bad.value)),
      label: `${bad.label} at ${where(node.path)}`,
    })),
  ];
  if (fields.length) {
    options.push(
      fc.constantFrom(...fields).map((node) => ({
        value: setAt(value, node.path, (p, k) => delete p[k]),
        label: `missing ${where(node.path)}`,
      })),
    );
  }
  if (objects.length) {
    options.push(
      fc.tuple(fc.constantFrom(...objects), fc.constantFrom('extra', 'id', 'version', '__proto__', 'constructor', 'createdBy', 'status'), hostileValue(realIds)).map(([node, key, bad]) => ({
        value: setAt(value, [...node.path, key], (p, k) => Object.defineProperty(p, k, { value: bad.value, enumerable: true, configurable: true, writable: true })),
        label: `extra field ${key} (${bad.label}) at ${where(node.path)}`,
      })),
    );
  }
  return fc.oneof(...options);
}

export interface RawBody {
  payload: string;
  contentType?: string;
  label: string;
}

/** Bodies that are not the JSON they claim to be, or claim to be something else. */
export function rawBody(valid: fc.Arbitrary<Json>): fc.Arbitrary<RawBody> {
  const json = 'application/json';
  return fc.oneof(
    fc.constantFrom(
      { payload: '{"a":', contentType: json, label: 'truncated JSON' },
      { payload: '{"a":1}}', contentType: json, label: 'trailing garbage' },
      { payload: '', contentType: json, label: 'empty JSON body' },
      { payload: 'null', contentType: json, label: 'JSON null' },
      { payload: '[]', contentType: json, label: 'JSON array' },
      { payload: '"text"', contentType: json, label: 'JSON string' },
      { payload: '12', contentType: json, label: 'JSON number' },
      { payload: '{"__proto__":{"admin":true}}', contentType: json, label: 'prototype poisoning' },
      { payload: '{"constructor":{"prototype":{"admin":true}}}', contentType: json, label: 'constructor poisoning' },
      { payload: '\uFEFF{}', contentType: json, label: 'byte order mark' },
      { payload: '{"version":1,"version":"x"}', contentType: json, label: 'duplicate keys' },
      { payload: `{"a":${'['.repeat(50_000)}`, contentType: json, label: 'unclosed deep nesting' },
      { payload: '<a/>', contentType: 'application/xml', label: 'XML' },
      { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', label: 'form' },
      { payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x', label: 'multipart' },
      { payload: '{}', contentType: 'text/plain', label: 'JSON as text/plain' },
      { payload: '{}', label: 'no content type' },
    ),
    fc.tuple(valid, fc.constantFrom('APPLICATION/JSON', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/merge-patch+json', 'application/jsonx', 'text/json')).map(
      ([body, contentType]) => ({ payload: toJson(body), contentType, label: `content type ${contentType}` }),
    ),
  );
}
