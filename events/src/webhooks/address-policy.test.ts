import { describe, expect, it } from 'vitest';
import { ipLiteralOf, isLocalhostName, isPublicAddress } from './address-policy';

describe('which addresses a webhook may reach', () => {
  it.each([
    ['93.184.215.14', 'a public IPv4 address'],
    ['8.8.8.8', 'a public resolver'],
    ['100.63.255.255', 'just below carrier-grade NAT'],
    ['100.128.0.0', 'just above carrier-grade NAT'],
    ['172.15.255.255', 'just below 172.16/12'],
    ['172.32.0.0', 'just above 172.16/12'],
    ['223.255.255.255', 'just below multicast'],
    ['2a00:1450:4001:80b::200e', 'global unicast IPv6'],
    ['2606:4700::1111', 'global unicast IPv6'],
    ['::ffff:8.8.8.8', 'a public IPv4 address, IPv4-mapped'],
    ['::ffff:808:808', 'the same, in hex'],
    ['64:ff9b::8.8.8.8', 'a public IPv4 address behind NAT64'],
    ['2002:808:808::1', 'a public IPv4 address in 6to4'],
  ])('takes %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private (RFC 1918)'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local: the cloud metadata service'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '“this network”'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['192.88.99.1', 'deprecated 6to4 relay anycast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone index'],
    ['febf::1', 'link-local, its last block'],
    ['fec0::1', 'deprecated site-local'],
    ['ff02::1', 'multicast'],
    ['100::1', 'discard'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['::ffff:10.0.0.1', 'private, IPv4-mapped'],
    ['::ffff:a00:1', 'private, IPv4-mapped in hex (how URL writes it)'],
    ['::ffff:127.0.0.1', 'loopback, IPv4-mapped'],
    ['::ffff:169.254.169.254', 'metadata, IPv4-mapped'],
    ['::ffff:0:0', 'unspecified, IPv4-mapped'],
    ['64:ff9b::10.0.0.1', 'private behind the NAT64 well-known prefix'],
    ['64:ff9b::7f00:1', 'loopback behind NAT64, in hex'],
    ['64:ff9b::a9fe:a9fe', 'metadata behind NAT64'],
    ['64:ff9b:1::8.8.8.8', 'the local-use NAT64 prefix'],
    ['2002:a00:1::1', 'private in 6to4'],
    ['2002:7f00:1::', 'loopback in 6to4'],
    ['::10.0.0.1', 'deprecated IPv4-compatible'],
    ['::8.8.8.8', 'deprecated IPv4-compatible, even of a public address'],
    ['localhost', 'a name, not an address'],
    ['', 'nothing'],
    ['999.1.1.1', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it('reads an IP literal out of a URL hostname, brackets and all, and nothing out of a name', () => {
    expect(ipLiteralOf(new URL('https://[::ffff:10.0.0.1]/').hostname)).toBe('::ffff:a00:1');
    expect(ipLiteralOf(new URL('https://0x7f.1/').hostname)).toBe('127.0.0.1');
    expect(ipLiteralOf(new URL('https://2130706433/').hostname)).toBe('127.0.0.1');
    expect(ipLiteralOf('169.254.169.254')).toBe('169.254.169.254');
    expect(ipLiteralOf('banken.example')).toBeNull();
    expect(ipLiteralOf('[banken.example]')).toBeNull();
  });

  it('knows localhost by name, its subdomains and the final dot too', () => {
    for (const name of ['localhost', 'LOCALHOST', 'localhost.', 'app.localhost']) expect(isLocalhostName(name)).toBe(true);
    for (const name of ['localhost.example.com', 'notlocalhost', 'example.com']) expect(isLocalhostName(name)).toBe(false);
  });
});
