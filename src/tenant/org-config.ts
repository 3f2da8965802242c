// Organization configuration: the recall settings of Set-OrganizationConfig. A change is
// visible at once but takes effect for mail flow one hour later, as in Exchange Online, so
// every change is kept with the time it takes effect.

import { isoText } from './clock.js';
import { ORG_SETTING_NAMES, OrgSettingName, OrgSettings, TenantData } from './schema.js';

/** How long a setting change takes to reach mail flow. */
export const SETTING_PROPAGATION_MS = 60 * 60 * 1000;

export type SettingValue = boolean | string | null;

/** Applies changes; returns the names of the settings whose value actually changed. */
export function changeOrgSettings(data: TenantData, changes: Partial<Record<OrgSettingName, SettingValue>>, now: Date, by: string): OrgSettingName[] {
  const changed: OrgSettingName[] = [];
  const settings = data.organization.settings as unknown as Record<OrgSettingName, SettingValue>;
  for (const name of ORG_SETTING_NAMES) {
    if (!(name in changes)) continue;
    const value = changes[name] ?? null;
    if (settings[name] === value) continue;
    data.organization.settingChanges.push({
      setting: name,
      value,
      previous: settings[name],
      changedAt: isoText(now),
      effectiveAt: isoText(new Date(now.getTime() + SETTING_PROPAGATION_MS)),
      changedBy: by,
    });
    settings[name] = value;
    changed.push(name);
  }
  return changed;
}

/** The settings mail flow obeys at time `at` (null still means "default", which is on). */
export function settingsInForce(data: TenantData, at: Date): OrgSettings {
  const t = at.getTime();
  const result = { ...data.organization.settings } as unknown as Record<OrgSettingName, SettingValue>;
  for (const name of ORG_SETTING_NAMES) {
    const changes = data.organization.settingChanges.filter((c) => c.setting === name);
    if (changes.length === 0) continue;
    const effective = changes.filter((c) => Date.parse(c.effectiveAt) <= t);
    result[name] = effective.length ? effective[effective.length - 1].value : changes[0].previous;
  }
  return result as unknown as OrgSettings;
}

/** `$null` is the default and behaves as `$true`. */
export function isOn(value: boolean | null): boolean {
  return value !== false;
}

/** Changes not yet in force at `at`, for display. */
export function pendingChanges(data: TenantData, at: Date) {
  return data.organization.settingChanges.filter((c) => Date.parse(c.effectiveAt) > at.getTime());
}
