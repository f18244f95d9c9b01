// Shapes of the follow-up API: current status (記録タブ), residence (居所), and responsibility between
// health centres (transfer, related centres, follow-up-centre assignments; Q&A 4).
import { z } from 'zod';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';
import { CASE_STATUSES } from '../case-status.ts';
import { RESIDENCE_KINDS } from '../residence.ts';
import { PathId } from './users.ts';

const isoDate = CalendarDate;
const note = z.string().trim().max(500);

export const CaseStatus = z.enum(CASE_STATUSES);

export const StatusChangeBody = z.object({
  status: CaseStatus,
  effectiveOn: isoDate.meta({ description: 'The day the status took effect (not in the future, not before the current one)' }),
  note: note.optional(),
  reason: note.optional().meta({ description: 'Required to reopen a final status (released, died): health centre only' }),
  version: Version.meta({ description: 'The case’s version (from GET /api/cases/:id/status)' }),
});

export const StatusChange = z.object({
  id: z.uuid(),
  fromStatus: CaseStatus.nullable(),
  status: CaseStatus,
  effectiveOn: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  changedByName: z.string(),
  changedByOrgName: z.string(),
  changedAt: z.iso.datetime(),
});

export const CaseStatusView = z.object({
  caseId: z.uuid(),
  version: z.number().int(),
  status: CaseStatus.nullable().meta({ description: 'null: not yet entered (the health centre enters it, Q&A 14-3)' }),
  effectiveOn: z.string().nullable(),
  history: z.array(StatusChange).meta({ description: 'Every change, newest first' }),
});

const ResidenceKind = z.enum(RESIDENCE_KINDS);

export const ResidenceBody = z
  .object({
    kind: ResidenceKind,
    orgId: z.uuid().optional().meta({ description: 'The accommodation facility or hospital (required for those kinds): its staff get access for the stay' }),
    placeName: z.string().trim().min(1).max(200).optional().meta({ description: 'A place that is not one of our organisations (a welfare facility, a relative’s home…)' }),
    address: z.string().trim().min(1).max(300).optional().meta({ description: 'For home: defaults to the person’s 所在地' }),
    startsOn: isoDate,
    endsOn: isoDate.optional(),
    note: note.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.kind === 'accommodation' || r.kind === 'hospital') && !r.orgId) {
      ctx.addIssue({ code: 'custom', path: ['orgId'], message: '施設・医療機関を選んでください / choose the facility or hospital' });
    }
    if ((r.kind === 'welfare_facility' || r.kind === 'other') && !r.placeName) {
      ctx.addIssue({ code: 'custom', path: ['placeName'], message: '場所の名称を入力してください / name the place' });
    }
    if (r.endsOn && r.endsOn < r.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '終了日は開始日以降にしてください / the end cannot precede the start' });
    }
  });

export const ResidenceUpdateBody = z.object({
  version: Version,
  endsOn: isoDate.nullable().optional().meta({ description: 'Ending the stay ends the facility’s or hospital’s access after that day' }),
  address: z.string().trim().min(1).max(300).nullable().optional(),
  placeName: z.string().trim().min(1).max(200).nullable().optional(),
  note: note.nullable().optional(),
});

export const Residence = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: ResidenceKind,
  orgId: z.uuid().nullable(),
  orgNameJa: z.string().nullable(),
  placeName: z.string().nullable(),
  address: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const Residences = z.object({ residences: z.array(Residence).meta({ description: 'Newest first' }) });

export const TransferBody = z.object({
  toHcId: z.uuid(),
  reason: z.string().trim().min(1).max(500),
  keepAsRelated: z.boolean().default(false).meta({ description: 'Stay a related centre that shares the case (Q&A 4)' }),
  version: Version,
});

export const Transfer = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  fromHc: z.object({ id: z.uuid(), nameJa: z.string() }),
  toHc: z.object({ id: z.uuid(), nameJa: z.string() }),
  reason: z.string(),
  keptAsRelated: z.boolean(),
  changedByName: z.string(),
  changedByOrgName: z.string(),
  changedAt: z.iso.datetime(),
});
export const TransferQuery = z.object({ direction: z.enum(['in', 'out']).default('out') });
export const Transfers = z.object({ transfers: z.array(Transfer) });

export const RelatedCentreBody = z.object({ hcId: z.uuid() });
export const RelatedCentreParams = z.object({ id: PathId, hcId: PathId });

export const AssignmentBody = z.object({
  orgId: z.uuid().meta({ description: 'A follow-up centre (C) of the case’s prefecture' }),
  startsOn: isoDate.optional().meta({ description: 'Default: today' }),
});

export const Assignment = z.object({
  id: z.uuid(),
  kind: z.enum(['followup', 'residence', 'admission']).meta({ description: 'A follow-up centre’s case, a stay (居所) or an admission to hospital' }),
  org: z.object({ id: z.uuid(), nameJa: z.string(), kind: z.string() }),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable(),
  active: z.boolean(),
});

export const Responsibility = z.object({
  caseId: z.uuid(),
  version: z.number().int(),
  responsibleHc: z.object({ id: z.uuid(), nameJa: z.string() }),
  relatedHcs: z.array(z.object({ id: z.uuid(), nameJa: z.string() })),
  assignments: z.array(Assignment),
  transfers: z.array(Transfer).meta({ description: 'Oldest first' }),
});
