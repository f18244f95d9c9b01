// The shapes of the parts of a posted Bundle the intake reads, checked before anything reads them:
// a client may send any JSON, and a string where an array belongs must be a 400 at its path, never
// a crash. Loose objects (other FHIR elements pass through unread); sizes bounded.
import { z } from 'zod';
import { literal, type FhirIssue } from './issues.ts';

const str = z.string().max(10_000);
const list = <T extends z.ZodType>(t: T, max = 100) => z.array(t).max(max);
const Reference = z.looseObject({ reference: str.optional() });
const Coding = z.looseObject({ system: str.optional(), code: str.optional(), display: str.optional() });
const CodeableConcept = z.looseObject({ coding: list(Coding).optional(), text: str.optional() });
const Extension = z.looseObject({
  url: str,
  valueCode: str.optional(),
  valueString: str.optional(),
  valueDate: str.optional(),
  valueReference: Reference.optional(),
});
const Answer = z.looseObject({
  valueBoolean: z.boolean().optional(),
  valueDate: str.optional(),
  valueInteger: z.number().optional(),
  valueDecimal: z.number().optional(),
  valueString: str.optional(),
  valueCoding: Coding.optional(),
  extension: list(Extension).optional(),
});
interface ItemShape {
  linkId: string;
  answer?: z.infer<typeof Answer>[];
  item?: ItemShape[];
}
const Item: z.ZodType<ItemShape> = z.looseObject({
  linkId: str,
  answer: list(Answer, 50).optional(),
  get item() {
    return list(Item, 200).optional();
  },
});
const HumanName = z.looseObject({ text: str.optional(), family: str.optional(), given: list(str, 10).optional(), extension: list(Extension).optional() });
const Address = z.looseObject({
  text: str.optional(),
  state: str.optional(),
  city: str.optional(),
  district: str.optional(),
  line: list(str, 10).optional(),
  use: str.optional(),
  extension: list(Extension).optional(),
});
const ContactPoint = z.looseObject({ system: str.optional(), value: str.optional() });

export const SHAPES: Record<string, z.ZodType> = {
  QuestionnaireResponse: z.looseObject({ questionnaire: str.optional(), subject: Reference.optional(), item: list(Item, 200).optional(), extension: list(Extension).optional() }),
  Patient: z.looseObject({
    id: str.optional(),
    name: list(HumanName, 10).optional(),
    gender: str.optional(),
    birthDate: str.optional(),
    address: list(Address, 10).optional(),
    telecom: list(ContactPoint, 20).optional(),
    contact: list(
      z.looseObject({ relationship: list(CodeableConcept).optional(), name: HumanName.optional(), telecom: list(ContactPoint, 20).optional(), address: Address.optional() }),
      10,
    ).optional(),
  }),
  Observation: z.looseObject({
    status: str.optional(),
    code: CodeableConcept.optional(),
    subject: Reference.optional(),
    specimen: Reference.optional(),
    contained: list(z.looseObject({ resourceType: str, id: str.optional(), type: CodeableConcept.optional(), collection: z.looseObject({ collectedDateTime: str.optional() }).optional() }), 10).optional(),
    effectiveDateTime: str.optional(),
    issued: str.optional(),
    valueCodeableConcept: CodeableConcept.optional(),
    extension: list(Extension).optional(),
    performer: list(z.looseObject({ display: str.optional() }), 10).optional(),
  }),
};

export const BundleShape = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: str.optional(),
  identifier: z.looseObject({ system: str.optional(), value: str.optional() }).optional(),
  entry: list(z.looseObject({ fullUrl: str.optional(), resource: z.looseObject({ resourceType: str }) }), 50).optional(),
});

/** A zod path as a FHIRPath expression under `root`: ['item', 2, 'answer'] -> root.item[2].answer. */
const expressionOf = (root: string, path: PropertyKey[]) =>
  path.reduce<string>((e, p) => (typeof p === 'number' ? `${e}[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(String(p)) ? `${e}.${String(p)}` : `${e}[${literal(String(p))}]`), root);

/** Structure problems of `value` under `schema`, as error issues at `root`. */
export function shapeIssues(schema: z.ZodType, value: unknown, root: string): FhirIssue[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.slice(0, 20).map((i) => ({
    severity: 'error',
    code: 'structure',
    detail: 'structure',
    expression: [expressionOf(root, i.path)],
    message: { ja: `形式が正しくありません: ${i.message}`, en: `Wrong structure: ${i.message}` },
  }));
}
