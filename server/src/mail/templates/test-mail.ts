import { renderMail, type RenderedMail } from './layout.js';

/** The admin console's "send a test mail": in both languages, since the reader's is not known. */
export function testMail(to: string, sentBy: string, from: string): RenderedMail {
  return renderMail({
    locale: 'en',
    subject: 'Deskside test mail / Deskside 测试邮件',
    paragraphs: [
      `This is a test mail from Deskside, sent by ${sentBy} to ${to} from ${from}. Mail from Deskside reaches this address.`,
      `这是 Deskside 的测试邮件，由 ${sentBy} 从 ${from} 发送至 ${to}。Deskside 的邮件可以送达此地址。`,
    ],
    footer: 'Deskside',
  });
}
