import { describe, expect, it } from 'vitest';
import { isMetadataAddress, isReachableAddress, METADATA_ADDRESSES } from '../../src/domain/webhooks.js';

describe('the addresses deliveries reach', () => {
  it('holds an IPv6 address that carries an IPv4 one to that IPv4 address too', () => {
    for (const address of ['::7f00:1', '::a00:1', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1', '2002:c0a8:101::', '::ffff:0:a00:1', '64:ff9b:1::7f00:1']) {
      expect(isReachableAddress(address, false), address).toBe(false);
      expect(isReachableAddress(address, true), address).toBe(true);
    }
    for (const address of ['::a9fe:a9fe', '::169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '::ffff:192.0.0.192', '::ffff:0:a9fe:a9fe', '64:ff9b:1::a9fe:a9fe']) {
      expect(isMetadataAddress(address), address).toBe(true);
      expect(isReachableAddress(address, true), address).toBe(false);
    }
  });

  it('keeps each metadata address one, public unicast addresses reachable, and loopback for development', () => {
    for (const address of METADATA_ADDRESSES) expect(isReachableAddress(address, true), address).toBe(false);
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) expect(isReachableAddress(address, false), address).toBe(true);
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '100.64.0.1', 'fe80::1', 'fd12::1']) {
      expect(isReachableAddress(address, false), address).toBe(false);
      expect(isReachableAddress(address, true), address).toBe(true);
    }
  });
});
