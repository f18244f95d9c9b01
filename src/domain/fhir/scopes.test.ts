import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FHIR_SCOPES, grantedScopes, scopeAllows, scopesAllowedAt, serviceAccountRoles } from './scopes.ts';

describe('FHIR scopes', () => {
  it('a token gets the requested scopes the client is registered for, nothing else', () => {
    const registered = ['system/Patient.read', 'system/Condition.read', 'system/Bundle.write'];
    assert.deepEqual(grantedScopes('system/Patient.read system/Observation.read launch', registered), ['system/Patient.read']);
    assert.deepEqual(grantedScopes('system/*.read', registered), ['system/Patient.read', 'system/Condition.read']);
    assert.deepEqual(grantedScopes('system/*.read  system/Bundle.write', registered), registered);
    assert.deepEqual(grantedScopes('', registered), []);
  });
  it('only a medical institution’s systems are clients; they may do what its staff do', () => {
    assert.deepEqual(scopesAllowedAt('medical_institution'), FHIR_SCOPES);
    for (const kind of ['health_center', 'prefecture', 'ministry', 'followup_center'] as const) assert.deepEqual(scopesAllowedAt(kind), []);
  });
  it('a client that files notifications acts as a doctor (Q&A 17), a reading one as a clerk', () => {
    assert.deepEqual(serviceAccountRoles(['system/Patient.read', 'system/Bundle.write']), ['doctor']);
    assert.deepEqual(serviceAccountRoles(['system/Patient.read']), ['clerk']);
  });
  it('a scope allows one interaction on one resource type', () => {
    assert.equal(scopeAllows(['system/Patient.read'], 'Patient', 'read'), true);
    assert.equal(scopeAllows(['system/Patient.read'], 'Patient', 'write'), false);
    assert.equal(scopeAllows(['system/Patient.read'], 'Condition', 'read'), false);
  });
});
