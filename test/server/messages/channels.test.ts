// The channels against real counterparts: email through a real SMTP server (smtp-server on a
// local port), SMS/Zalo through a local HTTP gateway double. What arrives is read back as a mail
// client reads it (mailparser).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  emailChannel,
  openChannels,
  smsChannel,
  type Channel,
  type Sendable,
} from '../../../server/messages/channels.ts';
import { freePort } from '../../support/postgres-server.ts';
import { startSmtpServer, type SmtpServer } from '../../support/smtp-server.ts';

const message = (over: Partial<Sendable> = {}): Sendable => ({
  id: 'm1',
  address: 'vanthu.syt@nghean.gov.vn',
  subject: '[Nhắc hạn] Báo cáo sơ kết 01 năm — hạn 17:00 ngày 05/01/2027',
  text: 'Kính gửi: Sở Y tế tỉnh Nghệ An,\n\nĐơn vị chưa gửi báo cáo. Hạn gửi: 17:00 ngày 05/01/2027.',
  html: null,
  messageId: '<0f4c2d1e-nhac-han@skhcn.nghean.gov.vn>',
  requestId: 'req-1',
  attachLetter: false,
  ...over,
});

describe('email through a real SMTP server', () => {
  let smtp: SmtpServer;
  let channel: Channel;
  const letters: string[] = [];
  beforeAll(async () => {
    smtp = await startSmtpServer();
    channel = emailChannel(
      { smtpUrl: smtp.url, from: 'Sở KH&CN Nghệ An <baocao@skhcn.nghean.gov.vn>' },
      {
        letterFor: async (requestId) => {
          letters.push(requestId);
          return {
            filename: 'Công văn đôn đốc.docx',
            content: Buffer.from('PK\u0003\u0004 giả lập'),
          };
        },
      },
    );
  });
  afterAll(async () => {
    channel.close();
    await smtp.stop();
  });

  test('the subject is UTF-8 encoded on the wire and reads back as written; the Message-ID is ours', async () => {
    expect(await channel.send(message())).toEqual({ ok: true });
    const [got] = smtp.received;
    expect(got!.subject).toBe('[Nhắc hạn] Báo cáo sơ kết 01 năm — hạn 17:00 ngày 05/01/2027');
    expect(got!.rawSubject).toMatch(/^=\?UTF-8\?[QB]\?/i);
    expect(got!.rawSubject).not.toMatch(/[^\x20-\x7e]/);
    expect(got!.text.trim()).toBe(message().text);
    expect(got!.messageId).toBe('<0f4c2d1e-nhac-han@skhcn.nghean.gov.vn>');
    expect(got!.to).toEqual(['vanthu.syt@nghean.gov.vn']);
    expect(got!.mail.from?.value[0]).toEqual({
      address: 'baocao@skhcn.nghean.gov.vn',
      name: 'Sở KH&CN Nghệ An',
    });
    expect(got!.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(got!.mail.attachments).toEqual([]);
  });

  test('a retry carries the same Message-ID; the letter goes along when asked, made once', async () => {
    smtp.received.length = 0;
    const m = message({ attachLetter: true });
    await channel.send(m);
    await channel.send({ ...m, address: 'canbo.syt@nghean.gov.vn' });
    expect(smtp.received.map((r) => r.messageId)).toEqual([m.messageId, m.messageId]);
    const [a] = smtp.received[0]!.mail.attachments;
    expect(a!.filename).toBe('Công văn đôn đốc.docx');
    expect(a!.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(a!.content.toString()).toBe('PK\u0003\u0004 giả lập');
    expect(letters).toEqual(['req-1']);
  });

  test("a refusal is told with the relay's own answer", async () => {
    smtp.refuse = { code: 451, text: '4.3.0 Mailbox temporarily unavailable, try again later' };
    try {
      expect(await channel.send(message())).toEqual({
        error: `Máy chủ thư 127.0.0.1:${smtp.port} từ chối thư: 451 4.3.0 Mailbox temporarily unavailable, try again later`,
        permanent: false,
      });
    } finally {
      smtp.refuse = null;
    }
  });

  test('a relay that is down is told as such, and the next send goes through once it is back', async () => {
    await smtp.stop();
    const down = await channel.send(message());
    expect(down).toMatchObject({
      error: expect.stringMatching(
        new RegExp(`^Không kết nối được máy chủ thư 127\\.0\\.0\\.1:${smtp.port}: .*ECONNREFUSED`),
      ) as unknown,
    });
    await smtp.start();
    smtp.received.length = 0;
    expect(await channel.send(message())).toEqual({ ok: true });
    expect(smtp.received).toHaveLength(1);
  });
});

describe('SMS/Zalo through a local gateway double', () => {
  let gateway: http.Server;
  let url: string;
  const posts: { contentType: string | undefined; body: unknown }[] = [];
  let answer = 200;
  beforeAll(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        posts.push({ contentType: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(answer, { 'content-type': 'application/json' });
        res.end(answer === 200 ? '{"status":"queued"}' : '{"error":"Hết hạn mức gửi trong ngày"}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

  test('posts {to, text} as UTF-8 JSON, with the message id for the gateway to drop repeats', async () => {
    const sms = smsChannel(url);
    const text = '[Nhắc hạn] UBND xã Bình Thới chưa gửi báo cáo; hạn 17:00 ngày 05/01/2027.';
    expect(await sms.send(message({ address: '0912 345 678', text }))).toEqual({ ok: true });
    expect(posts).toEqual([
      {
        contentType: 'application/json; charset=utf-8',
        body: { to: '0912 345 678', text, id: message().messageId },
      },
    ]);
  });

  test("a gateway's refusal and a gateway that is gone are told", async () => {
    answer = 503;
    expect(await smsChannel(url).send(message())).toEqual({
      error: 'Cổng SMS/Zalo trả lời 503: {"error":"Hết hạn mức gửi trong ngày"}',
      permanent: false,
    });
    answer = 200;
    const port = await freePort(); // nobody listens there
    const gone = await smsChannel(`http://127.0.0.1:${port}/sms`).send(message());
    expect(gone).toEqual({
      error: `Không kết nối được cổng SMS/Zalo (127.0.0.1:${port}): ECONNREFUSED`,
    });
  });
});

test('nothing configured, no channel: no email, no SMS', () => {
  expect(openChannels({ email: null, smsWebhookUrl: null, publicUrl: null })).toEqual({});
  const both = openChannels({
    email: { smtpUrl: 'smtp://127.0.0.1:1', from: 'a@b.vn' },
    smsWebhookUrl: 'http://127.0.0.1:1/sms',
    publicUrl: null,
  });
  expect(Object.keys(both).sort()).toEqual(['EMAIL', 'SMS']);
  for (const c of Object.values(both)) c.close();
});
