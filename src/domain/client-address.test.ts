import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rateLimitAddress } from './client-address.js';

test('IPv4 addresses count one by one', () => {
  assert.equal(rateLimitAddress('198.51.100.7'), '198.51.100.7');
  assert.notEqual(rateLimitAddress('198.51.100.7'), rateLimitAddress('198.51.100.8'));
});

test('IPv6 addresses count by their /64, however they are written', () => {
  const bucket = '2001:db8:1:2::/64';
  for (const ip of [
    '2001:db8:1:2::1',
    '2001:DB8:1:2:ffff:ffff:ffff:ffff',
    '2001:0db8:0001:0002:0000:0000:0000:0042',
    '[2001:db8:1:2::9]',
    '2001:db8:1:2::1%eth0',
    '2001:db8:1:2:0:0:192.0.2.1',
  ])
    assert.equal(rateLimitAddress(ip), bucket, ip);
  assert.equal(rateLimitAddress('2001:db8:1:3::1'), '2001:db8:1:3::/64');
  assert.equal(rateLimitAddress('::1'), '0:0:0:0::/64');
});

test('an IPv4-mapped IPv6 address is its IPv4 address, not one bucket for every IPv4 client', () => {
  assert.equal(rateLimitAddress('::ffff:198.51.100.7'), '198.51.100.7');
  assert.equal(rateLimitAddress('::ffff:c633:6408'), '198.51.100.8');
});

test('anything else is counted as given', () => {
  assert.equal(rateLimitAddress('unknown'), 'unknown');
  assert.equal(rateLimitAddress('1:2:3'), '1:2:3');
});
