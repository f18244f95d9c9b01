// Errors of the FHIR API as OperationOutcome (FHIR R4 §3.1.0.5), never the Problem shape of /api:
// a client's fault is a 4xx naming what was wrong (a search parameter as `expression`), and even
// the errors raised by shared services (AppError, the database) are answered this way.
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FastifyError } from 'fastify';
import { MESSAGES, type MessageKey } from '../../domain/messages.ts';
import { answerFor } from '../http/error-handler.ts';

export type IssueType = OperationOutcomeIssue['code'];

/** One issue: what kind, in words for a person (both languages), and where (FHIRPath or a parameter name). */
export interface Issue {
  severity?: OperationOutcomeIssue['severity'];
  code: IssueType;
  diagnostics: string;
  expression?: string[];
  /** A message key of src/domain/messages.ts, sent as details.coding so a client can translate by code. */
  messageKey?: string;
}

export const MESSAGE_SYSTEM = 'urn:hersys:message';

/**
 * Text a client sent, made a valid FHIR string for an answer: control characters and lone
 * surrogates become "?", no surrounding whitespace, at most 120 characters, never empty.
 */
export function printable(text: string): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?')
    .trim()
    .slice(0, 120)
    .trim();
  return clean || '?';
}

/** An OperationOutcome of the issues given. */
export function operationOutcome(issues: Issue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? 'error',
      code: i.code,
      ...(i.messageKey ? { details: { coding: [{ system: MESSAGE_SYSTEM, code: i.messageKey }], text: printable(i.diagnostics) } } : {}),
      diagnostics: printable(i.diagnostics),
      ...(i.expression?.length ? { expression: i.expression.map(printable) } : {}),
    })),
  };
}

/** An error a FHIR handler raises on purpose: answered with its status and OperationOutcome. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
    readonly headers: Record<string, string> = {},
  ) {
    super(outcome.issue[0]?.diagnostics ?? 'FHIR error');
  }
}

export const fhirError = (status: number, issue: Issue, headers: Record<string, string> = {}) => new FhirError(status, operationOutcome([issue]), headers);

/** A bad search parameter or query: 400 with the parameter as expression. */
export const badParameter = (name: string, diagnostics: string) => fhirError(400, { code: 'invalid', diagnostics, expression: [name] });

export const notFoundOutcome = (what: string) => fhirError(404, { code: 'not-found', diagnostics: `${what} is not known or not within your scope` });

const ISSUE_OF_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  415: 'not-supported',
  422: 'business-rule',
  423: 'lock-error',
  429: 'throttled',
  503: 'transient',
};

/** Any error as status, OperationOutcome and headers; null when it is our own fault (the caller logs it and answers 500). */
export function outcomeFor(error: unknown): { status: number; outcome: OperationOutcome; headers: Record<string, string> } | null {
  if (error instanceof FhirError) return { status: error.status, outcome: error.outcome, headers: error.headers };
  const answer = answerFor(error as FastifyError);
  if (!answer) return null;
  const { status, body } = answer;
  const text = (key: string) => (key in MESSAGES ? `${MESSAGES[key as MessageKey].ja} / ${MESSAGES[key as MessageKey].en}` : key);
  const fields = body.errors ?? [];
  const issues: Issue[] = fields.length
    ? fields.map((f) => ({ code: ISSUE_OF_STATUS[status] ?? 'processing', diagnostics: text(f.code), expression: [f.path.join('.')], messageKey: f.code }))
    : [{ code: ISSUE_OF_STATUS[status] ?? 'processing', diagnostics: text(body.code), messageKey: body.code }];
  return { status, outcome: operationOutcome(issues), headers: answer.headers };
}
