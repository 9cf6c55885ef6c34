// Zip bombs for the upload tests: a zip whose one entry expands about a thousandfold, with a
// central directory that tells its size or lies about it.
import { deflateRawSync } from 'node:zlib';

/** `size` zero bytes deflated, made once per size: 300 MB take about 1.5 s to deflate. */
const zerosDeflated = (() => {
  const made = new Map<number, Buffer>();
  return (size: number): Buffer => {
    let data = made.get(size);
    if (!data) made.set(size, (data = deflateRawSync(Buffer.alloc(size))));
    return data;
  };
})();

/**
 * A .zip of one "xl/worksheets/sheet1.xml" of `megabytes` MB of zeros, deflated to about a
 * thousandth of that. `honest` says its real size in the directory; `lying` says 100 bytes.
 */
export function zipBomb(megabytes: number, kind: 'honest' | 'lying'): Buffer {
  const size = megabytes * 1024 * 1024;
  const data = zerosDeflated(size);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const stated = kind === 'honest' ? size : 100;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(stated, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(stated, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
