// Send-MailMessage: submits a message to the tenant at the tenant clock's time.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { sendMessage } from '../../tenant/mail/send.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

export const SENT_MESSAGE_TYPE = 'Exosh.SentMessage';

export const sendMailMessageCmdlet = defineCmdlet({
  name: 'Send-MailMessage',
  module: EXCHANGE_MODULE,
  synopsis: "Sends a message through the tenant's mail flow (a user sending mail, or mail arriving from the internet).",
  description:
    "Submits a message at the tenant clock's time. -From is a mailbox the caller may send as (their own, one they have SendAs on, or a group they belong to, sent on its behalf), or an external address to simulate inbound internet mail. Each recipient gets a message trace row with its events. -Encryption, -FromIP and -PassThru are exosh additions; -SmtpServer, -Port and -UseSsl are accepted for pasted scripts and ignored: the tenant is the only mail server.",
  parameters: [
    { name: 'To', type: 'string[]', mandatory: true, position: 0, help: 'Recipients: SMTP addresses or tenant identities.' },
    { name: 'Subject', type: 'string', mandatory: true, position: 1, aliases: ['sub'], help: 'The subject of the message.' },
    { name: 'Body', type: 'string', position: 2, help: 'The body of the message.' },
    { name: 'SmtpServer', type: 'string', position: 3, aliases: ['ComputerName'], help: 'Accepted and ignored (the tenant is the mail server).' },
    { name: 'From', type: 'string', help: "The sender address (default: the caller's mailbox)." },
    { name: 'Cc', type: 'string[]', help: 'Carbon-copy recipients.' },
    { name: 'Bcc', type: 'string[]', help: 'Blind carbon-copy recipients: they get the message, but the other recipients do not see them.' },
    { name: 'BodyAsHtml', type: 'switch', aliases: ['BAH'], help: 'The body is HTML.' },
    { name: 'Encryption', type: { enum: ['None', 'OME', 'MIP'] }, help: 'OME encryption or a MIP label: such messages cannot be recalled.' },
    { name: 'FromIP', type: 'string', help: 'The source IP shown by message trace.' },
    { name: 'Port', type: 'int', help: 'Accepted and ignored.' },
    { name: 'UseSsl', type: 'switch', help: 'Accepted and ignored.' },
    { name: 'PassThru', type: 'switch', help: 'Returns the sent message (MessageId, MessageTraceId, Recipients...).' },
  ],
  examples: [
    { code: '$m = Send-MailMessage -To recipient1@contoso.com -Subject "Testing recall functionality" -PassThru', remarks: 'Sends a message and keeps its MessageId for a recall.' },
    { code: 'Send-MailMessage -From alerts@fabrikam.com -To recipient1@contoso.com -Subject "Hello" -FromIP 203.0.113.7', remarks: 'Simulates mail arriving from the internet.' },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const now = tenant.now();
    const caller = tenant.caller();
    const message = tenant.write((d) =>
      sendMessage(d, now, caller, {
        from: p.From,
        to: p.To,
        cc: p.Cc,
        bcc: p.Bcc,
        subject: p.Subject,
        body: p.Body ?? '',
        bodyIsHtml: p.BodyAsHtml === true,
        encryption: p.Encryption ?? 'None',
        fromIP: p.FromIP,
      }),
    );
    if (p.PassThru) {
      ctx.write(
        PSObject.from(
          {
            MessageId: message.messageId,
            MessageTraceId: message.messageTraceId,
            Subject: message.subject,
            From: message.from,
            Recipients: [...message.to, ...message.cc, ...message.bcc],
            Sent: new Date(message.submittedAt),
            Size: message.size,
            Encryption: message.encryption,
          },
          SENT_MESSAGE_TYPE,
        ),
      );
    }
  },
});

export const sendCmdlets = [sendMailMessageCmdlet];
