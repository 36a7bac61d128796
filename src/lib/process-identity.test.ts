import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { test } from 'node:test';
import { isGoneLocalHolder, newHolderId } from './process-identity.js';

test('a holder id names this machine and process, and is new each time', () => {
  const id = newHolderId();
  assert.match(
    id,
    new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${process.pid}:[0-9a-f]{8}$`),
  );
  assert.notEqual(newHolderId(), id);
});

test('only a process of this machine that has ended is gone', () => {
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(ended !== undefined);
  assert.equal(isGoneLocalHolder(`${hostname()}:${ended}:0011aabb`), true);
  assert.equal(isGoneLocalHolder(newHolderId()), false, 'this process');
  assert.equal(isGoneLocalHolder(`${hostname()}:1:0011aabb`), false, 'pid 1 runs (as another user, maybe)');
  assert.equal(isGoneLocalHolder(`elsewhere.example.org:${ended}:0011aabb`), false, 'another machine');
  assert.equal(isGoneLocalHolder('not a holder'), false);
});
