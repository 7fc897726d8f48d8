import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBio, isDisplayName, isUsername, profileLabel } from './profile.ts';

test('usernames: 3–32 of a–z, 0–9, _ starting with a letter', () => {
  for (const name of ['ann', 'alice_w', 'a'.repeat(32), 'x99']) assert.ok(isUsername(name), name);
  for (const name of ['al', 'Alice', '_ann', '9lives', 'a-b', 'a.b', 'a'.repeat(33), 'é_name', '']) assert.ok(!isUsername(name), name);
});

test('display names and bios refuse control characters', () => {
  assert.ok(isDisplayName('Ann Lee 🌱'));
  for (const name of ['', 'x'.repeat(65), 'a\nb', 'a\u0000b', 'bell\u0007']) assert.ok(!isDisplayName(name), JSON.stringify(name));
  assert.ok(isBio(''));
  assert.ok(isBio('line one\nline two'));
  assert.ok(isBio('é'.repeat(280)));
  for (const bio of ['x'.repeat(281), 'tab\there', 'nul\u0000']) assert.ok(!isBio(bio), JSON.stringify(bio));
});

test('a profile label shows the display name and handle, else the id', () => {
  assert.equal(profileLabel({ id: 'alice', username: 'alice_w', displayName: 'Alice' }), 'Alice (@alice_w)');
  assert.equal(profileLabel({ id: 'alice', displayName: 'Alice' }), 'Alice (alice)');
  assert.equal(profileLabel({ id: 'alice', username: 'alice_w' }), '@alice_w (alice)');
  assert.equal(profileLabel({ id: 'alice', username: null, displayName: null }), 'alice');
});
