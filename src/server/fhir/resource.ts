// What the read and search interactions need of each resource type (patient.ts, condition.ts, …):
// its search parameters parsed into a filter, a page of ids, the resources of those ids, and the
// cases and persons they show (for the audit trail).
import type { Resource } from '@medplum/fhirtypes';
import type { Tx } from '../db/database.ts';
import type { Page } from './repo.ts';
import type { Query } from './search.ts';

export interface Loaded<R> {
  resources: R[];
  /** The cases and persons the resources show: the audit row's record ids. */
  caseIds: string[];
  personIds: string[];
}

export interface ResourceType<R extends Resource, F> {
  type: R['resourceType'];
  /** The search parameters it supports (CapabilityStatement and the 400 for any other). */
  searchParams: readonly { name: string; type: 'token' | 'string' | 'date' | 'reference'; documentation: string }[];
  /** The filter of a search (throws a 400 OperationOutcome for a bad parameter), or of a read by id. */
  filter(query: Query): F;
  byId(id: string): F;
  page(tx: Tx, filter: F, after: string | null, limit: number): Promise<Page>;
  load(tx: Tx, ids: string[]): Promise<Loaded<R>>;
}

export const unique = (xs: string[]) => [...new Set(xs)];
