// A .p12 opened on the signer's machine: the holder's name and the chain (leaf first, whatever
// the order in the file, without a root the file brings), a raw signature of a digest that Node's
// crypto verifies as RSASSA-PKCS1-v1_5 over the content, the files OpenSSL 3 writes by default
// (AES) and with -legacy (3DES), a Vietnamese password, and the refusals: wrong password,
// not a .p12, an ECDSA key — each said in Vietnamese.
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate, constants, createHash, publicDecrypt, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { P12_WRONG_PASSWORD, openP12 } from '../../../shared/signing/p12.ts';
import { makeTestCa, type TestCa, type TestLeaf } from '../../support/test-ca.ts';

const fingerprints = (pems: string[]) => pems.map((pem) => new X509Certificate(pem).fingerprint256);

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('PKCS#12 signer', () => {
  let ca: TestCa;
  let dir: string;
  const content = new TextEncoder().encode('{"report":"Sở Y tế","value":"12"}');
  const digest = createHash('sha256').update(content).digest();

  beforeAll(async () => {
    ca = await makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'p12-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The signature verifies over the content, and its DigestInfo holds exactly our digest. */
  const expectSignatureOf = (leaf: TestLeaf, signature: Uint8Array) => {
    expect(verify('sha256', content, leaf.certificatePem, signature)).toBe(true);
    const digestInfo = publicDecrypt(
      { key: leaf.certificatePem, padding: constants.RSA_PKCS1_PADDING },
      signature,
    );
    expect(digestInfo.toString('hex')).toBe(
      `3031300d060960864801650304020105000420${digest.toString('hex')}`,
    );
  };

  test('opens the file, names the holder, gives the chain and signs a digest', async () => {
    const signer = openP12(ca.leaf.p12('mật khẩu 123'), 'mật khẩu 123');
    expect(signer.subject).toBe('Nguyễn Văn An');
    expect(signer.issuer).toBe('Tổng hợp Test CA cấp 2');
    expect(signer.notAfter.getTime()).toBe(ca.leaf.certificate.notAfter.value.getTime());
    expect(fingerprints(await signer.certificates())).toEqual(fingerprints(ca.leaf.chainPem));
    const signature = await signer.signDigest(new Uint8Array(digest));
    expect(signature).toHaveLength(256);
    expectSignatureOf(ca.leaf, signature);
  });

  test('wrong password, or not a .p12: one Vietnamese message', () => {
    const file = ca.leaf.p12('đúng');
    expect(P12_WRONG_PASSWORD).toBe('Sai mật khẩu hoặc tệp .p12 không đọc được.');
    expect(() => openP12(file, 'sai')).toThrow(P12_WRONG_PASSWORD);
    expect(() => openP12(file, '')).toThrow(P12_WRONG_PASSWORD);
    expect(() => openP12(new TextEncoder().encode('không phải p12'), 'x')).toThrow(
      P12_WRONG_PASSWORD,
    );
    expect(() => openP12(file.subarray(0, 200), 'đúng')).toThrow(P12_WRONG_PASSWORD);
  });

  test('a digest that is not SHA-256 is not signed', async () => {
    const signer = openP12(ca.leaf.p12('x'), 'x');
    await expect(signer.signDigest(new Uint8Array(20))).rejects.toThrow(
      'Mã băm SHA-256 phải dài 32 byte (nhận 20).',
    );
  });

  test('chain in any order in the file, and no root the file brings', async () => {
    const key = forge.pki.privateKeyFromPem(ca.leaf.privateKeyPem);
    const [leaf, intermediate, root] = [...ca.leaf.chainPem, ca.rootPem].map((pem) =>
      forge.pki.certificateFromPem(pem),
    );
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [root!, intermediate!, leaf!], 'x', {
      algorithm: '3des',
    });
    const file = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    const signer = openP12(file, 'x');
    expect(fingerprints(await signer.certificates())).toEqual(fingerprints(ca.leaf.chainPem));
  });

  (hasOpenssl ? describe : describe.skip)('files written by OpenSSL', () => {
    const exportP12 = (leaf: TestLeaf, name: string, password: string, legacy = false) => {
      const keyFile = join(dir, `${name}.key`);
      const certFile = join(dir, `${name}.crt`);
      const chainFile = join(dir, `${name}.chain`);
      const out = join(dir, `${name}.p12`);
      writeFileSync(keyFile, leaf.privateKeyPem);
      writeFileSync(certFile, leaf.certificatePem);
      writeFileSync(chainFile, leaf.chainPem.slice(1).join('\n'));
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        ...(legacy ? ['-legacy'] : []),
        '-inkey',
        keyFile,
        '-in',
        certFile,
        '-certfile',
        chainFile,
        '-out',
        out,
        '-passout',
        `pass:${password}`,
      ]);
      // How the file is protected, as OpenSSL says it (on stderr).
      const shown = spawnSync(
        'openssl',
        [
          'pkcs12',
          ...(legacy ? ['-legacy'] : []),
          '-in',
          out,
          '-info',
          '-noout',
          '-passin',
          `pass:${password}`,
        ],
        { encoding: 'utf8' },
      );
      return { bytes: new Uint8Array(readFileSync(out)), info: shown.stdout + shown.stderr };
    };

    test("OpenSSL 3's default (PBES2, AES-256-CBC, SHA-256 MAC) is read", async () => {
      const { bytes, info } = exportP12(ca.leaf, 'aes', 'matkhau');
      expect(info).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
      expect(info).toMatch(/MAC: sha256/);
      const signer = openP12(bytes, 'matkhau');
      expect(signer.subject).toBe('Nguyễn Văn An');
      expect(fingerprints(await signer.certificates())).toEqual(fingerprints(ca.leaf.chainPem));
      expectSignatureOf(ca.leaf, await signer.signDigest(new Uint8Array(digest)));
      expect(() => openP12(bytes, 'matkhaU')).toThrow(P12_WRONG_PASSWORD);
    });

    test('AES with a Vietnamese password, and the legacy 3DES file', async () => {
      const aes = exportP12(ca.leaf, 'aes-vi', 'Mật khẩu ký số');
      const signer = openP12(aes.bytes, 'Mật khẩu ký số');
      expectSignatureOf(ca.leaf, await signer.signDigest(new Uint8Array(digest)));
      expect(() => openP12(aes.bytes, 'Mat khau ky so')).toThrow(P12_WRONG_PASSWORD);

      const legacy = exportP12(ca.leaf, 'legacy', 'matkhau', true);
      expect(legacy.info).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
      expectSignatureOf(
        ca.leaf,
        await openP12(legacy.bytes, 'matkhau').signDigest(new Uint8Array(digest)),
      );
    });

    test('certificates leave as their CA wrote them (an RSA leaf signed by an ECDSA CA)', async () => {
      // forge would write the outer signature algorithm with NULL parameters, which
      // ecdsa-with-SHA256 has not: the certificate sent would not be the one issued.
      const at = (name: string) => join(dir, name);
      const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
      run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ec-ca.key'));
      run(
        'req',
        '-x509',
        '-key',
        at('ec-ca.key'),
        '-out',
        at('ec-ca.crt'),
        '-days',
        '30',
        '-subj',
        '/CN=CA ECDSA',
      );
      run('genrsa', '-out', at('rsa-leaf.key'), '2048');
      run(
        'req',
        '-new',
        '-key',
        at('rsa-leaf.key'),
        '-out',
        at('rsa-leaf.csr'),
        '-subj',
        '/CN=Lê Thị Hoa',
        '-utf8',
      );
      run(
        'x509',
        '-req',
        '-in',
        at('rsa-leaf.csr'),
        '-CA',
        at('ec-ca.crt'),
        '-CAkey',
        at('ec-ca.key'),
        '-CAcreateserial',
        '-days',
        '30',
        '-out',
        at('rsa-leaf.crt'),
      );
      run(
        'pkcs12',
        '-export',
        '-inkey',
        at('rsa-leaf.key'),
        '-in',
        at('rsa-leaf.crt'),
        '-out',
        at('rsa-leaf.p12'),
        '-passout',
        'pass:x',
      );
      const signer = openP12(new Uint8Array(readFileSync(at('rsa-leaf.p12'))), 'x');
      expect(signer.subject).toBe('Lê Thị Hoa');
      const [sent] = await signer.certificates();
      const issued = new X509Certificate(readFileSync(at('rsa-leaf.crt')));
      expect(new X509Certificate(sent!).fingerprint256).toBe(issued.fingerprint256);
    });

    test('an ECDSA key is refused with a message that says so', () => {
      const { bytes } = exportP12(ca.ecdsa, 'ec', 'matkhau');
      expect(() => openP12(bytes, 'matkhau')).toThrow(/khóa ECDSA.*chỉ hỗ trợ khóa RSA/);
    });
  });
});
