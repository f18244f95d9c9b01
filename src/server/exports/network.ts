// Exports only from the configured client networks (EXPORT_NETWORKS; HER-SYS allowed downloads only
// over the LGWAN, seed 002). The address is the request's as Fastify sees it: behind a proxy, set
// TRUST_PROXY so that it is the client's and not the proxy's. node:net's BlockList does the matching
// for IPv4 and IPv6 (an IPv4 client seen as ::ffff:a.b.c.d is matched as IPv4).
import { BlockList, isIP } from 'node:net';

export function isCidr(text: string): boolean {
  const [address, bits, more] = text.split('/');
  const family = isIP(address ?? '');
  if (more !== undefined || family === 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Whether exports are allowed from `address`: anywhere when no network is configured. */
export function allowedNetwork(cidrs: readonly string[]): (address: string | null | undefined) => boolean {
  if (cidrs.length === 0) return () => true;
  const list = new BlockList();
  for (const c of cidrs) {
    const [address, bits] = c.split('/');
    list.addSubnet(address, Number(bits), isIP(address) === 4 ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    if (!address) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const ip = mapped ? mapped[1] : address;
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}
