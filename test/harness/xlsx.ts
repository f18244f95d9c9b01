// Reads the XML parts of an XLSX workbook (a zip) so that tests can look at what a sheet says.
import { inflateRawSync } from 'node:zlib';

/** Every entry of the zip, as text, by name: found through the central directory at its end. */
export function xlsxParts(file: Buffer): Map<string, string> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const entries = file.readUInt16LE(end + 10);
  const parts = new Map<string, string>();
  for (let i = 0, at = file.readUInt32LE(end + 16); i < entries; i++) {
    const method = file.readUInt16LE(at + 10);
    const size = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = file.readUInt32LE(at + 42);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return parts;
}

/** All the text of the workbook's sheets and shared strings, for `includes` checks. */
export const xlsxText = (file: Buffer) =>
  [...xlsxParts(file)].filter(([name]) => name.startsWith('xl/')).map(([, text]) => text).join('\n');
