// Builds the HTTP application: security headers, cookies and CSRF, validation by the zod schemas
// that also generate the OpenAPI document, sessions, and every feature's routes under /api; the FHIR
// API under /fhir (src/server/fhir/).
// Tests call buildApp() and use app.inject(); main.ts adds a port.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.ts';
import { breakGlassRoutes } from './break-glass/routes.ts';
import { bulkUploadRoutes } from './bulk-uploads/routes.ts';
import { extractRoutes } from './extracts/routes.ts';
import { fhirClientRoutes } from './fhir-clients/routes.ts';
import { fhirRoutes } from './fhir/routes.ts';
import { INTAKE_CAPABILITY, intakeRoutes } from './fhir-intake/routes.ts';
import { helpdeskRoutes } from './helpdesk/routes.ts';
import { exportOptions } from './exports/options.ts';
import { exportRoutes } from './exports/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { contactRoutes } from './contacts/routes.ts';
import { dailyReportRoutes } from './daily-reports/routes.ts';
import { sentinelRoutes } from './sentinel/routes.ts';
import { externalIdRoutes } from './external-ids/routes.ts';
import { followupRoutes } from './followup/routes.ts';
import { hospitalRoutes } from './hospital/routes.ts';
import { incidentRoutes } from './incidents/routes.ts';
import { complianceRoutes } from './compliance/routes.ts';
import { ConfigError, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { IdempotencyHeaders, KEYED_METHODS } from './http/idempotency.ts';
import { Problem, problem } from './http/problem.ts';
import { installRequestTransactions } from './http/request-transaction.ts';
import { responseSerializer } from './http/response-serializer.ts';
import { installSessions } from './http/session.ts';
import { validatorCompiler } from './http/validation.ts';
import { installWebApp } from './http/web-app.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { myRoutes } from './my/routes.ts';
import { observationRoutes } from './observations/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { permissionReviewRoutes } from './permission-reviews/routes.ts';
import { postalCodeRoutes } from './postal-codes/routes.ts';
import { retentionRoutes } from './retention/routes.ts';
import { statisticsRoutes } from './statistics/routes.ts';
import { weeklyReportRoutes } from './weekly-report/routes.ts';
import { openDataRoutes } from './open-data/routes.ts';
import { processingNumberRoutes } from './processing-numbers/routes.ts';
import { reviewRoutes } from './review/routes.ts';
import { parseKey } from './secrets/envelope.ts';
import { useKeyring } from './secrets/keyring.ts';
import { selfRegistrationRoutes } from './self-registration/routes.ts';
import { systemRoutes } from './system/routes.ts';
import { userRoutes } from './users/routes.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The app uses no device feature: none may be asked for, by it or by anything embedded. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), accelerometer=(), gyroscope=(), magnetometer=()';

export interface AppOptions {
  /** Where the log goes (default: stdout); tests read it to check that no personal data is logged. */
  logStream?: NodeJS.WritableStream;
  /** The built web app (default dist/web). */
  webDir?: string;
  /** The window of LOGIN_RATE_LIMIT_PER_MINUTE (default a minute); tests shorten it to reach its end quickly. */
  loginRateWindowMs?: number;
  /** The window of SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE (default a minute). */
  selfRegistrationRateWindowMs?: number;
  /** The master key (main.ts: from the environment or the development key file); default HERSYS_MASTER_KEY. */
  masterKey?: Buffer;
}

export async function buildApp(db: Database, config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    logger: {
      level: config.LOG_LEVEL,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Log the route, never the query string, body, cookies or headers: no personal data in logs.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    // The router's own refusals (a path that is not valid percent-encoding, a path id over its
    // length limit) never reach the error handler: answer them in the Problem shape too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      return reply.status(status).send(problem(status, 'invalid_input'));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  installErrorHandler(app);

  await app.register(fastifyHelmet, {
    hsts: false, // sent below, only over TLS
    frameguard: { action: 'deny' },
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:'], 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
    },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // API answers carry personal data: no browser or proxy may keep a copy.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: config.COOKIE_SECURE },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  // Every state-changing request carries the token from GET /api/auth/csrf.
  app.addHook('onRequest', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.is404 || request.routeOptions.config.bearer) return done();
    app.csrfProtection(request, reply, done);
  });
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'hersys API',
        version: '0.1.0',
        description:
          'Infectious disease notification and follow-up. Errors answer with the Problem shape: a code, a message in Japanese and English, and field paths.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hersys_session' },
          patientSession: { type: 'apiKey', in: 'cookie', name: 'hersys_patient', description: 'My HER-SYS: a patient signed in with the スマホ入力ID' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          contactAppToken: { type: 'http', scheme: 'bearer', description: 'PROCESSING_NUMBER_REDEEM_TOKEN, for the contact app’s server only' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas with an id in zod's registry (User, Problem, …) are referenced by $ref; this puts
    // them under components.schemas so that the references resolve.
    transformObject: jsonSchemaTransformObject,
  });
  // The API's documentation is readable without logging in; everything else asks for a session.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, auth: 'public' };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every documented route answers errors in the Problem shape; say so in OpenAPI.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const errors = Object.fromEntries([400, 401, 403, 404, 409, 422, 423, 429, 503].map((s) => [s, Problem]));
    route.schema.response = { ...errors, ...(route.schema.response as object) };
  });
  // A logged-in user's POST or PATCH may carry an Idempotency-Key (http/idempotency.ts).
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const level = route.config?.auth ?? 'user';
    const userLevel = (level === 'user' || level === 'patient') && !route.config?.ownTransactions && !route.config?.bearer;
    if (!route.schema || route.schema.hide || !userLevel || !methods.some((m) => KEYED_METHODS.has(m))) return;
    route.schema.headers = IdempotencyHeaders;
  });

  // The secrets the database keeps are sealed under keys the master key opens (src/server/secrets/);
  // before serving, the keys are checked and any secret still in clear is sealed.
  const masterKey = options.masterKey ?? (config.HERSYS_MASTER_KEY ? parseKey(config.HERSYS_MASTER_KEY) : null);
  if (!masterKey) throw new ConfigError('HERSYS_MASTER_KEY is not set (main.ts gives the development key of the embedded database)');
  const keys = useKeyring(db, masterKey);
  app.addHook('onReady', async () => {
    const { sealedClear } = await keys.init(db);
    if (sealedClear) app.log.info({ rows: sealedClear }, 'secrets kept in clear before were sealed');
  });

  const deps = { db, config };
  installSessions(app, deps);
  installRequestTransactions(app, deps);
  await app.register(
    async (api) => {
      await api.register(systemRoutes(db));
      await api.register(authRoutes({ ...deps, loginRateWindowMs: options.loginRateWindowMs }), { prefix: '/auth' });
      await api.register(userRoutes(db));
      await api.register(orgRoutes(db));
      await api.register(auditRoutes(db));
      await api.register(notificationRoutes(db, config));
      await api.register(caseRoutes(db));
      // issue 4: follow-up
      await api.register(hospitalRoutes(db));
      await api.register(statisticsRoutes(db));
      await api.register(openDataRoutes(db));
      // issue 16: the weekly surveillance report (週報)
      await api.register(weeklyReportRoutes(db, { pdfFont: config.HERSYS_PDF_FONT }));
      await api.register(contactRoutes(db));
      await api.register(
        processingNumberRoutes(db, {
          validityHours: config.PROCESSING_NUMBER_VALIDITY_HOURS,
          redeemToken: config.PROCESSING_NUMBER_REDEEM_TOKEN,
          redeemRateLimitPerMinute: config.PROCESSING_NUMBER_REDEEM_RATE_LIMIT_PER_MINUTE,
        }),
      );
      await api.register(externalIdRoutes(db));
      await api.register(followupRoutes(db));
      const redFlags = {
        spo2AtMost: config.RED_FLAG_SPO2_AT_MOST,
        feverAtLeast: config.RED_FLAG_FEVER_AT_LEAST,
        feverDays: config.RED_FLAG_FEVER_DAYS,
        symptoms: config.RED_FLAG_SYMPTOMS,
      };
      await api.register(observationRoutes(db, { redFlags, staleAfterDays: config.STALE_AFTER_DAYS }));
      // issue 11: My HER-SYS
      await api.register(myRoutes(db, config, redFlags, { rateWindowMs: options.loginRateWindowMs }));
      // issue 11: 陽性者登録
      await api.register(selfRegistrationRoutes(db, config, { rateWindowMs: options.selfRegistrationRateWindowMs }));
      // issue 12: leak incidents and the compliance report
      await api.register(incidentRoutes(db));
      await api.register(complianceRoutes(db, config));
      // issue 12: the privacy officer's review, 通報窓口, the sensitive mark
      await api.register(reviewRoutes(db, config, { rateWindowMs: options.selfRegistrationRateWindowMs }));
      // issue 13: the daily aggregate report (日次報告)
      await api.register(dailyReportRoutes(db));
      // issue 16: sentinel surveillance (定点把握)
      await api.register(sentinelRoutes(db));
      // issue 14: break-the-glass
      await api.register(breakGlassRoutes(db, { hours: config.BREAK_GLASS_HOURS, publicUrl: config.PUBLIC_URL }));
      await api.register(
        helpdeskRoutes(db, { mode: config.HELPDESK_APPROVAL, objectionMinutes: config.HELPDESK_OBJECTION_MINUTES, hours: config.HELPDESK_HOURS, publicUrl: config.PUBLIC_URL }),
      );
      // issue 14: permission reviews (権限の棚卸し)
      await api.register(permissionReviewRoutes(db));
      // issue 14: pseudonymised extracts (Q&A 21–22)
      await api.register(extractRoutes(db));
      // issue 14: retention
      await api.register(retentionRoutes(db, { years: config.RETENTION_YEARS, enabled: config.RETENTION_ENABLED }));
      // issue 14: exports that can be traced
      await api.register(exportRoutes(db, exportOptions(config)));
      // issue 15: the systems a medical institution registers for the FHIR API
      await api.register(fhirClientRoutes(db, config));
      await api.register(postalCodeRoutes()); // issue 15: postal code → address
      await api.register(bulkUploadRoutes(db, config)); // issue 15: bulk upload
      api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );
  // issue 15: the FHIR R4 API for clinic systems (SMART Backend Services), outside /api: its own
  // content type, errors (OperationOutcome) and callers; other modules add routes through its options.
  await app.register(
    fhirRoutes(db, config, { masterKey, rateWindowMs: options.loginRateWindowMs, registrars: [intakeRoutes(db, config)], capability: [INTAKE_CAPABILITY] }),
    { prefix: '/fhir' },
  );
  await installWebApp(app, options.webDir);
  return app;
}
