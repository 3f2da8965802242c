// Writes a large, realistic tenant store for scale tests and benchmarks of message trace:
//
//   npm run gen -- --messages N --recipients K [--out path] [--seed s] [--users U]
//                  [--domain contoso.com] [--days D] [--now 2023-08-15T09:00:00Z] [--force]
//
// N messages of K recipients each (a recipient may be a distribution group, which adds its
// Expanded row and a row per member), over the D days before --now (default 10): internal,
// outbound and inbound mail between many senders and domains, every trace status (Delivered,
// Failed, Pending, Expanded, Quarantined, FilteredAsSpam, GettingStatus), their events, and
// recalls (about 1 in 50 internal messages: Failed rows with a Drop event, Result:Success or
// Result:Failed). The same seed gives the same bytes.
//
// The tenant skeleton (organization, domains, admin, role groups) comes from `exosh init`, so it
// always matches the current schema; everything else is written directly as JSON (compact), in
// the store's schema (src/tenant/schema.ts, src/tenant/mail/model.ts). Event texts follow
// src/tenant/mail/trace-text.ts. Mailbox contents (data.mail.items) are not generated.
// Needs the build (`npm run build`).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  if (message) process.stderr.write(`generate: ${message}\n`);
  process.stderr.write('usage: npm run gen -- --messages N --recipients K [--out path] [--seed s] [--users U] [--domain contoso.com] [--days D] [--now ISO] [--force]\n');
  process.exit(2);
}

