import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LOGIN_UI } from './ui-text-login.ts';
import { UI_PARTS } from './ui-text.ts';

it('no label key is in two parts of the texts (the later part would silently replace the other screen’s label)', () => {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const [part, texts] of Object.entries({ LOGIN_UI, ...UI_PARTS })) {
    for (const key of Object.keys(texts)) {
      const first = owner.get(key);
      if (first) clashes.push(`${key}: ${first} and ${part}`);
      else owner.set(key, part);
    }
  }
  assert.deepEqual(clashes, []);
});
