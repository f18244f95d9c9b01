// Values that satisfy a JSON Schema of the served OpenAPI document (the subset zod emits), as
// fast-check arbitraries. No maintained package does this for fast-check 4 (json-schema-fast-check
// is built on fast-check 1, zod-fast-check on zod 3), hence these few lines. Identifiers and dates
// come from the caller, so that most requests name records that exist and days that make sense.
import fc from 'fast-check';

export type JsonSchema = Record<string, any>;

export interface ValueSources {
  /** A uuid: mostly one of the demo world's, sometimes a random one. */
  uuid: fc.Arbitrary<string>;
  /** A uuid for a field of this name (orgId, personId…): mostly a real id of that kind. */
  uuidFor(name: string): fc.Arbitrary<string>;
  /** A calendar date yyyy-mm-dd, mostly plausible ones. */
  date: fc.Arbitrary<string>;
  /** Resolves a local $ref of the document. */
  resolve(ref: string): JsonSchema;
}

const KATAKANA = [...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポャュョッー'];
const KANJI = [...'山田太郎花子佐藤鈴木一郎新宿中野区東京都保健所医師病院咳発熱会社員'];

/** Free text as people type it: ASCII, kana, kanji, spaces, now and then any code point. */
export const text = (minLength = 0, maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...KATAKANA, ' '), minLength, maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...KANJI, ' '), minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
  );

const MAX_ITEMS = 5;

export function arbitraryOf(schema: JsonSchema, sources: ValueSources): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(sources.resolve(schema.$ref), sources);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((b: JsonSchema) => arbitraryOf({ ...schema, anyOf: undefined, oneOf: undefined, ...b }, sources)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitraryOf({ ...schema, type }, sources)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const lo = Math.ceil(schema.minimum ?? -5);
      const hi = Math.floor(schema.maximum ?? 1000);
      // Small values are the ones that match versions and counts of the demo world.
      const small = fc.integer({ min: lo, max: Math.min(hi, Math.max(lo, 5)) });
      const any = fc.integer({ min: lo, max: hi });
      if (schema.type === 'integer') return fc.oneof(small, any);
      // Readings such as 37.5 °C have one decimal place.
      return fc.oneof(small, any, fc.integer({ min: lo * 10, max: hi * 10 }).map((n) => n / 10), fc.double({ min: lo, max: hi, noNaN: true }));
    }
    case 'string':
      return stringOf(schema, sources);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(arbitraryOf(schema.items ?? {}, sources), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, sources);
    default:
      // No type: anything JSON (form answers are validated against the form definition).
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Kana fields get kana: a random string would only ever meet the kana rule. */
function valueOf(name: string, schema: JsonSchema, sources: ValueSources): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') return sources.uuidFor(name);
  if (/kana/i.test(name) && schema.type === 'string') return fc.string({ unit: fc.constantFrom(...KATAKANA), minLength: 1, maxLength: 12 });
  return arbitraryOf(schema, sources);
}

function stringOf(schema: JsonSchema, sources: ValueSources): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 60;
  switch (schema.format) {
    case 'uuid':
      return sources.uuid;
    case 'date':
      return sources.date;
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= maxLength);
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= maxLength);
  }
  return text(minLength, Math.min(maxLength, 80));
}

function objectOf(schema: JsonSchema, sources: ValueSources): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const optional = Object.keys(properties).filter((k) => !required.has(k));
  // The required fields and a few optional ones: each field is another chance to break a rule
  // across fields, and a request that passes them all reaches the service.
  const record = fc.subarray(optional, { maxLength: Math.min(3, optional.length) }).chain((chosen) =>
    fc.record(Object.fromEntries([...required, ...chosen].filter((k) => k in properties).map((k) => [k, valueOf(k, properties[k]!, sources)]))),
  );
  if (!schema.additionalProperties || typeof schema.additionalProperties !== 'object') return record;
  // A record (form answers): keys as the schema says, values as its additionalProperties say.
  const keys = schema.propertyNames ? stringOf({ type: 'string', ...schema.propertyNames }, sources) : text(1, 20);
  return fc
    .tuple(record, fc.dictionary(keys, arbitraryOf(schema.additionalProperties, sources), { maxKeys: 4 }))
    .map(([fixed, extra]) => ({ ...extra, ...fixed }));
}
