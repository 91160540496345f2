/**
 * Lines where mail programs start quoting the message being answered. Everything from the first one
 * on is the earlier conversation, already on the ticket. Gmail/Apple/Thunderbird ("On … wrote:"),
 * Outlook ("-----Original Message-----", a "From:" header block), their Chinese versions
 * ("在 … 写道：", "发件人:"), and the separators our own mail puts above the quote.
 */
const QUOTE_STARTS: readonly RegExp[] = [
  /^-{2,}\s*(original message|forwarded message|原始邮件|原始郵件)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^on\b.{0,300}\bwrote:\s*$/i,
  /^am\b.{0,300}\bschrieb\s.{0,100}:\s*$/i,
  /^在.{0,300}写道[:：]\s*$/,
  /^-{2,}\s*reply above this line\s*-{2,}\s*$/i,
  /^-{2,}\s*请在此行上方回复\s*-{2,}\s*$/,
];

/** Outlook's header block above the quote: "From: …" followed by "Sent: …" (or its Chinese form). */
const HEADER_FROM = /^\*?(from|发件人|寄件者)\s*[:：]/i;
const HEADER_NEXT = /^\*?(sent|date|to|发送时间|日期|收件人)\s*[:：]/i;

/** The two-line "On <date>, <name>\n<address> wrote:" that Gmail wraps. */
const WRAPPED_WROTE = /^on\b.{0,300}$/i;

/**
 * The new part of a reply: the text above the quoted earlier message, without trailing `>` lines.
 * When nothing would be left (a reply written below the quote, or only a quote), the whole text
 * stays: losing what someone wrote is worse than repeating what they quoted.
 */
export function trimQuotedReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (QUOTE_STARTS.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 3).some((l) => HEADER_NEXT.test(l.trim()))) {
      cut = i;
      break;
    }
    if (WRAPPED_WROTE.test(line) && /\bwrote:\s*$/i.test((lines[i + 1] ?? '').trim())) {
      cut = i;
      break;
    }
    // A block of `>` lines after what the person wrote is the quote, even without an attribution line.
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      cut = i;
      break;
    }
  }
  const fresh = lines.slice(0, cut).join('\n').trim();
  return fresh === '' ? body.trim() : fresh;
}
