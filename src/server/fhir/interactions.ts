// The read and search interactions for every resource type of resource.ts: one transaction as the
// client's service-account ID (row-level security), the audit row of what it opened in the same
// transaction (as the JSON API's reads: cases and persons by id, never the search values), then
// the resource or the searchset Bundle.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { requirePermission } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { fhirAuditDetails, requireScope, type FhirCaller } from './context.ts';
import { notFoundOutcome } from './outcome.ts';
import { unique, type ResourceType } from './resource.ts';
import { isUuid, paging, searchOf, searchset, type PageSealer, type Query } from './search.ts';

const recordIds = (caseIds: string[], personIds: string[]) => unique([...caseIds, ...personIds]);

export async function readResource<R extends Resource, F>(db: Database, caller: FhirCaller, kind: ResourceType<R, F>, id: string): Promise<R> {
  requireScope(caller, kind.type, 'read');
  requirePermission(caller.actor, 'cases.read');
  const key = id.toLowerCase();
  if (!isUuid(key)) throw notFoundOutcome(`${kind.type}/${id}`);
  return db.asActor(caller.actor, async (tx) => {
    const page = await kind.page(tx, kind.byId(key), null, 1);
    const loaded = await kind.load(tx, page.ids);
    const found = loaded.resources[0];
    if (!found) throw notFoundOutcome(`${kind.type}/${id}`);
    await audit(tx, caller, {
      action: 'fhir.read',
      recordType: 'case',
      recordIds: recordIds(loaded.caseIds, loaded.personIds),
      details: { ...fhirAuditDetails(caller), resourceType: kind.type, id: key },
    });
    return found;
  });
}

export async function searchResources<R extends Resource, F>(
  db: Database,
  caller: FhirCaller,
  kind: ResourceType<R, F>,
  request: Query,
  links: { base: string; sealer: PageSealer },
): Promise<Bundle<R>> {
  requireScope(caller, kind.type, 'read');
  requirePermission(caller.actor, 'cases.read');
  const query = searchOf(links.sealer, kind.type, request);
  const filter = kind.filter(query);
  const page = paging(query);
  return db.asActor(caller.actor, async (tx) => {
    const found = await kind.page(tx, filter, page.after, page.count);
    const loaded = await kind.load(tx, found.ids);
    await audit(tx, caller, {
      action: 'fhir.search',
      recordType: 'case',
      recordIds: recordIds(loaded.caseIds, loaded.personIds),
      // Which parameters, never their values (a name or a date of birth is personal data).
      details: { ...fhirAuditDetails(caller), resourceType: kind.type, params: Object.keys(query).sort(), results: loaded.resources.length, total: found.total },
    });
    return searchset(links.base, links.sealer, kind.type, query, page, { resources: loaded.resources, more: found.more, total: found.total });
  });
}