export function parseArgs(argv) {
  const o = { messages: 1000, recipients: 3, out: 'generated-tenant.json', seed: 'exosh', users: 500, domain: 'contoso.com', days: 10, now: '2023-08-15T09:00:00Z', force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case '--messages':
        o.messages = Number(value());
        break;
      case '--recipients':
        o.recipients = Number(value());
        break;
      case '--users':
        o.users = Number(value());
        break;
      case '--days':
        o.days = Number(value());
        break;
      case '--out':
        o.out = value();
        break;
      case '--seed':
        o.seed = value();
        break;
      case '--domain':
        o.domain = value().toLowerCase();
        break;
      case '--now':
        o.now = value();
        break;
      case '--force':
        o.force = true;
        break;
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown option '${a}'`);
    }
  }
  for (const k of ['messages', 'recipients', 'users', 'days']) {
    if (!Number.isInteger(o[k]) || o[k] < 1) usage(`--${k} must be a positive integer`);
  }
  if (isNaN(Date.parse(o.now))) usage(`--now '${o.now}' is not a date`);
  return o;
}

// ---------- deterministic randomness ----------

function seedOf(text) {
  const h = createHash('sha256').update(String(text)).digest();
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
}

/** sfc32: small, fast, good enough for test data. */
function rng(seed) {
  let [a, b, c, d] = seedOf(seed);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    hex: (n) => {
      let s = '';
      while (s.length < n)
        s += Math.floor(next() * 4294967296)
          .toString(16)
          .padStart(8, '0');
      return s.slice(0, n);
    },
  };
  r.guid = () => {
    const h = r.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return r;
}

// ---------- texts (as src/tenant/mail/trace-text.ts writes them) ----------

function mep(values) {
  return (
    '<root>' +
    Object.entries(values)
      .map(([k, v]) => `<MEP Name="${k}" String="${String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"/>`)
      .join('') +
    '</root>'
  );
}
const ev = (date, name, detail, data = {}, action = null) => ({ date, event: name, action, detail, data: mep(data) });
const texts = {
  receive: (server) => `Message received by: ${server}.namprd01.prod.outlook.com`,
  deliver: () => 'The message was successfully delivered.',
  send: (ip, domain) => `Message sent to ${ip} at ${domain} using TLS1.2 with AES256`,
  expand: (group, n) => `The message was sent to the distribution group ${group} and was distributed to its ${n} member${n === 1 ? '' : 's'}.`,
  notFound: (a) => `Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ${a} not found by SMTP address lookup};{MSG=};{FQDN=};{IP=};{LRT=}]`,
  defer: () => 'Reason: [{LED=432 4.2.1 STOREDRV.Deliver; mailbox temporarily unavailable};{MSG=};{FQDN=};{IP=};{LRT=}]. OutboundProxyTargetIP: . OutboundProxyTargetHostName: ',
  expired: () => 'Reason: [{LED=550 4.4.7 QUEUE.Expired; message expired};{MSG=};{FQDN=};{IP=};{LRT=}]',
  remoteFail: (domain) => `Reason: [{LED=550 5.4.1 Recipient address rejected: Access denied};{MSG=};{FQDN=mx.${domain}};{IP=};{LRT=}]`,
  transportRule: (name, guid) => `Transport rule: '${name}', ID: ('${guid}'), message was processed by the rule.`,
  spam: (scl) => `The message was marked as spam (SCL ${scl}) and delivered to the Junk Email folder.`,
  quarantine: () => 'The message was quarantined.',
  drop: (ok) => `Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:${ok ? 'Success' : 'Failed'}`,
};

const FIRST = [
  'adele',
  'alex',
  'allan',
  'ben',
  'carla',
  'chris',
  'dana',
  'diego',
  'emma',
  'fatima',
  'grace',
  'hiro',
  'ines',
  'isaiah',
  'jonas',
  'joni',
  'kai',
  'lee',
  'lidia',
  'lynne',
  'megan',
  'miriam',
  'nestor',
  'nora',
  'omar',
  'patti',
  'pradeep',
  'quinn',
  'raul',
  'sara',
  'tomas',
  'uma',
  'vera',
  'wei',
  'xavier',
  'yara',
  'zoe',
  'li',
  'anna',
  'paul',
];
const LAST = [
  'vance',
  'wilber',
  'deyoung',
  'smith',
  'garcia',
  'nguyen',
  'kim',
  'patel',
  'mueller',
  'rossi',
  'tanaka',
  'silva',
  'johansson',
  'novak',
  'dubois',
  'ivanova',
  'okafor',
  'haddad',
  'larsen',
  'moreau',
  'cohen',
  'singh',
  'lopez',
  'brown',
  'lee',
  'wright',
  'young',
  'hall',
  'king',
  'scott',
];
const EXTERNAL = [
  'fabrikam.com',
  'northwindtraders.com',
  'adatum.com',
  'litware.com',
  'tailspintoys.com',
  'wingtiptoys.com',
  'woodgrovebank.com',
  'proseware.com',
  'lucernepublishing.com',
  'margiestravel.com',
  'alpineskihouse.com',
  'blueyonderairlines.com',
  'cohowinery.com',
  'fourthcoffee.com',
  'graphicdesigninstitute.com',
  'humongousinsurance.com',
  'relecloud.com',
  'southridgevideo.com',
  'trey-research.net',
  'worldwideimporters.com',
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'example.org',
];
const TOPICS = [
  'Quarterly report',
  'Project Falcon status',
  'Invoice',
  'Meeting notes',
  'Budget review',
  'Travel plans',
  'Contract draft',
  'Welcome aboard',
  'Weekly sales figures',
  'Customer escalation',
  'Security update',
  'Lunch on Friday',
  'Design review',
  'Release checklist',
  'Purchase order',
  'Training schedule',
  'Partner proposal',
  'Newsletter',
  'Action items',
  'Shipping confirmation',
];
const SPAM = ['Cheap licences', 'You have won a prize', 'Limited offer: 90% off', 'Urgent: verify your account', 'Hot stock tip'];
const PREFIX = ['', '', '', 'RE: ', 'FW: ', 'RE: RE: '];

function ipFor(name) {
  const h = createHash('sha1').update(name.toLowerCase()).digest();
  return `${[40, 52, 104, 13][h[0] % 4]}.${(h[1] % 200) + 10}.${h[2]}.${(h[3] % 250) + 1}`;
}

function serverName(orgGuid) {
  const h = createHash('sha1').update(orgGuid).digest('hex').toUpperCase();
  return `SN6PR${h.slice(0, 2)}MB${parseInt(h.slice(2, 6), 16) % 10000}`.padEnd(14, '0');
}

function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The skeleton store from `exosh init` (organization, domains, admin, role groups). */
function skeleton(domain, now) {
  const bin = join(root, 'bin', 'exosh');
  if (!existsSync(join(root, 'dist', 'exosh.mjs'))) {
    process.stderr.write('generate: exosh is not built yet; run `npm run build` first\n');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'exosh-gen-'));
  try {
    const path = join(dir, 'skeleton.json');
    const r = spawnSync(process.execPath, [bin, '--now', now, 'init', path, '--domain', domain], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`exosh init failed (${r.status}): ${r.stderr}`);
    return JSON.parse(readFileSync(path, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collects what generate() produces in memory (for tests and small stores). */
export function memorySink() {
  const traces = [],
    messages = [];
  return {
    traces,
    messages,
    trace: (row) => {
      traces.push(row);
    },
    message: (m) => {
      messages.push(m);
    },
  };
}

/**
 * Generates the store. Trace rows and messages go to `sink` as they are made (so a large store
 * never sits in memory); the rest lands in the returned data, whose mail.traces and
 * mail.messages hold whatever the sink collected (empty for a file sink).
 */
export function generate(options, sink = memorySink(), base = skeleton(options.domain, options.now)) {
  const r = rng(options.seed);
  const data = base;
  const domain = options.domain;
  const nowMs = Date.parse(options.now);
  const created = iso(nowMs - 120 * 86_400_000);
  const orgGuid = data.organization.guid;
  const server = serverName(orgGuid);
  data.clock.pinned = iso(nowMs);

  // People: internal mailboxes (unique addresses), a few groups.
  const users = [];
  const taken = new Set(data.mailboxes.map((m) => m.primarySmtpAddress));
  for (let i = 0; users.length < options.users; i++) {
    const first = FIRST[i % FIRST.length],
      last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const round = Math.floor(i / (FIRST.length * LAST.length));
    const alias = `${first}.${last}${round ? round : ''}`;
    const address = `${alias}@${domain}`;
    if (taken.has(address)) continue;
    taken.add(address);
    const guid = r.guid();
    const name = `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}${round ? ' ' + round : ''}`;
    data.mailboxes.push({
      guid,
      name,
      alias,
      displayName: name,
      userPrincipalName: address,
      primarySmtpAddress: address,
      emailAddresses: [`SMTP:${address}`],
      type: 'UserMailbox',
      litigationHoldEnabled: false,
      forwardingSmtpAddress: null,
      deliverToMailboxAndForward: false,
      whenCreated: created,
    });
    users.push({ guid, address });
  }
  const groups = [];
  for (const name of ['sales', 'marketing', 'engineering', 'finance', 'allstaff', 'support']) {
    const size = Math.min(users.length, 3 + r.int(6));
    const members = [];
    while (members.length < size) {
      const u = r.pick(users);
      if (!members.includes(u)) members.push(u);
    }
    const address = `${name}@${domain}`;
    const guid = r.guid();
    data.groups.push({
      guid,
      name,
      alias: name,
      displayName: name,
      primarySmtpAddress: address,
      emailAddresses: [`SMTP:${address}`],
      members: members.map((m) => m.guid),
      managedBy: [],
      whenCreated: created,
    });
    groups.push({ address, members });
  }
  const quarantineRule = { guid: r.guid(), name: 'Quarantine invoices' };
  data.mail.transportRules.push({
    guid: quarantineRule.guid,
    name: quarantineRule.name,
    priority: 0,
    state: 'Enabled',
    subjectContainsWords: ['invoice'],
    from: [],
    setSCL: null,
    quarantine: true,
    whenCreated: created,
  });

  const externalSenders = [];
  for (let i = 0; i < Math.max(50, options.users); i++) externalSenders.push(`${r.pick(FIRST)}${r.pick(['', '.', '_'])}${r.pick(LAST)}@${r.pick(EXTERNAL)}`);

  const mail = data.mail;
  const counts = { messages: 0, traces: 0, events: 0 };
  const emitRow = (row) => {
    counts.traces++;
    counts.events += row.events.length;
    sink.trace(row);
  };
  sink.begin?.(data);
  const span = options.days * 86_400_000;
  let counter = 0;
  const newMessageId = (internal, senderDomain) => {
    counter++;
    return internal ? `<${server}${r.hex(24).toUpperCase()}@${server}.namprd01.prod.outlook.com>` : `<${r.hex(16)}.${counter}@${senderDomain}>`;
  };

  const rowFor = (msg, at, recipient, status, toIP) => ({
    messageId: msg.messageId,
    messageTraceId: msg.messageTraceId,
    received: at,
    senderAddress: msg.from,
    recipientAddress: recipient,
    subject: msg.subject,
    status,
    toIP,
    fromIP: msg.fromIP,
    size: msg.size,
    events: [ev(at, 'Receive', texts.receive(server), { ClientSubmitTime: at, ReturnPath: msg.from })],
  });

  const messageOf = (from, submittedBy, to, subject, at, kind = 'Normal', relatesTo = null, fromIP = null) => {
    const internal = from.endsWith(`@${domain}`);
    const msg = {
      messageId: newMessageId(internal, from.split('@')[1]),
      messageTraceId: r.guid(),
      kind,
      messageClass: kind === 'Recall' ? 'IPM.Outlook.Recall' : 'IPM.Note',
      subject,
      body: '',
      bodyIsHtml: false,
      from,
      submittedBy,
      to,
      cc: [],
      bcc: [],
      size: 4096 + r.int(kind === 'Recall' ? 512 : 250_000),
      submittedAt: at,
      encryption: 'None',
      fromIP: fromIP ?? (internal ? `2603:10b6:${r.hex(3)}:${r.int(99)}::${r.hex(2)}` : ipFor(from.split('@')[1])),
      relatesTo,
    };
    sink.message(msg);
    counts.messages++;
    return msg;
  };

  const deliverInternal = (msg, at, ms, address, inbound) => {
    const age = nowMs - ms;
    if (age < 10 * 60_000 && r.chance(0.5)) {
      emitRow(rowFor(msg, at, address, 'GettingStatus', null));
      return;
    }
    const row = rowFor(msg, at, address, 'Delivered', null);
    const later = iso(ms + 1000 + r.int(4000));
    const roll = r.next();
    if (inbound && /invoice/i.test(msg.subject)) {
      row.status = 'Quarantined';
      row.events.push(ev(at, 'Transport rule', texts.transportRule(quarantineRule.name, quarantineRule.guid), { RuleId: quarantineRule.guid }, 'Quarantine'));
      row.events.push(ev(at, 'Quarantine', texts.quarantine()));
      mail.quarantine.push({
        identity: `${msg.messageTraceId}\\${address}`,
        messageId: msg.messageId,
        recipient: address,
        senderAddress: msg.from,
        subject: msg.subject,
        receivedTime: at,
        quarantineTypes: 'TransportRule',
        released: false,
        releasedAt: null,
        expires: iso(ms + 30 * 86_400_000),
      });
    } else if (inbound && SPAM.includes(msg.subject)) {
      row.status = 'FilteredAsSpam';
      row.events.push(ev(later, 'Deliver', texts.spam(5 + r.int(4)), { DeliveryFolder: 'Junk Email', MailboxDatabaseName: 'NAMPR01DG001-db001' }));
    } else if (roll < 0.01) {
      row.events.push(ev(at, 'Defer', texts.defer()));
      if (age < 86_400_000) row.status = 'Pending';
      else {
        row.status = 'Failed';
        row.events.push(ev(iso(ms + 86_400_000), 'Fail', texts.expired()));
      }
    } else {
      row.events.push(ev(later, 'Deliver', texts.deliver(), { DeliveryFolder: 'Inbox', MailboxDatabaseName: 'NAMPR01DG001-db001' }));
    }
    emitRow(row);
  };

  for (let i = 0; i < options.messages; i++) {
    const ms = nowMs - 60_000 - Math.floor(r.next() * span);
    const at = iso(ms);
    const kind = r.next();
    const inbound = kind < 0.3;
    const outboundMix = kind >= 0.3 && kind < 0.55;
    const sender = inbound ? r.pick(externalSenders) : r.pick(users);
    const from = inbound ? sender : sender.address;
    const subject = inbound && r.chance(0.06) ? r.pick(SPAM) : `${r.pick(PREFIX)}${r.pick(TOPICS)}${r.chance(0.3) ? ' ' + (1000 + r.int(9000)) : ''}`;
    // recipients
    const to = [];
    const seen = new Set([from]);
    let guard = 0;
    while (to.length < options.recipients && guard++ < options.recipients * 10) {
      let address;
      const pickKind = r.next();
      if (outboundMix && pickKind < 0.6) address = `${r.pick(FIRST)}.${r.pick(LAST)}@${r.pick(EXTERNAL)}`;
      else if (!inbound && pickKind > 0.97) address = r.pick(groups).address;
      else if (pickKind > 0.99) address = `former.employee${r.int(100)}@${domain}`;
      else address = r.pick(users).address;
      if (seen.has(address)) continue;
      seen.add(address);
      to.push(address);
    }
    const msg = messageOf(from, inbound ? null : sender.guid, to, subject, at);
    const routed = new Set();
    for (const address of to) {
      if (!address.endsWith(`@${domain}`)) {
        const recipientDomain = address.split('@')[1];
        const ip = ipFor(recipientDomain);
        const row = rowFor(msg, at, address, 'Delivered', ip);
        if (r.chance(0.03)) {
          row.status = 'Failed';
          row.events.push(ev(iso(ms + 2000), 'Fail', texts.remoteFail(recipientDomain)));
        } else row.events.push(ev(iso(ms + 1000 + r.int(3000)), 'Send', texts.send(ip, recipientDomain), { RecipientDomain: recipientDomain }));
        emitRow(row);
        continue;
      }
      const group = groups.find((g) => g.address === address);
      if (group) {
        const row = rowFor(msg, at, address, 'Expanded', null);
        row.events.push(ev(at, 'Expand', texts.expand(address, group.members.length)));
        emitRow(row);
        for (const m of group.members) {
          if (routed.has(m.address) || to.includes(m.address) || m.address === from) continue;
          routed.add(m.address);
          deliverInternal(msg, at, ms, m.address, inbound);
        }
        continue;
      }
      if (address.startsWith('former.employee')) {
        const row = rowFor(msg, at, address, 'Failed', null);
        row.events.push(ev(at, 'Fail', texts.notFound(address)));
        emitRow(row);
        continue;
      }
      if (routed.has(address)) continue;
      routed.add(address);
      deliverInternal(msg, at, ms, address, inbound);
    }

    // About 1 in 50 internal messages is recalled within the hour.
    if (!inbound && !outboundMix && r.chance(0.02)) {
      const recallMs = Math.min(nowMs - 1000, ms + 60_000 + r.int(3_600_000));
      const rat = iso(recallMs);
      const recall = messageOf(from, sender.guid, to, `Recall: ${subject}`, rat, 'Recall', msg.messageId, msg.fromIP);
      const results = [];
      for (const address of to) {
        const row = rowFor(recall, rat, address, 'Failed', null);
        const ok = r.chance(0.8);
        row.events.push(ev(rat, 'Drop', texts.drop(ok), { AgentName: 'Transport Message Recall Agent', Stage: 'OnPromotedEvent' }));
        emitRow(row);
        results.push({
          recipient: address,
          status: ok ? 'Succeeded' : 'Failed',
          reason: ok ? 'The message was deleted from the mailbox.' : 'The message was already read, and recalling read messages is turned off (RecallReadMessagesEnabled).',
          completedAt: rat,
        });
      }
      mail.recalls.push({
        recallId: r.guid(),
        messageId: msg.messageId,
        recallMessageId: recall.messageId,
        mailbox: sender.guid,
        requestedBy: sender.guid,
        attemptedAt: rat,
        mode: 'Cloud',
        replaceSubject: null,
        replaceBody: null,
        replacementMessageId: null,
        results,
        reportMessageId: null,
      });
    }
  }
  mail.counter = counter;
  mail.traces = sink.traces ?? [];
  mail.messages = sink.messages ?? [];
  return { data, counts };
}

/**
 * A sink that streams the store's JSON into a file as it is generated: everything up to
 * `"mail":{"traces":[` as soon as the directory part exists, then each trace row, then the
 * rest of data.mail (messages, kept as JSON text until then, recalls, quarantine, ...).
 */
function fileSink(fd) {
  let chunks = [],
    size = 0,
    firstRow = true;
  const messages = [];
  const write = (text) => {
    chunks.push(text);
    size += text.length;
    if (size > 1 << 22) flush();
  };
  const flush = () => {
    if (chunks.length) {
      writeSync(fd, chunks.join(''));
      chunks = [];
      size = 0;
    }
  };
  return {
    begin(data) {
      const { mail, ...rest } = data;
      const text = JSON.stringify({ ...rest, mail: { traces: '@@TRACES@@' } });
      write(text.slice(0, text.indexOf('"@@TRACES@@"')) + '[');
    },
    trace(row) {
      write((firstRow ? '' : ',') + JSON.stringify(row));
      firstRow = false;
    },
    message(msg) {
      messages.push(JSON.stringify(msg));
    },
    end(data) {
      const { traces, messages: _, ...rest } = data.mail;
      const text = JSON.stringify({ messages: '@@MESSAGES@@', ...rest });
      const at = text.indexOf('"@@MESSAGES@@"');
      write('],' + text.slice(1, at) + '[');
      for (let i = 0; i < messages.length; i++) write((i ? ',' : '') + messages[i]);
      write(']' + text.slice(at + '"@@MESSAGES@@"'.length) + '}\n');
      flush();
    },
  };
}

/** Writes the store to `out` (through a temporary file, then a rename). */
export function writeStore(options, out) {
  const temp = `${out}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const sink = fileSink(fd);
    const result = generate(options, sink);
    sink.end(result.data);
    closeSync(fd);
    renameSync(temp, out);
    return result;
  } catch (e) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const out = resolve(options.out);
  if (existsSync(out) && !options.force) usage(`'${out}' exists; pass --force to replace it`);
  const started = Date.now();
  const { data, counts } = writeStore(options, out);
  process.stdout.write(
    `wrote ${out}: ${counts.messages} messages, ${counts.traces} trace rows, ${counts.events} events, ${data.mail.recalls.length} recalls, ${data.mailboxes.length} mailboxes; clock pinned at ${options.now} (${Date.now() - started} ms)\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
