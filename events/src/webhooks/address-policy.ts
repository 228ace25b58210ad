import { BlockList, isIP } from 'node:net';

// Which addresses a webhook may reach: only public ones, so that a partner's URL cannot make the hub call its own
// network (server-side request forgery). The ranges are IANA's special-purpose registries; what is not globally
// reachable, or only within a site, is refused.

/** IPv4 ranges that are not public. */
const IPV4_NOT_PUBLIC: readonly [network: string, prefix: number][] = [
  ['0.0.0.0', 8], // "this network", the unspecified address among them
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local: cloud metadata services live at 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // 6to4 relay anycast, deprecated
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, the broadcast address 255.255.255.255 among them
];

/** IPv6 ranges inside global unicast (2000::/3) that are not public. */
const IPV6_NOT_PUBLIC: readonly [network: string, prefix: number][] = [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
];

/** The 6to4 prefix (2002::/16) of an IPv4 network: its 32 bits follow the first 16. */
function sixToFour(ipv4: string): string {
  const [a, b, c, d] = ipv4.split('.').map(Number) as [number, number, number, number];
  return `2002:${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}::`;
}

const notPublic = new BlockList();
for (const [network, prefix] of IPV4_NOT_PUBLIC) {
  notPublic.addSubnet(network, prefix, 'ipv4');
  // The same IPv4 ranges written as IPv6: IPv4-mapped (::ffff:10.0.0.1 is 10.0.0.1 to a dual-stack socket), NAT64's
  // well-known prefix (64:ff9b::10.0.0.1 reaches 10.0.0.1 through a NAT64 gateway) and 6to4.
  notPublic.addSubnet(`::ffff:${network}`, 96 + prefix, 'ipv6');
  notPublic.addSubnet(`64:ff9b::${network}`, 96 + prefix, 'ipv6');
  notPublic.addSubnet(sixToFour(network), 16 + prefix, 'ipv6');
}
for (const [network, prefix] of IPV6_NOT_PUBLIC) notPublic.addSubnet(network, prefix, 'ipv6');

/**
 * IPv6 that can be public at all: global unicast, and the two prefixes that carry an IPv4 address (judged by the IPv4
 * ranges above). Everything else is not: loopback ::1, unspecified ::, unique-local fc00::/7, link-local fe80::/10,
 * multicast ff00::/8, the local-use NAT64 prefix 64:ff9b:1::/48, discard 100::/64, deprecated IPv4-compatible ::/96.
 */
const mayBePublic6 = new BlockList();
mayBePublic6.addSubnet('2000::', 3, 'ipv6');
mayBePublic6.addSubnet('::ffff:0:0', 96, 'ipv6');
mayBePublic6.addSubnet('64:ff9b::', 96, 'ipv6');

/** Whether an IP address (IPv4 or IPv6, without brackets) is public; anything that is not an IP address is not. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  // A zone index (fe80::1%eth0) is only ever given to link-local and other scoped addresses.
  if (family === 0 || address.includes('%')) return false;
  if (family === 4) return !notPublic.check(address, 'ipv4');
  return mayBePublic6.check(address, 'ipv6') && !notPublic.check(address, 'ipv6');
}

/** The IP address a URL's hostname spells (`[::1]` → `::1`), or null for a name. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** `localhost` and its subdomains always resolve to loopback (RFC 6761), with or without the final dot. */
export const isLocalhostName = (hostname: string): boolean => /(^|\.)localhost\.?$/i.test(hostname);
