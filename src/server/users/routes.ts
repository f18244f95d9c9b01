// /api/users and /api/security-flags: ID administration.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  IssuedUser,
  IssueUserBody,
  SecurityFlagList,
  SuspendBody,
  UpdateUserBody,
  User,
  UserList,
  UserQuery,
} from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as users from './service.ts';

const tags = ['users'];

export const userRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/users', {
    schema: { tags, summary: 'IDs of one’s own organisation and those it issues for', querystring: UserQuery, response: { 200: UserList } },
  }, async (request) => ({ users: await users.listUsers(db, contextOf(request), request.query) }));

  app.post('/users', {
    schema: { tags, summary: 'Issue an ID; the initial password is shown once', body: IssueUserBody, response: { 201: IssuedUser } },
  }, async (request, reply) => reply.status(201).send(await users.issueUser(db, contextOf(request), request.body)));

  app.patch('/users/:id', {
    schema: { tags, summary: 'Change the name, e-mail or roles of an ID', params: IdParams, body: UpdateUserBody, response: { 200: User } },
  }, async (request) => users.updateUser(db, contextOf(request), request.params.id, request.body));

  app.post('/users/:id/suspend', {
    schema: { tags, summary: 'Suspend an ID; its sessions end at once', params: IdParams, body: SuspendBody, response: { 200: User } },
  }, async (request) => users.suspendUser(db, contextOf(request), request.params.id, request.body.reason));

  app.post('/users/:id/reactivate', {
    schema: { tags, summary: 'Reopen a suspended or locked ID', params: IdParams, response: { 200: User } },
  }, async (request) => users.reactivateUser(db, contextOf(request), request.params.id));

  app.post('/users/:id/reset-credentials', {
    schema: {
      tags,
      summary: 'A new initial password; the user changes it and enrols the authenticator again',
      params: IdParams,
      response: { 200: z.object({ initialPassword: z.string() }) },
    },
  }, async (request) => users.resetCredentials(db, contextOf(request), request.params.id));

  app.delete('/users/:id', {
    schema: { tags, summary: 'Delete an ID (its history stays)', params: IdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await users.deleteUser(db, contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/security-flags', {
    schema: {
      tags,
      summary: 'Things to review about the IDs one administers, such as one ID used from two places at once',
      querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
      response: { 200: SecurityFlagList },
    },
  }, async (request) => ({ flags: await users.listSecurityFlags(db, contextOf(request), request.query.all !== 'true') }));

  app.post('/security-flags/:id/review', {
    schema: { tags, summary: 'Mark a flag as reviewed', params: IdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await users.reviewSecurityFlag(db, contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
