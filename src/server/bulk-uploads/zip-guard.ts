// Before an XLSX (a zip) goes to exceljs: a file of a few MB may expand into gigabytes (a zip bomb).
// The central directory is read here (no library): more than MAX_XLSX_ENTRIES entries, a ZIP64
// archive, or declared uncompressed sizes adding up to more than MAX_XLSX_EXPANDED_BYTES are refused.
// Declared sizes are not trusted alone: each entry is then inflated with its declared size as the
// hard cap of the output (node:zlib maxOutputLength), so an entry that lies about its size is
// refused too, having cost no more memory than the limit.
import { inflateRawSync } from 'node:zlib';
import { MAX_XLSX_ENTRIES, MAX_XLSX_EXPANDED_BYTES } from '../../domain/bulk-upload/columns.ts';

export type ZipVerdict = { ok: true; entries: number; expandedBytes: number } | { ok: false; reason: 'unreadable' | 'expands_too_much' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(b: Buffer): number {
  // 22 bytes of record and a comment of at most 65,535 bytes.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) if (b.readUInt32LE(i) === EOCD) return i;
  return -1;
}

export function checkZipExpansion(b: Buffer, limits = { maxEntries: MAX_XLSX_ENTRIES, maxBytes: MAX_XLSX_EXPANDED_BYTES }): ZipVerdict {
  if (b.length < 22) return { ok: false, reason: 'unreadable' };
  const end = findEndOfCentralDirectory(b);
  if (end < 0) return { ok: false, reason: 'unreadable' };
  const count = b.readUInt16LE(end + 10);
  const cdSize = b.readUInt32LE(end + 12);
  const cdOffset = b.readUInt32LE(end + 16);
  // ZIP64 (markers of all ones) is only needed beyond 4 GB or 65,535 entries: never a real XLSX here.
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return { ok: false, reason: 'expands_too_much' };
  if (count > limits.maxEntries) return { ok: false, reason: 'expands_too_much' };
  if (cdOffset + cdSize > end) return { ok: false, reason: 'unreadable' };

  const entries: { method: number; compressed: number; size: number; local: number }[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || b.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'unreadable' };
    const e = { method: b.readUInt16LE(p + 10), compressed: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24), local: b.readUInt32LE(p + 42) };
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.local === 0xffffffff) return { ok: false, reason: 'expands_too_much' };
    total += e.size;
    if (total > limits.maxBytes) return { ok: false, reason: 'expands_too_much' };
    entries.push(e);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }

  // The declared sizes are within the limit: now hold each entry to its own.
  let actual = 0;
  for (const e of entries) {
    if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== LOCAL) return { ok: false, reason: 'unreadable' };
    const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
    if (start + e.compressed > b.length) return { ok: false, reason: 'unreadable' };
    const data = b.subarray(start, start + e.compressed);
    if (e.method === 0) {
      if (e.compressed !== e.size) return { ok: false, reason: 'unreadable' };
      actual += e.size;
    } else if (e.method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        // More output than declared: the entry lies about its size.
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'expands_too_much' };
        return { ok: false, reason: 'unreadable' };
      }
      if (out.length !== e.size) return { ok: false, reason: 'unreadable' };
      actual += out.length;
    } else {
      return { ok: false, reason: 'unreadable' };
    }
  }
  return { ok: true, entries: entries.length, expandedBytes: actual };
}
