// What a client reads before anything else: the CapabilityStatement (GET /fhir/metadata) and the
// SMART configuration (GET /fhir/.well-known/smart-configuration), both without a token.
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { FHIR_SCOPES } from '../../domain/fhir/scopes.ts';
import type { Config } from '../config.ts';
import type { ResourceType } from './resource.ts';
import { fhirBaseOf, tokenUrlOf } from './token.ts';

/** What other modules add to the statement (e.g. the Bundle intake's POST /fhir, Questionnaire). */
export interface CapabilityAdditions {
  resources?: CapabilityStatementRestResource[];
  interactions?: NonNullable<NonNullable<CapabilityStatement['rest']>[number]['interaction']>;
}

export function capabilityStatement(config: Config, kinds: readonly ResourceType<never, never>[], additions: CapabilityAdditions[]): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-06',
    publisher: 'hersys',
    kind: 'instance',
    software: { name: 'hersys' },
    implementation: { description: 'hersys FHIR R4 API (infectious-disease notifications, issue 15)', url: fhirBaseOf(config) },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read and search for the systems of a medical institution, registered by its administrator at /api/fhir-clients. ' +
          'Search with GET [type]?… or, to keep names and dates of birth out of URLs, POST [type]/_search with a form body. ' +
          'Search results are ordered by id and paged with _count (at most 100, default 20) and the next link, whose _page seals the search; ' +
          'a repeated parameter means AND; comma-separated values (OR) and unknown parameters are refused with 400. ' +
          'HER-SYS IDs are identifiers of system urn:hersys:case-number.',
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: `SMART Backend Services: a client assertion (RS384 or ES384) at ${tokenUrlOf(config)} gives a bearer token for 300 s; scopes ${FHIR_SCOPES.join(', ')}.`,
        },
        resource: [
          ...kinds.map((k) => ({
            type: k.type,
            interaction: [{ code: 'read' as const }, { code: 'search-type' as const, documentation: 'GET, or POST [type]/_search with a form body' }],
            searchParam: k.searchParams.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation })),
          })),
          ...additions.flatMap((a) => a.resources ?? []),
        ],
        ...(additions.some((a) => a.interactions?.length) ? { interaction: additions.flatMap((a) => a.interactions ?? []) } : {}),
      },
    ],
  };
}

export const smartConfiguration = (config: Config) => ({
  token_endpoint: tokenUrlOf(config),
  token_endpoint_auth_methods_supported: ['private_key_jwt'],
  token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
  grant_types_supported: ['client_credentials'],
  scopes_supported: [...FHIR_SCOPES, 'system/*.read'],
  capabilities: ['client-confidential-asymmetric', 'permission-v1'],
});
