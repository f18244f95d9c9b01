// What the FHIR mappings report: an OperationOutcome issue before it is one, with the FHIRPath
// expressions that locate it and the message in Japanese and English.
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Localized } from '../messages.ts';
import { HERSYS_FHIR, translated } from './canonical.ts';

export type IssueSeverity = 'error' | 'warning' | 'information';
export type IssueType = OperationOutcomeIssue['code'];

export interface FhirIssue {
  severity: IssueSeverity;
  code: IssueType;
  /** hersys's own code: an answer error code, a logic-check rule id, a legal-minimum gap, … */
  detail: string;
  expression: string[];
  message: Localized;
}

export const ISSUE_SYSTEM = `${HERSYS_FHIR}/CodeSystem/issue`;

export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      details: { coding: [{ system: ISSUE_SYSTEM, code: i.detail }], text: i.message.ja, _text: translated(i.message) },
      diagnostics: i.message.en,
      ...(i.expression.length ? { expression: i.expression } : {}),
    })) as OperationOutcomeIssue[],
  };
}

export const hasErrors = (issues: readonly FhirIssue[]) => issues.some((i) => i.severity === 'error');

/** A quoted FHIRPath string literal. */
export const literal = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** The object without its undefined members (zod keeps them), as the web form would send it. */
export const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
