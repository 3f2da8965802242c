// The tenant as the cmdlets see it: one store, the tenant clock, and the caller's identity.
// Reads and writes go through here so that every change marks the store for commit.

import { isoText, readClock, type ClockReading } from './clock.js';
import { TenantError } from './errors.js';
import { deterministicGuid } from './ids.js';
import { canRun, DEFAULT_ROLE_GROUPS } from './rbac.js';
import { resolveMailbox } from './recipients.js';
import { SCHEMA_VERSION, type Mailbox, type TenantData } from './schema.js';
import { emptyMailData } from './mail/model.js';
import { runDueEvents } from './mail/clockwork.js';
import { historicalReportPath, prepareReportsFolder, settleHistoricalSearches, statusOf, writeReportFile } from './trace/historical.js';
import type { TenantStore } from './store.js';

export interface TenantOptions {
  /** --now / EXOSH_NOW: overrides the store's clock. */
  clockOverride?: Date;
  /** --as / EXOSH_USER: the caller's UPN or any identity of a mailbox. */
  callerIdentity?: string;
}

export class Tenant {
  private callerIdentity?: string;
  /** For each loaded snapshot, the tenant time up to which due events have run. */
  private readonly advanced = new WeakMap<TenantData, number>();

  constructor(
    readonly store: TenantStore,
    private readonly options: TenantOptions = {},
  ) {
    this.callerIdentity = options.callerIdentity;
  }

  /**
   * The data for the current unit of work (locks and loads on first use). Whatever fell due
   * in tenant time since (deferred deliveries, recall retries and reports) runs first.
   */
  read(): TenantData {
    const data = this.store.data();
    const now = readClock(data, this.options.clockOverride).now.getTime();
    const last = this.advanced.get(data);
    if (last === undefined || now > last) {
      if (runDueEvents(data, new Date(now))) this.store.touch();
      this.settleHistoricalSearches(data, new Date(now));
    }
    // Remember the time even when the clock moved back (Set-TenantClock -Now earlier), so
    // that moving it forward again runs what falls due; not when settling failed, so that
    // every later read fails the same way rather than show searches Done without reports.
    this.advanced.set(data, now);
    return data;
  }

  /** Historical searches done by now: notifications go out, and their CSV reports are written beside the store on commit. */
  private settleHistoricalSearches(data: TenantData, now: Date): void {
    if (!data.mail.historicalSearches?.some((s) => !s.completedAt && statusOf(s, now) === 'Done')) return;
    prepareReportsFolder(this.store.path); // before any search is marked Done
    const reports = settleHistoricalSearches(data, now);
    if (reports.length === 0) return;
    this.store.touch();
    this.store.afterCommit(() => {
      for (const r of reports) writeReportFile(historicalReportPath(this.store.path, r.search.jobId), r.csv);
    });
  }

  /** Runs a change and marks the store for writing at commit. */
  write<T>(change: (data: TenantData) => T): T {
    const data = this.store.data();
    const result = change(data);
    this.store.touch();
    return result;
  }

  clock(): ClockReading {
    return readClock(this.store.isLoaded || this.store.exists() ? this.read() : undefined, this.options.clockOverride);
  }

  now(): Date {
    return this.clock().now;
  }

  get hasClockOverride(): boolean {
    return this.options.clockOverride !== undefined;
  }

  /** Connect-ExchangeOnline -UserPrincipalName: the caller for the rest of the session. */
  connect(identity: string): Mailbox {
    const mailbox = resolveMailbox(this.read(), identity);
    this.callerIdentity = mailbox.userPrincipalName;
    return mailbox;
  }

  /** Disconnect-ExchangeOnline: back to the caller exosh started with (--as, or the default admin). */
  disconnect(): void {
    this.callerIdentity = this.options.callerIdentity;
  }

  /** The caller's mailbox: --as, Connect-ExchangeOnline, or the first Organization Management member. */
  caller(): Mailbox {
    const data = this.read();
    if (this.callerIdentity) {
      try {
        return resolveMailbox(data, this.callerIdentity);
      } catch {
        throw new TenantError(
          `The user '${this.callerIdentity}' isn't a user of the tenant '${data.organization.name}'. Use --as (or EXOSH_USER) with the UserPrincipalName of one of its mailboxes.`,
          'PermissionDenied',
          'UnknownCaller',
          'UnauthorizedAccessException',
        );
      }
    }
    const admins = data.roleGroups.find((g) => g.name === 'Organization Management')?.members ?? [];
    const admin = data.mailboxes.find((m) => admins.includes(m.guid));
    if (!admin)
      throw new TenantError(
        `The tenant '${data.organization.name}' has no member of Organization Management; run exosh with --as <UPN>.`,
        'PermissionDenied',
        'NoDefaultCaller',
        'UnauthorizedAccessException',
      );
    return admin;
  }

  /** Whether the caller's role groups grant the cmdlet. */
  allows(cmdlet: string): boolean {
    const data = this.read();
    return canRun(data, this.caller().guid, cmdlet);
  }
}

/** A new tenant for `exosh init`: one accepted domain and one admin in Organization Management. */
export function emptyTenant(domain: string, now: Date): TenantData {
  const d = domain.toLowerCase();
  const orgName = `${d.split('.')[0]}.onmicrosoft.com`;
  const orgGuid = deterministicGuid('exosh-tenant', d);
  const created = isoText(now);
  const adminGuid = deterministicGuid(orgGuid, 'mailbox:admin:0');
  const data: TenantData = {
    schemaVersion: SCHEMA_VERSION,
    organization: {
      name: orgName,
      displayName: d.split('.')[0],
      guid: orgGuid,
      whenCreated: created,
      settings: {
        MessageRecallEnabled: null,
        RecallReadMessagesEnabled: null,
        MessageRecallAlertRecipientsEnabled: null,
        MessageRecallAlertRecipientsReadMessagesOnlyEnabled: null,
        MessageRecallMaxRecallableAge: null,
      },
      settingChanges: [],
    },
    clock: { pinned: null },
    acceptedDomains: [
      { guid: deterministicGuid(orgGuid, `domain:${d}`), name: d, domainName: d, domainType: 'Authoritative', isDefault: true, initial: false, whenCreated: created },
      { guid: deterministicGuid(orgGuid, `domain:${orgName}`), name: orgName, domainName: orgName, domainType: 'Authoritative', isDefault: false, initial: true, whenCreated: created },
    ],
    mailboxes: [
      {
        guid: adminGuid,
        name: 'admin',
        alias: 'admin',
        displayName: 'Administrator',
        userPrincipalName: `admin@${d}`,
        primarySmtpAddress: `admin@${d}`,
        emailAddresses: [`SMTP:admin@${d}`],
        type: 'UserMailbox',
        litigationHoldEnabled: false,
        forwardingSmtpAddress: null,
        deliverToMailboxAndForward: false,
        whenCreated: created,
      },
    ],
    groups: [],
    contacts: [],
    permissions: [],
    inboxRules: [],
    roleGroups: DEFAULT_ROLE_GROUPS.map((g) => ({
      guid: deterministicGuid(orgGuid, `rolegroup:${g.name}`),
      name: g.name,
      description: g.description,
      roles: [...g.roles],
      members: g.name === 'Organization Management' ? [adminGuid] : [],
    })),
    mail: emptyMailData(),
  };
  return data;
}
