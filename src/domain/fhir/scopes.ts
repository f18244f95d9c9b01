// SMART Backend Services scopes of the FHIR API (issue 15), and which of them a client may hold.
// A client is a system of one medical institution; it may do no more than that institution's staff:
// read what its doctors and clerks read (row-level security decides which rows), file notifications
// as a Bundle the way its doctor submits one. Pure: shared by the admin API, the token endpoint and
// the /fhir routes.
import type { OrgKind, Role } from '../organizations.ts';

export const FHIR_READ_RESOURCES = ['Patient', 'Condition', 'Observation', 'Encounter', 'Questionnaire', 'QuestionnaireResponse'] as const;
export type FhirReadResource = (typeof FHIR_READ_RESOURCES)[number];

/** Every scope the server knows (SMART v1 syntax: system/<Resource>.<read|write>). */
export const FHIR_SCOPES = [...FHIR_READ_RESOURCES.map((r) => `system/${r}.read` as const), 'system/Bundle.write'] as const;
export type FhirScope = (typeof FHIR_SCOPES)[number];

/** The scopes an institution of this kind may give its clients; none for any other kind. */
const ALLOWED_AT: Partial<Record<OrgKind, readonly FhirScope[]>> = {
  medical_institution: FHIR_SCOPES,
};

export const scopesAllowedAt = (kind: OrgKind): readonly FhirScope[] => ALLOWED_AT[kind] ?? [];

export const isFhirScope = (s: string): s is FhirScope => (FHIR_SCOPES as readonly string[]).includes(s);

/**
 * The scopes a token gets: those requested (space-separated) that the client is registered for.
 * `system/*.read` asks for every read scope. Unknown words are ignored, as RFC 6749 §3.3 allows.
 */
export function grantedScopes(requested: string, registered: readonly string[]): FhirScope[] {
  const words = new Set(requested.split(/\s+/).filter(Boolean));
  return FHIR_SCOPES.filter((s) => registered.includes(s) && (words.has(s) || (words.has('system/*.read') && s.endsWith('.read'))));
}

/** Whether granted scopes allow `interaction` on `resource` (a Bundle is posted as write). */
export const scopeAllows = (granted: readonly string[], resource: string, interaction: 'read' | 'write'): boolean =>
  granted.includes(`system/${resource}.${interaction}`);

/**
 * The roles of a client's service-account ID: filing a notification is a doctor's act (Q&A 17), so a
 * client registered for Bundle.write acts with a doctor's rights; a reading client with a clerk's.
 */
export const serviceAccountRoles = (scopes: readonly string[]): Role[] => (scopes.includes('system/Bundle.write') ? ['doctor'] : ['clerk']);
