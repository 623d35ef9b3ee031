import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Cloud metadata services (AWS, GCP and Azure at 169.254.169.254, AWS ECS task credentials, Alibaba,
 * Oracle Cloud, AWS's IPv6 one): never reached, even where private addresses are allowed for development.
 */
export const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'] as const;
const METADATA = new Set(METADATA_ADDRESSES.map((address) => ipaddr.parse(address).toString()));

/**
 * The IPv4 address an IPv6 one carries, which a host, a NAT64 gateway or a 6to4 relay may deliver to:
 * IPv4-compatible (::/96), IPv4-mapped (::ffff:0:0/96), NAT64's well-known prefix (64:ff9b::/96) in the
 * last 32 bits, 6to4 (2002::/16) in the 32 after the prefix.
 */
function embeddedIpv4({ parts }: ipaddr.IPv6): ipaddr.IPv4 | null {
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zero = (from: number, to: number) => parts.slice(from, to).every((part) => part === 0);
  if (zero(0, 6) || (zero(0, 5) && parts[5] === 0xffff)) return v4(parts[6]!, parts[7]!);
  if (parts[0] === 0x64 && parts[1] === 0xff9b && zero(2, 6)) return v4(parts[6]!, parts[7]!);
  if (parts[0] === 0x2002) return v4(parts[1]!, parts[2]!);
  return null;
}

/**
 * How a delivery treats an IP address (null for what is not one): a metadata address, a private one
 * (anything but public unicast: loopback, private, link-local, carrier-grade NAT, reserved…), or a
 * public one. An IPv6 address that carries an IPv4 one is as private, or as much a metadata address,
 * as the IPv4 address it carries.
 */
export function deliveryAddressKind(text: string): 'metadata' | 'private' | 'public' | null {
  if (isIP(text) === 0) return null;
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(text);
  } catch {
    return 'private'; // one Node takes and ipaddr.js cannot read: not judged, so not reached
  }
  const carried = address.kind() === 'ipv6' ? embeddedIpv4(address as ipaddr.IPv6) : null;
  const judged = carried ? [address, carried] : [address];
  if (judged.some((each) => METADATA.has(each.toString()))) return 'metadata';
  return judged.every((each) => each.range() === 'unicast') ? 'public' : 'private';
}
