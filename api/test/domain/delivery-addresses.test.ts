import { describe, expect, it } from 'vitest';
import { deliveryAddressKind, METADATA_ADDRESSES } from '../../src/domain/delivery-addresses.js';

describe('deliveryAddressKind', () => {
  it('judges an IPv6 address that carries an IPv4 one as that address too', () => {
    expect(deliveryAddressKind('::7f00:1')).toBe('private');
    expect(deliveryAddressKind('::ffff:10.0.0.1')).toBe('private');
    expect(deliveryAddressKind('64:ff9b::a9fe:a9fe')).toBe('metadata');
    expect(deliveryAddressKind('2002:a9fe:a9fe::1')).toBe('metadata');
    expect(deliveryAddressKind('::a9fe:a9fe')).toBe('metadata');
  });

  it('keeps each metadata address one in every form, and public unicast addresses public', () => {
    for (const address of METADATA_ADDRESSES) expect(deliveryAddressKind(address), address).toBe('metadata');
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) expect(deliveryAddressKind(address), address).toBe('public');
    for (const address of ['127.0.0.1', '::1', '10.1.2.3', '100.64.0.1', 'fe80::1', 'fd12::1', '0.0.0.0', '::']) {
      expect(deliveryAddressKind(address), address).toBe('private');
    }
  });

  it('answers null for what is not an address', () => {
    expect(deliveryAddressKind('example.com')).toBeNull();
    expect(deliveryAddressKind('2130706433')).toBeNull();
  });
});
