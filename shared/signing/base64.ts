// Base64 and binary strings without Node's Buffer: this code runs in the pane (webpack, a
// browser) too. atob/btoa exist in browsers and in Node ≥ 16.

/** node-forge speaks "binary strings" (one char per byte). */
export function bytesToBinary(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole chain as arguments would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return binary;
}

export function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  return btoa(bytesToBinary(bytes));
}

/** Strict: whitespace allowed (PEM bodies), anything else outside the alphabet refused. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new Error('Chuỗi base64 không hợp lệ.');
  }
  return binaryToBytes(atob(clean));
}
